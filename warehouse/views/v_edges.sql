-- Citation edges with titles on both ends.
create or replace view v_edges as
select e.citing_id, e.citing_kind, coalesce(cp.title, wp.title) as citing_title, e.cited_id, d.title as cited_title,
       e.sources, e.n_assertions, e.ref_index, e.first_run, e.last_run
from citation_edges e
left join papers cp on cp.paper_id = e.citing_id
left join wiki_pages wp on 'W:' || wp.entity_id = e.citing_id
left join papers d on d.paper_id = e.cited_id;
