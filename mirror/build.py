"""Build the offline mirror from ../shared: ``python -m mirror.build [--shared DIR]``.

Writes ``mirror/sites/<real host>/...`` (one HTML file per page, at the page's real URL path) and
``mirror/sites/routes.json`` (redirects and aliases). The output is committed: the mirror is the
embedded default a first run crawls, and the tests check it line by line against the seeds.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mirror.build_pith import HubSeed, render_hub, render_paper
from mirror.build_wiki import WIKI, render_article, render_data
from mirror.htmlkit import placeholder_uuid

SITES = Path(__file__).parent / "sites"
SNAPSHOT_DATE = "2026-11-23"
PAPER = "1906.01820"
# Hub seeds: file, cited work's arXiv id (given by seed 003's reference URLs).
HUBS = {
    "000_9e251e4c222c9838.txt": "1606.06565",
    "001_cc81626da60f529d.txt": "1805.00899",
    "004_3748014a930ff1cc.txt": "1803.04585",
}


def seed_lines(path: Path) -> list[str]:
    """Non-empty, stripped lines of a seed file."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def hub_uuids() -> dict[str, str]:
    """Placeholder hub uuid per cited arXiv id (the real uuids are unknown)."""
    return {arxiv: placeholder_uuid(arxiv) for arxiv in HUBS.values()}


def write(rel: str, text: str) -> None:
    path = SITES / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build(shared: Path) -> None:
    """Render every seed page and the wiki's side files."""
    seeds = shared / "seeds"
    uuids = hub_uuids()
    paper_lines = seed_lines(seeds / "003_e4672e15fab3c738.txt")
    paper_title = next(x for x in paper_lines if not x.startswith(("Recognition:", "arxiv:")))
    for name, arxiv in HUBS.items():
        hub = HubSeed(seed_lines(seeds / name), uuids[arxiv], PAPER, {paper_title: PAPER})
        write(f"pith.science/citations/{hub.uuid}.html", render_hub(hub))
    write(f"pith.science/paper/{PAPER}.html", render_paper(paper_lines, PAPER, uuids))
    context = json.loads((seeds / "context" / "002_wiki_E198_links.json").read_text(encoding="utf-8"))
    wiki_lines = seed_lines(seeds / "002_eda5f7c2b1485344.txt")
    entity = context["page"]["entity_id"]
    write(f"www.longtermwiki.com/wiki/{entity}.html", render_article(wiki_lines, context))
    write(f"www.longtermwiki.com/wiki/{entity}/data.html", render_data(context, wiki_lines[2]))
    write("www.longtermwiki.com/robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {WIKI}/sitemap.xml\n")
    # The sitemap lists the knowledge-base path, so a crawl from it goes through the real redirect chain.
    write("www.longtermwiki.com/sitemap.xml", _sitemap([f"{WIKI}{context['page']['legacy_path']}"]))
    slug = context["page"]["slug"]
    routes = {
        "snapshot_date": SNAPSHOT_DATE,
        "pith.science": {"aliases": {f"/ref/arxiv/{PAPER}": f"/paper/{PAPER}"}, "redirects": {}},
        "www.longtermwiki.com": {
            "aliases": {},
            "redirects": {
                context["page"]["legacy_path"]: [308, f"/wiki/{slug}"],
                f"/wiki/{slug}": [307, f"/wiki/{entity}"],
            },
        },
        "hubs": {arxiv: {"uuid": u, "placeholder": True} for arxiv, u in uuids.items()},
    }
    write("routes.json", json.dumps(routes, indent=2) + "\n")


def _sitemap(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{u}</loc><lastmod>{SNAPSHOT_DATE}</lastmod></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'
    )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    build(parser.parse_args().shared)
    print(f"mirror written to {SITES}")


if __name__ == "__main__":
    main()
