-- Co-citation: pairs of works cited together by the same paper, and how often.
create or replace view v_cocitation as
select a.cited_id as paper_a, b.cited_id as paper_b, count(*) as cocited_by,
       any_value(pa.title) as title_a, any_value(pb.title) as title_b
from citation_edges a join citation_edges b on a.citing_id = b.citing_id and a.cited_id < b.cited_id
join papers pa on pa.paper_id = a.cited_id join papers pb on pb.paper_id = b.cited_id
where a.citing_kind = 'paper'
group by a.cited_id, b.cited_id;
