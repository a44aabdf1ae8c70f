"""Parquet snapshots: one dated, self-describing folder per export, written aside and renamed into place.

``<root>/<YYYYMMDDTHHMMSSZ>/<table>.parquet`` for every curated table and view, plus ``manifest.json``
(run ids, schema version, row counts, sha256 of each file). A reader never sees half a snapshot: the
folder appears under its final name only when complete. Readable by DuckDB, pandas, polars and pyarrow.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from warehouse.migrate import schema_version

TABLES = (
    "papers",
    "paper_identifiers",
    "identity_merges",
    "identity_conflicts",
    "paper_id_history",
    "citation_edges",
    "edge_sources",
    "hubs",
    "hub_snapshots",
    "paper_references",
    "wiki_pages",
    "wiki_annotations",
    "wiki_references",
    "page_fetches",
    "crawl_errors",
    "crawl_runs",
)
VIEWS = ("v_papers", "v_edges", "v_hub_summary", "v_most_cited", "v_wiki_citations", "v_run_changes")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export_snapshot(con: duckdb.DuckDBPyConnection, root: Path, views: bool = True) -> Path:
    """Write a snapshot of the warehouse under ``root``; returns the snapshot folder."""
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")[:-4] + "Z"
    final = root / name
    tmp = root / f".{name}.partial"
    tmp.mkdir(parents=True, exist_ok=False)
    try:
        files: dict[str, Any] = {}
        for table in (*TABLES, *(VIEWS if views else ())):
            target = tmp / f"{table}.parquet"
            con.execute(f"copy (select * from {table}) to '{target}' (format parquet, compression zstd)")
            rows = con.execute(f"select count(*) from read_parquet('{target}')").fetchone()
            files[target.name] = {
                "table": table,
                "kind": "view" if table.startswith("v_") else "table",
                "rows": int(rows[0]) if rows else 0,
                "bytes": target.stat().st_size,
                "sha256": _sha256(target),
            }
        runs = [r for (r,) in con.execute("select run_id from crawl_runs order by run_id").fetchall()]
        manifest = {
            "format": "citegraph-snapshot/1",
            "snapshot": name,
            "created_at": datetime.now(UTC).isoformat(),
            "schema_version": schema_version(con),
            "run_ids": runs,
            "files": files,
            "total_rows": sum(f["rows"] for f in files.values()),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def latest_snapshot(root: Path) -> Path | None:
    """The newest complete snapshot under ``root``."""
    done = sorted(p.parent for p in root.glob("*/manifest.json") if not p.parent.name.startswith("."))
    return done[-1] if done else None
