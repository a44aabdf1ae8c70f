-- 0005: the three mention-level curated tables (one row per mention, per citation assertion, per References
-- entry: tens of millions of rows at Pith's scale) are stored integer-keyed and read through views with the
-- same names and columns as before (left joins to the labels: a row whose paper is missing shows, with a
-- null id, for the checks to find). Writing them as strings (mention keys, URLs, run ids, paper ids, and a copy
-- of every raw reference) was a third of a resolve. requires: resolve (open_warehouse rebuilds them from raw).

drop table identity_merges;
drop table edge_sources;
drop table paper_references;

-- Small lookups.
create table mention_kinds (kcode UTINYINT PRIMARY KEY, mkind VARCHAR, rank UTINYINT, suffix VARCHAR);
insert into mention_kinds values
    (1, 'pith_paper', 1, '#paper'), (2, 'pith_number', 2, '#pithnumber'), (3, 'pith_hub', 3, ''),
    (4, 'reference', 4, '#ref'), (5, 'forward_citation', 5, '#fwd'), (6, 'hub_explorer', 5, '#explorer'),
    (7, 'hub_representative', 5, '#representative'), (8, 'wiki_annotation', 6, '#ann'), (9, 'wiki_reference', 6, '#wref');
create table merge_rules (code UTINYINT PRIMARY KEY, rule VARCHAR);
insert into merge_rules values (0, 'anchor'), (1, 'strong_id'), (2, 'title_exact'), (3, 'title_fuzzy'), (4, 'own');
create table edge_source_names (code UTINYINT PRIMARY KEY, source VARCHAR);
insert into edge_source_names values (1, 'forward_citation'), (2, 'hub_explorer'), (3, 'hub_representative'),
    (4, 'reference_list'), (5, 'wiki_annotation'), (6, 'wiki_reference');

-- What the last resolve numbered: pages (in key order; hubs as hub:<uuid>), runs, and clusters (label -> paper
-- id and anchor; negative labels are wiki pages, W:<entity>). A mention id packs page_no << 24 | kind << 20 | pos.
create table resolved_pages (page_no BIGINT, key VARCHAR);
create table resolved_runs (run_no INTEGER, run_id VARCHAR);
create table resolved_labels (label BIGINT, paper_id VARCHAR, anchor VARCHAR);

create table mention_resolution (
    mid         BIGINT,   -- mention id
    label       BIGINT,   -- its cluster (resolved_labels)
    rule        UTINYINT, -- merge_rules
    matched_on  VARCHAR,  -- null for anchor rows: the paper's anchor
    score       DOUBLE,
    run_no      INTEGER,  -- run of its latest fetch
    url_page_no BIGINT    -- hubs: the URL of the latest fetch (their key is hub:<uuid>)
);
create table edge_assertions (citing BIGINT, cited BIGINT, source UTINYINT, mid BIGINT, run_no INTEGER);
create table reference_resolution (page_no BIGINT, ref_index BIGINT, run_no INTEGER, citing BIGINT, cited BIGINT,
                                   rule UTINYINT);

-- Every record that denotes a paper, and why it was put in that paper: the merge explanation.
create view identity_merges as
select p.key || k.suffix || case when k.kcode <= 3 then '' else (r.mid & 1048575)::varchar end as mention_key,
       k.mkind as mention_kind, l.paper_id, u.rule, case when r.rule = 0 then l.anchor else r.matched_on end as matched_on, r.score,
       rn.run_id, coalesce(pu.key, p.key) as source_url
from mention_resolution r
join resolved_pages p on p.page_no = r.mid >> 24
join mention_kinds k on k.kcode = (r.mid >> 20) & 15
left join resolved_labels l on l.label = r.label
join merge_rules u on u.code = r.rule
left join resolved_runs rn on rn.run_no = r.run_no
left join resolved_pages pu on pu.page_no = r.url_page_no;

-- Every record that asserts a citation edge.
create view edge_sources as
select ci.paper_id as citing_id, cd.paper_id as cited_id, s.source,
       p.key || k.suffix || (a.mid & 1048575)::varchar as mention_key,
       case when a.source = 4 then (a.mid & 1048575)::integer end as ref_index, rn.run_id, p.key as source_url
from edge_assertions a
left join resolved_labels ci on ci.label = a.citing
left join resolved_labels cd on cd.label = a.cited
join edge_source_names s on s.code = a.source
join resolved_pages p on p.page_no = a.mid >> 24
join mention_kinds k on k.kcode = (a.mid >> 20) & 15
left join resolved_runs rn on rn.run_no = a.run_no;

-- Reference lists as the pages give them (latest fetch), each entry with the paper it resolved to.
create view paper_references as
select c.paper_id as citing_id, r.citing_arxiv, r.index::integer as ref_index, r.merged_indices, r.raw, r.title,
       r.resolved_title, r.authors, r.venue, r.year::integer as year, r.arxiv_id, r.doi, r.url, r.cited_hub, d.paper_id as cited_id,
       case u.rule when 'anchor' then 'strong_id' else u.rule end as resolution_rule, r.notes,
       r.canonical_url as source_url, r._run_id as run_id
from reference_resolution x
join resolved_pages p on p.page_no = x.page_no
join resolved_runs rn on rn.run_no = x.run_no
join raw_reference r on r.canonical_url = p.key and r.index = x.ref_index and r._run_id = rn.run_id
left join resolved_labels d on d.label = x.cited
join merge_rules u on u.code = x.rule
left join resolved_labels c on c.label = x.citing;
