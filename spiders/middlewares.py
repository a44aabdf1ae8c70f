"""Downloader middlewares: retries that back off (honouring Retry-After) and the wait they schedule, scope,
and robots.txt read as RFC 9309 says."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

NOT_BEFORE = "citegraph_not_before"
log = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, parsedate_to_datetime(text).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries on 429/5xx and network errors, each retry scheduled after a delay.

    The delay is the server's Retry-After when it sends one, else exponential backoff with jitter
    (``CITEGRAPH_BACKOFF_BASE`` * 2^(attempt-1)); both capped by ``CITEGRAPH_BACKOFF_MAX``.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("CITEGRAPH_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("CITEGRAPH_BACKOFF_MAX", 300.0)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        if response.status in self.retry_http_codes:
            request.meta["citegraph_retry_after"] = retry_after_seconds(response.headers.get(b"Retry-After"))
        return super().process_response(request, response)

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            attempt = int(retry.meta.get("retry_times", 1))
            delay = retry.meta.pop("citegraph_retry_after", None)
            if delay is None:
                delay = self.base * 2 ** (attempt - 1) * random.uniform(0.8, 1.2)
            retry.meta[NOT_BEFORE] = time.time() + min(delay, self.cap)
            self.crawler.stats.inc_value("citegraph/retries/delayed")
        return retry


class NotBeforeMiddleware:
    """Waits until a request's ``citegraph_not_before`` time before it takes a download slot."""

    async def process_request(self, request: Request) -> None:
        wait = float(request.meta.get(NOT_BEFORE, 0)) - time.time()
        if wait > 0:
            await asyncio.sleep(wait)


class ScopeMiddleware:
    """Never leave the sites: a request (or a redirect) to another host, a staging host or a sign-in page stops here."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        in_scope = getattr(self.crawler.spider, "in_scope", None)
        if in_scope is None or request.url.endswith("/robots.txt") or in_scope(request.url):
            return
        redirected = bool(request.meta.get("redirect_urls"))
        self.crawler.stats.inc_value("citegraph/scope/refused")
        raise IgnoreRequest(f"{'Filtered offsite redirect' if redirected else 'Out of scope'} to {request.url}")


class Unreachable(RobotParser):
    """The robots.txt of a host that could not be read: RFC 9309 (2.3.1.4) says assume complete disallow."""

    def __init__(self, detail: str) -> None:
        self.detail = detail

    @classmethod
    def from_crawler(cls, crawler: Any, robotstxt_body: bytes) -> Unreachable:
        return cls("")

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class RobotsMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with two fixes.

    Requests that arrive while robots.txt is downloading each get the rules. Scrapy has them all await one shared
    Deferred through ``asFuture``, which hands its result to the first waiter only: later ones got ``None`` and
    were fetched without the rules (with ten seeds, most of them; the crawl tests caught a disallowed page
    fetched that way about one run in three). Scrapy had a Deferred per waiter until scrapy/scrapy#6802 made
    the middleware ``async def`` (its review noted the path had no test); this puts it back.

    Scrapy allows everything when robots.txt times out, is refused or answers 5xx, so a site that is struggling
    gets crawled without its rules. RFC 9309 says the opposite: a server or network error (after the retries)
    means complete disallow. Every request to that host then stops here and becomes a ``robots_unreachable``
    error record, so the run shows it and the next run tries again. 429 counts as a server error, as search
    engines treat it; other 4xx answers mean there are no rules (both agree).
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(parser, Deferred):  # known, or this request fetches robots.txt: Scrapy's path
            return await super().robot_parser(request)
        mine: Deferred[RobotParser | None] = Deferred()

        def hand_on(result: RobotParser | None) -> RobotParser | None:
            mine.callback(result)
            return result  # the shared Deferred keeps its result for the next waiter

        parser.addCallback(hand_on)
        return await maybe_deferred_to_future(mine)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500 or response.status == 429:
            self._unreachable(netloc, f"robots.txt answered HTTP {response.status}")
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # refused on purpose by a middleware: Scrapy's handling
            super()._robots_error(exc, netloc)
            return
        self._unreachable(netloc, f"{type(exc).__name__}: {exc}"[:300])

    def _unreachable(self, netloc: str, detail: str) -> None:
        self._stats.inc_value("citegraph/robots/unreachable")
        log.warning("robots.txt of %s unreachable (%s): not crawling that host", netloc, detail)
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser = Unreachable(detail)
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        if isinstance(rp, Unreachable):
            self._stats.inc_value("robotstxt/forbidden")
            raise IgnoreRequest(f"robots.txt unreachable ({rp.detail})")
        super().process_request_2(rp, request)
