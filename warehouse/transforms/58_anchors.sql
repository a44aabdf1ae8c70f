-- One paper per final cluster. Its id derives from its strongest identifier (the anchor), so ids do not
-- depend on load order and survive re-crawls; a paper whose anchor changes keeps its old id in paper_id_history.
-- Read per identifier cluster (cluster_idents, 40_conflicts.sql, and cluster_titles), not per mention: anchors are
-- known before the mentions take their paper's label (mention_paper), which then says which ones carry it.
create or replace temp table cluster_anchor as
with ids as (
    select c.label, min(lpad(case i.ikind when 'arxiv' then 1 when 'doi' then 2 when 'pith_number' then 3 when 'pith' then 4
                                          when 'hub' then 5 when 'wiki_resource' then 6 when 'url' then 7 else 8 end::varchar,
                             2, '0') || i.ident) as ranked
    from cluster_idents i join cluster_map c using (id_label) group by c.label
), titles as (
    select l.label, '09title:' || k.tkey as ranked
    from (select c.label, min(t.tkid) as tkid from cluster_titles t join cluster_map c on c.id_label = t.label
          group by c.label) l
    join tkeys k using (tkid)
), strongest as (
    select label, coalesce(i.ranked, t.ranked) as ranked
    from (select distinct label from cluster_map) l left join ids i using (label) left join titles t using (label)
), keyless as (  -- neither an identifier nor a title: a mention alone (its label is its id), anchored on its key
    select s.label, '10mention:' || mention_key(pk.key, s.label) as ranked
    from strongest s join pages pk on pk.page_no = mid_page(s.label)
    where s.ranked is null
)
select s.label, substr(coalesce(s.ranked, k.ranked), 3) as anchor
from strongest s left join keyless k using (label);

-- Mentions with several identifiers (Pith-number pages: and aliases') that carry their paper's anchor.
create or replace temp table tying_hits as
select distinct t.mid
from tying_ids t
join tying_label tl using (mid)
left join split_labels s using (mid)
join cluster_map cm on cm.id_label = coalesce(s.label, tl.label)
join cluster_anchor c on c.label = cm.label and c.anchor = t.ident;
