"""Parse speed per page type on one core, as a ratio to a bare ``lxml.html`` parse of the same bytes (the two
alternate, and the median of the rounds counts).

Two kinds of row:
- a real page of the mirror (or a seed), parsed over and over with the parsers' memos cleared before each parse:
  what a page costs the first time its links and cited works are seen;
- the distinct pages of a generated site, parsed one after the other as a crawl's parse worker meets them (memos
  kept, as they are in a crawl).
The process runs its garbage collector as the crawl's parse workers do (``spiders.run.long_lived_gc``).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html

from mirror.synthetic.site import generate_site
from spiders.pages.registry import clear_caches, parse_page
from spiders.run import PARSE_WORKER_YOUNG, long_lived_gc

MIRROR = Path(__file__).resolve().parents[1] / "mirror" / "sites"
SEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds"
GENERATED_PAPERS = 300


def pages() -> dict[str, tuple[str, bytes, str]]:
    hub = next((MIRROR / "pith.science" / "citations").glob("*.html"))
    return {
        "pith-hub (html)": (f"https://pith.science/citations/{hub.stem}", hub.read_bytes(), "text/html"),
        "pith-paper (html)": (
            "https://pith.science/paper/1906.01820",
            (MIRROR / "pith.science/paper/1906.01820.html").read_bytes(),
            "text/html",
        ),
        "wiki-article (html)": (
            "https://www.longtermwiki.com/wiki/E198",
            (MIRROR / "www.longtermwiki.com/wiki/E198.html").read_bytes(),
            "text/html",
        ),
        "pith-paper (text)": (
            "https://pith.science/paper/1906.01820",
            (SEEDS / "003_e4672e15fab3c738.txt").read_bytes(),
            "text/plain",
        ),
        "wiki-article (text)": (
            "https://www.longtermwiki.com/wiki/E198",
            (SEEDS / "002_eda5f7c2b1485344.txt").read_bytes(),
            "text/plain",
        ),
    }


def generated_pages(site: Path) -> dict[str, list[tuple[str, bytes]]]:
    """The generated site's pages per type, as (real URL, body)."""
    out: dict[str, list[tuple[str, bytes]]] = {}
    for name, folder in (
        ("pith-paper", "pith.science/paper"),
        ("pith-hub", "pith.science/citations"),
        ("wiki-article", "www.longtermwiki.com/wiki"),
    ):
        files = sorted((site / folder).glob("*.html"))
        out[name] = [(f"https://{folder}/{f.stem}", f.read_bytes()) for f in files]
    return out


def _rate(fn: Callable[[], Any], seconds: float) -> float:
    n, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - started)


def _row(
    name: str,
    kb: float,
    full: Callable[[], Any],
    bare: Callable[[], Any] | None,
    seconds: float,
    rounds: int,
    per_call: int = 1,
) -> dict[str, Any]:
    """Rates of ``full`` and ``bare`` (each call parses ``per_call`` pages), alternating in ``rounds`` rounds."""
    full_rates, bare_rates, ratios = [], [], []
    for _ in range(rounds):
        f = _rate(full, seconds / rounds) * per_call
        full_rates.append(f)
        if bare is not None:
            b = _rate(bare, seconds / rounds) * per_call
            bare_rates.append(b)
            ratios.append(b / f)
    return {
        "page": name,
        "kb": round(kb, 1),
        "pages_per_s": round(statistics.median(full_rates), 1),
        "bare_lxml_per_s": round(statistics.median(bare_rates), 1) if bare_rates else None,
        "cost_vs_bare": round(statistics.median(ratios), 2) if ratios else None,
    }


def run(seconds: float = 2.0, rounds: int = 5, generated: int = GENERATED_PAPERS) -> list[dict[str, Any]]:
    """pages/s of the full parser and of a bare lxml parse, per page type: the two alternate in ``rounds``
    rounds of ``seconds / rounds`` each, and the medians count (this VM's speed moves 20-40% between seconds,
    so a ratio of two rates measured apart says little)."""
    long_lived_gc(young=PARSE_WORKER_YOUNG)
    out = []
    for name, (url, body, ctype) in pages().items():

        def cold(u: str = url, b: bytes = body, c: str = ctype) -> None:
            clear_caches()
            parse_page(u, b, c)

        def bare(b: bytes = body) -> None:
            lxml.html.document_fromstring(b)

        out.append(_row(name, len(body) / 1024, cold, bare if ctype == "text/html" else None, seconds, rounds))
    if generated:
        with tempfile.TemporaryDirectory() as tmp:
            generate_site(Path(tmp), generated)
            for kind, items in generated_pages(Path(tmp)).items():
                kb = sum(len(b) for _, b in items) / len(items) / 1024

                def stream(items: list[tuple[str, bytes]] = items) -> None:
                    clear_caches()  # each pass meets the pages for the first time, as one crawl does
                    for u, b in items:
                        parse_page(u, b, "text/html")

                def bare_stream(items: list[tuple[str, bytes]] = items) -> None:
                    for _, b in items:
                        lxml.html.document_fromstring(b)

                name = f"{kind} (generated, {len(items)} distinct pages in turn)"
                out.append(_row(name, kb, stream, bare_stream, seconds * 2, rounds, per_call=len(items)))
    return out


if __name__ == "__main__":
    for row in run():
        print(row)
