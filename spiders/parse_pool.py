"""Parsing off the crawl's event loop: pages are parsed, and their records serialised, in worker processes.

Scrapy runs every callback on one thread, and parsing a page costs more than fetching it there. With
``CITEGRAPH_PARSE_WORKERS`` > 0 the spider hands each body to a process pool and keeps fetching while the
workers parse; with 0 it parses inline. Either way the spider gets the same ``ParsedPage``: the page's JSON
lines ready to land (one chunk per record kind), the links to follow and the reasons of its error records.

A worker that dies (a crash in a C library, the OOM killer) breaks the pool: it is restarted and each page
that was in flight is parsed once more, one at a time; a page that breaks the pool again becomes a
``parser_crashed`` error record. A page that takes longer than ``CITEGRAPH_PARSE_TIMEOUT`` (a regular
expression gone exponential on hostile input) gets the workers killed and becomes a ``parse_timeout`` error
record; parsing inline, nothing can stop it. The crawl goes on either way.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from typing import Any

from spiders.landing import encode_record
from spiders.pages.registry import parse_page
from spiders.records import CrawlError, Navigation, Record
from spiders.run import long_lived_gc

log = logging.getLogger(__name__)
WORKER_NICENESS = 10
PARSE_TIMEOUT = 60.0
POLITE_DELAY = 0.25
"""Seconds between requests from which ``auto`` parses inline (workers would idle)."""


@dataclass(slots=True)
class ParsedPage:
    """What the spider needs of a parsed page."""

    chunks: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    """Per record kind (all but navigation): the records as newline-ended JSON lines, and how many. One write
    per kind and page: the event loop wrote 56 lines a page one by one."""
    links: list[dict[str, str]] = field(default_factory=list)
    """Links of the page's navigation records."""
    errors: list[str] = field(default_factory=list)
    """Reasons of the page's ``crawl_error`` records."""


def landable(records: list[Record]) -> ParsedPage:
    """Records as the spider lands and follows them."""
    out = ParsedPage()
    lines: dict[str, list[bytes]] = {}
    for record in records:
        if isinstance(record, Navigation):
            out.links.extend(record.links)
            continue
        if isinstance(record, CrawlError):
            out.errors.append(record.reason)
        lines.setdefault(record.kind, []).append(encode_record(record))
    out.chunks = {kind: (b"\n".join(group) + b"\n", len(group)) for kind, group in lines.items()}
    return out


def parse_landable(url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]) -> ParsedPage:
    """``parse_page`` then ``landable``: the unit of work a worker does."""
    return landable(parse_page(url, body, content_type, page_type, prov))


def _worker_start(crawler_pid: int) -> None:
    # The event loop is the latency-bound process (a response waits for it, a request waits for it); workers
    # only add throughput. Yield the CPU to it when both want it.
    os.nice(WORKER_NICENESS)
    long_lived_gc()
    # A crawl killed outright (SIGKILL, a flow's timeout) cannot stop its workers, and they would wait on their
    # queue forever: each watches the crawl and leaves with it.
    threading.Thread(target=_exit_with, args=(crawler_pid,), daemon=True, name="watch-crawler").start()


def _exit_with(pid: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # exists, as another user: not ours any more
            os._exit(0)


def default_workers(download_delay: float = 0.0) -> int:
    """One worker per core, at most 4: the event loop mostly waits on the network, so on 2 cores two workers
    parse 1.2x faster than one (bench/crawl.py); past 4 the event loop itself is the limit. None for a polite
    crawl (a delay between requests, as on the live sites): a page parses in milliseconds, inline."""
    if download_delay >= POLITE_DELAY:
        return 0
    return max(1, min(4, os.cpu_count() or 1))


class ParsePool:
    """Parses pages in ``workers`` processes (0: inline, on the caller's thread)."""

    def __init__(
        self, workers: int, timeout: float = PARSE_TIMEOUT, work: Callable[..., ParsedPage] | None = None
    ) -> None:
        self.workers = max(0, workers)
        self.timeout = timeout
        """Seconds a page may take in a worker before the workers are killed and the page is an error record."""
        self.work = work or parse_landable
        """What a worker runs per page (a module-level function: it is sent to the workers by name)."""
        self._executor: ProcessPoolExecutor | None = None
        self._retrying = asyncio.Lock()
        self.restarts = 0

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # forkserver: workers start from a clean process, never a fork of the threaded crawler
            ctx: BaseContext
            if "forkserver" in multiprocessing.get_all_start_methods():
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(["spiders.parse_pool"])
            else:  # Windows
                ctx = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_worker_start, initargs=(os.getpid(),)
            )
        return self._executor

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        if self._executor is broken:  # several pages see the same broken pool: restart it once
            broken.shutdown(wait=False, cancel_futures=True)
            self._executor = None
            self.restarts += 1

    async def parse(
        self, url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]
    ) -> ParsedPage:
        """The page parsed in a worker (or inline); never raises for a bad page."""
        if not self.workers:
            return self.work(url, body, content_type, page_type, prov)
        try:
            try:
                return await self._submit(url, body, content_type, page_type, prov)
            except BrokenProcessPool:
                log.warning("a parse worker died while %s was in the pool; parsing it again on its own", url)
            async with self._retrying:  # one retried page at a time: a page that kills workers kills only itself
                try:
                    return await self._submit(url, body, content_type, page_type, prov)
                except BrokenProcessPool:
                    log.warning("a parse worker died parsing %s on its own: an error record instead", url)
        except TimeoutError:
            log.warning("parsing %s took over %s s: workers killed, an error record instead", url, self.timeout)
            detail = f"parsing took over {self.timeout:g} s (CITEGRAPH_PARSE_TIMEOUT); the worker was killed"
            return landable([CrawlError(stage="parse", reason="parse_timeout", detail=detail, **prov)])
        except Exception as exc:  # the work itself failed (parse_page never raises; its result could not travel)
            log.exception("parsing %s failed in the pool", url)
            detail = f"parse worker: {type(exc).__name__}: {exc}"[:500]
            return landable([CrawlError(stage="parse", reason="parser_exception", detail=detail, **prov)])
        detail = "the parse worker died on this page twice (a crash or out of memory)"
        return landable([CrawlError(stage="parse", reason="parser_crashed", detail=detail, **prov)])

    async def _submit(self, *args: Any) -> ParsedPage:
        pool = self._pool()
        try:
            return await asyncio.wait_for(asyncio.wrap_future(pool.submit(self.work, *args)), self.timeout)
        except BrokenProcessPool:
            self._restart(pool)
            raise
        except TimeoutError:
            # A worker cannot be interrupted (a runaway regular expression holds it): kill them all. The other
            # pages in flight see a broken pool and are parsed again.
            processes = getattr(pool, "_processes", None) or {}  # no public way to reach them before Python 3.14
            for process in list(processes.values()):
                process.kill()
            self._restart(pool)
            raise

    def close(self) -> None:
        """Stop the workers (pending pages are dropped: call when the crawl has ended)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
