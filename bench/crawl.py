"""Crawl speed over a generated site on localhost: the full ``pith`` spider (fetch, parse, land) against a bare
spider following the same links; then re-crawls + loads of the unchanged site as a fraction of the first: one with
the default freshness policy (pages inside their window are not requested) and one revalidating every page.

The full and bare crawls run in pairs, each bare crawl right after its full one (``pairs``, default 3), and the
ratio is the median of the pairs': this machine's speed drifts by up to a third within minutes, and one full crawl
against one bare crawl minutes later gave ratios from 0.49 to 0.67 for the same code."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import REPO
from mirror.server import MirrorServer, hostmap_text
from mirror.synthetic.site import generate_site
from pipeline.crawl import LOCAL_SETTINGS, CrawlSpec, run
from warehouse.api import load

SEEDS = 8


def _bare(hostmap: str, seeds: list[str], work: Path) -> float:
    """Seconds the bare spider takes over the site."""
    settings = [
        x
        for k, v in {**LOCAL_SETTINGS, "CITEGRAPH_HOSTMAP": hostmap, "LOG_LEVEL": "WARNING"}.items()
        for x in ("-s", f"{k}={v}")
    ]
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "runspider",
            "bench/bare_spider.py",
            "-a",
            f"seeds={','.join(seeds)}",
            "-s",
            f"LOG_FILE={work / 'bare.log'}",
            *settings,
        ],
        cwd=REPO,
        check=True,
    )
    return time.perf_counter() - started


def _again(spec: CrawlSpec, work: Path, name: str, max_age: dict[str, int] | None) -> tuple[Any, float]:
    """Crawl the same site again as a new run, then load it; (crawl result, load seconds)."""
    again = run(replace(spec, run_id="", log_file=work / f"{name}.log", max_age=max_age))
    t = time.perf_counter()
    load(work / "w.duckdb", [again.run_dir], check=False)
    return again, time.perf_counter() - t


def run_bench(papers: int, work: Path, pairs: int = 3) -> dict[str, Any]:
    """Generate, serve, crawl ``pairs`` times with the full spider then the bare one; re-crawl after the first full
    crawl twice (default freshness, revalidate everything), loading after each of those three."""
    shutil.rmtree(work, ignore_errors=True)
    site = work / "site"
    counts = generate_site(site, papers)
    seeds = [
        f"https://pith.science/paper/{p.stem}" for p in sorted((site / "pith.science" / "paper").glob("*.html"))[:SEEDS]
    ]
    with MirrorServer(site) as server:
        hostmap = hostmap_text(server.hostmap())
        spec = CrawlSpec(
            spider="pith",
            landing=work / "landing",
            state=work / "state.sqlite",
            seeds=seeds,
            depth=1000,
            hostmap=hostmap,
            max_age={},
            log_file=work / "full.log",
        )
        first = run(spec, timeout=3600)
        bare_s = [_bare(hostmap, seeds, work)]
        t = time.perf_counter()
        load(work / "w.duckdb", [first.run_dir], check=False)
        first_load = time.perf_counter() - t
        # second run, default freshness policy (what a user's scheduled re-crawl does): pages fetched within
        # their window are not requested again, their stored links are walked
        second, second_load = _again(spec, work, "full2", None)
        # third run, every page stale: one conditional request per page (all answered 304 Not Modified)
        third, third_load = _again(spec, work, "full3", {})
        fulls = [first]
        for i in range(1, pairs):  # each in a new landing and state: a first crawl again
            name = f"pair{i}"
            again = replace(
                spec,
                run_id="",
                landing=work / f"landing-{name}",
                state=work / f"state-{name}.sqlite",
                log_file=work / f"{name}.log",
            )
            fulls.append(run(again, timeout=3600))
            bare_s.append(_bare(hostmap, seeds, work))
    pages = int(first.manifest["stats"]["response_received_count"])
    bare_pages = counts["paper_pages"] + counts["hub_pages"]
    full_rates = [int(f.manifest["stats"]["response_received_count"]) / f.seconds for f in fulls]
    bare_rates = [bare_pages / s for s in bare_s]
    ratios = [f / b for f, b in zip(full_rates, bare_rates, strict=True)]
    return {
        "site_pages": bare_pages,
        "full_pages": pages,
        "full_s": round(first.seconds, 2),
        "full_pages_per_s": round(statistics.median(full_rates), 1),
        "bare_pages_per_s": round(statistics.median(bare_rates), 1),
        "full_vs_bare": round(statistics.median(ratios), 3),
        "pairs_full_pages_per_s": [round(r, 1) for r in full_rates],
        "pairs_bare_pages_per_s": [round(r, 1) for r in bare_rates],
        "pairs_full_vs_bare": [round(r, 3) for r in ratios],
        "first_load_s": round(first_load, 2),
        "second_crawl_s": round(second.seconds, 2),
        "second_load_s": round(second_load, 2),
        "second_fresh": int(second.manifest["stats"].get("citegraph/pages/fresh", 0)),
        "second_requests": int(second.manifest["stats"].get("downloader/request_count", 0)),
        "incremental_fraction": round((second.seconds + second_load) / (first.seconds + first_load), 3),
        "revalidate_crawl_s": round(third.seconds, 2),
        "revalidate_load_s": round(third_load, 2),
        "revalidate_unchanged": int(third.manifest["stats"].get("citegraph/pages/unchanged", 0)),
        "revalidate_fraction": round((third.seconds + third_load) / (first.seconds + first_load), 3),
    }


if __name__ == "__main__":
    import json
    import tempfile

    print(
        json.dumps(
            run_bench(
                int(sys.argv[1]) if len(sys.argv) > 1 else 5000,
                Path(tempfile.gettempdir()) / "citegraph-crawl-bench",
                int(sys.argv[2]) if len(sys.argv) > 2 else 3,
            ),
            indent=1,
        )
    )
