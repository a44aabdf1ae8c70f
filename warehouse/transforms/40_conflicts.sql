-- Hard rule, second line of defence: a component holding two different arXiv ids or DOIs (joined through
-- a chain of other identifiers) is split: mentions with an arXiv id (else DOI) group by it, the rest stand alone.
create or replace temp table conflict_components as
select c.label, i.ikind, list_sort(list(distinct i.ident)) as idents
from mention_cc c join mention_ids i on i.mid = c.node and i.ikind in ('arxiv', 'doi')
group by c.label, i.ikind having count(distinct i.ident) > 1;

insert into resolve_conflicts
select 'component ' || label, 'two ' || ikind || ' ids met', array_to_string(idents[1:10], ', ')
from conflict_components;
insert into resolve_conflicts select ident, 'identifier joins nothing', detail from ambiguous_ids;

create or replace temp table mention_cc as
select c.node, c.label from mention_cc c anti join conflict_components x using (label)
union all
select c.node, min(c.node) over (partition by c.label, coalesce(m.arxiv, m.doi, 'own:' || c.node))
from mention_cc c semi join conflict_components x using (label)
join mentions m on m.mid = c.node;
