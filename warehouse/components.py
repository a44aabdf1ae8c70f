"""Connected components in SQL: label propagation with pointer jumping, iterated until nothing changes."""

from __future__ import annotations

import duckdb


def components(con: duckdb.DuckDBPyConnection, nodes: str, links: str, out: str, max_rounds: int = 100) -> int:
    """``out(node, label)``: each node's component, labelled by its smallest node id; returns rounds used.

    ``nodes`` is a query or table with column ``node``; ``links`` one with ``node, ident``: nodes sharing
    an ident are in one component.

    Only identifiers are iterated over: a node's component is that of its identifiers, and a node with two or
    more ties them together. Most nodes (a reference with one arXiv id) carry one identifier, so the rounds run
    over the identifiers and the few tying nodes instead of every node and link.
    """
    con.execute(f"create or replace temp table _cc_links as select distinct node, ident from ({links})")
    con.execute("""create or replace temp table _cc_iid as
        select ident, row_number() over () as iid from (select distinct ident from _cc_links)""")
    con.execute("""create or replace temp table _cc_li as
        select l.node, i.iid from _cc_links l join _cc_iid i using (ident)""")
    con.execute("drop table _cc_links")
    con.execute("""create or replace temp table _cc_ties as
        select iid as node, node as ident from _cc_li
        semi join (select node from _cc_li group by node having count(*) > 1) m using (node)""")
    rounds = propagate(con, "select iid as node from _cc_iid", "_cc_ties", "_cc_icc", max_rounds)
    con.execute("""create or replace temp table _cc_node_comp as
        select l.node, min(c.label) as comp from _cc_li l join _cc_icc c on c.node = l.iid group by l.node""")
    con.execute(f"""create or replace temp table {out} as
        select n.node, coalesce(m.label, n.node) as label
        from ({nodes}) n
        left join _cc_node_comp c using (node)
        left join (select comp, min(node) as label from _cc_node_comp group by comp) m using (comp)""")
    for table in ("_cc_iid", "_cc_li", "_cc_ties", "_cc_icc", "_cc_node_comp"):
        con.execute(f"drop table if exists {table}")
    return rounds


def propagate(con: duckdb.DuckDBPyConnection, nodes: str, links: str, out: str, max_rounds: int = 100) -> int:
    """Label propagation over ``links(node, ident)`` until no label changes."""
    con.execute(f"create or replace temp table {out} as select node, node as label from ({nodes})")
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        con.execute(f"""create or replace temp table _cc_ident as
            select l.ident, min(c.label) as label from {links} l join {out} c using (node) group by l.ident""")
        con.execute(f"""create or replace temp table _cc_next as
            select c.node, least(c.label, coalesce(min(i.label), c.label)) as label
            from {out} c left join {links} l using (node) left join _cc_ident i using (ident)
            group by c.node, c.label""")
        # pointer jumping: a node takes its label's label
        con.execute("""create or replace temp table _cc_jump as
            select a.node, least(a.label, coalesce(b.label, a.label)) as label
            from _cc_next a left join _cc_next b on b.node = a.label""")
        changed = con.execute(f"""select count(*) from _cc_jump j join {out} c using (node)
                                  where j.label <> c.label""").fetchone()
        con.execute(f"create or replace temp table {out} as select * from _cc_jump")
        if not changed or changed[0] == 0:
            break
    for table in ("_cc_ident", "_cc_next", "_cc_jump"):
        con.execute(f"drop table if exists {table}")
    return rounds
