"""Real crawls of the mirror over HTTP: what lands, under which URLs, and what a second crawl does."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from mirror.server import MirrorServer
from tests.conftest import ROUTES
from tests.crawl_helpers import crawl

CONTENT = (
    "pith_paper",
    "forward_citation",
    "reference",
    "pith_hub",
    "hub_citation",
    "wiki_page",
    "wiki_annotation",
    "wiki_reference",
    "wiki_page_data",
)


def test_pith_crawl_depth_1_from_the_paper(tmp_path: Path) -> None:
    with MirrorServer() as server:
        result, rec = crawl(tmp_path, "pith", server.hostmap(), seeds=["1906.01820"], depth=1)
    assert result.ok, result.manifest
    assert len(rec["pith_paper"]) == 1 and len(rec["forward_citation"]) == 20 and len(rec["reference"]) == 35
    assert {h["hub_uuid"] for h in rec["pith_hub"]} == {h["uuid"] for h in ROUTES["hubs"].values()}
    assert len(rec["hub_citation"]) == (23 + 50) + (23 + 47) + (14 + 17)
    errors = rec["crawl_error"]
    assert errors and {e["reason"] for e in errors} == {"http_404"} and all(e["status"] == 404 for e in errors)
    assert all(e["source_url"].startswith("https://pith.science/paper/") for e in errors)
    every_url = [r[k] for rs in rec.values() for r in rs for k in ("source_url", "canonical_url")]
    assert every_url and all(u.startswith("https://pith.science/") for u in every_url), "real URLs only"
    assert result.manifest["counts"]["page_fetch"] == 4 and result.manifest["errors"] == {"http_404": len(errors)}
    # no listening shells in a crawl: Scrapy's telnet console and 2.19's remote-control HTTP server stay off
    log = (tmp_path / "pith.log").read_text()
    assert "Enabled extensions" in log and "RemoteControl" not in log and "TelnetConsole" not in log


def test_wiki_crawl_from_the_sitemap_through_the_redirect_chain(tmp_path: Path) -> None:
    with MirrorServer() as server:
        result, rec = crawl(tmp_path, "wiki", server.hostmap())
        hits = server.hits()
    assert result.ok
    (page,) = rec["wiki_page"]
    assert page["entity_id"] == "E198" and page["canonical_url"] == "https://www.longtermwiki.com/wiki/E198"
    assert page["source_url"] == "https://www.longtermwiki.com/knowledge-base/models/mesa-optimization-analysis"
    assert len(rec["wiki_annotation"]) == 35 and len(rec["wiki_reference"]) == 24 and len(rec["wiki_page_data"]) == 1
    fetch = next(f for f in rec["page_fetch"] if f["page_type"] == "wiki-article")
    assert fetch["redirects"] == [
        "https://www.longtermwiki.com/knowledge-base/models/mesa-optimization-analysis",
        "https://www.longtermwiki.com/wiki/mesa-optimization-analysis",
    ]
    statuses = {path: status for (_, path, status) in hits}
    assert statuses["/knowledge-base/models/mesa-optimization-analysis"] == 308
    assert statuses["/wiki/mesa-optimization-analysis"] == 307 and statuses["/robots.txt"] == 200


def test_second_crawl_downloads_no_unchanged_body_and_lands_no_duplicates(tmp_path: Path) -> None:
    with MirrorServer() as server:
        first, rec1 = crawl(tmp_path, "pith", server.hostmap(), seeds=["1906.01820"], depth=1)
        before = server.hits()
        # Every page is stale (max age 0): the crawl asks conditionally and the server says 304.
        second, rec2 = crawl(tmp_path, "pith", server.hostmap(), seeds=["1906.01820"], depth=1, max_age={})
        during = server.hits() - before
        # Default freshness: the pages were just fetched, so they are not requested at all.
        third, rec3 = crawl(tmp_path, "pith", server.hostmap(), seeds=["1906.01820"], depth=1)
        after = server.hits() - before - during
    assert first.ok and second.ok and third.ok
    content_200 = {p for (_, p, s) in during if s == 200 and not p.endswith("robots.txt")}
    assert content_200 == set(), f"bodies downloaded again: {content_200}"
    assert Counter(s for (_, _, s) in during.elements())[304] == 4
    assert not any(k in rec2 for k in CONTENT) and not any(k in rec3 for k in CONTENT)
    assert Counter(f["outcome"] for f in rec2["page_fetch"]) == {"unchanged": 4}
    assert Counter(f["outcome"] for f in rec3["page_fetch"]) == {"fresh": 4}
    assert not any(s in (200, 304) for (_, p, s) in after if p.startswith(("/paper/1906", "/citations/")))
    assert sum(len(v) for k, v in rec1.items() if k in CONTENT) == 1 + 20 + 35 + 3 + 174


def test_recrawl_inside_the_freshness_window_walks_a_deep_site_without_requests(tmp_path: Path) -> None:
    """800 papers, each linking the next 40: the second crawl (default freshness) walks every stored link
    without a request. That walk goes depth first, 800 pages deep here; it once recursed per fresh page and
    died at ~480 pages (RecursionError, the crawl closed as start_error)."""
    site, n = tmp_path / "site", 800
    (site / "pith.science" / "paper").mkdir(parents=True)
    for i in range(n):
        links = "".join(f'<a href="/paper/1001.{10000 + j}">p{j}</a> ' for j in range(i + 1, min(n, i + 41)))
        html = f"<html><body><h1>Paper {i}</h1><p>arxiv: 1001.{10000 + i}</p><p>{links}</p></body></html>"
        (site / "pith.science" / "paper" / f"1001.{10000 + i}.html").write_text(html)
    with MirrorServer(site) as server:
        first, rec1 = crawl(tmp_path, "pith", server.hostmap(), seeds=["1001.10000"], depth=5000, max_age={})
        connections = server.connections()
        before = server.hits()
        second, rec2 = crawl(tmp_path, "pith", server.hostmap(), seeds=["1001.10000"], depth=5000)
        during = server.hits() - before
    assert first.ok and Counter(f["outcome"] for f in rec1["page_fetch"]) == {"new": n}
    # kept-alive connections are reused: at most two per request slot (16 here), not one per few requests
    assert connections <= 2 * 16 + 1, connections
    assert second.ok, second.manifest.get("finish_reason")
    assert Counter(f["outcome"] for f in rec2["page_fetch"]) == {"fresh": n}
    # not fetched: no links of their own (the first run's fetches hold them, and the walk followed those)
    assert all(f["outlinks"] == [] and f["content_hash"] is None for f in rec2["page_fetch"])
    assert sum(len(f["outlinks"]) for f in rec1["page_fetch"]) > n
    assert not [p for (_, p, _) in during if p.startswith("/paper/")]


def test_recrawl_reaches_each_page_at_its_shortest_depth(tmp_path: Path) -> None:
    """0 links 1 and 3, 1 links 2, 2 links 3, 3 links 4; depth 3. A fetching crawl reaches 3 at depth 1, so 4 too.
    The fresh walk of the re-crawl must as well (walked depth first it met 3 at depth 3 and never reached 4)."""
    site = tmp_path / "site"
    (site / "pith.science" / "paper").mkdir(parents=True)
    links = {0: [1, 3], 1: [2], 2: [3], 3: [4], 4: []}
    for i, out in links.items():
        anchors = "".join(f'<a href="/paper/1001.{10000 + j}">p{j}</a> ' for j in out)
        html = f"<html><body><h1>Paper {i}</h1><p>arxiv: 1001.{10000 + i}</p><p>{anchors}</p></body></html>"
        (site / "pith.science" / "paper" / f"1001.{10000 + i}.html").write_text(html)
    with MirrorServer(site) as server:
        first, rec1 = crawl(tmp_path, "pith", server.hostmap(), seeds=["1001.10000"], depth=3, max_age={})
        second, rec2 = crawl(tmp_path, "pith", server.hostmap(), seeds=["1001.10000"], depth=3)
    assert first.ok and second.ok
    assert len(rec1["page_fetch"]) == 5
    assert Counter(f["outcome"] for f in rec2["page_fetch"]) == {"fresh": 5}
