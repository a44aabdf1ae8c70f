"""Run real crawls (subprocesses, over HTTP on localhost) from tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mirror.server import hostmap_text
from pipeline.crawl import CrawlResult, CrawlSpec, run
from spiders.landing import iter_records


def crawl(
    tmp: Path, spider: str, hostmap: dict[str, str], **kw: Any
) -> tuple[CrawlResult, dict[str, list[dict[str, Any]]]]:
    """Crawl into ``tmp/landing`` with state ``tmp/state.sqlite``; returns the result and landed records."""
    spec = CrawlSpec(
        spider=spider,
        landing=tmp / "landing",
        state=tmp / "state.sqlite",
        hostmap=hostmap_text(hostmap),
        log_file=tmp / f"{spider}.log",
        **kw,
    )
    result = run(spec, timeout=180)
    assert result.manifest, f"no manifest; log:\n{(tmp / f'{spider}.log').read_text()[-3000:]}"
    return result, iter_records(result.run_dir)
