"""Scrapy settings for citegraph. Defaults are polite, for the live sites; the CLI relaxes them for localhost."""

from __future__ import annotations

import os

BOT_NAME = "citegraph"
SPIDER_MODULES = ["spiders.crawlers"]
NEWSPIDER_MODULE = "spiders.crawlers"

CITEGRAPH_CONTACT = os.environ.get("CITEGRAPH_CONTACT", "https://github.com/citegraph/citegraph/issues")
USER_AGENT = f"citegraph/0.1 (+{CITEGRAPH_CONTACT}; scholarly citation graph research crawler)"

# Politeness for the live sites: robots.txt, a slow start, at most 2 requests at a time per host.
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 5.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Items land synchronously (one file append each), so processing them 100 at a time (Scrapy's default) buys
# nothing and costs 100 asyncio tasks per response.
CONCURRENT_ITEMS = 8
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control: an HTTP server in every crawl that runs Python code sent to it, announced by a job
# file (port and token) in ~/.local/state/scrapy that a killed crawl leaves behind. A pipeline's crawl needs no
# remote shell (progress.json and the manifest say how it goes). (Scrapy still imports the module, and aiohttp with
# it, as it imports every default extension to read the settings: that costs ~0.2 s a crawl whatever we set.)
REMOTE_CONTROL_ENABLED = False
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
CITEGRAPH_BACKOFF_BASE = 2.0
CITEGRAPH_BACKOFF_MAX = 300.0
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

DOWNLOAD_HANDLERS = {
    "http": "spiders.download.HostMapDownloadHandler",
    "https": "spiders.download.HostMapDownloadHandler",
}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.BackoffRetryMiddleware": 550,
    "spiders.middlewares.NotBeforeMiddleware": 560,
    "spiders.middlewares.ScopeMiddleware": 60,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.middlewares.RobotsMiddleware": 100,
}
ITEM_PIPELINES = {"spiders.item_pipelines.LandingPipeline": 300}
EXTENSIONS = {"spiders.extensions.Progress": 500}

# Where runs land and where the crawl state lives (the CLI passes its own paths).
CITEGRAPH_LANDING = os.environ.get("CITEGRAPH_LANDING", "landing")
CITEGRAPH_STATE = os.environ.get("CITEGRAPH_STATE", "crawl_state.sqlite")
CITEGRAPH_RUN_ID = os.environ.get("CITEGRAPH_RUN_ID", "")
CITEGRAPH_HOSTMAP = os.environ.get("CITEGRAPH_HOSTMAP", "")
CITEGRAPH_CHECKPOINT_SECONDS = 2.0
# Freshness: a page fetched less than this many seconds ago is not requested again (its links are).
CITEGRAPH_MAX_AGE = {
    "pith-hub": 86400,
    "pith-paper": 7 * 86400,
    "pith-number": 7 * 86400,
    "pith-json": 30 * 86400,
    "wiki-article": 86400,
    "wiki-data": 86400,
    "sitemap": 0,
}
# Processes that parse pages while the event loop keeps fetching ("auto": one per core, at most 4, or none
# when DOWNLOAD_DELAY >= 0.25 s as here for the live sites; 0: parse on the event loop). Needs the asyncio reactor.
CITEGRAPH_PARSE_WORKERS = os.environ.get("CITEGRAPH_PARSE_WORKERS", "auto")
# Seconds a page may take in a parse worker; past that the workers are killed and the page is a parse_timeout
# error record (a parse takes milliseconds; this is for hostile input).
CITEGRAPH_PARSE_TIMEOUT = 60.0

LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 30.0
