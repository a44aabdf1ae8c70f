"""Loads are idempotent, order-independent, atomic, honest about incomplete runs; old warehouses upgrade."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas
import polars
import pyarrow.parquet as pq

from tests.warehouse_helpers import fingerprint
from warehouse.api import load, open_warehouse
from warehouse.checks import run_checks
from warehouse.export import TABLES, export_snapshot
from warehouse.load import stage_run
from warehouse.migrate import available, migrate, schema_version
from warehouse.resolve import resolve

LATEST = available()[-1][0]


def test_loading_twice_changes_nothing(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, [mirror_landing["pith"], mirror_landing["wiki"]])
    first = fingerprint(db)
    load(db, [mirror_landing["pith"], mirror_landing["wiki"]])
    assert fingerprint(db) == first
    load(db, [mirror_landing["wiki"]])  # a partial re-load too
    assert fingerprint(db) == first


def test_a_page_s_links_land_one_row_each_in_their_order(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    fetches = [json.loads(line) for line in (mirror_landing["pith"] / "page_fetch.jsonl").read_text().splitlines()]
    links = [(f["canonical_url"], i, o["url"], o["page_type"]) for f in fetches for i, o in enumerate(f["outlinks"], 1)]
    assert len(links) > 30
    for _ in range(2):  # loading the run again replaces its rows
        load(db, [mirror_landing["pith"]])
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute("select canonical_url, position, url, page_type from raw_page_link order by all").fetchall()
        issues = con.execute("select count(*) from load_issues").fetchone()
        con.close()
        assert rows == sorted(links)
        assert issues == (0,)  # outlinks is a known field


def test_runs_loaded_out_of_order_end_in_the_same_state(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    load(a, [mirror_landing["pith"]])
    load(a, [mirror_landing["wiki"]])
    load(b, [mirror_landing["wiki"]])
    load(b, [mirror_landing["pith"]])
    assert fingerprint(a) == fingerprint(b)


def test_a_load_killed_halfway_leaves_the_previous_state(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, [mirror_landing["wiki"]])
    before = fingerprint(db)
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from warehouse.api import open_warehouse
        from warehouse.load import stage_run
        from warehouse.resolve import resolve
        con = open_warehouse(Path({str(db)!r}))
        con.execute("begin")
        stage_run(con, Path({str(mirror_landing["pith"])!r}))
        resolve(con)
        os.kill(os.getpid(), signal.SIGKILL)  # killed before commit
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[1], check=False)
    assert proc.returncode == -9
    assert fingerprint(db) == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from raw_reference").fetchone() == (0,)


def test_a_load_killed_while_resolving_keeps_the_curated_tables_and_resolves_next_time(
    mirror_landing: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    load(db, [mirror_landing["wiki"]])
    before = fingerprint(db)
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        import warehouse.api as api
        def killed(con):
            con.execute("delete from papers")  # halfway through the rebuild
            os.kill(os.getpid(), signal.SIGKILL)
        api.resolve = killed
        api.load(Path({str(db)!r}), [Path({str(mirror_landing["pith"])!r})])
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[1], check=False)
    assert proc.returncode == -9
    assert fingerprint(db) == before  # curated tables as they were
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from raw_reference").fetchone() == (35,)  # the staged run is kept
    assert con.execute("select count(*) from resolve_pending").fetchone() == (1,)
    con.close()
    report = load(db, [])  # nothing new to stage: the pending run is resolved now
    assert report.resolved is not None and not report.failed_checks
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from papers where arxiv_id = '1906.01820'").fetchone() == (1,)
    assert con.execute("select count(*) from resolve_pending").fetchone() == (0,)


def test_an_incomplete_run_loads_only_as_far_as_its_manifest_vouches(
    mirror_landing: dict[str, Path], tmp_path: Path
) -> None:
    run = tmp_path / "landing" / mirror_landing["pith"].name
    shutil.copytree(mirror_landing["pith"], run)
    manifest = json.loads((run / "manifest.json").read_text())
    manifest["status"], manifest["ended_at"] = "incomplete", None
    (run / "manifest.json").write_text(json.dumps(manifest))
    with (run / "reference.jsonl").open("ab") as fh:  # what a killed crawl leaves after its last checkpoint
        fh.write(b'{"kind": "reference", "source_url": "https://pith.science/paper/x", "raw": "half a li')
    report = load(tmp_path / "w.duckdb", [run])
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("select count(*) from raw_reference").fetchone() == (
        manifest["files"]["reference.jsonl"]["lines"],
    )
    assert con.execute("select status from crawl_runs").fetchone() == ("incomplete",)
    assert report.resolved is not None and not report.failed_checks


def test_an_old_warehouse_upgrades_in_place(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    assert migrate(con, upto=1) == [1]
    con.execute("begin")
    stage_run(con, mirror_landing["pith"])
    con.execute("commit")
    con.close()
    con = open_warehouse(db)  # applies 0002 to the latest
    assert schema_version(con) == LATEST
    assert con.execute("select count(*) from raw_reference").fetchone() == (35,)
    # 0009 moved each page's links from a JSON list in raw_page_fetch to raw_page_link, in their order
    fetches = [json.loads(line) for line in (mirror_landing["pith"] / "page_fetch.jsonl").read_text().splitlines()]
    links = [(f["canonical_url"], i, o["url"], o["page_type"]) for f in fetches for i, o in enumerate(f["outlinks"], 1)]
    assert len(links) > 30
    moved = con.execute("select canonical_url, position, url, page_type from raw_page_link order by all").fetchall()
    assert moved == sorted(links)
    columns = con.execute("select column_name from information_schema.columns where table_name = 'raw_page_fetch'")
    assert "outlinks" not in {c for (c,) in columns.fetchall()}
    con.execute("begin")
    resolve(con)
    con.execute("commit")
    assert con.execute("select count(*) from papers where arxiv_id = '1906.01820'").fetchone() == (1,)


def test_an_upgrade_that_restores_curated_tables_rebuilds_them(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "v4.duckdb"
    con = duckdb.connect(str(db))
    migrate(con, upto=4)
    con.execute("begin")
    stage_run(con, mirror_landing["pith"])
    con.execute("insert into papers (paper_id, anchor) values ('cg_from_v4', 'arxiv:1906.01820')")
    con.execute("""insert into citation_edges values ('cg_from_v4', 'paper', 'cg_from_v4', ['reference_list'], 1, 1,
                   null, null, null, null)""")
    con.execute("commit")
    con.close()
    con = open_warehouse(db)  # 0005 re-stores the mention-level tables: they are rebuilt from the raw rows
    assert schema_version(con) == LATEST
    assert con.execute("select count(*) from papers where paper_id = 'cg_from_v4'").fetchone() == (0,)
    merges = con.execute("select count(*) from identity_merges m join papers p using (paper_id)").fetchone()
    refs = con.execute("select count(*) from paper_references").fetchone()
    assert merges and merges[0] > 35 and refs == (35,)
    # 0007 re-stores the edges as label pairs: rebuilt too, read through the view of the same name
    row = con.execute("select count(*), count(citing_id), count(cited_id), count(first_run) from citation_edges")
    edges = row.fetchone()
    assert edges and edges[0] > 35 and len(set(edges)) == 1  # every pair's ids and runs read back
    assert con.execute("select count(*) from citation_edges where citing_id = 'cg_from_v4'").fetchone() == (0,)


def test_snapshot_round_trips(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, [mirror_landing["pith"], mirror_landing["wiki"]])
    con = open_warehouse(db)
    snap = export_snapshot(con, tmp_path / "snapshots")
    manifest = json.loads((snap / "manifest.json").read_text())
    assert manifest["schema_version"] == LATEST and len(manifest["run_ids"]) == 2
    assert not list((tmp_path / "snapshots").glob(".*")), "no partial folder left behind"
    for table in TABLES:
        path = snap / f"{table}.parquet"
        for query in (
            f"select * from {table} except all select * from read_parquet('{path}')",
            f"select * from read_parquet('{path}') except all select * from {table}",
        ):
            assert con.execute(f"select count(*) from ({query})").fetchone() == (0,), table
        rows = manifest["files"][path.name]["rows"]
        assert (
            pq.read_table(path).num_rows == rows == len(pandas.read_parquet(path)) == polars.read_parquet(path).height
        )


def test_checks_fail_loudly_on_bad_data(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, [mirror_landing["pith"]])
    con = duckdb.connect(str(db))
    con.execute("""insert into paper_identifiers select 'cg_intruder', 'arxiv', '1906.01820', 1, ['test'], null""")
    # an edge between two clusters no paper stands for (citation_edges reads the pairs through the labels)
    con.execute("insert into edge_pairs select max(label) + 1, max(label) + 2, 16, 1, null, 1, 1 from resolved_labels")
    unknown = con.execute("select count(*) from citation_edges where citing_id is null and cited_id is null")
    assert unknown.fetchone() == (1,)
    failed = {c.name for c in run_checks(con) if not c.ok}
    assert {"papers_sharing_an_arxiv_id", "edges_to_unknown_papers"} <= failed
    assert not {"duplicate_edges", "duplicate_keys", "references_not_resolved", "references_read_back"} & failed


def test_the_checks_for_keys_and_references_fire(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, [mirror_landing["pith"]])
    con = duckdb.connect(str(db))
    assert not [c.name for c in run_checks(con) if not c.ok]
    con.execute("insert into edge_pairs select * from edge_pairs limit 1")
    con.execute("insert into mention_resolution select * from mention_resolution limit 1")
    # a paper a reference resolved to goes missing; a raw References row goes missing
    con.execute("""delete from papers where paper_id = (select l.paper_id from reference_resolution x
                   join resolved_labels l on l.label = x.cited order by all limit 1)""")
    con.execute("""delete from raw_reference where rowid = (select min(rowid) from raw_reference)""")
    checks = {c.name: c for c in run_checks(con)}
    failed = {name for name, c in checks.items() if not c.ok}
    assert {"duplicate_edges", "duplicate_keys", "references_not_resolved", "references_read_back"} <= failed
    assert checks["duplicate_keys"].failures == 1 and checks["duplicate_keys"].sample[0][0] == "identity_merges"


def test_unknown_fields_are_reported_not_dropped(mirror_landing: dict[str, Path], tmp_path: Path) -> None:
    run = tmp_path / mirror_landing["wiki"].name
    shutil.copytree(mirror_landing["wiki"], run)
    lines = (run / "wiki_page.jsonl").read_text().splitlines()
    record = json.loads(lines[0]) | {"reading_time_minutes": 12}
    (run / "wiki_page.jsonl").write_text(json.dumps(record) + "\n")
    manifest = json.loads((run / "manifest.json").read_text())
    manifest["files"]["wiki_page.jsonl"]["bytes"] = (run / "wiki_page.jsonl").stat().st_size
    (run / "manifest.json").write_text(json.dumps(manifest))
    load(tmp_path / "w.duckdb", [run])
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("select issue, detail from load_issues").fetchall() == [
        ("unknown_fields", "reading_time_minutes")
    ]
