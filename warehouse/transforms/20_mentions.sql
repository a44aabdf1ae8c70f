-- Every record that denotes a work is a mention, keyed by the page it is on and its place there.
-- A mention seen in several runs is one mention: values from its latest fetch, first and last run kept.
create or replace temp table mention_rows as
select canonical_url || '#paper' as mkey, 'pith_paper' as mkind, _run_id as run_id, fetched_at, canonical_url as source_url,
       arxiv_id as arxiv, null::varchar as doi, pith_short as pith, null::varchar as pith_number, null::varchar as hub,
       null::varchar as resource, null::varchar as url, null::varchar as summary, title, authors,
       coalesce(try_cast(left(submitted, 4) as integer), arxiv_year(arxiv_id)) as year, 'paper' as work_type, 1 as rank,
       abstract, categories, pith as pith_sentence, core_claim, reviewed_at, review_model, cited_by_count
from raw_pith_paper
union all
select canonical_url || '#pithnumber', 'pith_number', _run_id, fetched_at, canonical_url, arxiv_id, null, null,
       pith_id, null, null, null, null, title, authors, coalesce(year, arxiv_year(arxiv_id)), 'paper', 2,
       abstract, categories, null, null, null, null, cited_by_count
from raw_pith_number
union all
select 'hub:' || coalesce(hub_uuid, canonical_url), 'pith_hub', _run_id, fetched_at, canonical_url, null, null, null,
       null, hub_uuid, null, null, null, title, authors, null, 'paper', 3, abstract, null, null, null, null, null, null
from raw_pith_hub
union all
select canonical_url || '#ref' || index, 'reference', _run_id, fetched_at, canonical_url,
       coalesce(arxiv_id, doi_arxiv(doi)), case when doi_arxiv(doi) is null then doi end, cited_pith, null, cited_hub,
       null, null, null, title, authors, year, 'paper', 4, null, null, null, null, null, null, null
from raw_reference
union all
select canonical_url || '#fwd' || position, 'forward_citation', _run_id, fetched_at, canonical_url, citing_arxiv,
       null, null, null, null, null, null, summary, title, [], null, 'paper', 5, null, null, null, null, null, null, null
from raw_forward_citation
union all
select canonical_url || '#' || section || position, 'hub_' || section, _run_id, fetched_at, canonical_url,
       citing_arxiv, null, citing_pith, null, null, null, null, summary, title, [], null, 'paper', 5,
       null, null, null, null, null, null, null
from raw_hub_citation
union all
select canonical_url || '#ann' || position, 'wiki_annotation', _run_id, fetched_at, canonical_url, arxiv_of_url(url),
       doi_of_url(url), null, null, null, resource_id, url_key(url), null, title, authors, year,
       coalesce(resource_type, 'web'), 6, null, null, null, null, null, null, null
from raw_wiki_annotation
union all
select canonical_url || '#wref' || number, 'wiki_reference', _run_id, fetched_at, canonical_url, arxiv_of_url(url),
       doi_of_url(url), null, null, null, resource_id, url_key(url), null, title,
       case when author is null then [] else [author] end, year, coalesce(resource_type, 'web'), 6,
       null, null, null, null, null, null, null
from raw_wiki_reference;

-- The latest row of each mention is picked on narrow columns first (a window over the wide rows would sort them all).
create or replace temp table mention_pick as
select row_number() over (order by mkey) as mid, * from (
    select mkey, arg_max(rowid, fetched_at || '|' || run_id) as row_id, min(run_id) as first_run,
           max(run_id) as last_run
    from mention_rows group by mkey);

create or replace temp table mentions as
select p.mid, r.* exclude (run_id), p.first_run, p.last_run, title_key(r.title) as tkey, author_key(r.authors) as akey
from mention_rows r join mention_pick p on p.row_id = r.rowid;
