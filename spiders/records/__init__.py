"""Typed records: what parsers make of pages, and what lands in ``landing/<run_id>/<kind>.jsonl``."""

from spiders.records.base import CrawlError, Navigation, PageFetch, Record, to_json_dict
from spiders.records.pith import (
    ForwardCitation,
    HubCitation,
    PithAlias,
    PithHub,
    PithNumber,
    PithPaper,
    Reference,
)
from spiders.records.wiki import WikiAnnotation, WikiPage, WikiPageData, WikiReference

ALL_KINDS: dict[str, type[Record]] = {
    cls.kind: cls
    for cls in (
        PithHub,
        HubCitation,
        PithPaper,
        ForwardCitation,
        Reference,
        PithNumber,
        PithAlias,
        WikiPage,
        WikiAnnotation,
        WikiReference,
        WikiPageData,
        CrawlError,
        Navigation,
        PageFetch,
    )
}

__all__ = [
    "ALL_KINDS",
    "CrawlError",
    "ForwardCitation",
    "HubCitation",
    "Navigation",
    "PageFetch",
    "PithAlias",
    "PithHub",
    "PithNumber",
    "PithPaper",
    "Record",
    "Reference",
    "WikiAnnotation",
    "WikiPage",
    "WikiPageData",
    "WikiReference",
    "to_json_dict",
]
