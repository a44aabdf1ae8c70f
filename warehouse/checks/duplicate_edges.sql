-- One row per citing -> cited pair.
select citing_id, cited_id, count(*) as n from citation_edges group by all having count(*) > 1
