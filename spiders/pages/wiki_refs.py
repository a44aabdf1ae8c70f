"""The References list at the end of every wiki article."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from spiders.pages.blocks import descendants_with, element_text, first_titled, source_href, xp
from spiders.pages.common import Page
from spiders.records import WikiReference

RESOURCE = re.compile(r"/resources/([0-9a-f]{16})\b")
HEADER = re.compile(r"^(?P<n>\d+)(?P<rest>.*?)\s*▸$")
TYPES = {"web", "paper", "blog", "government", "reference", "talk", "report", "podcast", "book"}
_TYPE_WORD = re.compile(r"[A-Z][a-z]+")
_YEAR = re.compile(r"\d{4}")
_AUTHORS = re.compile(r"&|et al\.|, ")
_NOT_DIGIT = re.compile(r"\D")
"""Patterns the cards' and entries' readers use per item, compiled once (a call of ``re.match`` with a pattern
string looks it up in ``re``'s cache first)."""


def parse_meta(meta: str) -> dict[str, Any]:
    """``publication · author · year · type``, each part optional but the type."""
    parts = [p.strip() for p in meta.split("·") if p.strip()]
    out: dict[str, Any] = {"meta_raw": meta or None}
    if parts and (parts[-1].lower() in TYPES or _TYPE_WORD.fullmatch(parts[-1])):
        out["resource_type"] = parts.pop().lower()
    if parts and _YEAR.fullmatch(parts[-1]):
        out["year"] = int(parts.pop())
    if len(parts) >= 2:
        out["publication"], out["author"] = parts[0], " · ".join(parts[1:])
    elif parts:
        key = "author" if _AUTHORS.search(parts[0]) else "publication"
        out[key] = parts[0]
    return out


def parse_references_html(page: Page, entity: str | None) -> list[WikiReference]:
    """``div#ref-N > details`` entries of ``section[aria-label=References]`` (or after ``h2#references``)."""
    assert page.root is not None
    scope = [s for s in page.root.iter("section") if s.get("aria-label") == "References"][:1]
    scope = scope or xp(page.root, "//*[@id='references']/..")
    if not scope:
        return []
    out = []
    for entry in descendants_with(scope[0], "id", "ref-", prefix=True, having="details"):
        number = int(_NOT_DIGIT.sub("", entry.get("id", "")) or 0)
        # lxml's element iterators, not XPath or ElementPath: one query each per entry cost more than the entry
        summary = next(entry.iterdescendants("summary"), None)
        links = summary.iterdescendants("a") if summary is not None else ()
        link = [a for a in links if "/resources/" in a.get("href", "")][:1]
        rid = RESOURCE.search(link[0].get("href", "")) if link else None
        meta = _meta_text(summary, link[0] if link else None, number)
        details = next(entry.iterdescendants("details"))
        body = [c for c in details if c is not summary and isinstance(c.tag, str)]
        paragraphs = [p for c in body for p in c.iter("p")]
        badge = first_titled(entry, "Credibility")
        source = source_href(entry)
        out.append(
            WikiReference(
                entity_id=entity,
                number=number,
                resource_id=rid.group(1) if rid else None,
                title=element_text(link[0]) if link else None,
                summary=element_text(paragraphs[0]) if paragraphs else None,
                stars=element_text(badge).count("★") if badge is not None else None,
                url=source,
                **parse_meta(meta),
                **page.prov,
            )
        )
    return out


def _meta_text(summary: etree._Element | None, link: etree._Element | None, number: int) -> str:
    if summary is None:
        return ""
    text = element_text(summary)
    if link is not None:
        text = text.split(element_text(link), 1)[-1]
    return text.removeprefix(str(number)).rstrip("▸").strip()


def parse_references_text(page: Page, entity: str | None) -> list[WikiReference]:
    """From a text rendering: header lines (``N<title+publication>·author·year·Type▸``) and summaries."""
    heads = [i for i, b in enumerate(page.blocks) if b.text == "References"]
    if not heads:
        return []
    out: list[WikiReference] = []
    pending: dict[str, Any] | None = None
    for block in page.blocks[heads[-1] + 1 :]:
        if m := HEADER.match(block.text):
            pending = {"number": int(m["n"]), **parse_meta(m["rest"])}
            pending.pop("publication", None)  # runs into the title in text: kept in meta_raw only
            continue
        number = len(out) + 1
        fields = pending if pending and pending["number"] == number else {"number": number}
        out.append(WikiReference(entity_id=entity, summary=block.text, **fields, **page.prov))
        pending = None
    return out
