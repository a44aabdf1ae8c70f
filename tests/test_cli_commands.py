"""The citegraph command as a user meets it: help, --json, exit codes, sql during a write."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.steps import export_snapshot, load_runs

REPO = Path(__file__).parents[1]


def citegraph(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "--home", str(home), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_help_tells_the_story(tmp_path: Path) -> None:
    out = citegraph("--help", home=tmp_path).stdout
    for command in (
        "demo",
        "crawl",
        "load",
        "resolve",
        "check",
        "export",
        "sql",
        "parse",
        "mirror",
        "schedule",
        "status",
    ):
        assert f"  {command}" in out
    assert "citegraph.toml" in out and "CITEGRAPH_HOME" in out


def test_clear_error_without_a_warehouse(tmp_path: Path) -> None:
    result = citegraph("sql", "select 1", home=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr.strip().count("\n") == 0 and "no warehouse" in result.stderr and "Traceback" not in result.stderr
    )


@pytest.fixture
def loaded_home(mirror_landing: dict[str, Path], tmp_path: Path) -> Path:
    config = load_config({"home": str(tmp_path)})
    load_runs(config, [mirror_landing["pith"], mirror_landing["wiki"]])
    return tmp_path


def test_sql_json_status_and_check(loaded_home: Path) -> None:
    rows = json.loads(
        citegraph("--json", "sql", "select arxiv_id from papers where arxiv_id = '1906.01820'", home=loaded_home).stdout
    )
    assert rows == [{"arxiv_id": "1906.01820"}]
    status = json.loads(citegraph("--json", "status", home=loaded_home).stdout)
    assert status["warehouse"]["counts"]["hubs"] == 3
    assert citegraph("check", home=loaded_home).returncode == 0


def test_sql_while_another_process_writes(loaded_home: Path) -> None:
    db = loaded_home / "citegraph.duckdb"
    hold = "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)"

    def holder() -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        return proc

    proc = holder()
    try:
        busy = citegraph("sql", "select count(*) from papers", home=loaded_home)
    finally:
        proc.kill()
        proc.wait()
    assert busy.returncode == 1 and "being written by another process" in busy.stderr
    assert "Traceback" not in busy.stderr and busy.stderr.strip().count("\n") == 0

    export_snapshot(load_config({"home": str(loaded_home)}))
    proc = holder()
    try:
        answered = citegraph("--json", "sql", "select count(*) as n from papers", home=loaded_home)
    finally:
        proc.kill()
        proc.wait()
    assert answered.returncode == 0, answered.stderr
    assert "last consistent snapshot" in answered.stderr
    assert json.loads(answered.stdout)[0]["n"] > 100
