-- Paper ids (anchors: 58_anchors.sql), values, identifiers and merge explanations.

-- Two clusters can share an anchor (a title the rules refused to merge on): each then adds its smallest mention key.
create or replace temp table anchor_twins as
select mp.label, min(mention_key(pk.key, mp.mid)) as twin_key
from mention_paper mp join pages pk on pk.page_no = mid_page(mp.mid)
where mp.label in (select label from cluster_anchor qualify count(*) over (partition by anchor) > 1)
group by mp.label;

create or replace temp table cluster_anchor as
select a.label, a.anchor, 'cg_' || left(sha256(a.anchor || coalesce('#' || t.twin_key, '')), 16) as paper_id
from cluster_anchor a left join anchor_twins t using (label);

-- "Best" values come from the best-ranked mention (Pith paper page, Pith number, hub, reference, ...), ties
-- broken by mention id (page key order, kind, position), so the same data always gives the same row, whatever
-- order its runs were loaded in. Picks are packed integers: rank << 48 | mid.
create or replace temp table paper_best as
select m.label,
       bool_or(m.rank <= 5) as any_paper,
       arg_min(m.wtype, (m.rank::bigint << 48) | m.mid) as wtype,
       min(((not m.has_tkey)::bigint << 52) | (m.rank::bigint << 48) | m.mid) filter (where m.has_title)
           & 281474976710655 as title_mid,
       min((m.rank::bigint << 48) | m.mid) filter (where m.has_authors) & 281474976710655 as authors_mid,
       arg_min(m.year, (m.rank::bigint << 48) | m.mid) filter (where m.rank <= 2 and m.year is not null) as page_year,
       count(*) as n_mentions,
       min(m.first_run) as first_run, max(m.last_run) as last_run
from mention_paper m
group by m.label;

-- Identifier values, per identifier cluster (cluster_ids) and then per paper.
create or replace temp table paper_best as
select b.*, i.arxiv, i.doi, i.pith, i.hub
from paper_best b
join (select c.label, max(ci.arxiv) as arxiv, max(ci.doi) as doi, max(ci.pith_short) as pith, max(ci.hub) as hub
      from cluster_ids ci join cluster_map c on c.id_label = ci.label group by c.label) i using (label);

-- How many pages mention each paper: its mentions in page order, counting each page once (a distinct count per group
-- does not spill; a distinct over 50M (paper, page) pairs then a count took 12-13 s at 1M papers, this 8).
create or replace temp table paper_sources as
select label, count(*) as n_sources
from (select label, page_no, lag(page_no, 1, -1) over (partition by label order by page_no) as prev from mention_paper)
where page_no is distinct from prev
group by label;

-- The year most mentions agree on (ties: the later year), for papers no page states a year for.
create or replace temp table paper_year_votes as
select label, arg_max(year, (votes << 16) | year) as year
from (select label, year, count(*) as votes
      from mention_paper where year is not null group by label, year)
group by label;

-- Page-level values (abstracts, Pith review fields) from the paper's own pages.
create or replace temp table paper_meta as
select m.label,
       arg_min(r.abstract, (m.rank::bigint << 48) | m.mid) filter (where r.abstract is not null) as abstract,
       arg_min(r.categories, (m.rank::bigint << 48) | m.mid) filter (where len(r.categories) > 0) as categories,
       arg_min(r.pith_sentence, (m.rank::bigint << 48) | m.mid) filter (where r.pith_sentence is not null) as pith_sentence,
       arg_min(r.core_claim, (m.rank::bigint << 48) | m.mid) filter (where r.core_claim is not null) as core_claim,
       max(r.reviewed_at) as reviewed_at, max(r.review_model) as review_model, max(r.cited_by_count) as cited_by
from mention_paper m
join (select 1 as kcode, rowid as row_id, abstract, categories, pith as pith_sentence, core_claim, reviewed_at,
             review_model, cited_by_count
      from raw_pith_paper
      union all select 2, rowid, abstract, categories, null, null, null, null, null from raw_pith_number
      union all select 3, rowid, abstract, null, null, null, null, null, null from raw_pith_hub
) r on r.kcode = m.kcode and r.row_id = m.row_id
where m.kcode <= 3
group by m.label;

-- Titles and author lists, fetched by row id for the mentions papers take them from.
create or replace temp table mention_text as
select m.mid, r.title, r.authors
from mention_paper m
join (select title_mid as mid from paper_best where title_mid is not null
      union select authors_mid from paper_best where authors_mid is not null) w on w.mid = m.mid
join mention_values r on r.kcode = m.kcode and r.row_id = m.row_id;

delete from papers;
insert into papers
select a.paper_id, a.anchor, case when b.any_paper then 'paper' else getvariable('work_types')[b.wtype] end,
       t.title, au.authors,
       coalesce(b.page_year, arxiv_year(b.arxiv), y.year), pm.abstract, pm.categories, b.arxiv, b.doi, b.pith, b.hub,
       pm.pith_sentence, pm.core_claim, pm.reviewed_at, pm.review_model, pm.cited_by, b.n_mentions, ps.n_sources,
       getvariable('runs')[b.first_run], getvariable('runs')[b.last_run]
from paper_best b
join cluster_anchor a using (label)
left join mention_text t on t.mid = b.title_mid
left join mention_text au on au.mid = b.authors_mid
left join paper_year_votes y using (label)
left join paper_meta pm using (label)
left join paper_sources ps using (label);

delete from paper_identifiers;
insert into paper_identifiers
select a.paper_id, x.ikind, case when x.ikind = 'page_url' then p.key else x.id_value end, x.n,
       list_sort([getvariable('kinds')[k] for k in range(1, 10) if (x.kinds >> k) & 1 = 1]), p.key
from (select c.label, i.ikind, substr(i.ident, strpos(i.ident, ':') + 1) as id_value, sum(i.n)::bigint as n,
             bit_or(i.kinds) as kinds, min(i.page_no) as page_no
      from ident_stats i join cluster_map c using (id_label)
      group by c.label, i.ikind, i.ident
      union all
      select g.label, 'title_key', k.tkey, g.n, g.kinds, g.page_no
      from (select c.label, t.tkid, sum(t.n)::bigint as n, bit_or(t.kinds) as kinds, min(t.page_no) as page_no
            from cluster_titles t join cluster_map c on c.id_label = t.label
            group by c.label, t.tkid) g
      join tkeys k using (tkid)
      union all
      select label, 'page_url', page_no::varchar, count(*), bit_or(1::integer << kcode::integer), page_no
      from mention_paper
      where kcode <= 3
      group by label, page_no) x
join cluster_anchor a using (label)
join pages p on p.page_no = x.page_no;

-- The merge explanations (read as strings through the view identity_merges).
delete from mention_resolution;
insert into mention_resolution
select mid, label, rule, match_no, score, last_run, case when kcode = 3 then page_no end from mention_paper;
delete from resolved_matches;
insert into resolved_matches select iid, ident from idents union all select match_no, title_match from title_matches;

-- Every id ever issued stays resolvable: ids no longer current point to the paper that holds their anchor now.
insert into paper_id_history
select paper_id, anchor, paper_id, current_timestamp, current_timestamp from papers
where paper_id not in (select paper_id from paper_id_history);
update paper_id_history set last_seen = current_timestamp, current_id = paper_id
where paper_id in (select paper_id from papers);
update paper_id_history h set current_id = coalesce(
    (select pi.paper_id from paper_identifiers pi
     where pi.id_kind || ':' || pi.id_value = h.anchor or 'title:' || pi.id_value = h.anchor limit 1), h.current_id)
where h.paper_id not in (select paper_id from papers);
