"""The hard rules on a hand-made landing run: a chain of identifiers that would join two arXiv ids is split, and an
identifier that co-occurs with two arXiv ids joins nothing. (Real pages rarely do this; the resolver must not
merge two works when they do.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from warehouse.api import load

PAGE = "https://pith.science/paper/2401.00001"
RUN = "20261123T000000Z-conflicts-0001"

# index -> (arxiv, cited_pith, cited_hub, title)
REFERENCES: dict[int, tuple[str | None, str | None, str | None, str]] = {
    # a chain X - P - H - Y: the component holds two arXiv ids and is split
    1: ("2301.00001", "pithpppp", None, "Work X, first mention of it"),
    2: (None, "pithpppp", "hub-h", "A mention tying the short id to the hub"),
    3: (None, None, "hub-h", "The hub alone"),
    4: ("2301.00002", None, "hub-h", "Work Y, carrying the hub"),
    5: ("2301.00001", None, None, "Work X, second mention"),
    6: ("2301.00002", None, None, "Work Y, second mention"),
    # Q co-occurs with Z and W: Q joins nothing
    7: ("2301.00003", "pithqqqq", None, "Work Z with short id Q"),
    8: ("2301.00004", "pithqqqq", None, "Work W with short id Q"),
    9: (None, "pithqqqq", None, "Short id Q alone"),
    10: ("2301.00003", None, None, "Work Z again"),
}


def _write_run(root: Path, run_id: str, records: list[dict[str, Any]]) -> Path:
    """A landing run folder holding ``records`` (each names its kind), with its manifest."""
    run = root / "landing" / run_id
    run.mkdir(parents=True)
    files = {}
    for kind in sorted({r["kind"] for r in records}):
        rows = [r for r in records if r["kind"] == kind]
        path = run / f"{kind}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        files[path.name] = {"kind": kind, "bytes": path.stat().st_size, "lines": len(rows)}
    manifest = {"run_id": run_id, "spider": "test", "status": "complete", "files": files}
    (run / "manifest.json").write_text(json.dumps(manifest))
    return run


def _landing(root: Path) -> Path:
    rows: list[dict[str, Any]] = [
        {
            "kind": "reference",
            "canonical_url": PAGE,
            "fetched_at": "2026-11-23T00:00:00Z",
            "citing_arxiv": "2401.00001",
            "index": i,
            "raw": title,
            "title": title,
            "arxiv_id": arxiv,
            "cited_pith": pith,
            "cited_hub": hub,
        }
        for i, (arxiv, pith, hub, title) in REFERENCES.items()
    ]
    paper = {"kind": "pith_paper", "canonical_url": PAGE, "arxiv_id": "2401.00001", "title": "The citing paper"}
    return _write_run(root, RUN, [*rows, paper])


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("conflicts")
    report = load(root / "w.duckdb", [_landing(root)])
    assert not report.failed_checks, [(c.name, c.sample) for c in report.failed_checks]
    return duckdb.connect(str(root / "w.duckdb"), read_only=True)


def _paper_of(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    rows = con.execute("select ref_index, cited_id from paper_references").fetchall()
    return {int(i): str(p) for i, p in rows}


def test_a_chain_between_two_arxiv_ids_is_split(con: duckdb.DuckDBPyConnection) -> None:
    paper = _paper_of(con)
    assert paper[1] == paper[5] and paper[4] == paper[6]  # X with X, Y with Y
    assert paper[1] != paper[4]  # never X with Y
    assert len({paper[1], paper[2], paper[3], paper[4]}) == 4  # the rest of the split component stands alone
    reasons = dict(con.execute("select reason, count(*) from identity_conflicts group by 1").fetchall())
    assert reasons["two arxiv ids met"] == 1
    detail = con.execute("select detail from identity_conflicts where reason = 'two arxiv ids met'").fetchone()
    assert detail == ("arxiv:2301.00001, arxiv:2301.00002",)
    # inside the split cluster of X, the mentions share their arXiv id: the merge explanation names it
    rules = dict(
        con.execute(
            "select mention_key, rule from identity_merges where mention_key like '%#ref%' order by all"
        ).fetchall()
    )
    assert rules[f"{PAGE}#ref5"] in ("anchor", "strong_id")


def test_an_identifier_seen_with_two_arxiv_ids_joins_nothing(con: duckdb.DuckDBPyConnection) -> None:
    paper = _paper_of(con)
    assert paper[7] == paper[10]  # Z with Z, through its arXiv id
    assert len({paper[7], paper[8], paper[9]}) == 3  # Q joins neither Z nor W, and its lone mention stands alone
    (detail,) = con.execute(
        "select detail from identity_conflicts where reason = 'identifier joins nothing' and component = ?",
        ["pith:pithqqqq"],
    ).fetchone() or ("",)
    assert detail.startswith("joins 2 arxiv ids")


def test_identifiers_and_titles_are_counted_per_cluster_inside_a_split_component(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Outside split components an identifier's counts are read per identifier, not per mention; inside one each
    split cluster counts only its own mentions, and an identifier that joins nothing is no paper's."""
    rows = con.execute(
        """select r.ref_index, i.id_kind, i.id_value, i.n_mentions
           from paper_references r join paper_identifiers i on i.paper_id = r.cited_id
           where r.source_url = ? and i.id_kind <> 'page_url'""",
        [PAGE],
    ).fetchall()
    ids: dict[int, set[tuple[str, str, int]]] = {}
    for index, kind, value, n in rows:
        ids.setdefault(int(index), set()).add((kind, value, int(n)))
    x = {("arxiv", "2301.00001", 2), ("pith", "pithpppp", 1)}
    x |= {("title_key", "workxfirstmentionofit", 1), ("title_key", "workxsecondmention", 1)}
    y = {("arxiv", "2301.00002", 2), ("hub", "hub-h", 1)}
    y |= {("title_key", "workycarryingthehub", 1), ("title_key", "workysecondmention", 1)}
    z = {("arxiv", "2301.00003", 2), ("title_key", "workzagain", 1), ("title_key", "workzwithshortidq", 1)}
    assert ids[1] == ids[5] == x and ids[4] == ids[6] == y and ids[7] == ids[10] == z
    # the pith id and the hub are split across X, the tying mention 2, the hub's lone mention 3 and Y: one each
    assert ids[2] == {("hub", "hub-h", 1), ("pith", "pithpppp", 1), ("title_key", "amentiontyingtheshortidtothehub", 1)}
    assert ids[3] == {("hub", "hub-h", 1), ("title_key", "thehubalone", 1)}
    assert ids[8] == {("arxiv", "2301.00004", 1), ("title_key", "workwwithshortidq", 1)}
    assert ids[9] == {("title_key", "shortidqalone", 1)}  # pith:pithqqqq joins nothing: no paper lists it


def test_every_reference_is_one_paper_each_way(con: duckdb.DuckDBPyConnection) -> None:
    (papers,) = con.execute("select count(distinct cited_id) from paper_references").fetchone() or (0,)
    assert papers == 7  # X, Y, 2, 3 | Z, W, 9
    anchors = dict(con.execute("select arxiv_id, anchor from papers where arxiv_id is not null").fetchall())
    assert anchors["2301.00001"] == "arxiv:2301.00001" and anchors["2301.00002"] == "arxiv:2301.00002"


def test_a_page_fetched_twice_in_one_run_is_one_mention_from_the_later_fetch(tmp_path: Path) -> None:
    """A hub reached at two URLs in one run (one hub whatever URL), a paper page fetched twice: one mention each,
    values from the later fetch; the load does not fail on the repeated mention."""
    hub = "0b7f6a52-9d0e-4c55-8a47-6f3b8d1e2c90"
    fetches = [
        {
            "kind": "pith_hub",
            "canonical_url": f"https://pith.science/citations/{hub}",
            "hub_uuid": hub,
            "title": "The hub's work",
            "fetched_at": "2026-11-23T00:00:01Z",
        },
        {
            "kind": "pith_hub",
            "canonical_url": f"https://pith.science/citations/{hub}?v=2",
            "hub_uuid": hub,
            "title": "The hub's work, as fetched later",
            "fetched_at": "2026-11-23T00:00:05Z",
        },
        {
            "kind": "pith_paper",
            "canonical_url": PAGE,
            "arxiv_id": "2401.00001",
            "title": "Old title",
            "fetched_at": "2026-11-23T00:00:02Z",
        },
        {
            "kind": "pith_paper",
            "canonical_url": PAGE,
            "arxiv_id": "2401.00001",
            "title": "New title",
            "fetched_at": "2026-11-23T00:00:09Z",
        },
    ]
    run = _write_run(tmp_path, RUN, fetches)
    report = load(tmp_path / "w.duckdb", [run])
    assert not report.failed_checks, [(c.name, c.sample) for c in report.failed_checks]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    titles = sorted(t for (t,) in con.execute("select title from papers").fetchall())
    assert titles == ["New title", "The hub's work, as fetched later"]
    kinds = con.execute("select mention_kind, count(*) from identity_merges group by 1 order by 1").fetchall()
    assert kinds == [("pith_hub", 1), ("pith_paper", 1)]


def test_resolve_leaves_no_working_tables_behind(tmp_path: Path) -> None:
    """At 1M papers the working tables are gigabytes: each is dropped after its last reader."""
    from warehouse.api import open_warehouse
    from warehouse.resolve import resolve

    load(tmp_path / "w.duckdb", [_landing(tmp_path)])
    con = open_warehouse(tmp_path / "w.duckdb")
    resolve(con)
    left = {t for (t,) in con.execute("select table_name from duckdb_tables() where temporary").fetchall()}
    views = {
        v for (v,) in con.execute("select view_name from duckdb_views() where temporary and not internal").fetchall()
    }
    con.close()
    assert left <= {"resolve_conflicts"} and not views - {"mention_values"}, (left, views)
