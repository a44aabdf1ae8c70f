"""Synthetic landing runs (records without HTML) at warehouse scale, with ground truth.

    python -m mirror.synthetic.generate --papers 100000 --seed 7 --out /tmp/synth
writes ``<out>/landing/<run_id>/`` (manifest + JSON lines, as a crawl would) and ``<out>/truth.parquet``
(mention key -> work). Generated in DuckDB SQL (``landing.sql``), deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import duckdb

WORDS = (
    "learning model neural optimization reward agent policy safety alignment graph network inference "
    "language vision robust causal sparse deep bayesian gradient adaptive scalable efficient latent "
    "transformer attention memory planning search verification interpretability representation "
    "generalization distribution shift uncertainty calibration estimation control dynamics structure "
    "objective mesa inner outer proxy deception oversight debate amplification feedback preference "
    "ranking retrieval reasoning chain thought tree forest kernel spectral manifold embedding token "
    "sequence diffusion flow energy contrastive supervised unsupervised meta transfer continual federated "
    "privacy fairness audit benchmark evaluation metric loss regularization pruning quantization"
).split()
KINDS = ("pith_paper", "reference", "forward_citation", "pith_hub", "hub_citation", "wiki_page", "wiki_annotation")


def _half_of_ram_mb() -> int:
    return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**21)


def generate(
    out: Path, papers: int, seed: int = 7, threads: int | None = None, memory_limit_mb: int | None = None
) -> dict[str, object]:
    """Write one landing run and the truth table; returns counts and timings."""
    started = time.perf_counter()
    run_id = f"20261123T000000Z-synth{papers}-{seed:04d}"
    run_dir = out / "landing" / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    # In memory, DuckDB may take 80% of RAM: 1M papers peaked at 20 GB and the OOM killer took it on a 24 GB machine
    # with a load running beside it. Capped, it spills what does not fit to a folder in the output, removed after.
    con.execute(f"set memory_limit = '{memory_limit_mb or _half_of_ram_mb()}MB'")
    con.execute(f"set temp_directory = '{out / '.spill'}'")
    if threads:
        con.execute(f"set threads = {threads}")
    con.execute(f"set variable seed = {seed}")
    con.execute(f"set variable papers = {papers}")
    con.execute(f"set variable nworks = {papers + papers // 10}")
    con.execute(f"set variable run_id = '{run_id}'")
    con.execute("set variable words = ?", [list(WORDS)])
    con.execute((Path(__file__).parent / "landing.sql").read_text(encoding="utf-8"))
    files: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        path = run_dir / f"{kind}.jsonl"
        con.execute(f"copy (select * from rec_{kind} order by all) to '{path}' (format json)")
        lines = con.execute(f"select count(*) from rec_{kind}").fetchone()
        files[path.name] = {"kind": kind, "bytes": path.stat().st_size, "lines": int(lines[0]) if lines else 0}
    con.execute(f"copy (select * from truth) to '{out / 'truth.parquet'}' (format parquet)")
    manifest = {
        "format": "citegraph-landing/1",
        "run_id": run_id,
        "spider": "synthetic",
        "status": "complete",
        "started_at": "2026-11-23T00:00:00Z",
        "ended_at": "2026-11-23T00:00:01Z",
        "seeds": [],
        "files": files,
        "counts": {f["kind"]: f["lines"] for f in files.values()},
        "errors": {},
        "synthetic": {"papers": papers, "seed": seed},
    }
    (run_dir / "manifest.json").write_text(json.dumps(manifest, indent=1))
    con.close()
    shutil.rmtree(out / ".spill", ignore_errors=True)
    return {
        "run_dir": str(run_dir),
        "records": sum(f["lines"] for f in files.values()),
        "references": files["reference.jsonl"]["lines"],
        "bytes": sum(f["bytes"] for f in files.values()),
        "seconds": round(time.perf_counter() - started, 2),
    }


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--memory-limit-mb", type=int, help="DuckDB's memory cap (default: half the machine's RAM)")
    args = parser.parse_args()
    print(json.dumps(generate(args.out, args.papers, args.seed, memory_limit_mb=args.memory_limit_mb)))


if __name__ == "__main__":
    main()
