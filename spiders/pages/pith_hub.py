"""Pith hub pages (``/citations/<uuid>``): the cited work, Pith's summaries, and every citing entry."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spiders.compiled import extension
from spiders.normalize.ids import pith_path_ids, pith_target
from spiders.pages.blocks import Block
from spiders.pages.common import Page, block_hrefs, navigation
from spiders.records import HubCitation, PithHub, Record
from spiders.records.base import record_maker

TIER = re.compile(r"^(?P<tier>super hub|hub)\b\s*(?P<badge>.*)$")
SECTIONS = (
    "abstract",
    "hub tools",
    "citation-role summary",
    "citation-polarity summary",
    "claims ledger",
    "authors",
    "co-cited works",
    "representative citing papers",
    "citing papers explorer",
)
ROLE_AS = re.compile(r"(?P<pct>\d+(?:\.\d+)?)% of citing Pith papers cite this work as (?P<role>[\w\- ]+?)\.?$")
ROLE_IS = re.compile(r"(?:most )?common role is (?P<role>[\w\- ]+?) \((?P<pct>\d+(?:\.\d+)?)%\)", re.IGNORECASE)
SHARE = re.compile(r"^(?P<label>[A-Za-z][\w\- ]*?)\s*[:·]?\s*(?P<pct>\d+(?:\.\d+)?)%(?:\s*\(?(?P<count>\d+)\)?)?$")
ROW = re.compile(
    r"^(?P<title>.+?) (?P<cat>[a-z\-]+(?:\.[A-Za-z\-]+)?) · (?P<date>\d{4}-\d{2}-\d{2})"
    r"(?: · (?P<verdict>[^·]+?))?(?: · (?P<labels>.+))?$"
)
_ROW_TAIL = re.compile(
    r" (?P<cat>[a-z\-]+(?:\.[A-Za-z\-]+)?) · (?P<date>\d{4}-\d{2}-\d{2})"
    r"(?: · (?P<verdict>[^·]+?))?(?: · (?P<labels>.+))?$"
)
"""``ROW`` after its title: what must follow where the title ends."""


def row_match(text: str) -> tuple[str, str, str, str | None, str | None] | None:
    """``ROW.match(text)``'s title, category, date, verdict and labels, found from the `` · `` that must follow the
    category: ``ROW``'s lazy title tried every end in turn (33 k CPU instructions on a line without a row, such as
    every explorer title of a generated site). The title ends at a space whose next word (the category, no space
    in it) runs into `` · ``: the first such end where the rest matches is where ``ROW`` stops."""
    if "\n" in text:  # ``.`` stops at a line break: the pattern itself
        m = ROW.match(text)
        return (m["title"], m["cat"], m["date"], m["verdict"], m["labels"]) if m else None
    at = text.find(" · ")
    while at >= 0:
        end = text.rfind(" ", 0, at)
        if end >= 1 and (m := _ROW_TAIL.match(text, end)):
            return text[:end], m["cat"], m["date"], m["verdict"], m["labels"]
        at = text.find(" · ", at + 1)
    return None


HUB_UUID = re.compile(r"/citations/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def parse_hub(page: Page) -> list[Record]:
    """Hub record, citing entries (representative and explorer kept apart) and navigation."""
    blocks = page.blocks
    tier_at = next((i for i, b in enumerate(blocks) if TIER.match(b.text)), None)
    uuid_m = HUB_UUID.search(page.url)
    hub_uuid = uuid_m.group(1) if uuid_m else None
    if tier_at is None or tier_at + 1 >= len(blocks):
        return [page.error("not_a_hub", "no tier line (`hub` / `super hub`) found")]
    tier_m = TIER.match(blocks[tier_at].text)
    assert tier_m is not None
    title, sentence, body_at = _title_and_sentence(blocks, tier_at)
    sections = split_sections(blocks[body_at:], SECTIONS)
    role, pct = _dominant_role(sentence)
    reps = [_rep(page, hub_uuid, i, b) for i, b in enumerate(sections.get("representative citing papers", []), 1)]
    explorer = _explorer(page, hub_uuid, sections.get("citing papers explorer", []))
    hub = PithHub(
        hub_uuid=hub_uuid,
        title=title,
        abstract=_joined(sections.get("abstract")),
        tier=tier_m["tier"],
        badge=tier_m["badge"] or None,
        badge_sentence=sentence,
        dominant_role=role,
        dominant_role_pct=pct,
        role_summary=_shares(sections.get("citation-role summary", [])),
        polarity_summary=_shares(sections.get("citation-polarity summary", [])),
        claims=[_undash(b.text) for b in sections.get("claims ledger", []) if b.text != "-"],
        authors=[_undash(b.text) for b in sections.get("authors", [])],
        co_cited=[_undash(b.text) for b in sections.get("co-cited works", [])],
        representative_count=len(reps),
        explorer_count=len(explorer),
        context_line=" ".join(b.text for b in blocks[:tier_at]) or None,
        **page.prov | {"partial": page.truncated},
    )
    nav = navigation(page, block_hrefs(blocks))
    return [hub, *reps, *explorer, *([nav] if nav else [])]


def _title_and_sentence(blocks: list[Block], tier_at: int) -> tuple[str | None, str | None, int]:
    title = blocks[tier_at + 1].text if tier_at + 1 < len(blocks) else None
    nxt = blocks[tier_at + 2].text if tier_at + 2 < len(blocks) else ""
    if nxt and nxt not in SECTIONS:
        return title, nxt, tier_at + 3
    return title, None, tier_at + 2


def split_sections(
    blocks: list[Block], names: tuple[str, ...], counted: tuple[str, ...] = ()
) -> dict[str, list[Block]]:
    """Blocks grouped under the section heading they follow (headings matched by their text in any case; one of
    ``counted`` may carry a count, ``discussion (3)``, and is that heading; compiled: ``_lists.split_sections``)."""
    out: dict[str, list[Block]] = {}
    section: list[Block] | None = None
    longest, headings, counts = _headings(names, counted)
    for block in blocks:
        text = block.text
        # (``lower`` never shortens a string: a line longer than every heading is none of them)
        if len(text) <= longest and (
            (key := text.lower()) in headings or (counts and (key := _uncounted(key)) in counts)
        ):
            section = out.setdefault(key, [])
        elif section is not None:
            section.append(block)
    return out


def _uncounted(key: str) -> str:
    """``discussion`` of a line ``discussion (3)`` (digits: ``isdecimal``, ``\\d``'s), "" for any other."""
    at = key.rfind(" (")
    return key[:at] if at > 0 and key[-1:] == ")" and key[at + 2 : -1].isdecimal() else ""


COUNT_ROOM = 24
"""How much longer than its heading a counted heading's line may be (`` (`` + up to 20 digits + ``)``)."""


@lru_cache(maxsize=64)
def _headings(names: tuple[str, ...], counted: tuple[str, ...] = ()) -> tuple[int, frozenset[str], frozenset[str]]:
    """The longest line a heading can be, the headings as a set (a paper page's 16: a tuple compares them in turn),
    and the counted ones among them."""
    longest = max((*map(len, names), *(len(c) + COUNT_ROOM for c in counted)), default=0)
    return longest, frozenset(names), frozenset(counted) & frozenset(names)


def _dominant_role(sentence: str | None) -> tuple[str | None, float | None]:
    if not sentence:
        return None, None
    m = ROLE_AS.search(sentence) or ROLE_IS.search(sentence)
    return (m["role"].strip(), float(m["pct"])) if m else (None, None)


def _shares(blocks: list[Block]) -> list[dict[str, Any]]:
    out = []
    for block in blocks:
        text = _undash(block.text)
        m = SHARE.match(text)
        out.append(
            {
                "label": m["label"].strip() if m else None,
                "pct": float(m["pct"]) if m else None,
                "count": int(m["count"]) if m and m["count"] else None,
                "raw": text,
            }
        )
    return out


def _undash(text: str) -> str:
    return text[2:] if text.startswith("- ") else text


def _joined(blocks: list[Block] | None) -> str | None:
    return "\n".join(b.text for b in blocks) if blocks else None


_REP = record_maker(
    HubCitation, "hub_uuid", "section", "position", "summary", "raw", "citing_arxiv", "citing_pith", "citing_url"
)
_EXPLORER = record_maker(
    HubCitation,
    "hub_uuid",
    "section",
    "position",
    "title",
    "category",
    "date",
    "verdict",
    "labels",
    "summary",
    "raw",
    "citing_arxiv",
    "citing_pith",
    "citing_url",
)
"""``_EXPLORER(prov, ...)``: an explorer entry."""


def _rep(page: Page, hub_uuid: str | None, position: int, block: Block) -> HubCitation:
    arxiv, pith, url = _citing(page, block)
    return _REP(page.prov, hub_uuid, "representative", position, _undash(block.text), block.text, arxiv, pith, url)


def _citing(page: Page, block: Block) -> tuple[str | None, str | None, str | None]:
    """The citing paper's arXiv id, Pith number and URL, from the first Pith link of a block that names one."""
    for link in block.links:
        if (found := _citing_of(page.absolute(link.href))) is not None:
            return found
    return _NOT_CITING


_NOT_CITING = (None, None, None)


@lru_cache(maxsize=65536)
def _citing_of(url: str) -> tuple[str | None, str | None, str | None] | None:
    """``_citing`` of a link (None when it names no paper), memoised: a citing work is listed on the hub of every
    work it cites."""
    if (found := pith_path_ids(url)) is not None:  # the site's own paths: what pith_target gives, without its memo
        key, value = found
        return (value, None, url) if key == "arxiv" else ((None, value, url) if key in ("short", "number") else None)
    target = pith_target(url)
    if target.get("arxiv") or target.get("pith"):
        return target.get("arxiv"), target.get("pith"), url
    return None


@lru_cache(maxsize=65536)
def _row(title: str) -> tuple[str, str, str, str | None, tuple[str, ...]] | None:
    """An explorer line's title, category, date, verdict and labels (``ROW``), memoised: a citing work has the
    same line on the hub of every work it cites."""
    row = row_match(title)
    if not row:
        return None
    labels = tuple(x.strip() for x in (row[4] or "").split("·") if x.strip())
    return row[0], row[1], row[2], (row[3] or "").strip() or None, labels


def _explorer(page: Page, hub_uuid: str | None, blocks: list[Block]) -> list[HubCitation]:
    """Entries of ``-`` + title + summary, or ``- title`` alone (no summary)."""
    entries: list[list[Block]] = []
    for block in blocks:
        text = block.text
        if text == "-":
            entries.append([])
        elif text.startswith("- "):
            entries.append([block])
        elif entries:
            entries[-1].append(block)
    out = []
    prov = page.prov
    position = 0
    for entry in entries:
        if not entry:
            continue
        position += 1
        head = entry[0].text
        title = head[2:] if head.startswith("- ") else head
        if len(entry) == 2:  # most entries: a title line and a summary line
            summary: str | None = entry[1].text or None
            raw = f"{head} | {entry[1].text}"
        else:
            rest = [b.text for b in entry[1:]]
            summary = " ".join(rest) or None
            raw = " | ".join([head, *rest])
        arxiv, pith, url = _citing(page, entry[0])
        category: str | None = None
        date: str | None = None
        verdict: str | None = None
        labels: list[str] = []
        if row := _row(title):
            title, category, date, verdict, labels = row[0], row[1], row[2], row[3], list(row[4])
        out.append(
            _EXPLORER(
                prov,
                hub_uuid,
                "explorer",
                position,
                title,
                category,
                date,
                verdict,
                labels,
                summary,
                raw,
                arxiv,
                pith,
                url,
            )
        )
    return out


PYTHON_SPLIT_SECTIONS = split_sections
"""``split_sections`` in Python: the reference ``_lists.split_sections`` is held to."""
_LISTS = extension("spiders.pages._lists")
if _LISTS is not None:  # the same sections, the loop in C (a paper page: ~1,000 blocks)
    split_sections = _LISTS.split_sections
