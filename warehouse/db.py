"""Opening the warehouse: one DuckDB file, one writer process; readers open it read-only."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse for writing."""


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection; ``WarehouseBusy`` (with a plain explanation) when another process is writing."""
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `citegraph load` (or `citegraph demo`) first")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
        con.execute("set enable_progress_bar = false")
        if not read_only:  # big rebuilds spill to disk instead of taking the machine's memory
            con.execute(f"set memory_limit = '{os.environ.get('CITEGRAPH_DUCKDB_MEMORY', '6GB')}'")
            con.execute("set preserve_insertion_order = false")
        return con
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            holder = re.search(r"PID (\d+)", str(exc))
            who = f" (process {holder.group(1)})" if holder else ""
            raise WarehouseBusy(f"the warehouse {path} is being written by another process{who}") from exc
        raise


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(column, type) of a table, in order."""
    rows = con.execute(
        "select column_name, data_type from information_schema.columns where table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return [(str(n), str(t)) for n, t in rows]
