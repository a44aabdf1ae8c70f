-- Bibliographic coupling: pairs of papers that cite the same works, and how many they share.
-- (Counted on the integer pairs citation_edges is a view of; ids and titles attached to the counted pairs.)
create or replace view v_coupling as
with pairs as (
    select a.citing as x, b.citing as y, count(*) as n
    from edge_pairs a join edge_pairs b on a.cited = b.cited and a.citing < b.citing
    where a.citing >= 0 and b.citing >= 0  -- papers, not wiki pages
    group by a.citing, b.citing
), named as (
    select p.n, px.paper_id as id_x, px.title as title_x, py.paper_id as id_y, py.title as title_y
    from pairs p
    join resolved_labels lx on lx.label = p.x join papers px on px.paper_id = lx.paper_id
    join resolved_labels ly on ly.label = p.y join papers py on py.paper_id = ly.paper_id
)
select least(id_x, id_y) as paper_a, greatest(id_x, id_y) as paper_b, n as shared_references,
       case when id_x < id_y then title_x else title_y end as title_a,
       case when id_x < id_y then title_y else title_x end as title_b
from named;
