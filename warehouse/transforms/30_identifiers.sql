-- The identifiers each mention carries (own_idents, 10_macros.sql). A mention that ties none together carries at
-- most one, its first, and it is read from the mention row itself (the view mention_ids, below), never copied: at
-- 1M papers a copy was 50M rows of strings (3 GB that every later pass had to spill around). Only the few tying
-- mentions' identifiers are a table.
create or replace temp table tying_ids as
select mid, ident, ident_kind(ident) as ikind
from (select mid, unnest(own_idents(arxiv, doi, pith, pith_number, hub, resource, url, sumkey)) as ident
      from tying_values);

-- Pith-number aliases tie the number to its arXiv id, DOI and short forms.
insert into tying_ids
select m.mid, case a.alias_kind
                  when 'arxiv' then 'arxiv:' || a.alias_value
                  when 'doi' then coalesce('arxiv:' || doi_arxiv(a.alias_value), 'doi:' || lower(a.alias_value))
                  when 'pith_short_8' then 'pith:' || a.alias_value
                  else 'alias_' || a.alias_kind || ':' || a.alias_value end,
       case when a.alias_kind in ('arxiv', 'doi') then a.alias_kind else 'pith' end
from (select distinct pith_number, alias_kind, alias_value from raw_pith_alias where alias_kind <> 'arxiv_version') a
join tying_values m on m.pith_number = regexp_extract(a.pith_number, '([A-Z2-7]{26})$', 1);

-- Hard rule: an identifier that would join two different arXiv ids (or DOIs) joins nothing. (Only a mention with
-- several identifiers pairs one with an arXiv id or DOI: the pairs are looked for among those mentions' rows.)
create or replace temp table ambiguous_ids as
select i.ident, 'joins ' || count(distinct a.ident) || ' ' || any_value(a.ikind) || ' ids: '
       || array_to_string(list_sort(list(distinct a.ident))[1:5], ', ') as detail
from tying_ids i join tying_ids a on a.mid = i.mid and a.ikind in ('arxiv', 'doi') and i.ikind not in ('arxiv', 'doi')
group by i.ident, a.ikind having count(distinct a.ident) > 1;

delete from tying_ids where ident in (select ident from ambiguous_ids);

-- Per first identifier of the mentions that tie nothing, and title key, in the one pass over the mention rows keyed on
-- identifier strings: how many mentions carry it, the smallest of their ids, their kinds and first page (identifier
-- counts, labels and paper_identifiers), their years and largest first-author key (cluster values) and their title
-- keys (cluster titles, 50_title_clusters.sql). At 1M papers, counting and labelling identifiers, their
-- paper_identifiers stats and the clusters' values and titles each passed over the 50M mention-sized rows again.
create or replace temp table ident_titles as
select first_ident as ident, tkid, count(*) as n, min(mid) as min_mid, bit_or(1::integer << kcode::integer) as kinds,
       min(page_no) as page_no, min(year) as ymin, max(year) as ymax, max(akid) as akid
from mentions where not tying and first_ident is not null
group by first_ident, tkid;

delete from ident_titles where ident in (select ident from ambiguous_ids);

create or replace temp table first_idents as
select ident, sum(n)::bigint as n, min(min_mid) as min_mid, bit_or(kinds) as kinds, min(page_no) as page_no,
       min(ymin) as ymin, max(ymax) as ymax, max(akid) as akid
from ident_titles group by ident;

delete from ident_titles where tkid is null;

-- Every identifier each mention carries (ambiguous ones removed), with the mention's page: for the few mentions
-- read one by one (split components).
create or replace temp view mention_ids as
select m.mid, m.first_ident as ident, ident_kind(m.first_ident) as ikind, m.page_no
from mentions m anti join ambiguous_ids a on a.ident = m.first_ident
where not m.tying and m.first_ident is not null
union all
select t.mid, t.ident, t.ikind, v.page_no from tying_ids t join tying_values v using (mid);
