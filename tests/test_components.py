"""Connected components over shared identifiers, on a real DuckDB connection."""

from __future__ import annotations

import duckdb

from warehouse.components import components


def test_chains_singletons_and_isolated_nodes_get_their_smallest_node() -> None:
    con = duckdb.connect()
    # 9-8-7-6 chain through a, b, c, d (needs several rounds); 3 and 4 share e; 5 has one id of its own; 2 has none
    links = [(9, "a"), (9, "b"), (8, "b"), (8, "c"), (7, "c"), (7, "d"), (6, "d"), (4, "e"), (3, "e"), (5, "f")]
    con.execute("create table nodes as select unnest(range(2, 10)) as node")
    con.execute("create table links (node BIGINT, ident VARCHAR)")
    con.executemany("insert into links values (?, ?)", links)
    rounds = components(con, "select node from nodes", "select * from links", "cc")
    got = dict(con.execute("select node, label from cc").fetchall())
    assert got == {2: 2, 3: 3, 4: 3, 5: 5, 6: 6, 7: 6, 8: 6, 9: 6}
    assert rounds >= 1
    scratch = con.execute("select table_name from duckdb_tables() where table_name like '_cc_%'").fetchall()
    assert not scratch
