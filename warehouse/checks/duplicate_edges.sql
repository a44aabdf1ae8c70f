-- One row per citing -> cited pair.
-- (Grouped on a hash of the pair first, then the few candidates on the strings: tens of millions of edges.)
select citing_id, cited_id, count(*) as n
from citation_edges
where hash(citing_id, cited_id) in (select hash(citing_id, cited_id) from citation_edges group by 1 having count(*) > 1)
group by all having count(*) > 1
