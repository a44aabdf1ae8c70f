-- What each cluster of mentions (after identifiers) knows: its hard ids, years, first authors, title keys.
create or replace temp table cluster_ids as
select m.id_label as label,
       max(m.arxiv) as arxiv, max(m.doi) as doi, max(m.hub) as hub, max(coalesce(m.pith_number, m.pith)) as pith,
       max(m.pith) as pith_short,
       bool_or(m.arxiv is not null or m.doi is not null or m.pith is not null or m.pith_number is not null
               or m.hub is not null or m.resource is not null or m.url is not null) as hard,
       min(m.year) as ymin, max(m.year) as ymax, max(m.akid) as akid
from mention_labels m
group by m.id_label;

-- (with how many mentions carry the key, of which kinds, first page: for paper_identifiers)
create or replace temp table cluster_titles as
select id_label as label, tkid, count(*) as n, bit_or(1::integer << kcode::integer) as kinds, min(page_no) as page_no
from mention_labels where tkid is not null
group by id_label, tkid;

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
