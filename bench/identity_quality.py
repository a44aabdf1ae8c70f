"""Pairwise precision, recall and F1 of paper identities against a synthetic run's ground truth.

python -m bench.identity_quality WAREHOUSE TRUTH_PARQUET
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb


def pairwise(con: duckdb.DuckDBPyConnection, predicted: str, truth: str) -> dict[str, float]:
    """Pairwise scores: ``predicted`` and ``truth`` are queries giving (mkey, cluster)."""
    con.execute(f"create or replace temp table _p as select * from ({predicted})")
    con.execute(f"create or replace temp table _t as select * from ({truth})")
    row = con.execute("""
        with j as (select p.mkey, p.cluster as pc, t.cluster as tc from _p p join _t t using (mkey)),
             pp as (select sum(n * (n - 1) / 2) as n from (select count(*) as n from j group by pc)),
             tp as (select sum(n * (n - 1) / 2) as n from (select count(*) as n from j group by tc)),
             both_ as (select sum(n * (n - 1) / 2) as n from (select count(*) as n from j group by pc, tc))
        select (select n from both_), (select n from pp), (select n from tp), (select count(*) from j)""").fetchone()
    assert row is not None
    both, pred, true, mentions = (float(x or 0) for x in row)
    precision = both / pred if pred else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "mentions": mentions}


def warehouse_quality(db: Path, truth: Path) -> dict[str, float]:
    """Scores of citegraph's identity_merges."""
    con = duckdb.connect(str(db), read_only=True)
    return pairwise(
        con,
        "select mention_key as mkey, paper_id as cluster from identity_merges",
        f"select mkey, work as cluster from read_parquet('{truth}')",
    )


if __name__ == "__main__":
    print(json.dumps(warehouse_quality(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
