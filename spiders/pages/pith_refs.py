"""Reference lists of Pith pages: numbered entries, merged when split, parsed into fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spiders.normalize.ids import arxiv_from_url, pith_target
from spiders.normalize.references import best_title, is_continuation, parse_reference
from spiders.pages.blocks import Block
from spiders.pages.common import Page
from spiders.records import Reference

INDEX = re.compile(r"^(?:- )?\[(?P<n>\d+)\]\s*(?P<rest>.*)$")
BADGE = re.compile(r"work page|internal anchor|Pith review|Pith/arXiv|arXiv|DOI|\d{4}")
BADGES = re.compile(r"^(?:(?:work page|internal anchor|Pith review|Pith/arXiv|arXiv|DOI|\d{4})(?:\s+|$))+$")


@dataclass
class _Entry:
    indices: list[int]
    lines: list[Block] = field(default_factory=list)
    badges: list[Block] = field(default_factory=list)
    title: str | None = None
    raw_parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def _entries(page: Page, blocks: list[Block]) -> list[_Entry]:
    entries: list[_Entry] = []
    for block in blocks:
        m = INDEX.match(block.text)
        if m:
            entries.append(_Entry([int(m["n"])]))
            if m["rest"]:
                entries[-1].lines.append(Block(m["rest"], block.tag, block.links, block.element))
        elif entries and block.text != "-":
            target = entries[-1].badges if BADGES.match(block.text) else entries[-1].lines
            target.append(block)
    for entry in entries:
        if len(entry.lines) >= 2:
            entry.title = entry.lines[0].text
            entry.raw_parts = [" ".join(b.text for b in entry.lines[1:])]
        elif entry.lines:
            entry.raw_parts = [entry.lines[0].text]
        entry.links = [page.absolute(x.href) for b in entry.lines + entry.badges for x in b.links]
    return [e for e in entries if e.raw_parts or e.title]


def _merge(entries: list[_Entry]) -> list[_Entry]:
    merged: list[_Entry] = []
    for entry in entries:
        prev = merged[-1] if merged else None
        if prev and entry.title is None and is_continuation(" ".join(prev.raw_parts), entry.raw_parts[0]):
            prev.indices += entry.indices
            prev.raw_parts += entry.raw_parts
            prev.badges += entry.badges
            prev.links += entry.links
        else:
            merged.append(entry)
    return merged


def parse_reference_entries(
    page: Page, citing_arxiv: str | None, blocks: list[Block], citing_pith: str | None = None
) -> list[Reference]:
    """Reference records from the blocks of a reference list."""
    out = []
    for entry in _merge(_entries(page, blocks)):
        raw = " ".join(entry.raw_parts)
        parsed = _parsed(raw)
        link_ids = _link_ids(entry.links)
        arxiv = parsed.arxiv_id or link_ids.get("arxiv")
        badges = [w for b in entry.badges for w in BADGE.findall(b.text)]
        out.append(
            Reference(
                citing_arxiv=citing_arxiv,
                citing_pith=citing_pith,
                index=entry.indices[0],
                merged_indices=entry.indices,
                raw=raw,
                resolved_title=entry.title,
                title=best_title(entry.title, parsed.title),
                parsed_title=parsed.title,
                authors=list(parsed.authors),
                venue=parsed.venue,
                year=parsed.year or _badge_year(badges),
                arxiv_id=arxiv,
                arxiv_version=parsed.arxiv_version,
                doi=parsed.doi,
                doi_truncated=parsed.doi_truncated,
                url=parsed.url,
                cited_hub=link_ids.get("hub"),
                cited_pith=link_ids.get("pith"),
                badges=badges,
                notes=parsed.notes + (["merged"] if len(entry.indices) > 1 else []),
                **page.prov,
            )
        )
    return out


_parsed = lru_cache(maxsize=16384)(parse_reference)
"""``parse_reference`` memoised per raw string (a crawl meets the same reference string on many citing pages: 15%
of a 5k generated site's; ~80 us each). Its results are shared: read them, copy their lists."""


def _badge_year(badges: list[str]) -> int | None:
    years = [int(b) for b in badges if b.isdigit()]
    return years[0] if years else None


def _link_ids(links: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for url in links:
        target, arxiv = _link_target(url)
        for key, value in target:
            out.setdefault(key, value)
        if "arxiv" not in out and arxiv:
            out["arxiv"] = arxiv
    return out


@lru_cache(maxsize=65536)
def _link_target(url: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """What one link of a reference says: its Pith target, and an arXiv id from its URL."""
    a = arxiv_from_url(url)
    return tuple(pith_target(url).items()), a[0] if a else None
