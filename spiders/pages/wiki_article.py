"""Longterm Wiki articles (``/wiki/E<n>``): page record, inline source annotations, References list."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from spiders.pages.blocks import (
    Block,
    descendants_with,
    element_text,
    first_link_outside,
    html_blocks,
    html_links,
    source_href,
    xp,
)
from spiders.pages.common import Page, block_hrefs, navigation
from spiders.pages.wiki_cards import CardFields, parse_card_html, parse_card_text
from spiders.pages.wiki_refs import parse_references_html, parse_references_text
from spiders.records import Record, WikiAnnotation, WikiPage, WikiReference
from spiders.records.base import record_maker

ENTITY = re.compile(r"/wiki/(E\d+)\b")
ICONS = "📄|📚|✏️|✏|📋|🎙️|🎙|🎧|🏛️|🏛|📖|🔗"
TEXT_ANNOTATION = re.compile(rf"↗(?:\[(?P<k>\d+)\])?(?=(?:{ICONS}) ?[a-z])")
CITATION_LABEL = re.compile(
    r"(?:(?:van|de|von|der) )?[A-Z][\w'’\-]+(?: (?:et al\.|and [A-Z][\w'’\-]+|& [A-Z][\w'’\-]+))? \(\d{4}\)$"
)


_PLAIN_URL = re.compile(r"https?://([a-z0-9.-]+)(/[^?#;\s]*)?")
"""A URL ``match_url`` takes as it is: a lower-case host without port, a path, no query, fragment or white space."""


@lru_cache(maxsize=65536)
def match_url(url: str | None) -> str | None:
    """URL key for joining annotations to References: host without www, no scheme, no trailing slash."""
    if not url:
        return None
    if plain := _PLAIN_URL.fullmatch(url):  # most links: what ``urlsplit`` gives them, without it (a fifth of its cost)
        return f"{plain[1].removeprefix('www.')}{(plain[2] or '').rstrip('/')}".lower()
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}".lower()


def parse_wiki_article(page: Page) -> list[Record]:
    """Page record, annotations, References entries and navigation."""
    entity = _entity(page)
    title, description = _title(page)
    if page.is_html:
        assert page.root is not None
        refs = parse_references_html(page, entity)
        anns = _annotations_html(page, entity, refs)
    else:  # a text rendering has no URLs: its annotations cannot be joined to the References list
        refs = parse_references_text(page, entity)
        anns = _annotations_text(page, entity)
    canonical = f"https://www.longtermwiki.com/wiki/{entity}" if entity else None
    record = WikiPage(
        entity_id=entity,
        title=title,
        wiki_url=canonical,
        description=description,
        annotation_count=len(anns),
        reference_count=len(refs),
        **page.prov | {"partial": page.truncated},
    )
    hrefs = html_links(page.root) if page.root is not None else block_hrefs(page.blocks)
    nav = navigation(page, [href for href in hrefs if "/wiki/" in href])
    return [record, *anns, *refs, *([nav] if nav else [])]


def _entity(page: Page) -> str | None:
    m = ENTITY.search(page.url or "")
    if not m and page.root is not None:
        canon = xp(page.root, "//link[@rel='canonical']/@href")
        m = ENTITY.search(str(canon[0])) if canon else None
    return m.group(1) if m else None


def _title(page: Page) -> tuple[str | None, str | None]:
    """The ``h1`` and the block after it (the description); without an ``h1``, the first block."""
    # HTML: rendered only up to the block after the h1 (the rest of the page is read off the tree)
    blocks = page.blocks if page.root is None else html_blocks(page.root, enough=_past_h1)
    at = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    if at is None:
        at = 1 if len(blocks) > 1 and blocks[0].text == blocks[1].text else 0
    title = blocks[at].text if at < len(blocks) else None
    description = blocks[at + 1].text if at + 1 < len(blocks) and "↗" not in blocks[at + 1].text else None
    return title, description


def _past_h1(blocks: list[Block]) -> bool:
    at = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    return at is not None and len(blocks) >= at + 2


def _annotations_html(page: Page, entity: str | None, refs: list[WikiReference]) -> list[WikiAnnotation]:
    """The cards, each joined by URL to its References entry: the entry's publication helps read the card, and
    the annotation takes the entry's resource id."""
    assert page.root is not None
    pubs = {match_url(r.url): r.publication for r in refs}
    resources = {match_url(r.url): r.resource_id for r in refs if r.url}
    out = []
    for position, tooltip in enumerate(descendants_with(page.root, "role", "tooltip"), 1):
        wrapper = tooltip.getparent()
        link = first_link_outside(wrapper, tooltip) if wrapper is not None else None
        url = link.get("href") if link is not None else None
        if url is None:
            url = source_href(tooltip)
        text = element_text(link).rstrip("↗").strip() if link is not None else None
        k = descendants_with(wrapper, "id", "cite-", prefix=True, tag="a") if wrapper is not None else []
        key = match_url(url)
        card = parse_card_html(tooltip, pubs.get(key))
        number = int(_digits(k[0])) if k else None
        out.append(_annotation(page, entity, position, text, url, card, number, resources.get(key) if url else None))
    return out


def _digits(el: etree._Element) -> str:
    return re.sub(r"\D", "", "".join(str(t) for t in el.itertext())) or "0"


def _annotation(
    page: Page,
    entity: str | None,
    position: int,
    text: str | None,
    url: str | None,
    card: CardFields,
    k: int | None,
    resource_id: str | None = None,
) -> WikiAnnotation:
    return _ANNOTATION(page.prov, entity, position, text, url, k, resource_id or None, *card.__dict__.values())


_ANNOTATION = record_maker(
    WikiAnnotation,
    "entity_id",
    "position",
    "link_text",
    "url",
    "ref_number",
    "resource_id",
    *(f.name for f in dataclasses.fields(CardFields)),
)
"""``_ANNOTATION(prov, ...)``: an annotation record, its card's fields in their order (``CardFields`` sets every one
in ``__init__``, so its ``__dict__`` holds them in that order): a page makes ~20, each a class call of 30 keywords."""


def _annotations_text(page: Page, entity: str | None) -> list[WikiAnnotation]:
    out: list[WikiAnnotation] = []
    for block in page.blocks:
        start = 0
        for m in TEXT_ANNOTATION.finditer(block.text):
            if m.start() < start:
                continue
            end = block.text.find("Source ↗", m.end())
            end = end if end >= 0 else len(block.text)
            card = parse_card_text(block.text[m.end() : end])
            text = link_text_before(block.text[start : m.start()])
            out.append(_annotation(page, entity, len(out) + 1, text, None, card, int(m["k"]) if m["k"] else None))
            start = end + len("Source ↗")
    return out


def link_text_before(prefix: str) -> str | None:
    """The link text at the end of the running text before ``↗`` (text renderings drop the link)."""
    prefix = prefix.rstrip()
    if m := CITATION_LABEL.search(prefix):
        return m.group(0)
    cut = max((prefix.rfind(d) + len(d) for d in ("(", "| ", ", ", ". ", ": ", "; ", "— ") if d in prefix), default=0)
    text = re.sub(r"^(?:The|A|An) (?=[a-z])", "", prefix[cut:].strip())
    text = re.sub(r"^(?:[a-z][\w'’\-]*\s+)+(?=[A-Z0-9])", "", text)
    return text or None


__all__ = ["WikiReference", "match_url", "parse_wiki_article"]
