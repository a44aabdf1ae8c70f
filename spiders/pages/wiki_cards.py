"""Read wiki hover cards: from HTML by stable attributes and content, from text by unambiguous pieces.

HTML: the card is ``[role=tooltip]``; stars are ``[title^="Credibility:"]``; the source link is the
``a`` whose text starts with ``Source``; the tags block holds the ``+N`` badge. The author line, the
citation count and the truncated summary are recognised by their content; what stands before them
(publication, title, note) by position, with the References list's publication as tie-breaker.
Hashed or presentational classes are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from spiders.pages.blocks import element_text, first_titled, has_link

ICON_TYPES = {
    "📄": "paper",
    "📚": "book",
    "✏️": "blog",
    "✏": "blog",
    "📋": "report",
    "🎙️": "talk",
    "🎙": "talk",
    "🎧": "podcast",
    "🏛️": "government",
    "🏛": "government",
    "📖": "reference",
    "🔗": "web",
}
CRED = re.compile(r"Credibility:\s*(?P<label>[A-Za-z]+)\s*\((?P<n>\d)/5\)")
AUTHORS = re.compile(r"^(?P<names>.+?)(?:\s*\((?P<year>\d{4})\))?$")
CITATIONS = re.compile(r"^(?P<n>[\d,]+) citations?$")
ICONS_LONGEST_FIRST = sorted(ICON_TYPES, key=len, reverse=True)
STAR_LABELS = {5: "Gold", 4: "High", 3: "Good", 2: "Mixed", 1: "Low"}
HIDDEN = re.compile(r"^\+(?P<n>\d+)$")


@dataclass
class CardFields:
    """Fields read off one card."""

    resource_type: str | None = None
    stars: int | None = None
    credibility_label: str | None = None
    publication: str | None = None
    peer_reviewed: bool | None = None
    title: str | None = None
    note: str | None = None
    citation_count: int | None = None
    authors: list[str] = field(default_factory=list)
    authors_raw: str | None = None
    et_al: bool = False
    year: int | None = None
    summary: str | None = None
    summary_truncated: bool | None = None
    tags: list[str] = field(default_factory=list)
    hidden_tag_count: int | None = None
    hidden_tags: list[str] = field(default_factory=list)
    card_raw: str | None = None
    tags_raw: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


_TYPE_WORD = re.compile(r"^\S*\s*([a-z][a-z\-]*)")
_STAR_RUN = re.compile(r"[★☆]{5}")
_NAME_SEP = re.compile(r",\s*|\s+&\s+|\s+and\s+")
"""Patterns the cards' and entries' readers use per item, compiled once (a call of ``re.match`` with a pattern
string looks it up in ``re``'s cache first)."""


def type_and_stars(head_text: str, head: etree._Element | None, out: CardFields) -> None:
    """Type from the icon (or the first word), stars and label from the credibility badge."""
    icon = next((i for i in ICONS_LONGEST_FIRST if head_text.startswith(i)), None)
    word = _TYPE_WORD.match(head_text)
    out.resource_type = word.group(1) if word else ICON_TYPES.get(icon or "")
    badge = first_titled(head, "Credibility") if head is not None else None
    if badge is not None:
        m = CRED.search(badge.get("title", ""))
        out.stars = element_text(badge).count("★") or (int(m["n"]) if m else None)
        out.credibility_label = m["label"] if m else None
    elif stars := _STAR_RUN.search(head_text):
        out.stars = stars.group().count("★")
    if out.stars and not out.credibility_label:
        out.credibility_label = STAR_LABELS.get(out.stars)


def author_line(text: str, out: CardFields) -> bool:
    """Parse ``A, B, C et al. (YYYY)``; False when the text is not an author line."""
    found = names_and_year(text)
    if found is None or not (found[1] or text.endswith("et al.")):
        return False
    raw, year = found
    names = raw.strip()
    out.et_al = names.endswith("et al.")
    names = names.removesuffix("et al.").strip(" ,")
    out.authors_raw, out.year = raw.strip(), int(year) if year else None
    out.authors = split_names(names)
    return True


def names_and_year(text: str) -> tuple[str, str | None] | None:
    """``AUTHORS.match(text)``'s ``names`` and ``year``: the text without a closing ``(YYYY)`` and the white space
    before it, and the year; None when it does not match. Read from the end: the pattern's lazy ``.+?`` tries every
    length of the names in turn (~6 us for a card's summary, which is asked too)."""
    if not text or "\n" in text:  # (``.`` stops at a line break, and ``$`` matches before a final one)
        m = AUTHORS.match(text)
        return (m["names"], m["year"]) if m else None
    year = text[-5:-1]
    if text[-6:-5] == "(" and text[-1] == ")" and len(year) == 4 and year.isdecimal():
        start = len(text) - 6
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start > 0:
            return text[:start], year
        if text[0].isspace():  # the names take one character at least: a space
            return text[0], year
    return text, None


def split_names(names: str) -> list[str]:
    """Split a shown author list; ``Last, First, Last, First`` pairs are kept together."""
    pieces = [p.strip() for p in _NAME_SEP.split(names) if p.strip()]
    if len(pieces) >= 2 and len(pieces) % 2 == 0 and all(" " not in p for p in pieces):
        return [f"{pieces[i]}, {pieces[i + 1]}" for i in range(0, len(pieces), 2)]
    return pieces


def parse_card_html(tooltip: etree._Element, known_publication: str | None) -> CardFields:
    """Fields of a ``role=tooltip`` card."""
    out = CardFields(card_raw=element_text(tooltip))
    children = _elements(tooltip)
    if not children:
        return out
    head, rest = children[0], children[1:]
    type_and_stars(element_text(head), head, out)
    rest = [c for c in rest if not (has_link(c) and element_text(c).startswith("Source"))]
    tags_at = next((i for i, c in enumerate(rest) if _one_word_each(_elements(c))), None)
    if tags_at is not None:
        _tags(rest[tags_at], out)
        rest = rest[:tags_at]
    texts = [element_text(c) for c in rest]
    # From the end: summary, then an optional citation count, then an optional author line.
    if texts and not CITATIONS.match(texts[-1]) and (texts[-1].endswith("...") or _before_summary(texts[:-1])):
        out.summary = texts.pop()
    if texts and (m := CITATIONS.match(texts[-1])):
        out.citation_count = int(m["n"].replace(",", ""))
        texts.pop()
    if len(texts) >= 2 and author_line(texts[-1], out):
        texts.pop()
    front = texts
    _front(front, out, known_publication)
    if out.summary is not None:
        out.summary_truncated = out.summary.endswith("...")
    return out


def _before_summary(texts: list[str]) -> bool:
    """True when the last text is a citation count or an author line (so a summary follows)."""
    return bool(texts) and (bool(CITATIONS.match(texts[-1])) or author_line(texts[-1], CardFields()))


def _elements(el: etree._Element) -> list[etree._Element]:
    """The child elements (``isinstance(c.tag, str)``: not comments, processing instructions or entities), filtered
    by lxml in C: no proxy made and no tag read for the others."""
    return list(el.iterchildren(etree.Element))


def _one_word_each(elements: list[etree._Element]) -> bool:
    """A tag line: child elements, each one word."""
    return bool(elements) and all(len(element_text(x).split()) == 1 for x in elements)


def _tags(block: etree._Element, out: CardFields) -> None:
    for child in _elements(block):
        text = element_text(child)
        if m := HIDDEN.match(text):
            out.hidden_tag_count = int(m["n"])
            out.hidden_tags = [t.strip() for t in (child.get("title") or "").split(",") if t.strip()]
        elif text:
            out.tags.append(text)


def _front(front: list[str], out: CardFields, known_publication: str | None) -> None:
    """Publication, title, note (and an untruncated summary) stand before the author line, each optional."""
    if front and front[0].endswith(" (peer-reviewed)"):
        out.peer_reviewed, front[0] = True, front[0].removesuffix(" (peer-reviewed)")
    has_pub = bool(front) and (
        front[0] == known_publication
        or bool(out.peer_reviewed)
        or (len(front) >= 2 and not _is_sentence(front[1]) and not _is_sentence(front[0]))
    )
    if len(front) >= 4 or (len(front) == 3 and (has_pub or out.summary is not None)):
        has_pub = True
    if has_pub and front:
        out.publication, front = front[0], front[1:]
        out.peer_reviewed = bool(out.peer_reviewed)
    if front and not _is_sentence(front[0]):
        out.title, front = front[0], front[1:]
    if front:
        out.note, front = front[0], front[1:]
    if front and out.summary is None:
        out.summary = " ".join(front)


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= 6 and text.rstrip().endswith((".", "!", "?"))


TEXT_AUTHORS = re.compile(r"(?P<names>[^()]{1,300}?)(?: \((?P<year>\d{4})\)|(?<=et al\.)(?=[\d,]+ citations))")


def parse_card_text(glued: str) -> CardFields:
    """Fields of a card from a text rendering, where its pieces run together.

    Type, stars, author line, year, citation count, the truncated summary and the ``+N`` count are
    unambiguous; publication, title and note run together and stay one raw string (``card_raw``).
    """
    out = CardFields()
    type_and_stars(glued, None, out)
    icon = next((i for i in ICONS_LONGEST_FIRST if glued.startswith(i)), "")
    rest = glued[len(icon) :].lstrip()
    if out.resource_type and rest.startswith(out.resource_type):
        rest = rest[len(out.resource_type) :]
    rest = re.sub(r"^[★☆]{5}", "", rest)
    if m := re.search(r"\+(\d+)$", rest):
        out.hidden_tag_count, rest = int(m.group(1)), rest[: m.start()]
    cut = rest.rfind("...")
    tail = ""
    if cut >= 0:
        rest, tail = rest[: cut + 3], rest[cut + 3 :]
    head, body = _split_authors_text(rest, out)
    if body is not None:
        if m := re.match(r"^([\d,]+) citations", body):
            out.citation_count, body = int(m.group(1).replace(",", "")), body[m.end() :]
        out.summary = body or None
        out.summary_truncated = body.endswith("...") if body else None
    out.card_raw = head
    out.tags_raw = tail or None
    return out


def _split_authors_text(rest: str, out: CardFields) -> tuple[str, str | None]:
    """Find the author line at a glue point (a sentence end run into the next piece)."""
    for glue in re.finditer(r"[.!?\"”’](?=\S)", rest):
        m = TEXT_AUTHORS.match(rest, glue.end())
        if m and _authorish(m["names"]) and author_line(m.group(0), out):
            return rest[: glue.end()], rest[m.end() :]
    return rest, None


def _authorish(names: str) -> bool:
    pieces = [p.strip() for p in re.split(r",|&| and ", names.removesuffix("et al.")) if p.strip()]
    return bool(pieces) and all((len(p.split()) <= 4 and not p.endswith(".")) or p.endswith(" al.") for p in pieces)
