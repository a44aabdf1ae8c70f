-- Citation edges: citing -> cited, one row per pair, with every record that asserts it in edge_sources.
-- Built on cluster labels (integers); paper ids are attached to the distinct pairs at the end.

-- The paper a page is about: a paper page's or Pith-number page's own mention, by page number.
create or replace temp table page_owner as
select mid_page(mp.mid) as page_no, min(mp.label) as label
from mention_paper mp where mid_kind(mp.mid) in (1, 2) group by 1;

-- Hub pages by URL (a hub is keyed by its uuid, whatever URL it was fetched at).
create or replace temp table hub_owner as
select distinct u.page_no, mp.label
from (select distinct canonical_url, hub_uuid from raw_pith_hub where hub_uuid is not null) h
join pages u on u.key = h.canonical_url
join pages k on k.key = 'hub:' || h.hub_uuid
join mention_paper mp on mp.mid = (k.page_no << 24) | (3 << 20);

-- Wiki pages cite as W:<entity id>: negative labels stand for them.
create or replace temp table wiki_citer as
select -page_no as label, 'W:' || coalesce(nullif(regexp_extract(key, '/wiki/(E\d+)', 1), ''), key) as citing_id
from pages
where page_no in (select distinct page_no from mentions where kcode in (8, 9));

-- Cluster labels -> paper ids (wiki pages: W:<entity>), kept for the views that read labels (citation_edges and
-- the mention-level ones).
delete from resolved_labels;
insert into resolved_labels
select label, paper_id, anchor from cluster_anchor union all select label, citing_id, null from wiki_citer;

-- Every record that asserts a citation (read as strings through the view edge_sources). Source codes index the
-- variable `sources` (name order). The pairs are grouped from these rows once the mention table is freed
-- (90_edge_pairs.sql).
delete from edge_assertions;
insert into edge_assertions
select * from (
    -- a paper's reference list: the page's paper cites each reference
    select o.label as citing, m.label as cited, 4 as source, m.mid, m.last_run
    from mention_paper m join page_owner o on o.page_no = mid_page(m.mid)
    where m.kcode = 4
    union all -- forward citations: each listed paper cites the page's paper
    select m.label, o.label, 1, m.mid, m.last_run
    from mention_paper m join page_owner o on o.page_no = mid_page(m.mid)
    where m.kcode = 5
    union all -- hubs: every listed work cites the hub's work
    select m.label, h.label, m.kcode - 4, m.mid, m.last_run
    from mention_paper m join hub_owner h on h.page_no = m.page_no
    where m.kcode in (6, 7)
    union all -- wiki pages cite the resources they annotate and list
    select -m.page_no, m.label, m.kcode - 3, m.mid, m.last_run
    from mention_paper m
    where m.kcode in (8, 9))
where citing <> cited;
