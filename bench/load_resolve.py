"""Load + resolve at a given scale: wall time, peak RSS, rows/s, ratio to a bare read_json; identity quality."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

from bench.common import stage
from bench.identity_quality import warehouse_quality
from mirror.synthetic.generate import generate


def run(papers: int, work: Path, keep: bool = False, repeat: int = 1) -> dict[str, Any]:
    """Generate a synthetic landing run of ``papers`` papers, load it, compare, score identities.

    With ``repeat`` > 1 the load and the bare read each run that many times (a fresh warehouse and process each
    time) and the fastest counts: this machine's speed moves 10-25% between minutes, more than a change of code
    or of scale should be judged by. Every time is kept (``load_runs_s``, ``bare_runs_s``).
    """
    out = work / f"synth{papers}"
    shutil.rmtree(out, ignore_errors=True)
    generated = generate(out, papers)
    landing = out / "landing"
    loads, bares = [], []
    for _ in range(max(1, repeat)):  # alternated, so a slow spell of the machine hits both
        loads.append(stage("load", str(out / "citegraph.duckdb"), str(landing)))
        bares.append(stage("bare", str(out / "bare.duckdb"), str(landing)))
    loaded = min(loads, key=lambda r: float(r["seconds"]))
    bare = min(bares, key=lambda r: float(r["seconds"]))
    quality = warehouse_quality(out / "citegraph.duckdb", out / "truth.parquet")
    result = {
        "papers": papers,
        "references": generated["references"],
        "records": generated["records"],
        "landing_mb": round(int(generated["bytes"]) / 1e6, 1),
        "generate_s": generated["seconds"],
        "load_s": loaded["seconds"],
        "resolve_s": loaded["resolve_seconds"],
        "peak_rss_mb": loaded["peak_rss_mb"],
        "rows_per_s": round(loaded["rows"] / loaded["seconds"]),
        "bare_read_json_s": bare["seconds"],
        "vs_bare": round(loaded["seconds"] / bare["seconds"], 2),
        "papers_out": loaded["papers"],
        "edges": loaded["edges"],
        "failed_checks": loaded["failed_checks"],
        "phases": loaded["phases"],
        "load_runs_s": [r["seconds"] for r in loads],
        "bare_runs_s": [r["seconds"] for r in bares],
        **{k: round(v, 5) for k, v in quality.items() if k != "mentions"},
    }
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return result


def scaling(results: list[dict[str, Any]]) -> list[str]:
    """How the time grows with the data, scale to scale (target: 10x the data at most 12x the time)."""
    out = []
    for a, b in itertools.pairwise(results):
        data, time_ = b["references"] / a["references"], b["load_s"] / a["load_s"]
        out.append(f"{a['papers']:,} -> {b['papers']:,} papers: {data:.1f}x the references, {time_:.1f}x the time")
    return out


if __name__ == "__main__":
    import argparse
    import json
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("papers", nargs="*", type=int, default=[10000])
    parser.add_argument("--repeat", type=int, default=1, help="Loads (and bare reads) per scale; the fastest counts.")
    args = parser.parse_args()
    results = [run(n, Path(tempfile.gettempdir()) / "citegraph-bench", repeat=args.repeat) for n in args.papers]
    for result in results:
        print(json.dumps(result))
    for line in scaling(results):
        print(line)
