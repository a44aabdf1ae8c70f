"""The crawl's parse pool: same lines as parsing inline, and a worker that dies costs one error record."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from spiders.parse_pool import ParsedPage, ParsePool, default_workers, parse_landable
from spiders.run import PARSE_WORKER_YOUNG

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


def hang_on_marker(url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]) -> ParsedPage:
    """A parser that never returns on a page that says HANG (a regular expression gone exponential)."""
    while b"HANG" in body:
        time.sleep(1)
    return parse_landable(url, body, content_type, page_type, prov)


def fail_on_marker(url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]) -> ParsedPage:
    """Work that raises on a page that says FAIL (what could not be pickled back, say)."""
    if b"FAIL" in body:
        raise ValueError("cannot send this back")
    return parse_landable(url, body, content_type, page_type, prov)


def report_gc(url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]) -> ParsedPage:
    """Work that tells how the worker's garbage collector runs, and whether a reference cycle gets freed."""
    import gc
    import weakref

    class Node:
        pass

    for _ in range(3):  # three pages' worth of parsing, then a cycle left behind as an exception's would be
        parse_landable(url, body, content_type, page_type, prov)
    a, b = Node(), Node()
    a.other, b.other = b, a  # type: ignore[attr-defined]
    gone = weakref.ref(a)
    del a, b
    for _ in range(5):
        parse_landable(url, body, content_type, page_type, prov)
    # a young collection comes once the worker holds PARSE_WORKER_YOUNG more objects than before (a page frees
    # what it makes; the memos of a crawl's reference strings and links grow): here, at once
    held = [[i] for i in range(gc.get_threshold()[0] + 1)]
    parse_landable(url, body, content_type, page_type, prov)
    freed = gone() is None
    del held
    return ParsedPage(errors=[str(gc.get_freeze_count() > 10_000), str(freed), str(gc.get_threshold()[0])])


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
    assert [p.chunks for p in pooled] == [inline.chunks, inline.chunks]
    assert pooled[0].links == inline.links and inline.links
    assert {"pith_paper", "reference"} <= set(inline.chunks)
    data, lines = inline.chunks["reference"]
    assert lines == data.count(b"\n") == len([json.loads(x) for x in data.splitlines()]) > 30


def test_a_dying_worker_costs_its_page_an_error_record_and_the_crawl_goes_on() -> None:
    pool = ParsePool(1, work=crash_on_marker)
    bad = ("https://pith.science/paper/2001.00001", b"<html><body>CRASH</body></html>")
    results = _parse(pool, [PAPER, bad, PAPER])
    good, crashed, again = results
    assert good.chunks == again.chunks and "reference" in good.chunks
    assert list(crashed.chunks) == ["crawl_error"] and crashed.errors == ["parser_crashed"]
    error = json.loads(crashed.chunks["crawl_error"][0])
    assert error["stage"] == "parse" and "died" in error["detail"]
    assert pool.restarts >= 2  # the bad page broke the pool twice (retried on its own), the others re-parsed


def test_a_page_that_never_finishes_is_an_error_record_and_the_others_are_parsed() -> None:
    pool = ParsePool(2, timeout=3, work=hang_on_marker)
    stuck = ("https://pith.science/paper/2001.00002", b"<html><body>HANG</body></html>")
    started = time.monotonic()
    good, hung, again = _parse(pool, [PAPER, stuck, PAPER])
    assert time.monotonic() - started < 30
    assert good.chunks == again.chunks and "reference" in good.chunks
    assert hung.errors == ["parse_timeout"]
    assert "took over 3 s" in json.loads(hung.chunks["crawl_error"][0])["detail"]


def test_auto_workers_parse_inline_for_a_polite_crawl() -> None:
    assert default_workers(download_delay=1.0) == 0  # the live sites' settings: requests a second apart
    assert 1 <= default_workers(download_delay=0.0) <= 4


def test_work_that_raises_is_an_error_record() -> None:
    failing = ("https://pith.science/paper/2001.00003", b"<html><body>FAIL</body></html>")
    good, failed = _parse(ParsePool(1, work=fail_on_marker), [PAPER, failing])
    assert "reference" in good.chunks
    assert failed.errors == ["parser_exception"]
    assert "ValueError: cannot send this back" in json.loads(failed.chunks["crawl_error"][0])["detail"]


def test_landed_lines_are_the_records_as_json_with_their_kind_first() -> None:
    """Lines are serialised from the dataclasses directly; they must be what the record dicts give, and values
    orjson cannot hold (integers past 64 bits in a wiki data record) still land."""
    from spiders.landing import encode, encode_record
    from spiders.pages.registry import parse_page
    from spiders.records import WikiPageData, to_json_dict

    pages = sorted(MIRROR.rglob("*.html"))
    urls = ["https://" + p.relative_to(MIRROR).as_posix().removesuffix(".html") for p in pages]
    records = [r for p, url in zip(pages, urls, strict=True) for r in parse_page(url, p.read_bytes(), "text/html")]
    assert len({r.kind for r in records}) >= 5
    for record in records:
        line = encode_record(record)
        assert line == encode(to_json_dict(record))
        assert next(iter(json.loads(line))) == "kind"
    big = WikiPageData(entity_id="E1", data={"n": 2**70}, source_url="https://www.longtermwiki.com/wiki/E1/data")
    assert json.loads(encode_record(big))["data"]["n"] == 2**70


def test_workers_leave_their_start_out_of_garbage_collection_but_still_free_cycles() -> None:
    """A parse worker's collections skip the objects it started with (8-9% of a paper page's parse went to going
    through them), and a reference cycle made while parsing is still freed."""
    (report,) = _parse(ParsePool(1, work=report_gc), [PAPER])
    frozen, cycle_freed, young = report.errors
    assert (frozen, cycle_freed, young) == ("True", "True", str(PARSE_WORKER_YOUNG))


def echo_body(url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]) -> ParsedPage:
    """Work whose result is as big as the page it was given."""
    return ParsedPage(errors=[body.decode()])


def test_pages_and_results_bigger_than_a_socket_buffer_travel_whole_and_the_pool_starts_no_thread() -> None:
    """The event loop writes pages to the workers and reads their results without blocking and without threads:
    a message past the socket's buffer goes in pieces, whenever the socket has room."""
    pages = [(f"https://pith.science/paper/2001.{i:05d}", str(i).encode() * (3 << 20)) for i in range(4)]
    threads = threading.active_count()
    pool = ParsePool(2, work=echo_body)

    async def run() -> tuple[list[ParsedPage], int]:
        results = await asyncio.gather(*(pool.parse(u, b, "text/html", "auto", PROV) for u, b in pages))
        return list(results), threading.active_count()

    try:
        results, during = asyncio.run(run())
    finally:
        pool.close()
    assert [r.errors[0] for r in results] == [b.decode() for _, b in pages]
    assert during == threads and pool.restarts == 0


def report_modules(url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]) -> ParsedPage:
    """Work that tells which parser modules its worker had imported before its first page."""
    import sys

    from spiders.pages.registry import PARSER_MODULES

    return ParsedPage(errors=[name for name in PARSER_MODULES if name in sys.modules])


def test_workers_start_with_the_parsers_imported() -> None:
    """``prepare`` starts the fork server, which imports the parsers once while the crawl sets up: the workers the
    first pages start are forks of it, with nothing left to import."""
    from spiders.pages import registry

    assert {f.__module__ for f in registry._parsers().values()} == set(registry.PARSER_MODULES)
    pool = ParsePool(2, work=report_modules)
    pool.prepare()
    (report,) = _parse(pool, [PAPER])
    assert report.errors == list(registry.PARSER_MODULES)
