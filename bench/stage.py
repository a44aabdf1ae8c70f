"""One measured stage per process (so peak RSS belongs to it). Prints one JSON line.

python -m bench.stage load WAREHOUSE LANDING     citegraph's load + resolve (+ checks)
python -m bench.stage bare WAREHOUSE LANDING     a bare DuckDB read_json of the same landing files
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import duckdb


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load(db: Path, landing: Path) -> dict[str, object]:
    from warehouse.api import load as run

    started = time.perf_counter()
    report = run(db, landing)
    assert report.resolved is not None
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "resolve_seconds": round(report.resolved.seconds, 2),
        "rows": sum(sum(s.rows.values()) for s in report.staged),
        "papers": report.resolved.papers,
        "edges": report.resolved.edges,
        "mentions": report.resolved.mentions,
        "phases": report.resolved.phases,
        "failed_checks": [c.name for c in report.failed_checks],
        "peak_rss_mb": peak_rss_mb(),
    }


def bare(db: Path, landing: Path) -> dict[str, object]:
    con = duckdb.connect(str(db))
    con.execute("set enable_progress_bar = false")
    started = time.perf_counter()
    rows = 0
    for i, file in enumerate(sorted(landing.glob("*/*.jsonl"))):
        con.execute(f"create table t{i} as select * from read_json('{file}', format='newline_delimited')")
        count = con.execute(f"select count(*) from t{i}").fetchone()
        rows += int(count[0]) if count else 0
    return {"seconds": round(time.perf_counter() - started, 2), "rows": rows, "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    command, db, landing = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    db.unlink(missing_ok=True)
    result = {"load": load, "bare": bare}[command](db, landing)
    print(json.dumps(result))
