"""Connected components in SQL: label propagation with pointer jumping, iterated until nothing changes."""

from __future__ import annotations

import duckdb


def components(con: duckdb.DuckDBPyConnection, nodes: str, links: str, out: str, max_rounds: int = 100) -> int:
    """``out(node, label)``: each node's component, labelled by its smallest node id; returns rounds used.

    ``nodes`` is a query or table with column ``node``; ``links`` one with ``node, ident``: nodes sharing
    an ident are in one component.
    """
    con.execute(f"create or replace temp table {out} as select node, node as label from ({nodes})")
    con.execute(f"create or replace temp table _cc_links as select distinct node, ident from ({links})")
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        con.execute(f"""create or replace temp table _cc_ident as
            select l.ident, min(c.label) as label from _cc_links l join {out} c using (node) group by l.ident""")
        con.execute(f"""create or replace temp table _cc_next as
            select c.node, least(c.label, coalesce(min(i.label), c.label)) as label
            from {out} c left join _cc_links l using (node) left join _cc_ident i using (ident)
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
    for table in ("_cc_links", "_cc_ident", "_cc_next", "_cc_jump"):
        con.execute(f"drop table if exists {table}")
    return rounds
