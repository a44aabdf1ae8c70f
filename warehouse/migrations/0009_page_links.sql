-- 0009: a page's links one row each (raw_page_link) instead of a JSON list in raw_page_fetch. The list was most of
-- that table's bytes (31 MB for the crawl bench's 5,900 pages), and a load that appended to the table's last row
-- group rewrote all of it at the checkpoint: 0.7 of the 1.0 s a scheduled re-crawl's load took, for 5,900 fresh
-- pages that bring no links at all. The landing record keeps its `outlinks` list; the loader splits it.
create table raw_page_link (
    _run_id       VARCHAR,
    _loaded_at    TIMESTAMP DEFAULT current_timestamp,
    canonical_url VARCHAR,  -- the page: its page_fetch's canonical_url
    position      INTEGER,  -- the link's place in the page's outlinks, from 1
    url           VARCHAR,
    page_type     VARCHAR
);

insert into raw_page_link (_run_id, _loaded_at, canonical_url, position, url, page_type)
select _run_id, _loaded_at, canonical_url, position, link.url, link.page_type
from (
    select _run_id, _loaded_at, canonical_url, unnest(range(1, len(links) + 1)) as position, unnest(links) as link
    from (
        select _run_id, _loaded_at, canonical_url,
               from_json(outlinks, '[{"url": "VARCHAR", "page_type": "VARCHAR"}]') as links
        from raw_page_fetch
    )
    where len(links) > 0
);

alter table raw_page_fetch drop column outlinks;
