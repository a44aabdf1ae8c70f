"""A bare Scrapy spider for comparison: fetches and follows the same links as ``pith``, parses nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.html
import scrapy
from scrapy.http import Response

from spiders.normalize.ids import canonical_url


class BareSpider(scrapy.Spider):
    """``scrapy runspider bench/bare_spider.py -a seeds=URL,URL``."""

    name = "bare"
    custom_settings = {"ITEM_PIPELINES": {}, "EXTENSIONS": {}}  # noqa: RUF012

    def __init__(self, seeds: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seed_list = [s for s in seeds.split(",") if s]
        self.seen: set[str] = set()

    async def start(self) -> Any:
        for url in self.seed_list:
            self.seen.add(url)
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Response) -> Iterator[scrapy.Request]:  # type: ignore[override]
        root = lxml.html.document_fromstring(response.body)
        for href in root.xpath("//a/@href"):
            if href.startswith(("/paper/", "/citations/")):
                url = canonical_url(href, response.url)
                if url not in self.seen:
                    self.seen.add(url)
                    yield scrapy.Request(url, callback=self.parse, dont_filter=True)
