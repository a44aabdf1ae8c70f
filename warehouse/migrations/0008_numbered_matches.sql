-- 0008: what a merge matched on is stored as a number (resolved_matches), not a string per mention. A mention put
-- in its paper by a shared identifier or a title named it in mention_resolution.matched_on: at 1M papers 17M strings
-- of 1.4M distinct values, and writing them was 7.5 of the 12.7 s that table costs. identity_merges reads the same
-- columns as before. requires: resolve (open_warehouse rebuilds it from raw).

drop view identity_merges;
drop table mention_resolution;

create table mention_resolution (
    mid         BIGINT,   -- mention id
    label       BIGINT,   -- its cluster (resolved_labels)
    rule        UTINYINT, -- merge_rules
    match_no    BIGINT,   -- resolved_matches; null for anchor rows: the paper's anchor
    score       DOUBLE,
    run_no      INTEGER,  -- run of its latest fetch
    url_page_no BIGINT    -- hubs: the URL of the latest fetch (their key is hub:<uuid>)
);

-- Identifiers (positive numbers, in identifier order) and title matches (negative).
create table resolved_matches (match_no BIGINT, matched_on VARCHAR);

create view identity_merges as
select p.key || k.suffix || case when k.kcode <= 3 then '' else (r.mid & 1048575)::varchar end as mention_key,
       k.mkind as mention_kind, l.paper_id, u.rule, case when r.rule = 0 then l.anchor else x.matched_on end as matched_on,
       r.score, rn.run_id, coalesce(pu.key, p.key) as source_url
from mention_resolution r
join resolved_pages p on p.page_no = r.mid >> 24
join mention_kinds k on k.kcode = (r.mid >> 20) & 15
left join resolved_labels l on l.label = r.label
join merge_rules u on u.code = r.rule
left join resolved_matches x on x.match_no = r.match_no
left join resolved_runs rn on rn.run_no = r.run_no
left join resolved_pages pu on pu.page_no = r.url_page_no;
