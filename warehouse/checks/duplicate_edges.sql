-- One row per citing -> cited pair.
-- (Read from the integer-keyed table citation_edges is a view of: equal hashes of the pair found as sorted
-- neighbours first, then only those candidates grouped; tens of millions of edges.)
select ci.paper_id as citing_id, cd.paper_id as cited_id, d.n
from (select citing, cited, count(*) as n
      from edge_pairs
      where hash(citing, cited) in (
          select h from (select h, lead(h) over (order by h) as next_h
                         from (select hash(citing, cited) as h from edge_pairs))
          where h = next_h)
      group by all having count(*) > 1) d
left join resolved_labels ci on ci.label = d.citing
left join resolved_labels cd on cd.label = d.cited
