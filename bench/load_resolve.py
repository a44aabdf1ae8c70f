"""Load + resolve at a given scale: wall time, peak RSS, rows/s, ratio to a bare read_json; identity quality."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bench.common import stage
from bench.identity_quality import warehouse_quality
from mirror.synthetic.generate import generate


def run(papers: int, work: Path, keep: bool = False) -> dict[str, Any]:
    """Generate a synthetic landing run of ``papers`` papers, load it, compare, score identities."""
    out = work / f"synth{papers}"
    shutil.rmtree(out, ignore_errors=True)
    generated = generate(out, papers)
    landing = out / "landing"
    loaded = stage("load", str(out / "citegraph.duckdb"), str(landing))
    bare = stage("bare", str(out / "bare.duckdb"), str(landing))
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
        **{k: round(v, 5) for k, v in quality.items() if k != "mentions"},
    }
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return result


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    for n in [int(x) for x in (sys.argv[1:] or ["10000"])]:
        print(json.dumps(run(n, Path(tempfile.gettempdir()) / "citegraph-bench")))
