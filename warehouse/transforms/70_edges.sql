-- Citation edges: citing -> cited, one row per pair, with every record that asserts it in edge_sources.
create or replace temp table paper_of as select m.mkey, mf.paper_id from mention_final mf join mentions m on m.mid = mf.mid;

create or replace temp table assertions as
-- a paper's reference list: the page's paper cites each reference
select p.paper_id as citing_id, 'paper' as citing_kind, r.paper_id as cited_id, 'reference_list' as source,
       m.mkey, try_cast(regexp_extract(m.mkey, '#ref(\d+)$', 1) as integer) as ref_index, m.last_run as run_id, m.source_url
from mentions m
join paper_of r on r.mkey = m.mkey
join paper_of p on p.mkey = m.source_url || case when contains(m.source_url, '/pith/') then '#pithnumber' else '#paper' end
where m.mkind = 'reference'
union all -- forward citations: each listed paper cites the page's paper
select f.paper_id, 'paper', p.paper_id, 'forward_citation', m.mkey, null, m.last_run, m.source_url
from mentions m join paper_of f on f.mkey = m.mkey join paper_of p on p.mkey = m.source_url || '#paper'
where m.mkind = 'forward_citation'
union all -- hubs: every listed work cites the hub's work
select c.paper_id, 'paper', h.paper_id, case m.mkind when 'hub_explorer' then 'hub_explorer' else 'hub_representative' end,
       m.mkey, null, m.last_run, m.source_url
from mentions m join paper_of c on c.mkey = m.mkey
join raw_pith_hub rh on rh.canonical_url = m.source_url
join paper_of h on h.mkey = 'hub:' || rh.hub_uuid
where m.mkind in ('hub_explorer', 'hub_representative')
union all -- wiki pages cite the resources they annotate and list
select 'W:' || coalesce(regexp_extract(m.source_url, '/wiki/(E\d+)', 1), m.source_url), 'wiki_page', r.paper_id,
       m.mkind, m.mkey, null, m.last_run, m.source_url
from mentions m join paper_of r on r.mkey = m.mkey
where m.mkind in ('wiki_annotation', 'wiki_reference');

delete from edge_sources;
insert into edge_sources
select distinct citing_id, cited_id, source, mkey, ref_index, run_id, source_url from assertions where citing_id <> cited_id;

delete from citation_edges;
insert into citation_edges
select citing_id, any_value(citing_kind), cited_id, list(distinct source order by source), count(distinct mkey),
       min(ref_index), null, null, min(run_id), max(run_id)
from assertions where citing_id <> cited_id
group by citing_id, cited_id;
