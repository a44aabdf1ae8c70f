"""Provenance every record carries, the error record and the navigation record."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

PARSER_VERSION = "1.0.0"
"""Bumped whenever a parser's output changes for the same input."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Fields shared by every record."""

    kind: ClassVar[str] = "record"
    source_url: str
    """The real URL of the page the record came from (never a mirror URL)."""
    parser_version: str = PARSER_VERSION
    """Version of the parser that made the record."""
    run_id: str = ""
    """Crawl run that fetched the page ("" when parsed outside a crawl)."""
    fetched_at: str = ""
    """When the page was fetched, ISO 8601 UTC ("" outside a crawl)."""
    partial: bool = False
    """True when the page was cut off or malformed and the record may miss fields."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CrawlError(Record):
    """Something that went wrong, as data: a failed fetch, a parse error, a refused URL."""

    kind: ClassVar[str] = "crawl_error"
    stage: str
    """Where it happened: fetch, robots, redirect, scope, parse, size."""
    reason: str
    """Short machine-readable reason, e.g. http_404, timeout, not_html, truncated."""
    detail: str = ""
    """Human-readable detail (exception text, status line)."""
    status: int | None = None
    """HTTP status when there was one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Navigation(Record):
    """Links a page offers to follow, classified by page type (the spider decides which to take)."""

    kind: ClassVar[str] = "navigation"
    links: list[dict[str, str]] = field(default_factory=list)
    """Absolute real URLs with the page type they lead to: ``{"url": ..., "page_type": ...}``."""


def to_json_dict(record: Record) -> dict[str, Any]:
    """The record as a JSON-ready dict, with its ``kind`` first."""
    out: dict[str, Any] = {"kind": record.kind}
    for f in dataclasses.fields(record):
        out[f.name] = getattr(record, f.name)
    return out
