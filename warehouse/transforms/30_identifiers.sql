-- The identifiers each mention carries (own_idents, 10_macros.sql): a mention that ties none together carries at
-- most one, its first; only the few tying ones are unnested.
create or replace temp table mention_ids as
select mid, ident, ident_kind(ident) as ikind
from (select mid, first_ident as ident from mentions where not tying and first_ident is not null
      union all
      select mid, unnest(own_idents(arxiv, doi, pith, pith_number, hub, resource, url, sumkey)) from tying_values);

-- Pith-number aliases tie the number to its arXiv id, DOI and short forms.
insert into mention_ids
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
with rows as (select i.* from mention_ids i semi join (select mid from mentions where tying) t using (mid))
select i.ident, 'joins ' || count(distinct a.ident) || ' ' || any_value(a.ikind) || ' ids: '
       || array_to_string(list_sort(list(distinct a.ident))[1:5], ', ') as detail
from rows i join rows a on a.mid = i.mid and a.ikind in ('arxiv', 'doi') and i.ikind not in ('arxiv', 'doi')
group by i.ident, a.ikind having count(distinct a.ident) > 1;

delete from mention_ids where ident in (select ident from ambiguous_ids);
