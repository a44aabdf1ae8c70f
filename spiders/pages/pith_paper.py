"""Pith paper review pages (``/paper/<id>``, ``/ref/arxiv/<id>``): review, forward citations, references."""

from __future__ import annotations

import re
from typing import Any

from spiders.compiled import extension
from spiders.normalize.ids import pith_target
from spiders.pages.blocks import Block
from spiders.pages.common import Page, block_hrefs, navigation
from spiders.pages.pith_hub import split_sections
from spiders.pages.pith_refs import parse_reference_entries
from spiders.records import ForwardCitation, PithPaper, Record
from spiders.records.base import record_maker

ARXIV_LINE = re.compile(
    r"^arxiv:\s*(?P<id>\S+?)(?:\s*·\s*v(?P<v>\d+))?(?:\s*·\s*pith:(?P<pith>[A-Z2-7]{8,}))?"
    r"(?:\s*·\s*submitted\s+(?P<date>\d{4}-\d{2}-\d{2}))?(?:\s*·\s*(?P<cats>.*))?$",
    re.IGNORECASE,
)
REVIEWED = re.compile(r"^Pith reviewed (?P<at>\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)(?: UTC)?(?: · model (?P<model>.+))?$")
CITED_BY = re.compile(r"^Cited by (?P<n>[\d,]+) Pith papers?$")
SECTIONS = (
    "the pith",
    "core claim",
    "what carries the argument",
    "if this is right",
    "where pith is reading between the lines",
    "load-bearing premise",
    "what would settle it",
    "read the original abstract",
    "editorial analysis",
    "referee report",
    "simulated author's rebuttal",
    "circularity check",
    "axiom & free-parameter ledger",
    "forward citations",
    "reference graph",
    "discussion",
)
PROSE = {
    "core claim": "core_claim",
    "what carries the argument": "carrying_argument",
    "load-bearing premise": "load_bearing_premise",
    "what would settle it": "what_would_settle",
}
COUNTED = ("discussion",)
"""Headings a page shows with a count, ``discussion (0)``: it still ends the reference graph."""
NO_AUTHORS = "Authors on Pith no claims yet"


def parse_paper(page: Page) -> list[Record]:
    """Paper record, forward citations, references and navigation."""
    blocks = page.blocks
    reviewed_at = next((i for i, b in enumerate(blocks) if REVIEWED.match(b.text)), None)
    if reviewed_at is None and not any(ARXIV_LINE.match(b.text) for b in blocks[:20]):
        return [page.error("not_a_paper_page", "no `Pith reviewed` or `arxiv:` line found")]
    ids = _url_ids(page)
    head, title_at = _head(blocks, reviewed_at, page)
    body_at = reviewed_at if reviewed_at is not None else (title_at or 0)
    sections = split_sections(blocks[body_at + 1 :], SECTIONS, COUNTED)
    arxiv_id = head.pop("arxiv_id", None) or ids.get("arxiv")
    forward = forward_citations(page, arxiv_id, sections.get("forward citations", []))
    refs = parse_reference_entries(page, arxiv_id, sections.get("reference graph", []))
    fields: dict[str, Any] = {k: _text(sections.get(s)) for s, k in PROSE.items()}
    paper = PithPaper(
        arxiv_id=arxiv_id,
        title=blocks[title_at].text if title_at is not None else None,
        pith=_first_prose(sections.get("the pith")),
        abstract=_text(sections.get("read the original abstract")),
        if_right=_bullets(sections.get("if this is right")),
        between_the_lines=_bullets(sections.get("where pith is reading between the lines")),
        review_sections={k: v for k, v in ((s, _text(sections.get(s))) for s in SECTIONS[8:14]) if v},
        cited_by_count=_cited_by(sections.get("forward citations")),
        reference_count=len(refs),
        **head,
        **fields,
        **page.prov | {"partial": page.truncated},
    )
    if paper.pith_short is None and ids.get("pith"):
        paper = _with(paper, pith_short=ids["pith"])
    nav = navigation(page, block_hrefs(blocks))
    return [paper, *forward, *refs, *([nav] if nav else [])]


def _with(paper: PithPaper, **changes: Any) -> PithPaper:
    import dataclasses

    return dataclasses.replace(paper, **changes)


def _url_ids(page: Page) -> dict[str, str]:
    return pith_target(page.url) if page.url else {}


def _head(blocks: list[Block], reviewed_at: int | None, page: Page) -> tuple[dict[str, Any], int | None]:
    """Fields above the review: the arxiv line, recognition, title, authors, review stamp."""
    head: dict[str, Any] = {}
    end = reviewed_at if reviewed_at is not None else min(len(blocks), 20)
    h1 = next((i for i in range(end) if blocks[i].tag == "h1"), None)
    meta = [i for i in range(end) if ARXIV_LINE.match(blocks[i].text) or blocks[i].text.startswith("Recognition:")]
    title_at = h1 if h1 is not None else (max(meta) + 1 if meta else 0)
    for i in meta:
        text = blocks[i].text
        if text.startswith("Recognition:"):
            head["recognition"] = text
        elif m := ARXIV_LINE.match(text):
            head |= _arxiv_line(m)
    authors = [b.text for b in blocks[title_at + 1 : end]]
    if authors and authors[0] != NO_AUTHORS:
        head["authors_raw"] = authors[0]
        head["authors"] = [a.strip() for a in re.split(r",\s*|\s+and\s+", authors[0]) if a.strip()]
    if reviewed_at is not None and (m := REVIEWED.match(blocks[reviewed_at].text)):
        head["reviewed_at"], head["review_model"] = m["at"], m["model"]
    head |= _classification(blocks[end : end + 6] if reviewed_at is not None else [])
    return head, title_at if title_at < len(blocks) else None


def _arxiv_line(m: re.Match[str]) -> dict[str, Any]:
    ident = re.sub(r"v(\d+)$", "", m["id"])
    cats = [c.strip() for c in re.split(r"[·,]|\s{1,}(?=[a-z\-]+\.[A-Z])", m["cats"] or "") if c.strip()]
    return {
        "arxiv_id": ident,
        "arxiv_version": int(m["v"]) if m["v"] else None,
        "pith_short": m["pith"],
        "submitted": m["date"],
        "categories": cats,
    }


def _classification(blocks: list[Block]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for block in blocks:
        if block.text.startswith("classification"):
            out["classification"] = block.text.removeprefix("classification").strip() or None
        elif block.text.startswith("keywords"):
            out["keywords_raw"] = block.text.removeprefix("keywords").strip()
            out["keywords"] = _keyword_elements(block)
    return out


def _keyword_elements(block: Block) -> list[str]:
    """Keywords from the line's elements (HTML); text runs them together, so none from text."""
    el: Any = block.element
    if el is None:
        return []
    words = [
        " ".join(str(t) for t in child.itertext()).strip()
        for child in el.iter()
        if child is not el and not len(child) and child.tag in ("a", "span", "li")
    ]
    return [w for w in words if w and w.lower() != "keywords"]


def _text(blocks: list[Block] | None) -> str | None:
    return "\n".join(b.text for b in blocks) if blocks else None


def _first_prose(blocks: list[Block] | None) -> str | None:
    return blocks[0].text if blocks else None


def _bullets(blocks: list[Block] | None) -> list[str]:
    return [b.text[2:] for b in blocks or [] if b.text.startswith("- ")]


def _cited_by(blocks: list[Block] | None) -> int:
    for block in blocks or []:
        if m := CITED_BY.match(block.text):
            return int(m["n"].replace(",", ""))
    return 0


def forward_citations(page: Page, cited_arxiv: str | None, blocks: list[Block]) -> list[ForwardCitation]:
    """The works citing the paper, from ``-`` + title + summary entries (compiled: ``_lists.forward_citations``)."""
    entries: list[list[Block]] = []
    for block in blocks:
        if block.text == "-" or block.text.startswith("- "):
            entries.append([] if block.text == "-" else [Block(block.text[2:], block.tag, block.links)])
        elif entries:
            entries[-1].append(block)
    out = []
    for position, entry in enumerate((e for e in entries if e), 1):
        head = entry[0]
        link = next((page.absolute(x.href) for x in head.links if pith_target(page.absolute(x.href))), None)
        citing = pith_target(link).get("arxiv") if link else None
        summary = entry[1].text if len(entry) == 2 else " ".join([b.text for b in entry[1:]])
        out.append(_FORWARD(page.prov, cited_arxiv, position, head.text, summary or None, citing, link))
    return out


_FORWARD = record_maker(ForwardCitation, "cited_arxiv", "position", "title", "summary", "citing_arxiv", "citing_url")


PYTHON_FORWARD_CITATIONS = forward_citations
"""``forward_citations`` in Python: the reference ``_lists.forward_citations`` is held to."""
_LISTS = extension("spiders.pages._lists")
if _LISTS is not None:  # the same records, the loop in C
    forward_citations = _LISTS.forward_citations
