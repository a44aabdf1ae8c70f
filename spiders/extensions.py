"""Progress a user can see: a line in the log and ``progress.json`` in the run folder (the CLI's bar reads it)."""

from __future__ import annotations

import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import task

from spiders.landing import write_json_atomic


class Progress:
    """Every ``CITEGRAPH_PROGRESS_SECONDS``: pages/s, queue size, records, errors."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("CITEGRAPH_PROGRESS_SECONDS", 1.0)
        self.log_every = crawler.settings.getfloat("CITEGRAPH_PROGRESS_LOG_SECONDS", 10.0)
        self.started = time.monotonic()
        self.last_log = 0.0
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.interval, now=False)

    def closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.tick(final=reason)

    def snapshot(self) -> dict[str, Any]:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        elapsed = time.monotonic() - self.started
        pages = int(stats.get("response_received_count", 0))
        queued = int(stats.get("scheduler/enqueued", 0)) - int(stats.get("scheduler/dequeued", 0))
        errors = sum(int(v) for k, v in stats.items() if k.startswith("citegraph/errors/"))
        return {
            "elapsed_s": round(elapsed, 2),
            "pages": pages,
            "pages_per_s": round(pages / elapsed, 2) if elapsed else 0,
            "queue": max(queued, 0),
            "records": int(stats.get("item_scraped_count", 0)),
            "errors": errors,
            "fresh": int(stats.get("citegraph/pages/fresh", 0)),
            "unchanged": int(stats.get("citegraph/pages/unchanged", 0))
            + int(stats.get("citegraph/pages/same_hash", 0)),
        }

    def tick(self, final: str | None = None) -> None:
        run = getattr(self.crawler.spider, "run", None)
        snap = self.snapshot() | {"finished": final}
        if run is not None:
            write_json_atomic(run.dir / "progress.json", snap)
        if final or time.monotonic() - self.last_log >= self.log_every:
            self.last_log = time.monotonic()
            self.crawler.spider.logger.info(  # type: ignore[union-attr]
                "progress: %(pages)d pages (%(pages_per_s).1f/s), queue %(queue)d, %(records)d records, "
                "%(errors)d errors, %(fresh)d fresh, %(unchanged)d unchanged",
                snap,
            )
