-- Identifier components, found over identifiers instead of mentions. Nearly every mention carries exactly one
-- identifier (a reference with an arXiv id): such a mention is placed by that identifier through a lookup the
-- size of the identifier list. Only mentions with several identifiers (a paper page's arXiv and Pith ids;
-- Pith-number pages, which also carry their aliases') tie identifiers together. No step joins two tables the
-- size of the mention list: at 1M papers that is 50M rows against 50M, and it is what spilled.

-- Mentions with several identifiers, and their identifiers: these tie identifiers into components.
create or replace temp table tying_ids as
select i.mid, i.ident from mention_ids i semi join (select mid from mentions where tying) t using (mid);

-- Per identifier (and kind), once: how many mentions carry it and the smallest of their ids (its cluster's label is
-- the smallest over its component, 40_conflicts.sql). The one pass over the mention-sized identifier rows keyed on
-- strings: at 1M papers, numbering, labelling and counting identifiers and listing their kinds each from those rows
-- took 6-13 s. (An identifier has one kind but for a Pith number's DOI alias of arXiv's: an arXiv id, kind doi.)
create or replace temp table ident_counts as
select ident, ikind, count(*) as n, min(mid) as min_mid from mention_ids group by ident, ikind;

create or replace temp table idents as
select ident, row_number() over (order by ident) as iid from (select distinct ident from ident_counts);

create or replace temp table ident_ties as
select i.iid as node, t.mid as ident from tying_ids t join idents i using (ident);
