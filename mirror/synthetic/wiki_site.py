"""Synthetic Longterm Wiki articles in the mirror's markup: cards and References for generated works.

The same works the generated Pith site holds appear here under other titles (citation labels such as
``Surname et al. (2019)`` or a shortened title), with arXiv URLs for most papers and web URLs for the rest.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

from mirror.build_wiki import WIKI, annotation_html, references_html
from mirror.htmlkit import esc, page, tag
from mirror.wiki_cards import Card


def resource_id(arxiv: str) -> str:
    """A stable 16-hex resource id for a generated work."""
    return hashlib.md5(f"res:{arxiv}".encode()).hexdigest()[:16]


def _card(work: dict[str, str], label: bool) -> Card:
    summary = (
        f"{work['summary']} It is discussed at length in the alignment literature and cited across many "
        "articles of this wiki, which makes it a frequent reference for readers."
    )[:177] + "..."
    title = f"{work['author']} et al. ({work['year']})" if label else " ".join(work["title"].split()[:3])
    return Card(
        "paper",
        3,
        "arXiv",
        title,
        f"A note on {work['title'].lower()}.",
        f"{work['author']}, Bo Lee",
        work["year"],
        None,
        summary,
        ["alignment", "safety"],
        None,
    )


def generate_wiki(out: Path, works: list[dict[str, str]], seed: int, articles: int) -> dict[str, str]:
    """Write ``out/www.longtermwiki.com/...``; returns resource id -> arXiv id of the generated works."""
    rng = random.Random(seed + 1)
    site = out / "www.longtermwiki.com"
    (site / "wiki").mkdir(parents=True, exist_ok=True)
    truth: dict[str, str] = {}
    urls = []
    for a in range(articles):
        entity = f"E{1000 + a}"
        chosen = sorted({min(int(len(works) * rng.random() ** 2.6), len(works) - 1) for _ in range(20)})
        paragraphs: list[str] = []
        resources: dict[str, dict[str, Any]] = {}
        cards: dict[str, Card] = {}
        refs: list[dict[str, Any]] = []
        for i in chosen:
            work = works[i]
            rid = resource_id(work["arxiv"])
            url = (
                f"https://arxiv.org/abs/{work['arxiv']}"
                if rng.random() < 0.8
                else f"https://example.org/p/{work['arxiv']}"
            )
            card = _card(work, label=rng.random() < 0.5)
            paragraphs.append(tag("p", f"This builds on {annotation_html(card.title, url, card)}."))
            resources[rid] = {
                "url": url,
                "authors": [work["author"], "Bo Lee"],
                "published_date": f"{work['year']}-01-01",
            }
            cards[rid] = card
            truth[rid] = work["arxiv"]
        for number, rid in enumerate(sorted(resources), 1):
            refs.append({"number": number, "resource_id": rid})
        summaries = [cards[r["resource_id"]].summary.removesuffix("...") for r in refs]
        title = f"Synthetic Article {a}"
        body = (
            tag("h1", esc(title))
            + tag("p", "A generated article.")
            + tag("div", "".join(paragraphs), class_="prose")
            + references_html(refs, resources, cards, summaries)
        )
        (site / "wiki" / f"{entity}.html").write_text(
            page(f"{title} | Longterm Wiki", f"{WIKI}/wiki/{entity}", tag("main", tag("article", body)))
        )
        (site / "wiki" / entity).mkdir(exist_ok=True)
        record = f'{{"entity_id": "{entity}", "title": "{title}"}}'
        (site / "wiki" / entity / "data.html").write_text(
            page(entity, f"{WIKI}/wiki/{entity}/data", tag("main", tag("pre", esc(record))))
        )
        urls.append(f"{WIKI}/wiki/{entity}")
    entries = "".join(f"<url><loc>{u}</loc><lastmod>2026-11-23</lastmod></url>" for u in urls)
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">{entries}</urlset>\n'
    )
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {WIKI}/sitemap.xml\n")
    return truth
