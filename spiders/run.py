"""One crawl run: its id, landing folder, writer and the crawl state it reads and updates."""

from __future__ import annotations

import gc
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spiders.landing import LandingWriter
from spiders.state import CrawlState


def new_run_id(spider: str) -> str:
    """``20261123T101500Z-pith-3f9a``: sortable by time, unique, names the spider."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{spider}-{secrets.token_hex(2)}"


PARSE_WORKER_YOUNG = 10_000
"""A parse worker's young-generation threshold (Python's default: 700): a young collection runs once the worker holds
that many more objects than at the last one. Parsing a page makes no reference cycle (the mirror's and a generated
site's pages leave none), and a paper page holds a few thousand objects at its peak, so at 700 about one collection
a page walked the blocks and records being built, for nothing: 2% of a paper page's instructions, 5% of a hub
page's. At 10,000 they come as the crawl's memos grow; a cycle (the worker's queues and threads make a few) waits
for the next one, and the garbage waiting is bounded by the threshold."""


def long_lived_gc(young: int | None = None) -> None:
    """The garbage collector as a crawl's processes run it once they are up (the event loop when the crawl starts, a
    parse worker when it starts): the objects they hold by then (every imported module's: Scrapy, Twisted, lxml,
    the parsers) are frozen out of the collections, and a full collection runs after 100 middle-generation ones
    instead of 10. The young generations are collected as before (``young``: allocations between two of their
    collections, Python's 700 by default; ``PARSE_WORKER_YOUNG`` in a worker), so a reference cycle is still freed
    soon after it is made; one that lives long enough to reach the oldest generation waits ten times longer.

    - Event loop: Scrapy's machinery makes reference cycles all the time (Deferreds, coroutines, async
      generators). A crawl of the bench's 5,900-page site ran 23 full collections, ~0.24 s each through all of
      Scrapy's objects (5.2-5.7 of the loop's ~45 CPU-seconds); now 2, 0.3 s in all.
    - Parse worker: a paper page's parse set off about one collection, and the older-generation ones went through
      every imported object (0.8-1.0 ms a page on average, 8-9% of its parse; frozen: 0.13-0.15 ms). The memos of
      reference strings and title lines grow into the oldest generation, and every full collection went through
      them too: 2,500 paper pages ran 21 full collections, 1.1 s (5% of the parse); now 2, 0.15 s."""
    gc.freeze()
    default_young, middle, _ = gc.get_threshold()
    gc.set_threshold(young or default_young, middle, 100)


class CrawlRun:
    """Created by the spider when it starts; the item pipeline writes through it."""

    def __init__(self, spider: str, settings: Any, manifest: dict[str, Any], run_id: str = "", resume: bool = False):
        self.run_id = run_id or new_run_id(spider)
        self.dir = Path(settings.get("CITEGRAPH_LANDING")) / self.run_id
        self.state = CrawlState(Path(settings.get("CITEGRAPH_STATE")))
        resume = resume and (self.dir / "manifest.json").exists()
        self.writer = LandingWriter(self.dir, {"run_id": self.run_id, "spider": spider, **manifest}, resume=resume)
        self.checkpoint_every = settings.getfloat("CITEGRAPH_CHECKPOINT_SECONDS", 2.0)
        self.pending_fetches: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        """Land a record; fetches also update the state at the next checkpoint."""
        self.writer.write(record)
        if record["kind"] == "page_fetch":
            self.pending_fetches.append(record)

    def maybe_checkpoint(self) -> None:
        """Checkpoint when one is due; called between items, never inside a page's batch."""
        if self.writer.due(self.checkpoint_every):
            self.checkpoint()

    def checkpoint(self, extra: dict[str, Any] | None = None) -> None:
        """Vouch for the landed lines, then let the state say those pages are done."""
        self.writer.checkpoint(extra)
        self.state.apply(self.pending_fetches)
        self.pending_fetches = []

    def close(self, status: str, reason: str, extra: dict[str, Any]) -> None:
        """Final checkpoint and manifest status."""
        self.writer.close(status, reason, extra)
        self.state.apply(self.pending_fetches)
        self.pending_fetches = []
        self.state.close()
