"""Parsing off the crawl's event loop: pages are parsed, and their records serialised, in worker processes.

Scrapy runs every callback on one thread, and parsing a page costs more than fetching it there. With
``CITEGRAPH_PARSE_WORKERS`` > 0 the spider hands each body to a process pool and keeps fetching while the
workers parse; with 0 it parses inline. Either way the spider gets the same ``ParsedPage``: the page's JSON
lines ready to land (one chunk per record kind), the links to follow and the reasons of its error records.

A worker that dies (a crash in a C library, the OOM killer) costs only the pages that were in it: another worker
takes its place and each of those pages is parsed once more, one at a time, in a worker of its own; a page that
kills that one too becomes a ``parser_crashed`` error record. A page that takes longer than
``CITEGRAPH_PARSE_TIMEOUT`` (a regular expression gone exponential on hostile input) gets its worker killed and
becomes a ``parse_timeout`` error record; parsing inline, nothing can stop it. The crawl goes on either way.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any

from spiders.landing import lines_by_kind
from spiders.pages.registry import PARSER_MODULES, parse_page
from spiders.records import CrawlError, Navigation, Record
from spiders.run import PARSE_WORKER_YOUNG, long_lived_gc

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
    for record in records:
        if isinstance(record, Navigation):
            out.links.extend(record.links)
        elif isinstance(record, CrawlError):
            out.errors.append(record.reason)
    lines = lines_by_kind(records, Navigation)
    out.chunks = {kind: (b"\n".join(group) + b"\n", len(group)) for kind, group in lines.items()}
    return out


def parse_landable(url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]) -> ParsedPage:
    """``parse_page`` then ``landable``: the unit of work a worker does."""
    return landable(parse_page(url, body, content_type, page_type, prov))


def _worker_start(crawler_pid: int) -> None:
    # The event loop is the latency-bound process (a response waits for it, a request waits for it); workers
    # only add throughput. Yield the CPU to it when both want it.
    os.nice(WORKER_NICENESS)
    long_lived_gc(young=PARSE_WORKER_YOUNG)
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


class WorkerLost(Exception):
    """The worker a page was in died (a crash, the OOM killer, or killed for a page past the timeout)."""


_FRAME = struct.Struct("!Q")
"""Each message between the crawl and a worker: its length, then a pickle."""
_DEPTH = 2
"""Pages sent to a worker at a time: the next is already in its pipe when it finishes one."""


@dataclass(eq=False, slots=True)
class _Task:
    data: bytes
    """The framed pickle of ``(work, args)``."""
    future: asyncio.Future[ParsedPage]
    expiry: asyncio.TimerHandle | None = None
    worker: _Worker | None = None


class _Worker:
    """One worker process and the crawl's end of its socket, read and written by the event loop's selector."""

    def __init__(
        self, pool: ParsePool, ctx: ForkServerContext | SpawnContext, loop: asyncio.AbstractEventLoop, solo: bool
    ) -> None:
        self.pool, self.loop, self.solo = pool, loop, solo
        ours, theirs = socket.socketpair()
        self.process = ctx.Process(target=_serve, args=(theirs, os.getpid()), daemon=True, name="citegraph-parse")
        self.process.start()
        theirs.close()
        ours.setblocking(False)
        self.sock, self.fd = ours, ours.fileno()
        self.tasks: deque[_Task] = deque()
        """Sent and not answered, in the order sent (the worker answers in order)."""
        self.unsent = memoryview(b"")
        """What the socket had no room for yet."""
        self.inbox = bytearray()
        self.sentinel = self.process.sentinel if os.name == "posix" else None
        """Readable when the process has ended (on Windows a handle the selector cannot watch: the socket's end
        of file says it there)."""
        loop.add_reader(self.fd, self._readable)
        if self.sentinel is not None:
            loop.add_reader(self.sentinel, self._exited)

    def send(self, task: _Task) -> None:
        task.worker = self
        self.tasks.append(task)
        if self.unsent:
            self.unsent = memoryview(bytes(self.unsent) + task.data)
            return
        try:
            sent = self.sock.send(task.data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:  # the worker is gone: its sentinel says so next
            return
        if sent < len(task.data):
            self.unsent = memoryview(task.data)[sent:]  # a view: a big page is not copied at each partial send
            self.loop.add_writer(self.fd, self._writable)

    def _writable(self) -> None:
        try:
            sent = self.sock.send(self.unsent)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            sent = len(self.unsent)
        self.unsent = self.unsent[sent:]
        if not self.unsent:
            self.loop.remove_writer(self.fd)

    def _readable(self) -> bool:
        """Read what the worker sent; False when there was nothing to read (or it has gone)."""
        try:
            data = self.sock.recv(1 << 18)
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            data = b""
        if not data:
            self.pool._lost(self)
            return False
        inbox = self.inbox
        inbox += data
        while len(inbox) >= 8:
            size = _FRAME.unpack_from(inbox)[0] + 8
            if len(inbox) < size:
                break
            message = bytes(memoryview(inbox)[8:size])
            del inbox[:size]
            self.pool._answered(self, self.tasks.popleft(), message)
        return True

    def _exited(self) -> None:
        while self.sock.fileno() >= 0 and self._readable():  # answers it sent before it went
            pass
        self.pool._lost(self)

    def close(self, kill: bool = False) -> None:
        """Stop watching the worker and close the socket (the worker then leaves by itself); ``kill``: now."""
        if kill:
            self.process.kill()
        if self.sock.fileno() < 0:
            return
        if not self.loop.is_closed():
            self.loop.remove_reader(self.fd)
            self.loop.remove_writer(self.fd)
            if self.sentinel is not None:
                self.loop.remove_reader(self.sentinel)
        self.sock.close()


class ParsePool:
    """Parses pages in ``workers`` processes (0: inline, on the caller's thread).

    The event loop talks to each worker over a socket of its own, watched by its selector: no threads. (A
    ``ProcessPoolExecutor`` moves every page through a feeder thread and a manager thread that take the GIL from
    the event loop: 0.67 ms of the crawl process's CPU a page, against 0.15-0.19 ms this way, measured with workers
    that send back a paper page's stored result.)"""

    def __init__(
        self, workers: int, timeout: float = PARSE_TIMEOUT, work: Callable[..., ParsedPage] | None = None
    ) -> None:
        self.workers = max(0, workers)
        self.timeout = timeout
        """Seconds a page may take in a worker before its worker is killed and the page is an error record."""
        self.work = work or parse_landable
        """What a worker runs per page (a module-level function: it is sent to the workers by name)."""
        self._live: list[_Worker] = []
        self._waiting: deque[_Task] = deque()
        """Pages no worker has room for yet."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ctx: ForkServerContext | SpawnContext | None = None
        self._retired: list[_Worker] = []
        """Workers gone or on their way out, to be reaped."""
        self._retrying = asyncio.Lock()
        self.restarts = 0
        """Workers started again after one died or was killed."""

    def _context(self) -> ForkServerContext | SpawnContext:
        if self._ctx is None:
            # forkserver: workers start from a clean process, never a fork of the threaded crawler; it imports the
            # parsers once and each worker starts with them (imported by each worker on its first page, they held
            # a crawl's first answers back by ~0.3 s)
            if "forkserver" in multiprocessing.get_all_start_methods():
                self._ctx = multiprocessing.get_context("forkserver")
                self._ctx.set_forkserver_preload(["spiders.parse_pool", *PARSER_MODULES])
            else:  # Windows
                self._ctx = multiprocessing.get_context("spawn")
        return self._ctx

    def prepare(self) -> None:
        """Start the fork server the workers will come from, without waiting for it: it imports the parsers on
        another core while the crawl sets itself up (call as early as the number of workers is known). The first
        pages to parse then start their workers in milliseconds; a crawl that parses nothing starts none."""
        if self.workers and isinstance(self._context(), ForkServerContext):
            from multiprocessing import forkserver  # (not on Windows)

            forkserver.ensure_running()

    async def parse(
        self, url: str, body: bytes, content_type: str | None, page_type: str, prov: dict[str, Any]
    ) -> ParsedPage:
        """The page parsed in a worker (or inline); never raises for a bad page."""
        if not self.workers:
            return self.work(url, body, content_type, page_type, prov)
        args = (url, body, content_type, page_type, prov)
        try:
            try:
                return await self._submit(args)
            except WorkerLost:
                log.warning("a parse worker died while %s was in it; parsing it again on its own", url)
            async with self._retrying:  # one retried page at a time: a page that kills workers kills only itself
                try:
                    return await self._submit(args, alone=True)
                except WorkerLost:
                    log.warning("a parse worker died parsing %s on its own: an error record instead", url)
        except TimeoutError:
            log.warning("parsing %s took over %s s: its worker killed, an error record instead", url, self.timeout)
            detail = f"parsing took over {self.timeout:g} s (CITEGRAPH_PARSE_TIMEOUT); the worker was killed"
            return landable([CrawlError(stage="parse", reason="parse_timeout", detail=detail, **prov)])
        except Exception as exc:  # the work itself failed (parse_page never raises; its result could not travel)
            log.exception("parsing %s failed in the pool", url)
            detail = f"parse worker: {type(exc).__name__}: {exc}"[:500]
            return landable([CrawlError(stage="parse", reason="parser_exception", detail=detail, **prov)])
        detail = "the parse worker died on this page twice (a crash or out of memory)"
        return landable([CrawlError(stage="parse", reason="parser_crashed", detail=detail, **prov)])

    async def _submit(self, args: tuple[Any, ...], alone: bool = False) -> ParsedPage:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # workers answer to the loop that started them
            self.close()
            self._loop = loop
        data = pickle.dumps((self.work, args), protocol=pickle.HIGHEST_PROTOCOL)
        task = _Task(_FRAME.pack(len(data)) + data, loop.create_future())
        task.expiry = loop.call_later(self.timeout, self._expire, task)
        if alone:  # a worker of its own, for this page only: a page that kills it takes no other page with it
            self._spawn(solo=True).send(task)
        else:
            self._waiting.append(task)
            self._dispatch()
        try:
            return await task.future
        finally:
            task.expiry.cancel()

    def _spawn(self, solo: bool = False) -> _Worker:
        assert self._loop is not None
        worker = _Worker(self, self._context(), self._loop, solo)
        self._live.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        self._live.remove(worker)
        worker.close(kill)
        self._retired = [w for w in self._retired if w.process.is_alive()]  # reaped
        self._retired.append(worker)

    def _dispatch(self) -> None:
        """Hand waiting pages to the workers with room, starting workers up to ``workers``."""
        waiting = self._waiting
        while waiting:
            if waiting[0].future.done():  # timed out or cancelled while waiting
                waiting.popleft()
                continue
            shared = [w for w in self._live if not w.solo]
            worker = min(shared, key=lambda w: len(w.tasks), default=None)
            if worker is None or len(worker.tasks) >= _DEPTH:
                if len(shared) >= self.workers:
                    return
                worker = self._spawn()
            worker.send(waiting.popleft())

    def _answered(self, worker: _Worker, task: _Task, message: bytes) -> None:
        if not task.future.done():
            try:
                ok, value = pickle.loads(message)
            except Exception as exc:  # a result that does not unpickle is the page's error
                ok, value = False, exc
            if ok:
                task.future.set_result(value)
            else:
                task.future.set_exception(value)
        if worker.solo:
            self._retire(worker)
        self._dispatch()

    def _lost(self, worker: _Worker) -> None:
        """A worker died or was killed: its pages fail (and are parsed again on their own), the waiting go on."""
        if worker not in self._live:
            return
        self._retire(worker, kill=True)
        self.restarts += 1
        for task in worker.tasks:
            if not task.future.done():
                task.future.set_exception(WorkerLost())
        worker.tasks.clear()
        self._dispatch()

    def _expire(self, task: _Task) -> None:
        if task.future.done():
            return
        task.future.set_exception(TimeoutError())
        if task.worker is not None:
            # A worker cannot be interrupted (a runaway regular expression holds it): kill it. The pages behind
            # this one in its pipe are parsed again on their own.
            self._lost(task.worker)

    def close(self) -> None:
        """Stop the workers (pending pages are dropped: call when the crawl has ended)."""
        workers, self._live, self._retired = self._live + self._retired, [], []
        for worker in workers:
            worker.close()
            for task in worker.tasks:
                if not task.future.done() and not task.future.get_loop().is_closed():
                    task.future.cancel()
        for task in self._waiting:
            if not task.future.done() and not task.future.get_loop().is_closed():
                task.future.cancel()
        self._waiting.clear()
        for worker in workers:
            worker.process.join(5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()


def _serve(sock: socket.socket, crawler_pid: int) -> None:
    """A worker: pages in, ``(True, result)`` or ``(False, exception)`` out, until the crawl closes its end."""
    _worker_start(crawler_pid)
    sock.setblocking(True)
    incoming = sock.makefile("rb", buffering=1 << 16)
    while True:
        head = incoming.read(8)
        if len(head) < 8:
            return
        work, args = pickle.loads(incoming.read(_FRAME.unpack(head)[0]))
        try:
            message = pickle.dumps((True, work(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the crawl makes it an error record
            try:
                message = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that does not pickle travels as its text
                message = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        sock.sendall(_FRAME.pack(len(message)))
        sock.sendall(message)
