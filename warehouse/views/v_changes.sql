-- What changed, run by run: papers and edges first seen in a run, hubs whose counts or roles moved.
create or replace view v_run_changes as
select first_seen_run as run_id, 'new_paper' as change, paper_id as id, title as detail from papers
union all
select first_run, 'new_edge', citing_id || ' -> ' || cited_id, array_to_string(sources, ',') from citation_edges
union all
select run_id, 'hub_moved', hub_uuid,
       concat_ws('; ',
         case when prev_explorer is distinct from explorer_count then 'explorer ' || coalesce(prev_explorer::varchar, '-') || ' -> ' || explorer_count end,
         case when prev_role is distinct from dominant_role or prev_pct is distinct from dominant_role_pct
              then 'role ' || coalesce(prev_role, '-') || ' ' || coalesce(prev_pct::varchar, '-') || '% -> '
                   || coalesce(dominant_role, '-') || ' ' || coalesce(dominant_role_pct::varchar, '-') || '%' end,
         case when prev_tier is distinct from tier then 'tier ' || coalesce(prev_tier, '-') || ' -> ' || tier end)
from (select *, lag(explorer_count) over w as prev_explorer, lag(dominant_role) over w as prev_role,
             lag(dominant_role_pct) over w as prev_pct, lag(tier) over w as prev_tier, row_number() over w as nth
      from hub_snapshots window w as (partition by hub_uuid order by fetched_at))
where nth > 1 and (prev_explorer is distinct from explorer_count or prev_role is distinct from dominant_role
                   or prev_pct is distinct from dominant_role_pct or prev_tier is distinct from tier);

-- What changed between two runs: select * from run_diff('<older run id>', '<newer run id>').
create or replace macro run_diff(older, newer) as table
select * from v_run_changes where run_id > older and run_id <= newer order by change, id;
