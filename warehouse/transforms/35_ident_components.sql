-- Identifier components, found over identifiers instead of mentions. Nearly every mention carries exactly one
-- identifier (a reference with an arXiv id): such a mention is placed by that identifier through a lookup the
-- size of the identifier list. Only mentions with several identifiers (tying_ids: a paper page's arXiv and Pith ids;
-- Pith-number pages, which also carry their aliases') tie identifiers together. No step joins two tables the
-- size of the mention list: at 1M papers that is 50M rows against 50M, and it is what spilled.

-- Per identifier (and kind), once: how many mentions carry it, the smallest of their ids (its cluster's label is
-- the smallest over its component, 40_conflicts.sql), their kinds and first page. (An identifier has one kind but
-- for a Pith number's DOI alias of arXiv's: an arXiv id, kind doi.)
create or replace temp table ident_counts as
select ident, ikind, sum(n)::bigint as n, min(min_mid) as min_mid, bit_or(kinds) as kinds, min(page_no) as page_no
from (select ident, ident_kind(ident) as ikind, n, min_mid, kinds, page_no from first_idents
      union all
      select t.ident, t.ikind, count(*), min(t.mid), bit_or(1::integer << mid_kind(t.mid)::integer), min(v.page_no)
      from tying_ids t join tying_values v using (mid)
      group by t.ident, t.ikind)
group by ident, ikind;

create or replace temp table idents as
select ident, row_number() over (order by ident) as iid from (select distinct ident from ident_counts);

create or replace temp table ident_ties as
select i.iid as node, t.mid as ident from tying_ids t join idents i using (ident);
