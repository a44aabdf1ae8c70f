-- What each cluster of mentions (after identifiers) knows: its hard ids, years, first authors, title keys.
-- Most mentions carry one identifier and tie nothing (not split, not ambiguous): their cluster is that identifier's
-- and their hard ids are its value, so their years, first authors and title keys are read per identifier
-- (first_idents, ident_titles: 30_identifiers.sql) and the values off the identifier once. Aggregating the id
-- strings of every mention was 40% slower at 1M papers. The rest go as they are (rest_mentions, as in
-- mention_labels): tying mentions and those without an identifier, those of split components, those whose
-- identifier is ambiguous. (Three scans with cheap filters: one with an "or" is slower.)
create or replace temp table rest_mentions as
select mid, id_label, tying, first_ident, year, akid, tkid, kcode, page_no from (
    select * from mention_labels m where m.tying or m.first_ident is null
    union all
    select m.* from mention_labels m semi join split_labels s using (mid) where not m.tying and m.first_ident is not null
    union all
    select m.* from mention_labels m semi join ambiguous_ids a on a.ident = m.first_ident anti join split_labels s using (mid)
    where not m.tying);

create or replace temp table cluster_ids as
with parts as (
    select l.label, ident_value(s.ident, 'arxiv') as arxiv, ident_value(s.ident, 'doi') as doi,
           ident_value(s.ident, 'hub') as hub, ident_value(s.ident, 'pith') as pith,
           ident_value(s.ident, 'pith') as pith_short, not starts_with(s.ident, 'sum:') as hard,
           s.ymin, s.ymax, s.akid
    from first_idents s join unsplit_ident_label l using (ident)
    union all
    -- (a tying mention's values are in tying_values; any other's are its first identifier's, as above)
    select m.id_label, coalesce(v.arxiv, ident_value(m.first_ident, 'arxiv')),
           coalesce(v.doi, ident_value(m.first_ident, 'doi')), coalesce(v.hub, ident_value(m.first_ident, 'hub')),
           coalesce(v.pith_number, v.pith, ident_value(m.first_ident, 'pith')),
           coalesce(v.pith, ident_value(m.first_ident, 'pith')),
           case when m.tying then v.arxiv is not null or v.doi is not null or v.pith is not null
                                  or v.pith_number is not null or v.hub is not null or v.resource is not null
                                  or v.url is not null
                else m.first_ident is not null and not starts_with(m.first_ident, 'sum:') end,
           m.year, m.year, m.akid
    from rest_mentions m left join tying_values v using (mid))
select label, max(arxiv) as arxiv, max(doi) as doi, max(hub) as hub, max(pith) as pith,
       max(pith_short) as pith_short, bool_or(hard) as hard, min(ymin) as ymin, max(ymax) as ymax, max(akid) as akid
from parts
group by label;

drop table first_idents;

-- (with how many mentions carry the key, of which kinds, first page: for paper_identifiers). Read per identifier and
-- title key (ident_titles, 30_identifiers.sql) outside split components, else per mention.
create or replace temp table cluster_titles as
select label, tkid, sum(n)::bigint as n, bit_or(kinds) as kinds, min(page_no) as page_no
from (select l.label, t.tkid, t.n, t.kinds, t.page_no
      from ident_titles t join unsplit_ident_label l using (ident)
      union all
      select id_label, tkid, 1, 1::integer << kcode::integer, page_no from rest_mentions where tkid is not null)
group by label, tkid;

drop table ident_titles;
drop table rest_mentions;

-- Clusters sharing a title key merge when the group is unambiguous: no two different arXiv ids, DOIs, hubs
-- or Pith numbers, years within 2, at most one first-author surname. Ambiguous groups are logged, not merged.
create or replace temp table title_groups as
select t.tkid, count(distinct t.label) as n,
       count(distinct ci.arxiv) as n_arxiv, count(distinct ci.doi) as n_doi, count(distinct ci.hub) as n_hub,
       count(distinct ci.pith) as n_pith, min(ci.ymin) as ymin, max(ci.ymax) as ymax, count(distinct ci.akid) as n_authors
from cluster_titles t join cluster_ids ci using (label)
semi join (select tkid from cluster_titles group by tkid having count(*) > 1) shared using (tkid)  -- few keys
group by t.tkid;

create or replace temp table title_links as
select t.label as node, 'title:' || k.tkey as ident
from cluster_titles t join title_groups g using (tkid) join tkeys k using (tkid)
where g.n_arxiv <= 1 and g.n_doi <= 1 and g.n_hub <= 1 and g.n_pith <= 1
  and coalesce(g.ymax - g.ymin, 0) <= 2 and g.n_authors <= 1;

insert into resolve_conflicts
select 'title:' || k.tkey, 'title shared by different works',
       n || ' clusters; ' || n_arxiv || ' arXiv ids, ' || n_doi || ' DOIs, ' || n_hub || ' hubs, ' || n_authors
       || ' first authors, years ' || coalesce(ymin::varchar, '?') || '-' || coalesce(ymax::varchar, '?')
from title_groups join tkeys k using (tkid)
where not (n_arxiv <= 1 and n_doi <= 1 and n_hub <= 1 and n_pith <= 1 and coalesce(ymax - ymin, 0) <= 2 and n_authors <= 1);
