"""The refresh flow under Prefect's test harness, against the mirror; the plain steps directly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from mirror.server import MirrorServer, hostmap_text
from pipeline.config import load_config
from pipeline.steps import crawl_site, load_runs


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One Prefect test harness for the whole session (entering one costs ~18 s here)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_refresh_flow_lands_loads_and_exports(prefect_harness: None, tmp_path: Path) -> None:
    from pipeline.flows import refresh_flow

    with MirrorServer() as server:
        summary = refresh_flow(
            sites=["pith", "wiki"],
            seeds={"pith": ["1906.01820"]},
            depth=1,
            hostmap=hostmap_text(server.hostmap()),
            home=str(tmp_path),
        )
    assert [c["status"] for c in summary["crawls"]] == ["complete", "complete"]
    assert summary["load"]["checks"] and not any(summary["load"]["checks"].values())
    con = duckdb.connect(str(tmp_path / "citegraph.duckdb"), read_only=True)
    assert con.execute("select count(*) from papers where arxiv_id = '1906.01820'").fetchone() == (1,)
    assert con.execute("select count(*) from hubs").fetchone() == (3,)
    assert con.execute("select count(*) from wiki_annotations").fetchone() == (35,)
    assert con.execute("select count(*) from crawl_runs where status = 'complete'").fetchone() == (2,)
    manifest = json.loads((Path(summary["snapshot"]["snapshot"]) / "manifest.json").read_text())
    assert sorted(manifest["run_ids"]) == sorted(c["run_id"] for c in summary["crawls"])
    assert manifest["files"]["papers.parquet"]["rows"] == con.execute("select count(*) from papers").fetchone()[0]


def test_steps_run_without_prefect(tmp_path: Path) -> None:
    config = load_config({"home": str(tmp_path)})
    with MirrorServer() as server:
        crawl = crawl_site(config, "wiki", hostmap=hostmap_text(server.hostmap()))
        again = crawl_site(config, "wiki", hostmap=hostmap_text(server.hostmap()))
    assert crawl["records"] == 1 + 35 + 24 + 1 and again["records"] == 0
    loaded = load_runs(config)
    assert loaded["after"]["wiki_annotations"] == 35 and loaded["new_papers"] == loaded["after"]["papers"]
