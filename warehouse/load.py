"""Stage landing runs into the raw tables: bulk ``read_json``, idempotent per run, only what manifests vouch.

The warehouse never imports spider code: it reads ``landing/<run_id>/manifest.json`` and the JSON-lines
files it lists, each up to the byte size the manifest vouches for.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from warehouse.db import table_columns

LOAD_COLUMNS = ("_run_id", "_loaded_at")
LIST_FIELDS = {"page_fetch": {"outlinks": ("raw_page_link", "url", "page_type")}}
"""Record fields whose list lands in a table of its own, one row per item: (table, the item's fields). The row
also holds the run, the record's ``canonical_url`` and the item's ``position`` in the list (from 1)."""


@dataclass
class StagedRun:
    """What staging one run did."""

    run_id: str
    status: str
    rows: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    issues: list[str] = field(default_factory=list)


def find_runs(landing: Path) -> list[Path]:
    """Run folders under a landing folder (those with a manifest), oldest first."""
    return sorted(p.parent for p in landing.glob("*/manifest.json"))


def _vouched_file(path: Path, vouched: int, tmp: Path) -> Path:
    """The file itself when it holds exactly the vouched bytes, else a copy of its vouched prefix."""
    if path.stat().st_size == vouched:
        return path
    part = tmp / path.name
    with path.open("rb") as src, part.open("wb") as dst:
        remaining = vouched
        while remaining > 0:
            chunk = src.read(min(remaining, 1 << 20))
            if not chunk:
                break
            dst.write(chunk)
            remaining -= len(chunk)
    return part


def _columns_spec(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], str]:
    cols = [(n, t) for n, t in table_columns(con, table) if n not in LOAD_COLUMNS]
    spec = "{" + ", ".join(f"'{n}': '{t}'" for n, t in cols) + "}"
    return [n for n, _ in cols], spec


def _unknown_fields(con: duckdb.DuckDBPyConnection, path: Path, known: list[str]) -> list[str]:
    rows = con.execute(
        "select distinct unnest(json_keys(json)) from (select json from read_ndjson_objects(?) limit 2000)", [str(path)]
    ).fetchall()
    return sorted(str(k) for (k,) in rows if k not in known)


def stage_run(con: duckdb.DuckDBPyConnection, run_dir: Path) -> StagedRun:
    """Replace this run's rows in the raw tables with what its manifest vouches for (call inside a transaction)."""
    manifest: dict[str, Any] = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    run_id = str(manifest["run_id"])
    staged = StagedRun(run_id, str(manifest.get("status", "incomplete")))
    raw_tables = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
    for table in sorted(t for t in raw_tables if t.startswith("raw_")):
        con.execute(f"delete from {table} where _run_id = ?", [run_id])
    con.execute("delete from load_issues where run_id = ?", [run_id])
    tmp = Path(tempfile.mkdtemp(prefix="citegraph-load-"))
    try:
        for name, info in manifest.get("files", {}).items():
            _stage_file(con, run_dir / name, info, run_id, raw_tables, tmp, staged)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _record_run(con, manifest, staged)
    return staged


def _stage_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    info: dict[str, Any],
    run_id: str,
    tables: set[str],
    tmp: Path,
    staged: StagedRun,
) -> None:
    kind, vouched = str(info["kind"]), int(info["bytes"])
    table = f"raw_{kind}"
    if table not in tables:
        _issue(con, staged, run_id, kind, "unknown_kind", f"{path.name}: no raw table for kind {kind!r}")
        return
    if vouched == 0 or not path.exists():
        return
    source = _vouched_file(path, vouched, tmp)
    names, spec = _columns_spec(con, table)
    # (a warehouse from before its list table keeps the list as a column: migration 0009 moves it)
    lists = {f: spec_ for f, spec_ in LIST_FIELDS.get(kind, {}).items() if f not in names and spec_[0] in tables}
    if unknown := _unknown_fields(con, source, [*names, *lists]):
        _issue(con, staged, run_id, kind, "unknown_fields", ", ".join(unknown))
    cols = ", ".join(f'"{n}"' for n in names)
    read = "read_json(?, format='newline_delimited', columns={spec}, maximum_object_size=67108864)"
    if not lists:
        con.execute(
            f"insert into {table} (_run_id, {cols}) select ?, {cols} from {read.format(spec=spec)}",
            [run_id, str(source)],
        )
    else:  # read once: the record's columns and its lists
        items = {f: f"STRUCT({', '.join(f'{k} VARCHAR' for k in keys)})[]" for f, (_, *keys) in lists.items()}
        spec_all = spec[:-1] + "".join(f", '{f}': '{t}'" for f, t in items.items()) + "}"
        staged_sql = f"create or replace temp table _staged as select * from {read.format(spec=spec_all)}"
        con.execute(staged_sql, [str(source)])
        con.execute(f"insert into {table} (_run_id, {cols}) select ?, {cols} from _staged", [run_id])
        for field_name, (list_table, *keys) in lists.items():
            keys_sql = ", ".join(f"item.{k}" for k in keys)
            con.execute(
                f"""insert into {list_table} (_run_id, canonical_url, position, {", ".join(keys)})
                    select ?, canonical_url, position, {keys_sql}
                    from (select canonical_url, unnest(range(1, len({field_name}) + 1)) as position,
                                 unnest({field_name}) as item
                          from _staged where len({field_name}) > 0)""",
                [run_id],
            )
        con.execute("drop table _staged")
    staged.rows[kind] = int(info.get("lines", 0))
    staged.bytes += vouched


def _issue(con: duckdb.DuckDBPyConnection, staged: StagedRun, run_id: str, kind: str, issue: str, detail: str) -> None:
    con.execute(
        "insert into load_issues (run_id, kind, issue, detail) values (?, ?, ?, ?)", [run_id, kind, issue, detail]
    )
    staged.issues.append(f"{kind}: {issue}: {detail}")


def _record_run(con: duckdb.DuckDBPyConnection, manifest: dict[str, Any], staged: StagedRun) -> None:
    con.execute("delete from crawl_runs where run_id = ?", [staged.run_id])
    con.execute(
        """insert into crawl_runs values (?, ?, ?, try_cast(? as timestamp), try_cast(? as timestamp), ?, ?, ?, ?, ?,
           current_timestamp)""",
        [
            staged.run_id,
            manifest.get("spider"),
            staged.status,
            manifest.get("started_at"),
            manifest.get("ended_at"),
            manifest.get("seeds") or [],
            json.dumps(manifest.get("counts", {})),
            json.dumps(manifest.get("errors", {})),
            staged.bytes,
            json.dumps(manifest, default=str),
        ],
    )
