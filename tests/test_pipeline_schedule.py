"""`citegraph schedule` on a real local Prefect server: one tick of an every-minute cron, one completed run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb

from mirror.server import MirrorServer, hostmap_text
from pipeline.prefect_server import start_server

REPO = Path(__file__).parents[1]


def _completed_runs(api: str) -> list[dict[str, object]]:
    body = json.dumps(
        {
            "flow_runs": {
                "state": {"type": {"any_": ["COMPLETED", "FAILED", "CRASHED"]}},
                "deployment_id": {"is_null_": False},
            },
            "limit": 10,
        }
    )
    request = urllib.request.Request(
        f"{api}/flow_runs/filter", data=body.encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        runs: list[dict[str, object]] = json.loads(response.read())
        return runs


def test_schedule_runs_the_refresh_flow_on_its_cron(tmp_path: Path) -> None:
    server, api = start_server(tmp_path / "prefect")
    home = tmp_path / "home"
    proc = None
    try:
        with MirrorServer() as mirror:
            env = {**os.environ, "PREFECT_API_URL": api, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pipeline.cli",
                    "--home",
                    str(home),
                    "schedule",
                    "--cron",
                    "* * * * *",
                    "--sites",
                    "wiki",
                    "--hostmap",
                    hostmap_text(mirror.hostmap()),
                ],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 200
            runs: list[dict[str, object]] = []
            while time.monotonic() < deadline and not runs:
                time.sleep(3)
                assert proc.poll() is None, "the schedule process died"
                runs = _completed_runs(api)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        server.terminate()
        server.wait(timeout=30)
    assert runs, "no flow run finished within 200 s of serving an every-minute schedule"
    assert runs[0]["state_type"] == "COMPLETED", runs[0].get("state_name")
    assert runs[0].get("deployment_id")
    con = duckdb.connect(str(home / "citegraph.duckdb"), read_only=True)
    assert con.execute("select count(*) from wiki_annotations").fetchone() == (35,)
