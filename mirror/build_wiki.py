"""Render wiki seed 002 as the server-rendered Next.js page www.longtermwiki.com serves.

Inline annotations use the real markup (hashed CSS-module classes, a ``role="tooltip"`` hover card
always in the DOM, React ``<!-- -->`` comments between text pieces); the References list uses
``section[aria-label=References] > div#ref-N > details``. Links and resource ids come from the
context file (the wiki's public repository); card text comes from the seed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mirror.htmlkit import esc, page, tag
from mirror.wiki_cards import SEED_TITLES, STAR_LABELS, TYPE_ICONS, Card, card_text, split_card

WIKI = "https://www.longtermwiki.com"
H2 = {
    "Overview",
    "Risk Assessment Framework",
    "Emergence Conditions Analysis",
    "Mathematical Risk Decomposition",
    "Misalignment Type Taxonomy",
    "Situational Awareness Assessment",
    "Evidence Assessment",
    "Mitigation Strategy Analysis",
    "Research Recommendations",
    "Key Uncertainties and Research Priorities",
    "Timeline and Coordination Implications",
    "Related Framework Components",
    "Sources & Resources",
}
C = "<!-- -->"


def stars_html(stars: int | None) -> str:
    """The star badge, or nothing when the resource has no credibility."""
    if not stars:
        return ""
    label = f"Credibility: {STAR_LABELS[stars]} ({stars}/5) - rated from the publication"
    return tag("span", "★" * stars + "☆" * (5 - stars), title=label, class_="text-amber-500")


def card_html(card: Card, url: str) -> str:
    """The ``role=tooltip`` hover card of one annotation."""
    head = tag("span", f"{TYPE_ICONS[card.type]}{C} {C}{card.type}") + stars_html(card.stars)
    parts = [tag("span", head, class_="flex items-center gap-1")]
    if card.publication:
        parts.append(tag("span", esc(card.publication), class_="text-xs italic text-muted-foreground"))
    parts.append(tag("span", esc(card.title), class_="font-semibold leading-tight"))
    parts.append(tag("span", esc(card.note), class_="text-xs text-muted-foreground"))
    if card.authors is not None:
        year = f"{C} ({C}{card.year}{C})" if card.year else ""
        parts.append(tag("span", esc(card.authors) + year, class_="text-xs"))
    if card.citations:
        parts.append(tag("span", f"{card.citations}{C} citations", class_="text-xs"))
    parts.append(tag("span", esc(card.summary), class_="text-xs line-clamp-3"))
    tags = "".join(tag("span", esc(t), class_="tooltip_tag__p3Xs1") for t in card.tags)
    if card.hidden_tags:
        tags += tag("span", f"+{card.hidden_tags}", class_="tooltip_tag__p3Xs1")
    parts.append(tag("span", tags, class_="flex flex-wrap gap-1"))
    parts.append(tag("span", tag("a", f"Source{C} ↗", href=url, target="_blank", rel="noopener noreferrer")))
    return tag("span", "".join(parts), role="tooltip", class_="tooltip_tooltip__Vq7eD tooltip_hidden__aM0Rz")


def annotation_html(link_text: str, url: str, card: Card) -> str:
    """A whole inline annotation: wrapper, link, hover card."""
    text = esc(link_text.strip("*"))
    if link_text.startswith("**"):
        text = tag("strong", text)
    link = tag(
        "a",
        tag("span", text) + tag("span", "↗", class_="ml-0.5"),
        href=url,
        target="_blank",
        rel="noopener noreferrer",
        class_="tooltip_link__c2D0k",
    )
    return tag("span", link + card_html(card, url), class_="tooltip_wrapper__Hq8sT")


class Annotator:
    """Walks the seed in order, turning each annotation's glued text into markup."""

    def __init__(self, annotations: list[dict[str, Any]], titles: dict[str, str]) -> None:
        self.queue = list(annotations)
        self.titles = titles
        self.cards: dict[str, Card] = {}

    def line(self, text: str) -> tuple[str, list[str]]:
        """The line with annotations replaced by placeholders, and the placeholders' HTML."""
        pieces: list[str] = []
        while self.queue:
            ann = self.queue[0]
            plain = ann["link_text"].replace("**", "")
            start = text.find(plain + "↗")
            end = text.find("Source ↗", start)
            if start < 0 or end < 0:
                break
            glued = text[start + len(plain) + 1 : end]
            card = self._card(ann["resource_id"], glued)
            pieces.append(annotation_html(ann["link_text"], ann["url"], card))
            text = text[:start] + f"\x00{len(pieces) - 1}\x00" + text[end + len("Source ↗") :]
            self.queue.pop(0)
        return text, pieces

    def _card(self, rid: str, glued: str) -> Card:
        card = self.cards.get(rid) or split_card(glued, SEED_TITLES.get(rid) or self.titles[rid])
        assert card_text(card) == glued, (rid, card_text(card), glued)
        self.cards[rid] = card
        return card


def fill(text: str, pieces: list[str]) -> str:
    """Escape a placeholder line and put the annotations back."""
    out = esc(text)
    for i, html in enumerate(pieces):
        out = out.replace(f"\x00{i}\x00", html)
    return out


def _is_heading(line: str) -> bool:
    return (
        len(line.split()) <= 7
        and "↗" not in line
        and not line.startswith(("|", "- "))
        and not line.endswith((".", ":", ")"))
        and line != "Diagram (loading…)"
    )


def render_body(lines: list[str], ann: Annotator) -> str:
    """The article body from the seed lines between the description and References."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            out.append(_table(lines[i:j], ann))
            i = j
        elif line.startswith("- "):
            j = i
            while j < len(lines) and lines[j].startswith("- "):
                j += 1
            out.append(tag("ul", "".join(tag("li", fill(*ann.line(x[2:]))) for x in lines[i:j])))
            i = j
        elif line == "Diagram (loading…)":
            out.append(tag("figure", tag("p", esc(line)) + tag("pre", esc(lines[i + 1]), class_="mermaid")))
            i += 2
        else:
            out.append(
                tag("h2" if line in H2 else "h3", esc(line)) if _is_heading(line) else tag("p", fill(*ann.line(line)))
            )
            i += 1
    return "".join(out)


def _table(rows: list[str], ann: Annotator) -> str:
    def cells(row: str, cell: str) -> str:
        text, pieces = ann.line(row)
        return "".join(tag(cell, fill(c.strip(), pieces)) for c in text.strip().strip("|").split(" | "))

    head = tag("thead", tag("tr", cells(rows[0], "th")))
    body = tag("tbody", "".join(tag("tr", cells(r, "td")) for r in rows[2:]))
    return tag("div", tag("table", head + body), class_="overflow-x-auto")


def author_line(authors: list[str]) -> str | None:
    """The References meta line's author: A, A & B, A, B & C, up to four names, else A et al."""
    if not authors:
        return None
    if len(authors) > 4:
        return f"{authors[0]} et al."
    return authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " & " + authors[-1]


def references_html(
    refs: list[dict[str, Any]], resources: dict[str, dict[str, Any]], cards: dict[str, Card], summaries: list[str]
) -> str:
    """The References section: one ``div#ref-N > details`` per entry."""
    entries = []
    for ref, summary in zip(refs, summaries, strict=True):
        rid, res = ref["resource_id"], resources[ref["resource_id"]]
        card = cards[rid]
        meta = [
            card.publication,
            author_line(res.get("authors") or []),
            (res.get("published_date") or "")[:4] or None,
            card.type.capitalize(),
        ]
        meta_html = f"{C}·{C}".join(tag("span", esc(m)) for m in meta if m)
        head = (
            tag("span", str(ref["number"]), class_="ref_num__Tz1k8")
            + tag("a", esc(card.title), href=f"/resources/{rid}")
            + tag("span", meta_html)
            + tag("span", "▸")
        )
        more = tag(
            "div",
            tag("p", esc(summary))
            + stars_html(card.stars)
            + tag("a", f"Source{C} ↗", href=res["url"], target="_blank"),
        )
        entries.append(
            tag(
                "div", tag("details", tag("summary", head) + more), id=f"ref-{ref['number']}", class_="ref_entry__L0a2c"
            )
        )
    return tag(
        "section",
        tag("h2", "References", id="references") + "".join(entries),
        aria_label="References",
        class_="references_section__n1Qw8",
    )


def render_article(lines: list[str], context: dict[str, Any]) -> str:
    """The HTML of the wiki article."""
    ann = Annotator(context["inline_annotations"], {r["id"]: r.get("title") or "" for r in context["resources"]})
    refs_at = lines.index("References")
    crumbs = tag("nav", tag("a", "Wiki", href="/wiki") + " / " + tag("span", esc(lines[0])), aria_label="breadcrumb")
    head = crumbs + tag("h1", esc(lines[1])) + tag("p", esc(lines[2]), class_="page_description__Pp3s0")
    body = render_body(lines[3:refs_at], ann)
    assert not ann.queue, f"{len(ann.queue)} annotations not found in the seed"
    resources = {r["id"]: r for r in context["resources"]}
    summaries = [x for x in lines[refs_at + 1 :] if not re.match(r"^\d+.*▸$", x)]
    refs = references_html(context["references"], resources, ann.cards, summaries)
    main = tag("main", tag("article", head + tag("div", body, class_="prose") + refs))
    pg = context["page"]
    return page(f"{pg['title']} | Longterm Wiki", pg["canonical_url"], main)


def render_data(context: dict[str, Any], description: str) -> str:
    """``/wiki/E<n>/data``: the page record as JSON inside a ``pre``."""
    record = dict(context["page"]) | {"description": description}
    body = tag("main", tag("pre", esc(json.dumps(record, indent=2, ensure_ascii=False))))
    return page(f"{record['entity_id']} data | Longterm Wiki", f"{WIKI}/wiki/{record['entity_id']}/data", body)
