"""The synthetic generators: deterministic, well-formed, and identity quality measured against their truth."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from bench.identity_quality import warehouse_quality
from mirror.server import MirrorServer
from mirror.synthetic.generate import generate
from mirror.synthetic.site import generate_site
from tests.crawl_helpers import crawl
from warehouse.api import load


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.jsonl")):
        h.update(path.read_bytes())
    return h.hexdigest()


def test_landing_generator_is_deterministic_and_identities_meet_the_targets(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", papers=3000, seed=11)
    b = generate(tmp_path / "b", papers=3000, seed=11)
    assert _digest(tmp_path / "a" / "landing") == _digest(tmp_path / "b" / "landing")
    assert 30 <= int(a["references"]) / 3000 <= 40 and a["records"] == b["records"]
    report = load(tmp_path / "a" / "w.duckdb", tmp_path / "a" / "landing")
    assert not report.failed_checks, [(c.name, c.sample) for c in report.failed_checks]
    quality = warehouse_quality(tmp_path / "a" / "w.duckdb", tmp_path / "a" / "truth.parquet")
    assert quality["precision"] >= 0.999 and quality["recall"] >= 0.99, quality


def test_generated_site_crawls_and_loads(tmp_path: Path) -> None:
    counts = generate_site(tmp_path / "site", papers=120, seed=3)
    assert counts["paper_pages"] == 120 and counts["hub_pages"] > 0
    with MirrorServer(tmp_path / "site") as server:
        first = sorted((tmp_path / "site" / "pith.science" / "paper").glob("*.html"))[0].stem
        result, records = crawl(tmp_path, "pith", server.hostmap(), seeds=[first], depth=500)
        wiki, wiki_records = crawl(tmp_path, "wiki", server.hostmap())
    assert result.ok and wiki.ok
    assert len(records["pith_paper"]) >= 100  # nearly every paper is reachable from the first
    assert len(records["pith_hub"]) == counts["hub_pages"]
    assert len(wiki_records["wiki_page"]) == counts["wiki_pages"]
    assert len(wiki_records["wiki_annotation"]) == len(wiki_records["wiki_reference"]) > 0
    report = load(tmp_path / "w.duckdb", [result.run_dir, wiki.run_dir])
    assert not report.failed_checks and report.after["papers"] >= 120
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    unresolved = con.execute("""select count(*) from wiki_annotations a join papers p using (paper_id)
                                where a.url like '%arxiv.org%' and p.arxiv_id is null""").fetchone()
    assert unresolved == (0,), "a wiki card with an arXiv URL joins the Pith paper, whatever title the card shows"
