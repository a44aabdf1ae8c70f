-- Every edge ends at a known paper (and starts at one, or at a known wiki page).
-- (Read from the integer-keyed table citation_edges is a view of: its labels against the papers' labels.)
with papers_labels as (select l.label from resolved_labels l semi join papers p using (paper_id)),
wiki_labels as (select l.label from resolved_labels l semi join wiki_pages w on l.paper_id = 'W:' || w.entity_id)
select e.citing, ci.paper_id as citing_id, e.cited, cd.paper_id as cited_id
from edge_pairs e
left join papers_labels d on d.label = e.cited
left join papers_labels c on c.label = e.citing
left join wiki_labels w on w.label = e.citing
left join resolved_labels ci on ci.label = e.citing
left join resolved_labels cd on cd.label = e.cited
where d.label is null or e.citing is null or (e.citing >= 0 and c.label is null) or (e.citing < 0 and w.label is null)
