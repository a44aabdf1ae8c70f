-- One row per citing -> cited pair.
-- (Equal hashes of the pair found as sorted neighbours first, then only those candidates grouped on the strings:
-- tens of millions of edges.)
select citing_id, cited_id, count(*) as n
from citation_edges
where hash(citing_id, cited_id) in (
    select h from (select h, lead(h) over (order by h) as next_h
                   from (select hash(citing_id, cited_id) as h from citation_edges))
    where h = next_h)
group by all having count(*) > 1
