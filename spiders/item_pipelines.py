"""The item pipeline: every record a spider yields lands in the run's JSON-lines files."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from spiders.records import Record, to_json_dict


class LandingPipeline:
    """Writes records through the spider's ``CrawlRun`` (which checkpoints as it goes)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LandingPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        run = getattr(self.crawler.spider, "run", None)
        if isinstance(item, Record) and run is not None:
            run.write(to_json_dict(item))
        return item
