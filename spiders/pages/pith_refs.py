"""Reference lists of Pith pages: numbered entries, merged when split, parsed into fields."""

from __future__ import annotations

import re
from functools import lru_cache

from spiders.compiled import extension
from spiders.normalize import ids
from spiders.normalize.references import best_title, is_continuation, parse_reference
from spiders.pages.blocks import Block
from spiders.pages.common import Page
from spiders.records import Reference
from spiders.records.base import record_maker

INDEX = re.compile(r"^(?:- )?\[(?P<n>\d+)\]\s*(?P<rest>.*)$")
BADGE = re.compile(r"work page|internal anchor|Pith review|Pith/arXiv|arXiv|DOI|\d{4}")
BADGES = re.compile(r"^(?:(?:work page|internal anchor|Pith review|Pith/arXiv|arXiv|DOI|\d{4})(?:\s+|$))+$")


_INDEX_STARTS = ("[", "- [")
"""What a line ``INDEX`` matches starts with (most lines do not: a cheap test before the pattern)."""
_BADGE_STARTS = ("work page", "internal anchor", "Pith", "arXiv", "DOI")
"""What a line ``BADGES`` matches starts with, but a year (tested with ``isdigit``, wider than ``\\d``)."""


class _Entry:
    """One numbered entry of the list: its lines, its badge lines, then what they say."""

    __slots__ = ("badges", "indices", "lines", "links", "raw_parts", "title")

    def __init__(self, index: int) -> None:  # a paper page has ~38 entries: a dataclass's __init__ cost 3x this
        self.indices = [index]
        self.lines: list[Block] = []
        self.badges: list[Block] = []
        self.title: str | None = None
        self.raw_parts: list[str] = []
        self.links: list[str] = []


def _entries(page: Page, blocks: list[Block]) -> list[_Entry]:
    entries: list[_Entry] = []
    entry: _Entry | None = None
    for block in blocks:
        text = block.text
        if text == "-":  # a list item's mark: a fifth of the lines
            continue
        if text[:1] == "[" and text[-1:] == "]" and text[1:-1].isdecimal():  # ``[n]`` alone (``\d`` is isdecimal)
            entry = _Entry(int(text[1:-1]))
            entries.append(entry)
        elif text.startswith(_INDEX_STARTS) and (m := INDEX.match(text)):
            entry = _Entry(int(m["n"]))
            entries.append(entry)
            if rest := m["rest"]:
                entry.lines.append(Block(rest, block.tag, block.links, block.element))
        elif entry is not None:
            badge = (text.startswith(_BADGE_STARTS) or text[:1].isdigit()) and _badge_line(text) is not None
            (entry.badges if badge else entry.lines).append(block)
    absolute = page.absolute
    kept = []
    for entry in entries:
        lines = entry.lines
        if len(lines) >= 2:
            entry.title = lines[0].text
            entry.raw_parts = [" ".join([b.text for b in lines[1:]])]
        elif lines:
            entry.raw_parts = [lines[0].text]
        else:
            continue
        entry.links = [absolute(x.href) for b in (*lines, *entry.badges) for x in b.links]
        kept.append(entry)
    return kept


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
        badges = [w for b in entry.badges for w in _badge_line(b.text) or ()]
        out.append(
            _REFERENCE(
                page.prov,
                citing_arxiv,
                citing_pith,
                entry.indices[0],
                entry.indices,
                raw,
                entry.title,
                best_title(entry.title, parsed.title),
                parsed.title,
                list(parsed.authors),
                parsed.venue,
                parsed.year or _badge_year(badges),
                arxiv,
                parsed.arxiv_version,
                parsed.doi,
                parsed.doi_truncated,
                parsed.url,
                link_ids.get("hub"),
                link_ids.get("pith"),
                badges,
                parsed.notes + (["merged"] if len(entry.indices) > 1 else []),
            )
        )
    return out


_REFERENCE = record_maker(
    Reference,
    "citing_arxiv",
    "citing_pith",
    "index",
    "merged_indices",
    "raw",
    "resolved_title",
    "title",
    "parsed_title",
    "authors",
    "venue",
    "year",
    "arxiv_id",
    "arxiv_version",
    "doi",
    "doi_truncated",
    "url",
    "cited_hub",
    "cited_pith",
    "badges",
    "notes",
)
"""``_REFERENCE(prov, ...)``: a reference record (``record_maker``: a page makes ~35, at a tenth of the class
call's cost)."""


_parsed = lru_cache(maxsize=16384)(parse_reference)
"""``parse_reference`` memoised per raw string (a crawl meets the same reference string on many citing pages: 15%
of a 5k generated site's; ~80 us each). Its results are shared: read them, copy their lists."""


@lru_cache(maxsize=4096)
def _badge_line(line: str) -> tuple[str, ...] | None:
    """The badges of a badge line (``BADGES``), None for another line; memoised: a site shows a handful of distinct
    badge lines (``work page internal anchor ...``)."""
    return tuple(BADGE.findall(line)) if BADGES.match(line) else None


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


_link_target = lru_cache(maxsize=65536)(ids.link_ids)
"""What one link of a reference says: its Pith target, and an arXiv id from its URL (memoised: a page links each
cited work two or three times)."""


PYTHON_REFERENCE_ENTRIES = parse_reference_entries
"""``parse_reference_entries`` in Python: the reference ``_lists.reference_entries`` is held to."""
_COMPILED = extension("spiders.pages._lists")
if _COMPILED is not None:  # the same records, its loops in C (a paper page's list: ~200 blocks, ~100 links)
    parse_reference_entries = _COMPILED.reference_entries
