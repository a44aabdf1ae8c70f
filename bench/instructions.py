"""Instructions a page's full record extraction costs against a bare lxml parse of the same bytes, counted by
cachegrind: the parse target's measure that this machine's drifting speed does not move (wall times swing by a
third between runs; three runs of these counts agree within 0.2%).

``python -m bench.instructions [PAGES] [SITE]``: the first ``PAGES`` (150) paper, hub and wiki article pages of a
generated site
(``SITE``: the crawl bench's, generated with 5,000 papers when missing). Each count is the run over the pages minus
the same run over none, divided by the pages; one page is parsed before counting, so imports are not counted. The
memos start cold, as a worker's first pages find them (a worker deep into a crawl finds them warmer)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import REPO, machine

FOLDERS = {"paper": "pith.science/paper", "hub": "pith.science/citations", "wiki": "www.longtermwiki.com/wiki"}
"""Each page type's folder in a generated site (a wiki article is ``wiki/E<n>.html``, its data page a folder)."""


def _child(kind: str, stage: str, pages: int, site: Path) -> None:
    """What cachegrind runs: parse the pages (``full``: records and their JSON lines; ``bare``: ``lxml.html``'s
    tree, as in ``bench.parse``)."""
    import lxml.html

    from spiders.parse_pool import parse_landable
    from spiders.run import PARSE_WORKER_YOUNG, long_lived_gc

    prov = {"source_url": "", "canonical_url": "", "run_id": "r", "fetched_at": "2026-11-23T00:00:00Z"}
    folder = FOLDERS[kind]
    files = sorted((site / folder).glob("*.html"))
    warm = files[-1]
    parse_landable(f"https://{folder}/{warm.stem}", warm.read_bytes(), "text/html", "auto", prov)
    long_lived_gc(young=PARSE_WORKER_YOUNG)  # as a parse worker runs
    items = [(f"https://{folder}/{p.stem}", p.read_bytes()) for p in files[:pages]]
    for url, body in items:
        if stage == "bare":
            lxml.html.document_fromstring(body)  # bench.parse's bare parse
        else:
            parse_landable(url, body, "text/html", "auto", prov)


def _count(kind: str, stage: str, pages: int, site: Path) -> int:
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    command += [sys.executable, "-m", "bench.instructions", "--child", kind, stage, str(pages), str(site)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(REPO)}
    out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stderr
    match = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if match is None:
        raise RuntimeError(f"no instruction count in cachegrind's output:\n{out[-2000:]}")
    return int(match.group(1).replace(",", ""))


def per_page(kind: str, stage: str, pages: int, site: Path) -> float:
    """Instructions per page: the run over ``pages`` (at most as many as the site has) minus the run over none."""
    pages = min(pages, len(list((site / FOLDERS[kind]).glob("*.html"))))
    return (_count(kind, stage, pages, site) - _count(kind, stage, 0, site)) / pages


def run_bench(pages: int, site: Path) -> dict[str, Any]:
    if shutil.which("valgrind") is None:
        raise SystemExit("bench.instructions needs valgrind (apt install valgrind)")
    if not (site / "pith.science" / "paper").is_dir():
        from mirror.synthetic.site import generate_site

        generate_site(site, 5000)
    result: dict[str, Any] = {"machine": machine(), "pages": pages, "site": str(site)}
    for kind in FOLDERS:
        full, bare = per_page(kind, "full", pages, site), per_page(kind, "bare", pages, site)
        counted = min(pages, len(list((site / FOLDERS[kind]).glob("*.html"))))
        result[kind] = {
            "pages": counted,
            "full": round(full),
            "bare_lxml": round(bare),
            "full_vs_bare": round(full / bare, 2),
        }
    return result


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
    else:
        pages = int(sys.argv[1]) if len(sys.argv) > 1 else 150
        default = Path(tempfile.gettempdir()) / "citegraph-crawl-bench" / "site"
        result = run_bench(pages, Path(sys.argv[2]) if len(sys.argv) > 2 else default)
        print("| page | full extraction, instructions | bare lxml | full / bare |\n|---|---|---|---|")
        for kind in FOLDERS:
            r = result[kind]
            print(f"| {kind} | {r['full'] / 1e6:.2f} M | {r['bare_lxml'] / 1e6:.2f} M | {r['full_vs_bare']}x |")
        print(json.dumps(result, indent=1))
