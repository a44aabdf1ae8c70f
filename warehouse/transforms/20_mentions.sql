-- Every record that denotes a work is a mention, keyed by the page it is on, its kind and its place there.
-- A mention seen in several runs is one mention: values from its latest fetch, first and last run kept.
--
-- Resolution works on narrow integer-keyed rows: a mention id (mid) packs the page's number (pages in key
-- order), the mention kind's code and the position, so it is the same whatever order runs were loaded in,
-- and joins and sorts never touch the long "<url>#ref12" strings. Those strings are built once, for the
-- output tables. Wide values (titles, authors, abstracts) stay in the raw tables and are fetched by row id
-- for the few mentions a paper takes them from.

-- Run ids in id order; mentions carry their number.
create or replace temp table run_order as
select run_id, row_number() over (order by run_id)::integer as run_no
from (select run_id from crawl_runs
      union select _run_id from raw_pith_paper union select _run_id from raw_pith_number
      union select _run_id from raw_pith_hub union select _run_id from raw_reference
      union select _run_id from raw_forward_citation union select _run_id from raw_hub_citation
      union select _run_id from raw_wiki_annotation union select _run_id from raw_wiki_reference);

-- Page keys (URLs, and hub:<uuid> for hubs: one hub whatever URL it was fetched at), numbered in key order.
create or replace temp table pages as
select key, row_number() over (order by key) as page_no from (
    select canonical_url as key from raw_pith_paper union select canonical_url from raw_pith_number
    union select canonical_url from raw_pith_hub union select 'hub:' || coalesce(hub_uuid, canonical_url) from raw_pith_hub
    union select canonical_url from raw_reference union select canonical_url from raw_forward_citation
    union select canonical_url from raw_hub_citation union select canonical_url from raw_wiki_annotation
    union select canonical_url from raw_wiki_reference)
where key is not null;

-- Kind codes (mid bits 20-23), names, ranks (lower = better source for a paper's values) and key suffixes are
-- the table mention_kinds (migration 0005). Pages and runs are kept as numbered, for the mention-level views.
delete from resolved_pages;
insert into resolved_pages select page_no, key from pages;
delete from resolved_runs;
insert into resolved_runs select run_no, run_id from run_order;

-- Every raw row that denotes a work, in one shape: kind code, row id, page key (hubs: hub:<uuid>, one hub
-- whatever URL it was fetched at), position, run, identifiers, title, authors, year, work type.
create or replace temp view mention_values as
    select 1 as kcode, rowid as row_id, canonical_url as kpage, 0::bigint as pos, _run_id, fetched_at,
           arxiv_id as arxiv, null::varchar as doi, pith_short as pith,
           null::varchar as pith_number, null::varchar as hub, null::varchar as resource, null::varchar as url,
           null::varchar as sumkey, title, authors,
           coalesce(try_cast(left(submitted, 4) as integer), arxiv_year(arxiv_id)) as year, 'paper' as work_type
    from raw_pith_paper
    union all
    select 2, rowid, canonical_url, 0, _run_id, fetched_at, arxiv_id, null, null, pith_id, null, null, null, null, title, authors,
           coalesce(year, arxiv_year(arxiv_id)), 'paper'
    from raw_pith_number
    union all
    select 3, rowid, 'hub:' || coalesce(hub_uuid, canonical_url), 0, _run_id, fetched_at, null, null, null, null, hub_uuid, null,
           null, null, title, authors, null, 'paper'
    from raw_pith_hub
    union all
    select 4, rowid, canonical_url, index, _run_id, fetched_at, coalesce(arxiv_id, doi_arxiv(doi)),
           case when doi_arxiv(doi) is null then doi end, cited_pith, null,
           cited_hub, null, null, null, title, authors, year, 'paper'
    from raw_reference
    union all
    select 5, rowid, canonical_url, position, _run_id, fetched_at, citing_arxiv, null, null, null, null, null, null,
           md5(lower(trim(summary))), title, [], null, 'paper'
    from raw_forward_citation
    union all
    select case section when 'explorer' then 6 else 7 end, rowid, canonical_url, position, _run_id, fetched_at, citing_arxiv, null,
           citing_pith, null, null, null, null,
           md5(lower(trim(summary))), title, [], null, 'paper'
    from raw_hub_citation
    union all
    select 8, rowid, canonical_url, position, _run_id, fetched_at, arxiv_of_url(url), doi_of_url(url), null, null, null, resource_id,
           url_key(url), null, title, authors,
           year, coalesce(resource_type, 'web')
    from raw_wiki_annotation
    union all
    select 9, rowid, canonical_url, number, _run_id, fetched_at, arxiv_of_url(url), doi_of_url(url), null, null, null, resource_id,
           url_key(url), null, title,
           case when author is null then [] else [author] end, year, coalesce(resource_type, 'web')
    from raw_wiki_reference;

-- The latest row of each mention (latest run: run ids sort by start time; then latest fetch, then last landed).
-- A page's records land together, one batch per fetch, so a page fetched once gives all its rows as they are;
-- only pages fetched more than once (re-crawls, or a hub reached at two URLs in one run) need a per-mention pick.
-- Mentions are then one scan of the raw rows, with a join to the (small) page and run lists only: joining tens of
-- millions of picked ids back to the wide raw rows is what did not fit. (min <> max: no per-page distinct state.)
create or replace temp table page_versions as
select kpage from mention_values group by kpage
having min(_run_id) <> max(_run_id) or min(fetched_at) <> max(fetched_at);

create or replace temp table repicks as
select (k.page_no << 24) | (s.kcode::bigint << 20) | s.pos as mid,
       max({'run': o.run_no, 'fetched': s.fetched_at, 'row': s.row_id}).row as row_id,
       min(o.run_no) as first_run, max(o.run_no) as last_run
from mention_values s
semi join page_versions v on v.kpage = s.kpage
join pages k on k.key = s.kpage
join run_order o on o.run_id = s._run_id
where s.pos between 0 and 1048575
group by all;

-- Small lookup lists (run ids, kind names, key suffixes, edge sources) are variables: a mention's strings are
-- built by list position instead of by hash joins that would carry strings for every mention. (Page keys are
-- joined: indexing a list of millions of pages costs more than the join.)
set variable runs = (select list(run_id order by run_no) from run_order);
set variable kinds = (select list(mkind order by kcode) from mention_kinds);
set variable suffixes = (select list(suffix order by kcode) from mention_kinds);
set variable sources = (select list(source order by code) from edge_source_names);
-- Work types (paper, web, and the wiki's resource types): a mention carries the type's position in this list.
set variable work_types = (select list(t order by t) from (
    select 'paper' as t union select 'web' union select resource_type from raw_wiki_annotation
    union select resource_type from raw_wiki_reference) where t is not null);

-- Title and first-author keys (regular expressions), once per distinct value: a work's title recurs in every
-- reference list that cites it (at 100k papers 5.4M titles, 0.4M distinct). Keys are numbered in key order
-- (tkeys, akeys) and mentions carry the number: a title key is the whole title (at 1M papers 50M of them), and
-- the groupings and joins on it run on integers. Numbers sort as their keys do, so min/max pick the same key.
create or replace temp table title_keys as
select title, title_key(title) as tkey from mention_values where title is not null group by title;
create or replace temp table tkeys as
select tkey, row_number() over (order by tkey)::integer as tkid from (select distinct tkey from title_keys)
where tkey is not null;
create or replace temp table title_keys as
select t.title, k.tkid from title_keys t join tkeys k using (tkey);
create or replace temp table author_keys as
select authors[1] as first_author, author_key([authors[1]]) as akey
from mention_values where authors[1] is not null group by authors[1];
create or replace temp table akeys as
select akey, row_number() over (order by akey)::integer as akid from (select distinct akey from author_keys)
where akey is not null;
create or replace temp table author_keys as
select a.first_author, k.akid from author_keys a join akeys k using (akey);

-- Narrow mentions: identifiers, matching keys, year, rank; whether a title and authors exist. Identifiers: the
-- first one a mention spells (own_idents, 10_macros.sql) and whether it has several (it then ties them together;
-- a Pith-number page also carries its aliases'). A mention that ties nothing has at most one identifier, so its
-- identifier values are its first identifier's; only the tying ones keep their values (tying_values, below). At
-- 1M papers the eight value columns were 2.6 of the 8 GB the mention rows take in memory (the work type string
-- 0.5: it is a position in the list work_types).
create or replace temp table mentions as
select x.mid, x.kcode::utinyint as kcode, mk.rank::utinyint as rank, x.row_id, x.page_no,
       coalesce(r.first_run, x.run_no) as first_run, coalesce(r.last_run, x.run_no) as last_run,
       x.first_ident, x.pith_number is not null or x.n_ids > 1 as tying, x.tkid, x.akid, x.year,
       list_position(getvariable('work_types'), x.work_type)::usmallint as wtype,
       x.has_title, x.has_authors
from (select (k.page_no << 24) | (s.kcode::bigint << 20) | s.pos as mid, s.kcode, s.row_id, k.page_no, o.run_no,
             s.pith_number, first_ident(s.arxiv, s.doi, s.pith, s.pith_number, s.hub, s.resource, s.url, s.sumkey) as first_ident,
             n_idents(s.arxiv, s.doi, s.pith, s.pith_number, s.hub, s.resource, s.url, s.sumkey) as n_ids,
             tk.tkid, ak.akid, s.year, s.work_type,
             nullif(trim(s.title), '') is not null as has_title, len(s.authors) > 0 as has_authors
      from mention_values s
      join pages k on k.key = s.kpage
      join run_order o on o.run_id = s._run_id
      left join title_keys tk on tk.title = s.title
      left join author_keys ak on ak.first_author = s.authors[1]
      where s.pos between 0 and 1048575) x
join mention_kinds mk on mk.kcode = x.kcode
left join repicks r on r.mid = x.mid
where r.mid is null or r.row_id = x.row_id;

-- A hub mention's page is the URL of its latest fetch (its key is hub:<uuid>, whatever URL it was fetched at).
update mentions m set page_no = u.page_no
from raw_pith_hub h, pages u
where m.kcode = 3 and h.rowid = m.row_id and u.key = h.canonical_url;

-- The identifier values of the tying mentions (few: 0.6% at 1M papers), fetched by row id, with their page.
create or replace temp table tying_values as
select m.mid, m.page_no, v.arxiv, v.doi, v.pith, v.pith_number, v.hub, v.resource, v.url, v.sumkey
from (select mid, kcode, row_id, page_no from mentions where tying) m
join mention_values v on v.kcode = m.kcode and v.row_id = m.row_id;

drop table page_versions;
drop table repicks;
drop table title_keys;
drop table author_keys;

