"""One entry point for every page type: ``parse_page(url, body, content_type, page_type)``.

Never raises: empty, binary, wrong-type, enormous or broken input yields what it can plus an error
record with the reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from spiders.compiled import extension
from spiders.normalize.ids import canonical_url
from spiders.pages.common import MAX_BODY, BodyText, Page, decode_body, load_page, looks_binary, page_type_of
from spiders.records import CrawlError, Record

log = logging.getLogger(__name__)
PAGE_TYPES = ("pith-hub", "pith-paper", "pith-number", "pith-json", "wiki-article", "wiki-data")


PARSER_MODULES = (
    "spiders.pages.pith_hub",
    "spiders.pages.pith_number",
    "spiders.pages.pith_paper",
    "spiders.pages.wiki_article",
    "spiders.pages.wiki_data",
)
"""The modules ``_parsers`` imports: a crawl's parse workers start with them imported."""


@cache
def _parsers() -> dict[str, Callable[[Page], list[Record]]]:
    # imported on first use, once: importing them on every page cost ~0.3 ms a page
    from spiders.pages.pith_hub import parse_hub
    from spiders.pages.pith_number import parse_pith_number
    from spiders.pages.pith_paper import parse_paper
    from spiders.pages.wiki_article import parse_wiki_article
    from spiders.pages.wiki_data import parse_wiki_data

    return {
        "pith-hub": parse_hub,
        "pith-paper": parse_paper,
        "pith-number": parse_pith_number,
        "pith-json": parse_pith_number,
        "wiki-article": parse_wiki_article,
        "wiki-data": parse_wiki_data,
    }


def clear_caches() -> None:
    """Forget what earlier pages taught the parsers: the results memoised per URL, link and title line. A crawl
    meets the same links and cited works again and again and keeps them; ``bench/parse.py`` clears them before
    each parse, so a page parsed over and over costs what a page never seen costs."""
    from spiders.normalize import ids, references
    from spiders.pages import common, pith_hub, pith_refs, wiki_article

    common._JOINED.clear()
    for memo in (
        ids.canonical_url,
        ids.pith_target_items,
        page_type_of,
        pith_refs._link_target,
        pith_refs._badge_line,
        pith_hub._row,
        pith_hub._citing_of,
        pith_refs._parsed,
        references.clean_title,
        wiki_article.match_url,
    ):
        memo.cache_clear()
    if (lists := extension("spiders.pages._lists")) is not None:  # its own memos of page types, links and badges
        lists.clear_memos()


def detect_type(url: str, body: str | BodyText) -> str | None:
    """Page type from the URL, else from the content."""
    if url and (kind := page_type_of(url)):
        return kind
    text = body.text if isinstance(body, BodyText) else body
    head = text[:20000]
    if re.search(r"^\s*[{\[]", head) and ('"pith_number' in head or '"source_aliases"' in head):
        return "pith-json"
    if re.search(r"(?m)^(?:super hub|hub)\b", head) or re.search(r">\s*(?:super hub|hub)\s*<", head):
        return "pith-hub"
    if "Pith reviewed" in head or re.search(r"(?m)^arxiv:\s*\S+ · v\d", head):
        return "pith-paper"
    if re.search(r"Canonical hash|Record completeness", head):
        return "pith-number"
    if 'role="tooltip"' in head or "Source ↗" in text or "longtermwiki" in head.lower():
        return "wiki-article"
    return None


def parse_page(
    url: str,
    body: bytes | str,
    content_type: str | None = None,
    page_type: str = "auto",
    prov: dict[str, Any] | None = None,
) -> list[Record]:
    """Records of one page; errors become ``CrawlError`` records, never exceptions."""
    prov = {"source_url": url, "canonical_url": canonical_url(url) if url else "", **(prov or {})}
    size = len(body)
    if size == 0 or (not decode_body(body[:64]).strip() and not decode_body(body).strip()):
        return [CrawlError(stage="parse", reason="empty_body", detail="the page has no content", **prov)]
    if looks_binary(body):
        return [CrawlError(stage="parse", reason="binary_body", detail=f"{size} bytes of non-text", **prov)]
    problems: list[Record] = []
    if size > MAX_BODY:  # parse the first MAX_BODY bytes, say so
        body = body[:MAX_BODY]
        problems.append(
            CrawlError(
                stage="parse",
                reason="oversize_body",
                detail=f"{size} bytes > {MAX_BODY}; parsed the first part only",
                **prov,
            )
        )
    text = BodyText(body)
    kind = detect_type(url, text) if page_type == "auto" else page_type
    if kind not in PAGE_TYPES:
        return [
            CrawlError(
                stage="parse", reason="unknown_page_type", detail=f"cannot tell the page type of {url!r}", **prov
            )
        ]
    try:
        page = load_page(url, body, content_type, prov, text)
        page.truncated = page.truncated or bool(problems)
        records = _parsers()[kind](page)
        if page.truncated and not problems and not any(isinstance(r, CrawlError) for r in records):
            problems.append(page.error("truncated_body", "the document ends before </html>: records may be partial"))
        return records + problems
    except Exception as exc:  # a parser bug must not crash a crawl: it becomes an error record
        log.exception("parser %s failed on %s", kind, url)
        return [
            CrawlError(stage="parse", reason="parser_exception", detail=f"{kind}: {type(exc).__name__}: {exc}", **prov)
        ]
