-- Every edge ends at a known paper (and starts at one, or at a known wiki page).
-- (Read from the integer-keyed table citation_edges is a view of: its labels against the papers' labels, as two
-- anti joins of tens of millions of pairs; the ids are looked up for the failures only.)
with paper_labels as (select l.label from resolved_labels l semi join papers p using (paper_id)),
-- a citing label is a paper's (label >= 0) or a wiki page's (label < 0)
citing_labels as (select label from paper_labels where label >= 0
                  union all
                  select l.label from resolved_labels l semi join wiki_pages w on l.paper_id = 'W:' || w.entity_id
                  where l.label < 0),
failed as (select e.citing, e.cited from edge_pairs e anti join paper_labels d on d.label = e.cited
           union
           select e.citing, e.cited from edge_pairs e anti join citing_labels c on c.label = e.citing)
select e.citing, ci.paper_id as citing_id, e.cited, cd.paper_id as cited_id
from failed e
left join resolved_labels ci on ci.label = e.citing
left join resolved_labels cd on cd.label = e.cited
