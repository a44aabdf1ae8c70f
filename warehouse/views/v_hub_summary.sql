-- Hubs: the cited work, tier and badge, dominant role, and how many citing works the warehouse links to it.
create or replace view v_hub_summary as
select h.hub_uuid, h.title, h.tier, h.badge, h.dominant_role, h.dominant_role_pct, h.explorer_count,
       h.representative_count, p.paper_id, p.arxiv_id,
       (select count(*) from citation_edges e where e.cited_id = h.paper_id) as citing_in_warehouse,
       len(h.claims) as claims, h.fetched_at
from hubs h left join papers p using (paper_id)
order by h.explorer_count desc;
