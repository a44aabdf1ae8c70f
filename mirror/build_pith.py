"""Render the Pith seed pages (three hubs, one paper review) as the HTML pith.science serves.

Markup is clean and semantic: headings for section names, ``li`` for list entries (the seed
renderer printed those with a ``- `` prefix), ARIA ``listitem`` blocks where the seed shows no dash,
and links the way the site links (``/paper/<arxiv id>``, ``/citations/<uuid>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mirror.htmlkit import esc, page, tag

PITH = "https://pith.science"
HUB_SECTIONS = (
    "abstract",
    "hub tools",
    "authors",
    "co-cited works",
    "representative citing papers",
    "citing papers explorer",
)
HUB_TOOLS = ("citation-role summary", "citation-polarity summary", "claims ledger")


@dataclass(frozen=True)
class HubSeed:
    """A hub seed file and what the mirror knows about its links."""

    lines: list[str]
    uuid: str
    from_paper: str
    """arXiv id of the page the crawl came from (the first line summarises it)."""
    known_ids: dict[str, str]
    """Citing titles whose arXiv id a seed gives, title -> arXiv id."""


def _explorer(lines: list[str], known: dict[str, str]) -> str:
    items: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("- "):  # a title with no summary, on the dash's own line
            items.append(tag("li", _title_link(line[2:], known, inline=True)))
            i += 1
            continue
        assert line == "-", line
        title = lines[i + 1]
        summary = lines[i + 2] if i + 2 < len(lines) and not lines[i + 2].startswith("-") else None
        body = tag("h3", _title_link(title, known, inline=False))
        if summary is not None:
            body += tag("p", esc(summary), class_="summary")
        items.append(tag("li", body, class_="citing-paper"))
        i += 3 if summary is not None else 2
    return tag("ol", "".join(items), class_="explorer")


def _title_link(title: str, known: dict[str, str], inline: bool) -> str:
    arxiv = known.get(title)
    if arxiv is None:
        return tag("span", esc(title), class_="title")
    return tag("a", esc(title), href=f"/paper/{arxiv}", class_="title")


def _sections(lines: list[str], names: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        if line in names:
            current = line
            out[current] = []
        elif current:
            out[current].append(line)
    return out


def render_hub(seed: HubSeed) -> str:
    """The HTML of one hub page."""
    lines = seed.lines
    tier_badge, title, badge_sentence = lines[1], lines[2], lines[3]
    tier = "super hub" if tier_badge.startswith("super hub") else "hub"
    badge = tier_badge[len(tier) :].strip()
    sec = _sections(lines[4:], HUB_SECTIONS)
    tools = _sections(sec["hub tools"], HUB_TOOLS)
    parts = [
        tag("nav", tag("a", esc(lines[0]), href=f"/paper/{seed.from_paper}"), aria_label="from"),
        tag(
            "header",
            tag("p", tag("span", tier, class_="tier") + " " + tag("span", esc(badge), class_="badge"))
            + tag("h1", esc(title))
            + tag("p", esc(badge_sentence), class_="badge-sentence"),
        ),
        tag("section", tag("h2", "abstract") + "".join(tag("p", esc(x)) for x in sec["abstract"])),
    ]
    tool_html = ""
    for name in HUB_TOOLS:
        if name in tools:
            items = "".join(tag("li", esc(x[2:])) for x in tools[name] if x.startswith("- "))
            tool_html += tag("section", tag("h3", name) + (tag("ul", items) if items else ""))
    parts.append(tag("section", tag("h2", "hub tools") + tool_html))
    for name in ("authors", "co-cited works"):
        if name in sec:
            parts.append(tag("section", tag("h2", name) + "".join(tag("p", esc(x)) for x in sec[name])))
    reps = "".join(tag("p", esc(x), role="listitem") for x in sec.get("representative citing papers", []))
    parts.append(tag("section", tag("h2", "representative citing papers") + tag("div", reps, role="list")))
    explorer = _explorer(sec.get("citing papers explorer", []), seed.known_ids)
    parts.append(tag("section", tag("h2", "citing papers explorer") + explorer))
    body = tag("main", "".join(parts), class_="hub")
    return page(f"{title} · Pith", f"{PITH}/citations/{seed.uuid}", body)


_ARXIV_URL = re.compile(r"arxiv\.org/\s*abs/\s*(\d{4}\.\d{4,5})")
BADGE_LINE = re.compile(r"^(?:(?:work page|internal anchor|Pith review|Pith/arXiv|arXiv|\d{4})\s*)+$")

PAPER_H2 = ("The pith", "Editorial analysis", "Forward citations", "Reference graph")
PAPER_H3 = (
    "Core claim",
    "What carries the argument",
    "If this is right",
    "Where Pith is reading between the lines",
    "Load-bearing premise",
    "What would settle it",
    "Referee Report",
    "Simulated Author's Rebuttal",
    "Circularity Check",
    "Axiom & Free-Parameter Ledger",
)
COUNTED_H = re.compile(
    r"^(?:minor comments|major comments|axioms|invented entities|free parameters|discussion) \(\d+\)$"
)


def _flow(lines: list[str]) -> str:
    """Generic review prose: headings, dash lists, paragraphs, disclosure blocks."""
    out: list[str] = []
    items: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == "-" or line.startswith("- "):
            if line == "-":
                j = i + 1
                while j < len(lines) and not _is_break(lines[j]):
                    j += 1
                inner = "".join(tag("p" if k > i + 1 else "h3", esc(lines[k])) for k in range(i + 1, j))
                items.append(tag("li", inner))
                i = j
            else:
                items.append(tag("li", esc(line[2:])))
                i += 1
            continue
        if items:
            out.append(tag("ul", "".join(items)))
            items = []
        out.append(_line(line))
        i += 1
    if items:
        out.append(tag("ul", "".join(items)))
    return "".join(out)


def _is_break(line: str) -> bool:
    return line == "-" or line.startswith("- ") or line in PAPER_H2 or line in PAPER_H3 or bool(COUNTED_H.match(line))


def _line(line: str) -> str:
    if line in PAPER_H2:
        return tag("h2", esc(line))
    if line in PAPER_H3:
        return tag("h3", esc(line))
    if COUNTED_H.match(line):
        return tag("h4", esc(line))
    if line in ("read the original abstract", "full rationale"):
        return tag("h4", esc(line), class_="disclosure")
    return tag("p", esc(line))


def _references(lines: list[str], hubs_by_arxiv: dict[str, str]) -> str:
    entries: list[tuple[int, list[str]]] = []
    for prev, line in zip(["-", *lines], lines, strict=False):
        m = re.fullmatch(r"\[(\d+)\]", line)
        if m and prev == "-":
            entries.append((int(m.group(1)), []))
        elif line != "-" and entries:
            entries[-1][1].append(line)
    return tag("ol", "".join(_reference(n, body, hubs_by_arxiv) for n, body in entries), class_="references")


def _reference(n: int, body: list[str], hubs_by_arxiv: dict[str, str]) -> str:
    badges = body[-1] if body and BADGE_LINE.match(body[-1]) else None
    text = body[:-1] if badges else body
    m = _ARXIV_URL.search(" ".join(text))
    arxiv = m.group(1) if m else None
    parts = [tag("p", f"[{n}]", class_="ref-index")]
    if len(text) == 2:
        title = esc(text[0])
        parts.append(tag("p", tag("a", title, href=f"/paper/{arxiv}") if arxiv else title, class_="ref-title"))
    parts.append(tag("p", esc(text[-1]), class_="ref-raw"))
    if badges:
        parts.append(tag("p", _badges(badges, arxiv, hubs_by_arxiv.get(arxiv or "")), class_="ref-links"))
    return tag("li", "".join(parts), id=f"ref-{n}", class_="ref")


def _badges(line: str, arxiv: str | None, hub: str | None) -> str:
    hrefs = {"work page": f"/citations/{hub}" if hub else None}
    if arxiv:
        hrefs |= {
            "Pith review": f"/paper/{arxiv}",
            "Pith/arXiv": f"/ref/arxiv/{arxiv}",
            "arXiv": f"https://arxiv.org/abs/{arxiv}",
        }
    words = re.findall(r"work page|internal anchor|Pith review|Pith/arXiv|arXiv|\d{4}", line)
    rendered = []
    for word in words:
        href = hrefs.get(word)
        rendered.append(tag("a", esc(word), href=href) if href else tag("span", esc(word)))
    return " ".join(rendered)


def render_paper(lines: list[str], arxiv: str, hubs_by_arxiv: dict[str, str]) -> str:
    """The HTML of the paper review page of seed 003."""
    title_at = next(i for i, x in enumerate(lines) if not x.startswith(("Recognition:", "arxiv:")))
    refs_at = lines.index("Reference graph")
    end = next((i for i in range(refs_at, len(lines)) if lines[i].startswith("discussion (")), len(lines))
    head = "".join(tag("p", esc(x), class_="meta") for x in lines[:title_at])
    head += tag("h1", esc(lines[title_at]))
    review = _flow(lines[title_at + 1 : refs_at])
    refs = tag("h2", "Reference graph") + tag("p", esc(lines[refs_at + 1]))
    refs += _references(lines[refs_at + 2 : end], hubs_by_arxiv)
    tail = tag("section", _flow(lines[end:]), class_="discussion")
    body = tag("main", tag("header", head) + tag("article", review) + tag("section", refs) + tail)
    return page(f"{lines[title_at]} · Pith", f"{PITH}/paper/{arxiv}", body)
