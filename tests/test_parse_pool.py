"""The crawl's parse pool: same lines as parsing inline, and a worker that dies costs one error record."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

from spiders.parse_pool import ParsedPage, ParsePool, parse_landable

MIRROR = Path(__file__).resolve().parents[1] / "mirror" / "sites"
PAPER = ("https://pith.science/paper/1906.01820", (MIRROR / "pith.science/paper/1906.01820.html").read_bytes())
PROV = {"source_url": PAPER[0], "canonical_url": PAPER[0], "run_id": "r", "fetched_at": "2026-11-23T00:00:00Z"}


def crash_on_marker(
    url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]
) -> ParsedPage:
    """A parser whose process dies on a page that says CRASH (a segfault, the OOM killer)."""
    if b"CRASH" in body:
        os._exit(3)
    return parse_landable(url, body, content_type, page_type, prov)


def _parse(pool: ParsePool, pages: list[tuple[str, bytes]]) -> list[ParsedPage]:
    async def run() -> list[ParsedPage]:
        return list(await asyncio.gather(*(pool.parse(u, b, "text/html", "auto", PROV) for u, b in pages)))

    try:
        return asyncio.run(run())
    finally:
        pool.close()


def test_pool_lands_what_inline_parsing_lands() -> None:
    inline = _parse(ParsePool(0), [PAPER])[0]
    pooled = _parse(ParsePool(2), [PAPER, PAPER])
    assert [p.lines for p in pooled] == [inline.lines, inline.lines]
    assert pooled[0].links == inline.links and inline.links
    kinds = {kind for kind, _, _ in inline.lines}
    assert {"pith_paper", "reference"} <= kinds


def test_a_dying_worker_costs_its_page_an_error_record_and_the_crawl_goes_on() -> None:
    pool = ParsePool(1, work=crash_on_marker)
    bad = ("https://pith.science/paper/2001.00001", b"<html><body>CRASH</body></html>")
    results = _parse(pool, [PAPER, bad, PAPER])
    good, crashed, again = results
    assert good.lines == again.lines and any(kind == "reference" for kind, _, _ in good.lines)
    assert [(kind, reason) for kind, _, reason in crashed.lines] == [("crawl_error", "parser_crashed")]
    error = json.loads(crashed.lines[0][1])
    assert error["stage"] == "parse" and "died" in error["detail"]
    assert pool.restarts >= 2  # the bad page broke the pool twice (retried on its own), the others re-parsed
