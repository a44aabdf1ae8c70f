"""Synthetic Pith and wiki sites in the mirror's markup, at any size: ``citegraph mirror generate --papers N --seed S``.

Pages are written as seed-format text lines and rendered by the mirror's own renderers, so a generated
site has exactly the markup of the mirrored real pages. Shape: heavy-tailed citations (a few hubs cited by
thousands), about 35 references per paper in the varied real forms (split entries, LaTeX, glued words, no
ids, DOIs), forward citations, and ``truth.json`` naming the work behind every page.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from mirror.build_pith import HubSeed, render_hub, render_paper
from mirror.htmlkit import placeholder_uuid
from mirror.synthetic.generate import WORDS
from mirror.synthetic.wiki_site import generate_wiki


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 8))]
    return words[0].capitalize() + " " + " ".join(words[1:])


def _arxiv(i: int) -> str:
    block = i // 90000
    return f"{10 + block // 12:02d}{1 + block % 12:02d}.{10000 + i % 90000:05d}"


def _reference(rng: random.Random, work: dict[str, str], n: int) -> list[str]:
    """One reference in one of the forms real Pith pages show: ``[n]`` entries, maybe split in two."""
    authors = f"{work['author']} and {rng.choice(WORDS).capitalize()} Lee"
    url = f"https://arxiv.org/abs/{work['arxiv']}"
    form = rng.random()
    if form < 0.55:
        return [
            "-",
            f"[{n}]",
            work["title"],
            f"{authors}. {work['title']}.ICML {work['year']}, {work['year']}. URL{url}",
            f"work page internal anchor Pith review Pith/arXiv arXiv {work['year']}",
        ]
    if form < 0.7:  # split over two numbers: the second is only the URL
        return [
            "-",
            f"[{n}]",
            f"{authors}. {work['title']}. arXiv,",
            "-",
            f"[{n + 1}]",
            f"URL {url}. {rng.randint(30, 40)}",
            "work page internal anchor Pith review Pith/arXiv arXiv",
        ]
    if form < 0.8:  # LaTeX in the authors, DOI of arXiv's
        return [
            "-",
            f"[{n}]",
            f'J. Schl\\"ogl and {authors}. {work["title"]}. doi:10.48550/arXiv.{work["arxiv"]}, {work["year"]}.',
            f"work page {work['year']}",
        ]
    if form < 0.9:  # no identifier at all
        return ["-", f"[{n}]", f"{authors}. {work['title']}. Workshop, {work['year']}."]
    return [
        "-",
        f"[{n}]",
        f"{authors} et al.{work['title']}. In Proceedings, {work['year']}. URL https://arxiv.org/ abs/{work['arxiv']}",
        f"work page arXiv {work['year']}",
    ]


def generate_site(out: Path, papers: int, seed: int = 7) -> dict[str, int]:
    """Write ``out/pith.science/...`` (+ ``routes.json``, ``truth.json``); returns page counts."""
    rng = random.Random(seed)
    works = [
        {
            "arxiv": _arxiv(i),
            "title": _title(rng),
            "author": f"{rng.choice(WORDS).capitalize()}son",
            "year": str(2010 + (i // 90000) // 12),
            "summary": f"Paper {i} finds that {rng.choice(WORDS)} {rng.choice(WORDS)} helps {rng.choice(WORDS)}.",
        }
        for i in range(papers)
    ]
    refs = {
        i: sorted({min(int(papers * rng.random() ** 2.6), papers - 1) for _ in range(rng.randint(25, 45))} - {i})
        for i in range(papers)
    }
    citers: dict[int, list[int]] = {}
    for i, cited in refs.items():
        for c in cited:
            citers.setdefault(c, []).append(i)
    hubs = {c: placeholder_uuid(f"synthetic:{seed}:{c}") for c, who in citers.items() if len(who) >= 40}
    hubs_by_arxiv = {works[c]["arxiv"]: u for c, u in hubs.items()}
    site = out / "pith.science"
    (site / "paper").mkdir(parents=True, exist_ok=True)
    (site / "citations").mkdir(parents=True, exist_ok=True)
    for i, work in enumerate(works):
        lines = _paper_lines(
            rng, work, [works[c] for c in refs[i]], [works[c] for c in citers.get(i, [])[:20]], len(citers.get(i, []))
        )
        (site / "paper" / f"{work['arxiv']}.html").write_text(render_paper(lines, work["arxiv"], hubs_by_arxiv))
    for c, uuid in hubs.items():
        who = [works[w] for w in citers[c]]
        lines = [
            works[c]["summary"],
            f"{'super hub' if len(who) >= 200 else 'hub'} Canonical reference",
            works[c]["title"],
            "Canonical reference. 80% of citing Pith papers cite this work as background.",
            "abstract",
            f"An abstract of {works[c]['title']}.",
            "hub tools",
            "citation-role summary",
            "citation-polarity summary",
            "representative citing papers",
            *[w["summary"] for w in who[:20]],
            "citing papers explorer",
            *[x for w in who[:50] for x in ("-", w["title"], w["summary"])],
        ]
        seed_ = HubSeed(lines, uuid, works[c]["arxiv"], {w["title"]: w["arxiv"] for w in who[:50]})
        (site / "citations" / f"{uuid}.html").write_text(render_hub(seed_))
    resources = generate_wiki(out, works, seed, articles=max(1, papers // 100))
    routes = {
        "snapshot_date": "2026-11-23",
        "pith.science": {"aliases": {}, "redirects": {}},
        "www.longtermwiki.com": {"aliases": {}, "redirects": {}},
        "hubs": {works[c]["arxiv"]: {"uuid": u, "placeholder": True} for c, u in hubs.items()},
    }
    (out / "routes.json").write_text(json.dumps(routes, indent=1))
    truth = {
        "papers": {w["arxiv"]: i for i, w in enumerate(works)},
        "hubs": {u: c for c, u in hubs.items()},
        "wiki_resources": resources,
    }
    (out / "truth.json").write_text(json.dumps(truth))
    return {
        "paper_pages": papers,
        "hub_pages": len(hubs),
        "references": sum(len(r) for r in refs.values()),
        "wiki_pages": max(1, papers // 100),
    }


def _paper_lines(
    rng: random.Random, work: dict[str, str], cited: list[dict[str, str]], citing: list[dict[str, str]], cited_by: int
) -> list[str]:
    lines = [
        work["title"],
        "Pith reviewed 2026-05-15 12:17 UTC · model synth-1",
        "The pith",
        work["summary"],
        "Core claim",
        f"{work['title']} holds.",
        "read the original abstract",
        f"We study {work['title'].lower()}.",
    ]
    if citing:
        lines += ["Forward citations", f"Cited by {cited_by} Pith paper{'s' if cited_by != 1 else ''}"]
        lines += [x for w in citing for x in ("-", w["title"], w["summary"])]
    lines += ["Reference graph", "Works this paper leans on"]
    n = 1
    for w in cited:
        entry = _reference(rng, w, n)
        lines += entry
        n += sum(1 for x in entry if x.startswith("[") and x.endswith("]"))
    return lines
