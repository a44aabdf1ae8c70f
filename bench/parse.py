"""Parse speed per page type on one core, as a ratio to a bare ``lxml.html`` parse of the same bytes (the two
alternate, and the median of the rounds counts)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import lxml.html

from spiders.pages.registry import parse_page

MIRROR = Path(__file__).resolve().parents[1] / "mirror" / "sites"
SEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds"


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


def _rate(fn: Any, seconds: float) -> float:
    n, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - started)


def run(seconds: float = 2.0, rounds: int = 5) -> list[dict[str, Any]]:
    """pages/s of the full parser and of a bare lxml parse, per page type: the two alternate in ``rounds``
    rounds of ``seconds / rounds`` each, and the medians count (this VM's speed moves 20-40% between seconds,
    so a ratio of two rates measured apart says little)."""
    out = []
    for name, (url, body, ctype) in pages().items():
        full_rates, bare_rates, ratios = [], [], []
        for _ in range(rounds):
            full = _rate(lambda u=url, b=body, c=ctype: parse_page(u, b, c), seconds / rounds)
            full_rates.append(full)
            if ctype == "text/html":
                bare = _rate(lambda b=body: lxml.html.document_fromstring(b), seconds / rounds)
                bare_rates.append(bare)
                ratios.append(bare / full)
        out.append(
            {
                "page": name,
                "kb": round(len(body) / 1024, 1),
                "pages_per_s": round(statistics.median(full_rates), 1),
                "bare_lxml_per_s": round(statistics.median(bare_rates), 1) if bare_rates else None,
                "cost_vs_bare": round(statistics.median(ratios), 2) if ratios else None,
            }
        )
    return out


if __name__ == "__main__":
    for row in run():
        print(row)
