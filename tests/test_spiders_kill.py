"""A crawl killed with SIGKILL leaves a landing folder the loader can read safely; a re-run completes it."""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

from mirror.server import hostmap_text
from pipeline.crawl import CrawlSpec, run, start
from spiders.landing import iter_records
from tests.fault_server import FaultHandler, base_url, paper_page, serve

PAGES = 60


def _ids(i: int) -> str:
    return f"2401.{10000 + i}"


def _page(i: int) -> Any:
    def handler(h: FaultHandler, n: int) -> None:
        time.sleep(0.15)
        h.reply(200, paper_page(_ids(i), [_ids(j) for j in (i + 1, i + 2) if j < PAGES]))

    return handler


ROUTES = {f"/paper/{_ids(i)}": _page(i) for i in range(PAGES)}


def test_sigkill_then_resume(tmp_path: Path) -> None:
    with serve(ROUTES) as server:
        spec = CrawlSpec(
            spider="pith",
            landing=tmp_path / "landing",
            state=tmp_path / "state.sqlite",
            seeds=[_ids(0)],
            depth=PAGES,
            hostmap=hostmap_text({"pith.science": base_url(server)}),
            settings={"CONCURRENT_REQUESTS_PER_DOMAIN": "2", "CITEGRAPH_CHECKPOINT_SECONDS": "0.3"},
            log_file=tmp_path / "crawl.log",
        )
        parse_processes_before = _parse_processes()
        proc = start(spec)
        run_dir = spec.landing / spec.run_id
        deadline = time.time() + 60
        while time.time() < deadline and _vouched(run_dir) < 10:
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # the crawl's parse workers (and their fork server) leave with it instead of waiting forever
        deadline = time.time() + 15
        while time.time() < deadline and _parse_processes() - parse_processes_before:
            time.sleep(0.5)
        assert not _parse_processes() - parse_processes_before, "parse workers outlived the killed crawl"

        manifest = json.loads((run_dir / "manifest.json").read_text())
        assert manifest["status"] == "incomplete" and manifest["ended_at"] is None
        for name, info in manifest["files"].items():
            assert (run_dir / name).stat().st_size >= info["bytes"]
        killed = iter_records(run_dir)  # every vouched line is a whole JSON record
        papers_before = len(killed.get("pith_paper", []))
        assert 0 < papers_before < PAGES

        spec.resume, spec.log_file = True, tmp_path / "resume.log"
        result = run(spec, timeout=120)
        hits = Counter({p: len(t) for p, t in server.hits.items()})
    assert result.ok, result.manifest
    done = iter_records(run_dir)
    ids = [p["arxiv_id"] for p in done["pith_paper"]]
    assert sorted(ids) == sorted(_ids(i) for i in range(PAGES)), "every page, each exactly once"
    assert len(done["page_fetch"]) == len({f["canonical_url"] for f in done["page_fetch"]})
    refetched = sum(1 for n in hits.values() if n > 1)
    assert refetched <= PAGES - papers_before, "pages vouched before the kill were not fetched again"
    assert result.manifest.get("resumed_at")


def _vouched(run_dir: Path) -> int:
    try:
        manifest = json.loads((run_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        return 0
    return int(manifest.get("counts", {}).get("pith_paper", 0))


def _parse_processes() -> set[int]:
    """Pids of multiprocessing fork servers and workers on this machine (Linux /proc)."""
    out = set()
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and b"multiprocessing.forkserver" in cmdline:
            out.add(int(entry.name))
    return out
