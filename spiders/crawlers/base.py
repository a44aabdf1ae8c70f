"""What both spiders share: scope, canonical URLs, dedupe, freshness, conditional requests, error records.

A spider callback only decides which requests and records come out; parsing is ``parse_page``.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.reactor import is_asyncio_reactor_installed
from twisted.python.failure import Failure

from spiders.crawlers.errors import classify
from spiders.item_pipelines import PageBatch
from spiders.landing import utc_now
from spiders.normalize.ids import canonical_url
from spiders.parse_pool import PARSE_TIMEOUT, ParsedPage, ParsePool, default_workers
from spiders.records import CrawlError, PageFetch, Record
from spiders.run import CrawlRun, long_lived_gc
from spiders.state import PageState

BLOCKED_PATHS = re.compile(r"^/(?:login|signin|sign-in|signup|sign-up|auth|oauth|account|logout|admin)\b", re.I)
BLOCKED_HOSTS = re.compile(r"^(?:staging|stage|dev|preview|beta|test)[.-]", re.I)
TARGET_MEMO = 200_000
"""Links whose canonical target is remembered at once (then the memo starts over)."""
FRESH_BATCH = 500
"""Fetch records of fresh pages landed per Scrapy item."""


class CitegraphSpider(scrapy.Spider):
    """Base spider. Arguments (``-a name=value``): seeds, depth, max_pages, follow, refresh, run_id, resume."""

    hosts: tuple[str, ...] = ()
    default_follow: tuple[str, ...] = ()

    def __init__(
        self,
        seeds: str = "",
        depth: str | int = 2,
        max_pages: str | int = 0,
        follow: str = "",
        refresh: str | bool = False,
        run_id: str = "",
        resume: str | bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.seed_list = [s for s in re.split(r"[\s,]+", seeds) if s]
        self.max_depth = int(depth)
        self.max_pages = int(max_pages)
        self.follow = set(follow.split(",")) if follow else set(self.default_follow)
        self.refresh = str(refresh).lower() in ("1", "true", "yes")
        self.run_id_arg, self.resume = run_id, str(resume).lower() in ("1", "true", "yes")
        self.allowed_domains = list(self.hosts)
        self.seen: set[str] = set()
        self._targets: dict[str, str] = {}
        self.scheduled = 0
        self.run: CrawlRun | None = None
        self.parsers = ParsePool(0)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> CitegraphSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.closed_run, signal=signals.spider_closed)
        spider.parsers = spider.parse_pool(crawler.settings)
        spider.parsers.prepare()  # the workers' fork server loads while Scrapy sets up the engine
        return spider

    def parse_pool(self, settings: Any) -> ParsePool:
        """The pool the settings ask for (``CITEGRAPH_PARSE_WORKERS``; ``auto``: ``default_workers``)."""
        workers = settings.get("CITEGRAPH_PARSE_WORKERS", "auto")
        if str(workers).lower() in ("auto", ""):
            workers = default_workers(settings.getfloat("DOWNLOAD_DELAY", 0.0))
        else:
            workers = int(workers)
        if workers and not is_asyncio_reactor_installed():
            self.logger.warning("parse workers need the asyncio reactor; parsing inline")
            workers = 0
        return ParsePool(workers, settings.getfloat("CITEGRAPH_PARSE_TIMEOUT", PARSE_TIMEOUT))

    def open_run(self) -> CrawlRun:
        settings = self.crawler.settings
        manifest = {
            "seeds": self.seed_list,
            "sites": list(self.hosts),
            "depth": self.max_depth,
            "max_pages": self.max_pages,
            "follow": sorted(self.follow),
            "refresh": self.refresh,
            "hostmap": settings.get("CITEGRAPH_HOSTMAP") or None,
            "settings": {
                k: settings.get(k)
                for k in (
                    "USER_AGENT",
                    "ROBOTSTXT_OBEY",
                    "DOWNLOAD_DELAY",
                    "AUTOTHROTTLE_ENABLED",
                    "CONCURRENT_REQUESTS_PER_DOMAIN",
                )
            },
        }
        self.run = CrawlRun(self.name, settings, manifest, run_id=self.run_id_arg, resume=self.resume)
        long_lived_gc()
        self.max_age: dict[str, float] = dict(settings.getdict("CITEGRAPH_MAX_AGE"))
        workers = self.parsers.workers  # started by the first page to parse (a re-crawl of fresh pages starts none)
        self.logger.info("parsing %s", f"in {workers} worker processes" if workers else "inline")
        self.logger.info("run %s landing in %s", self.run.run_id, self.run.dir)
        return self.run

    def closed_run(self, spider: scrapy.Spider, reason: str) -> None:
        if spider is not self or self.run is None:
            return
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        status = "complete" if reason == "finished" or reason.startswith("closespider") else "incomplete"
        self.parsers.close()
        self.run.close(status, reason, {"stats": {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}})

    async def start(self) -> AsyncIterator[Any]:
        self.open_run()
        for item in self.start_items():
            yield item

    def start_items(self) -> Iterator[Any]:
        """Requests (and records) for the seeds."""
        raise NotImplementedError

    # ---- where to go -------------------------------------------------------------------------------
    def in_scope(self, url: str) -> bool:
        """The sites' own hosts only; never staging hosts or sign-in pages."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return host in self.hosts and not BLOCKED_HOSTS.match(host) and not BLOCKED_PATHS.match(parts.path)

    def canonical(self, url: str) -> str:
        """Canonical real URL (subclasses fold site-specific aliases)."""
        return canonical_url(url)

    def visit(self, url: str, page_type: str, depth: int) -> Iterator[Any]:
        """A request for a page not yet seen in this run, or its stored links when it is still fresh."""
        return self.walk(iter([(url, page_type, depth)]))

    def walk(self, targets: Iterator[tuple[str, str, int]]) -> Iterator[Any]:
        """Requests for ``(url, page_type, depth)`` targets; a page still fresh yields its fetch record and its
        stored links are walked in turn. A re-crawl inside the freshness window walks the whole site from its seeds
        this way, so the walk is a loop over a queue (recursion died after ~480 pages) and breadth first: each page
        is reached at its shortest depth, as a fetching crawl reaches it, so the depth limit cuts the same pages
        (depth first, a page first met deep stopped short and the pages past it went missing)."""
        queue = deque([targets])
        fresh: list[Record] = []  # landed FRESH_BATCH at a time: one Scrapy item per page cost more than the walk
        seen, memo = self.seen, self._targets  # a re-crawl of the bench's site walks ~350,000 links: names bound once
        while queue:
            target = next(queue[0], None)
            if target is None:
                queue.popleft()
                continue
            url, page_type, depth = target
            url = memo.get(url) or self._target(url)  # ``_target``, its memo read without the call
            if url in seen or not self.in_scope(url):
                continue
            if self.max_pages and self.scheduled >= self.max_pages:
                self.crawler.stats.inc_value("citegraph/skipped/max_pages")
                continue
            self.seen.add(url)
            self.scheduled += 1
            known = self.run.state.get(url) if self.run is not None else None
            if known is not None and self._fresh(known.run_id, known.page_type, known.age_seconds()):
                self.crawler.stats.inc_value("citegraph/pages/fresh")
                if self.run is not None and known.run_id != self.run.run_id:  # this run landed it already
                    # not fetched: its links are the landed ones of the run that fetched it (a copy here re-landed
                    # every link of the site on each scheduled re-crawl: 30 MB a run for the bench's 5,900 pages)
                    fresh.append(self._fetch_record(url, url, page_type, outcome="fresh"))
                    if len(fresh) >= FRESH_BATCH:
                        yield PageBatch(records=fresh)
                        fresh = []
                queue.append(self.link_targets(known.outlinks, depth))
                continue
            yield self._request(url, page_type, depth, known)
        if fresh:
            yield PageBatch(records=fresh)

    def _request(self, url: str, page_type: str, depth: int, known: PageState | None) -> scrapy.Request:
        headers = {}
        if known is not None and not self.refresh:
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        meta = {
            "page_type": page_type,
            "cg_depth": depth,
            "cg_known": known,  # the response needs it again: saves a state lookup per page
            "handle_httpstatus_list": [304],
            "cg_sent": time.time(),
        }
        # dont_filter: this spider dedupes on canonical URLs itself, and a redirect loop must reach the errback
        # (the dupefilter would drop it silently); ScopeMiddleware keeps redirects on the site regardless.
        return scrapy.Request(
            url, callback=self.on_response, errback=self.on_error, headers=headers, meta=meta, dont_filter=True
        )

    def _target(self, url: str) -> str:
        """The canonical URL a link leads to (through a redirect seen in an earlier run), memoised for the run:
        a page links to ~60 pages, mostly ones already seen, and this is the first thing ``walk`` asks of each."""
        target = self._targets.get(url)
        if target is None:
            target = self.canonical(url)
            if self.run is not None and not self.resume and (alias := self.run.state.alias(target)):
                target = alias
            if len(self._targets) >= TARGET_MEMO:  # bounded: a million-page crawl must not hold every link
                self._targets.clear()
            self._targets[url] = target
        return target

    def _fresh(self, run_id: str, page_type: str, age: float) -> bool:
        assert self.run is not None
        if run_id == self.run.run_id:  # already done in this run (a resumed crawl)
            return True
        return not self.refresh and age < float(self.max_age.get(page_type, 0))

    def follow_links(self, links: list[dict[str, str]], depth: int) -> Iterator[Any]:
        """Requests for the links of a page, within depth and the page types to follow."""
        return self.walk(self.link_targets(links, depth))

    def link_targets(self, links: list[dict[str, str]], depth: int) -> Iterator[tuple[str, str, int]]:
        """``(url, page_type, depth)`` of the links of a page at ``depth`` that this crawl follows."""
        if depth >= self.max_depth:
            return
        expand, follow, deeper = self.expand, self.follow, depth + 1
        for link in links:
            for url, page_type in expand(link["url"], link["page_type"]):
                if page_type in follow:
                    yield url, page_type, deeper

    def expand(self, url: str, page_type: str) -> list[tuple[str, str]]:
        """The URLs to fetch for one link (a subclass may prefer JSON endpoints)."""
        return [(url, page_type)]

    # ---- what came back ------------------------------------------------------------------------------
    async def on_response(self, response: Response) -> AsyncIterator[Any]:
        """Records of a changed page; just a fetch record (and stored links) for an unchanged one."""
        assert self.run is not None
        request_url = response.request.url if response.request else response.url
        first = (response.meta.get("redirect_urls") or [request_url])[0]
        final = self.canonical(response.url)
        page_type, depth = response.meta["page_type"], response.meta["cg_depth"]
        if "cg_known" in response.meta and final == self.canonical(first):
            known = response.meta["cg_known"]
        else:  # redirected: what is known about where it led
            known = self.run.state.get(final)
        redirects = [self.canonical(u) for u in response.meta.get("redirect_urls", [])]
        common: dict[str, Any] = {
            "status": response.status,
            "redirects": redirects,
            "elapsed_ms": self._elapsed(response),
            "etag": _header(response, b"ETag"),
            "last_modified": _header(response, b"Last-Modified"),
        }
        if final != self.canonical(first):
            self.seen.add(final)
        if response.status == 304 and known is not None:
            self.crawler.stats.inc_value("citegraph/pages/unchanged")
            yield self._fetch_record(first, final, page_type, outcome="unchanged", outlinks=known.outlinks, **common)
            for request in self.follow_links(known.outlinks, depth):
                yield request
            return
        body_hash = hashlib.sha256(response.body).hexdigest()
        if known is not None and known.content_hash == body_hash and not self.refresh:
            self.crawler.stats.inc_value("citegraph/pages/same_hash")
            yield self._fetch_record(
                first,
                final,
                page_type,
                outcome="same_hash",
                content_hash=body_hash,
                outlinks=known.outlinks,
                bytes=len(response.body),
                **common,
            )
            for request in self.follow_links(known.outlinks, depth):
                yield request
            return
        parsed = await self.parse_body(response, first, final, page_type)
        links = parsed.links + self.extra_links(response, final, page_type)
        for reason in parsed.errors:
            self.crawler.stats.inc_value(f"citegraph/errors/{reason}")
        outcome = "changed" if known is not None else "new"
        self.crawler.stats.inc_value(f"citegraph/pages/{outcome}")
        fetch = self._fetch_record(
            first,
            final,
            page_type,
            outcome=outcome,
            content_hash=body_hash,
            outlinks=links,
            bytes=len(response.body),
            **common,
        )
        yield PageBatch(parsed.chunks, parsed.errors, [fetch])
        for request in self.follow_links(links, depth):
            yield request
        for request in self.always_follow(final, page_type, depth):
            yield request

    async def parse_body(self, response: Response, first: str, final: str, page_type: str) -> ParsedPage:
        """Records of the page, parsed in the parse pool (parsers never raise: errors come back as records)."""
        content_type = _header(response, b"Content-Type")
        return await self.parsers.parse(final, response.body, content_type, page_type, self._prov(first, final))

    def extra_links(self, response: Response, final: str, page_type: str) -> list[dict[str, str]]:
        """Links a subclass finds outside the parsers (sitemaps)."""
        return []

    def always_follow(self, final: str, page_type: str, depth: int) -> Iterator[Any]:
        """Companion pages fetched with a page whatever the depth (a wiki article's ``/data``)."""
        return iter(())

    def on_error(self, failure: Failure) -> Iterator[Record]:
        """Every failure becomes a ``crawl_error`` record, counted per reason in Scrapy's stats."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else ""
        if request is not None and request.meta.get("redirect_urls"):
            url = request.meta["redirect_urls"][0]  # the URL asked for, not the last hop
        fields = classify(failure)
        self.crawler.stats.inc_value(f"citegraph/errors/{fields['reason']}")
        self.logger.info("crawl error %s on %s", fields["reason"], url)
        yield CrawlError(**fields, **self._prov(url, self.canonical(url) if url else ""))

    def _prov(self, source: str, final: str) -> dict[str, Any]:
        return {
            "source_url": source,
            "canonical_url": final,
            "run_id": self.run.run_id if self.run else "",
            "fetched_at": utc_now(),
        }

    def _fetch_record(self, first: str, final: str, page_type: str, status: int = 0, **fields: Any) -> PageFetch:
        return PageFetch(page_type=page_type, status=status, **fields, **self._prov(first, final))

    @staticmethod
    def _elapsed(response: Response) -> float | None:
        sent = response.meta.get("cg_sent")
        return round((time.time() - sent) * 1000, 1) if sent else None


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def seeds_from_file(path: str) -> list[str]:
    """Seeds from a file: one URL or arXiv id a line, ``#`` comments; or a JSON list."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if text.lstrip().startswith("["):
        return [str(x) for x in json.loads(text)]
    return [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]
