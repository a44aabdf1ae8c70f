"""The item pipeline: every record a spider yields lands in the run's JSON-lines files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import Crawler

from spiders.records import Record, to_json_dict


@dataclass
class PageBatch:
    """All records of one page, its ``page_fetch`` last: landed together, so a checkpoint never splits a page."""

    chunks: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    """The parsed records, already serialised (``ParsedPage.chunks``)."""
    errors: list[str] = field(default_factory=list)
    """Reasons of the ``crawl_error`` records among the chunks."""
    records: list[Record] = field(default_factory=list)
    """Records made by the spider itself (the ``page_fetch``), landed after the chunks."""


class LandingPipeline:
    """Writes records through the spider's ``CrawlRun`` (which checkpoints as it goes)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LandingPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        run = getattr(self.crawler.spider, "run", None)
        if run is None:
            return item
        records = item.records if isinstance(item, PageBatch) else [item] if isinstance(item, Record) else []
        if isinstance(item, PageBatch):
            for kind, (data, lines) in item.chunks.items():
                run.writer.write_chunk(kind, data, lines, item.errors if kind == "crawl_error" else ())
        for record in records:
            run.write(to_json_dict(record))
        run.maybe_checkpoint()
        return item
