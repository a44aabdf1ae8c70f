"""Run a spider as a subprocess (``python -m scrapy crawl``): no Twisted reactor ever lives in this process."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LOCAL_SETTINGS = {  # for sites served on this machine: no politeness delays needed
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "CONCURRENT_REQUESTS": "32",
    "CITEGRAPH_BACKOFF_BASE": "0.2",
    "CITEGRAPH_BACKOFF_MAX": "5",
}


@dataclass
class CrawlSpec:
    """What to crawl and where to land it."""

    spider: str
    landing: Path
    state: Path
    seeds: list[str] = field(default_factory=list)
    depth: int = 2
    max_pages: int = 0
    follow: str = ""
    refresh: bool = False
    hostmap: str = ""
    run_id: str = ""
    resume: bool = False
    max_age: dict[str, int] | None = None
    settings: dict[str, str] = field(default_factory=dict)
    log_file: Path | None = None


@dataclass
class CrawlResult:
    """How a crawl subprocess ended and what its manifest says."""

    run_id: str
    run_dir: Path
    returncode: int
    manifest: dict[str, Any]
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.manifest.get("status") == "complete"


def new_run_id(spider: str) -> str:
    """Same form as the spider's own: ``20261123T101500Z-pith-3f9a``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{spider}-{secrets.token_hex(2)}"


def command(spec: CrawlSpec) -> list[str]:
    """The ``scrapy crawl`` command line for a spec."""
    args = {
        "seeds": ",".join(spec.seeds),
        "depth": spec.depth,
        "max_pages": spec.max_pages,
        "follow": spec.follow,
        "refresh": int(spec.refresh),
        "run_id": spec.run_id,
        "resume": int(spec.resume),
    }
    settings = {
        "CITEGRAPH_LANDING": str(spec.landing),
        "CITEGRAPH_STATE": str(spec.state),
        "CITEGRAPH_HOSTMAP": spec.hostmap,
        **(LOCAL_SETTINGS if spec.hostmap else {}),
        **spec.settings,
    }
    if spec.max_age is not None:
        settings["CITEGRAPH_MAX_AGE"] = json.dumps(spec.max_age)
    cmd = [sys.executable, "-m", "scrapy", "crawl", spec.spider]
    cmd += [x for k, v in args.items() if v not in ("", None) for x in ("-a", f"{k}={v}")]
    cmd += [x for k, v in settings.items() if v not in ("", None) for x in ("-s", f"{k}={v}")]
    if spec.log_file:
        cmd += ["-s", f"LOG_FILE={spec.log_file}"]
    return cmd


def start(spec: CrawlSpec) -> subprocess.Popen[bytes]:
    """Start the crawl; the caller waits (or kills)."""
    spec.run_id = spec.run_id or new_run_id(spec.spider)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    }
    out = subprocess.DEVNULL if spec.log_file else None
    return subprocess.Popen(command(spec), cwd=REPO, env=env, stdout=out, stderr=out)


def run(
    spec: CrawlSpec, on_progress: Callable[[dict[str, Any]], None] | None = None, timeout: float = 3600
) -> CrawlResult:
    """Run a crawl to the end, calling ``on_progress`` with the run's ``progress.json`` as it changes."""
    started = time.monotonic()
    proc = start(spec)
    run_dir = spec.landing / spec.run_id
    while proc.poll() is None:
        if time.monotonic() - started > timeout:
            proc.kill()
            break
        if on_progress is not None:
            progress = read_json(run_dir / "progress.json")
            if progress:
                on_progress(progress)
        with contextlib.suppress(subprocess.TimeoutExpired):  # back as soon as the crawl ends (a sleep between
            proc.wait(timeout=0.2)  # polls added 0.1 s to every crawl on average)
    proc.wait()
    if on_progress is not None and (progress := read_json(run_dir / "progress.json")):
        on_progress(progress)
    return CrawlResult(
        spec.run_id, run_dir, proc.returncode, read_json(run_dir / "manifest.json") or {}, time.monotonic() - started
    )


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON file, or None when it is missing or being replaced."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    except (OSError, ValueError):
        return None
