-- One paper per final cluster. Its id derives from its strongest identifier (the anchor), so ids do not
-- depend on load order and survive re-crawls; a paper whose anchor changes keeps its old id in paper_id_history.
create or replace temp table cluster_anchor as
with candidates as (
    select mp.label, lpad(case i.ikind when 'arxiv' then 1 when 'doi' then 2 when 'pith_number' then 3 when 'pith' then 4
                                       when 'hub' then 5 when 'wiki_resource' then 6 when 'url' then 7 else 8 end::varchar, 2, '0')
                     || i.ident as ranked
    from mention_paper mp join mention_ids i on i.mid = mp.mid
    union all
    select mp.label, '09title:' || m.tkey from mention_paper mp join mentions m on m.mid = mp.mid where m.tkey is not null
    union all
    select mp.label, '10mention:' || m.mkey from mention_paper mp join mentions m on m.mid = mp.mid
)
select label, anchor,
       'cg_' || left(sha256(anchor || case when count(*) over (partition by anchor) > 1 then '#' || label else '' end), 16)
           as paper_id
from (select label, substr(min(ranked), 3) as anchor from candidates group by label);

create or replace temp table mention_final as
select mp.*, a.paper_id, a.anchor from mention_paper mp join cluster_anchor a using (label);

delete from papers;
insert into papers
-- "best" values: lowest rank first (Pith paper page, Pith number, hub, reference, ...), ties broken by the
-- mention key so the same data always gives the same row, whatever order the rows arrive in
select a.paper_id, a.anchor,
       case when bool_or(m.rank <= 5) then 'paper' else arg_min(m.work_type, best) end,
       arg_min(m.title, (case when m.tkey is null then '1' else '0' end) || best)
           filter (where nullif(trim(m.title), '') is not null),
       arg_min(m.authors, best) filter (where len(m.authors) > 0),
       coalesce(arg_min(m.year, best) filter (where m.rank <= 2 and m.year is not null), arxiv_year(max(m.arxiv)),
                arg_max(m.year, lpad(year_votes::varchar, 8, '0') || m.year::varchar) filter (where m.year is not null)),
       arg_min(m.abstract, best) filter (where m.abstract is not null),
       arg_min(m.categories, best) filter (where len(m.categories) > 0),
       max(m.arxiv), max(m.doi), max(m.pith), max(m.hub),
       arg_min(m.pith_sentence, best) filter (where m.pith_sentence is not null),
       arg_min(m.core_claim, best) filter (where m.core_claim is not null), max(m.reviewed_at), max(m.review_model),
       max(m.cited_by_count) filter (where m.mkind = 'pith_paper'),
       count(*), count(distinct m.source_url), min(m.first_run), max(m.last_run)
from mention_final a
join (select *, lpad(rank::varchar, 3, '0') || mkey as best,
             count(*) over (partition by mid_paper_year) as year_votes
      from (select m.*, mf.paper_id || ':' || coalesce(m.year::varchar, '') as mid_paper_year
            from mentions m join mention_final mf on mf.mid = m.mid)) m on m.mid = a.mid
group by a.paper_id, a.anchor;

delete from paper_identifiers;
insert into paper_identifiers
select mf.paper_id, i.ikind, substr(i.ident, strpos(i.ident, ':') + 1), count(*), list(distinct m.mkind order by m.mkind), min(m.source_url)
from mention_final mf join mention_ids i on i.mid = mf.mid join mentions m on m.mid = mf.mid
where i.ikind <> 'summary' and not starts_with(i.ident, 'alias_')
group by mf.paper_id, i.ikind, i.ident
union all
select mf.paper_id, 'title_key', m.tkey, count(*), list(distinct m.mkind order by m.mkind), min(m.source_url)
from mention_final mf join mentions m on m.mid = mf.mid where m.tkey is not null
group by mf.paper_id, m.tkey
union all
select mf.paper_id, 'page_url', m.source_url, count(*), list(distinct m.mkind order by m.mkind), min(m.source_url)
from mention_final mf join mentions m on m.mid = mf.mid where m.mkind in ('pith_paper', 'pith_number', 'pith_hub')
group by mf.paper_id, m.source_url;

-- Why each mention is in its paper.
delete from identity_merges;
create or replace temp table anchor_holders as
select distinct mf.mid from mention_final mf join mention_ids i on i.mid = mf.mid and i.ident = mf.anchor;
insert into identity_merges
select m.mkey, m.mkind, mf.paper_id,
       case when ah.mid is not null then 'anchor'
            when mf.title_rule is not null then mf.title_rule
            when mf.shared_ident is not null then 'strong_id'
            else 'own' end,
       case when ah.mid is not null then mf.anchor else coalesce(mf.title_match, mf.shared_ident) end,
       coalesce(mf.title_score, 1.0), m.last_run, m.source_url
from mention_final mf join mentions m on m.mid = mf.mid left join anchor_holders ah on ah.mid = mf.mid;

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
