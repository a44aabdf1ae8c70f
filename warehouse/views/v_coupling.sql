-- Bibliographic coupling: pairs of papers that cite the same works, and how many they share.
create or replace view v_coupling as
select a.citing_id as paper_a, b.citing_id as paper_b, count(*) as shared_references,
       any_value(pa.title) as title_a, any_value(pb.title) as title_b
from citation_edges a join citation_edges b on a.cited_id = b.cited_id and a.citing_id < b.citing_id
join papers pa on pa.paper_id = a.citing_id join papers pb on pb.paper_id = b.citing_id
where a.citing_kind = 'paper' and b.citing_kind = 'paper'
group by a.citing_id, b.citing_id;
