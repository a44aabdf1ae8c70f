"""Downloader middlewares: retries that back off (honouring Retry-After) and the wait they schedule."""

from __future__ import annotations

import asyncio
import random
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

NOT_BEFORE = "citegraph_not_before"


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
