-- Each identifier's cluster label: like every cluster's, the smallest mention id in it (ident_cc: components of
-- identifiers, 35_ident_components.sql). Then every mention's label: through its tying identifiers, else its
-- only identifier, else it stands alone.
create or replace temp table ident_comp as
select i.ident, c.label as comp from idents i join ident_cc c on c.node = i.iid;

-- (The mentions carrying an identifier of the component are exactly its rows of mention_ids: every mention's first
-- identifier and a tying mention's others, ambiguous ones removed; ident_counts has their smallest id.)
create or replace temp table ident_label as
select c.ident, l.label
from ident_comp c
join (select c.comp, min(n.min_mid) as label from ident_comp c join ident_counts n using (ident) group by c.comp) l
    using (comp);

create or replace temp table tying_label as
select t.mid, min(l.label) as label from tying_ids t join ident_label l using (ident) group by t.mid;

-- Hard rule, second line of defence: a component holding two different arXiv ids or DOIs (joined through
-- a chain of other identifiers) is split: mentions with an arXiv id (else DOI) group by it, the rest stand alone.
create or replace temp table conflict_components as
select l.label, k.ikind, list_sort(list(distinct k.ident)) as idents
from (select ident, ikind from ident_counts where ikind in ('arxiv', 'doi')) k
join ident_label l using (ident)
group by l.label, k.ikind having count(distinct k.ident) > 1;

insert into resolve_conflicts
select 'component ' || label, 'two ' || ikind || ' ids met', array_to_string(idents[1:10], ', ')
from conflict_components;
insert into resolve_conflicts select ident, 'identifier joins nothing', detail from ambiguous_ids;

-- Every mention with its component's label (before splits), through lookups the size of the identifier list:
-- its tying identifiers' label, else its only identifier's. The mention table itself is not rewritten.
create or replace temp view mention_components as
select m.*, coalesce(t.label, l.label) as comp_label
from mentions m
left join tying_label t using (mid)
left join ident_label l on l.ident = m.first_ident;

create or replace temp table split_labels as
select m.mid,
       min(m.mid) over (partition by m.comp_label,
                                     coalesce(v.arxiv, v.doi, ident_value(m.first_ident, 'arxiv'),
                                              ident_value(m.first_ident, 'doi'), 'own:' || m.mid)) as label
from mention_components m semi join conflict_components x on x.label = m.comp_label
left join tying_values v using (mid);

-- Identifiers outside split components, with their cluster's label. A split component's identifiers are all split
-- (every mention carrying one is in the component), so outside them every mention carrying an identifier is in its
-- cluster, and what is counted per identifier (ident_counts, first_idents, ident_titles) is that cluster's.
create or replace temp view unsplit_ident_label as
select l.ident, l.label from ident_label l anti join conflict_components x on x.label = l.label;

-- The identifiers of each identifier cluster: outside split components, those of its component; split clusters'
-- from their mentions (few).
create or replace temp table cluster_idents as
select l.label as id_label, k.ident, k.ikind
from (select ident, ikind from ident_counts) k join unsplit_ident_label l using (ident)
union all
select distinct s.label, i.ident, i.ikind from mention_ids i join split_labels s using (mid);

-- Every mention with its identifier cluster's label (id_label): its split cluster's, else its component's, else
-- it stands alone.
create or replace temp view mention_labels as
select m.* exclude (comp_label), coalesce(s.label, m.comp_label, m.mid) as id_label
from mention_components m
left join split_labels s using (mid);

-- Identifiers per identifier cluster, for paper_identifiers (summed over the clusters a paper took in, 60_papers.sql):
-- outside split components the identifier's counts (ident_counts); inside them (few), counted per split cluster from
-- the mentions.
create or replace temp table ident_stats as
select l.label as id_label, n.ident, n.ikind, n.n, n.kinds, n.page_no
from ident_counts n join unsplit_ident_label l using (ident)
where n.ikind <> 'summary' and not starts_with(n.ident, 'alias_')
union all
select s.label, r.ident, r.ikind, count(*), bit_or(1::integer << mid_kind(r.mid)::integer), min(r.page_no)
from mention_ids r join split_labels s using (mid)
where r.ikind <> 'summary' and not starts_with(r.ident, 'alias_')
group by s.label, r.ident, r.ikind;
