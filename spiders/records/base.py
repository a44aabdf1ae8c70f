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
    """The real URL of the page the record came from, as requested (never a mirror URL)."""
    canonical_url: str = ""
    """Canonical form of the page's final URL (after redirects): https, bare host, no fragment or tracking."""
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


@dataclass(frozen=True, slots=True, kw_only=True)
class PageFetch(Record):
    """One page fetch of a crawl: what came back and whether it changed (drives incremental crawls)."""

    kind: ClassVar[str] = "page_fetch"
    page_type: str
    """Page type the URL leads to (pith-hub, pith-paper, ..., sitemap)."""
    status: int
    """HTTP status of the final response (304 when the server said unchanged; 0 when not requested)."""
    outcome: str
    """new, changed, unchanged (304), same_hash (200 with an unchanged body), fresh (not re-requested)."""
    content_hash: str | None = None
    """sha256 of the body (None for 304 and fresh pages: the stored hash still holds)."""
    etag: str | None = None
    """ETag the server sent."""
    last_modified: str | None = None
    """Last-Modified the server sent."""
    bytes: int = 0
    """Body size in bytes."""
    elapsed_ms: float | None = None
    """Download time."""
    redirects: list[str] = field(default_factory=list)
    """Real URLs the request was redirected through, in order."""
    outlinks: list[dict[str, str]] = field(default_factory=list)
    """Links the page offers (``{"url", "page_type"}``), kept so unchanged pages need not be re-parsed."""


def to_json_dict(record: Record) -> dict[str, Any]:
    """The record as a JSON-ready dict, with its ``kind`` first."""
    out: dict[str, Any] = {"kind": record.kind}
    for name in _field_names(type(record)):
        out[name] = getattr(record, name)
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type[Record]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names
