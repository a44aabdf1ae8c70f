"""Point crawls at local copies of the sites while every component keeps seeing the real URLs.

``CITEGRAPH_HOSTMAP`` maps a real host to a local base URL (what ``citegraph mirror serve`` prints).
The mapping happens here, in the download handler, under every middleware: robots.txt, the offsite
filter, redirects, retries, dedupe and the records all see ``https://pith.science/...``; only the bytes
come from ``http://127.0.0.1:<port>``. With no host map (the default) this is Scrapy's own handler.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

ALIASES = {"www.pith.science": "pith.science", "longtermwiki.com": "www.longtermwiki.com"}


def parse_hostmap(value: str | dict[str, str] | None) -> dict[str, str]:
    """``host=base host=base``, ``host base`` lines (the mirror's announcement) or a JSON object."""
    if not value:
        return {}
    if isinstance(value, dict):
        pairs = dict(value)
    elif value.strip().startswith("{"):
        pairs = json.loads(value)
    else:
        tokens = value.replace(",", " ").replace(";", " ").split()
        pairs, i = {}, 0
        while i < len(tokens):
            if "=" in tokens[i]:
                host, _, base = tokens[i].partition("=")
                pairs[host], i = base, i + 1
            else:
                pairs[tokens[i]], i = tokens[i + 1] if i + 1 < len(tokens) else "", i + 2
    out = {h.lower(): b.rstrip("/") for h, b in pairs.items() if h and b}
    for alias, real in ALIASES.items():
        if real in out:
            out.setdefault(alias, out[real])
    return out


class HostMapDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, fetching mapped hosts from their local base URL."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.hostmap = parse_hostmap(crawler.settings.get("CITEGRAPH_HOSTMAP") or os.environ.get("CITEGRAPH_HOSTMAP"))
        # Room for twice the per-host concurrency among the kept-alive connections. At exactly the concurrency
        # (Scrapy's choice) a finished download frees its slot before Twisted returns its connection to the pool:
        # the next request opens a new connection, and the pool, full when the old one comes back, closes one.
        # A 5k-page local crawl opened a connection every 3.8 requests that way; on a live site each is a TLS
        # handshake.
        self._pool.maxPersistentPerHost = 2 * max(1, crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"))

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        base = self.hostmap.get((parts.hostname or "").lower())
        if base is None:
            return await super().download_request(request)
        local = base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        response = await super().download_request(request.replace(url=local))
        return response.replace(url=request.url)
