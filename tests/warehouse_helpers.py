"""Fingerprints of warehouse state, to compare loads."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.export import TABLES

# every exported table but the run log (its load timestamps differ between loads)
CURATED = tuple(t for t in TABLES if t not in ("crawl_runs", "paper_id_history"))


def fingerprint(db: Path) -> dict[str, str]:
    """md5 of each curated table's sorted rows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in CURATED:
            row = con.execute(
                f"select md5(coalesce(string_agg(x, chr(10) order by x), '')) "
                f"from (select t::varchar as x from {table} t)"
            ).fetchone()
            out[table] = str(row[0]) if row else ""
        return out
    finally:
        con.close()
