"""``citegraph sql``: ad-hoc SQL over the warehouse, read-only; falls back to the last snapshot during a load."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import click
import duckdb

from pipeline.cli import obj
from pipeline.output import emit_json, err, table
from warehouse.db import WarehouseBusy, connect
from warehouse.export import latest_snapshot

MAX_SHOWN = 200


def snapshot_connection(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose views read a snapshot's Parquet files (same names as the warehouse)."""
    con = duckdb.connect()
    for file in sorted(folder.glob("*.parquet")):
        con.execute(f"create view {file.stem} as select * from read_parquet('{file}')")
    return con


def open_for_reading(config: Any, snapshot: str | None) -> duckdb.DuckDBPyConnection:
    """The warehouse read-only; while another process writes it, the last snapshot, said plainly."""
    if snapshot:
        folder = latest_snapshot(config.snapshots) if snapshot == "latest" else Path(snapshot)
        if folder is None or not (folder / "manifest.json").exists():
            raise FileNotFoundError(f"no snapshot at {snapshot if snapshot != 'latest' else config.snapshots}")
        return snapshot_connection(folder)
    try:
        return connect(config.warehouse, read_only=True)
    except WarehouseBusy as exc:
        folder = latest_snapshot(config.snapshots)
        if folder is None:
            raise WarehouseBusy(f"{exc} and no snapshot exists to read instead: try again when it finishes") from exc
        err.print(f"[yellow]note:[/] {exc}; answering from the last consistent snapshot, {folder.name}", soft_wrap=True)
        return snapshot_connection(folder)


def run_query(con: duckdb.DuckDBPyConnection, query: str, fmt: str) -> None:
    """Run one statement and print its result."""
    result = con.execute(query)
    if result.description is None:
        return
    columns = [d[0] for d in result.description]
    rows = result.fetchall()
    if fmt == "json":
        emit_json([dict(zip(columns, r, strict=True)) for r in rows])
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table(
            f"{len(rows)} rows" + (f" (first {MAX_SHOWN} shown)" if len(rows) > MAX_SHOWN else ""),
            columns,
            rows[:MAX_SHOWN],
        )


@click.command()
@click.argument("query", required=False)
@click.option("--csv", "as_csv", is_flag=True, help="CSV output.")
@click.option("--snapshot", help="Query a Parquet snapshot instead: a snapshot folder, or `latest`.")
@click.pass_context
def sql(ctx: click.Context, query: str | None, as_csv: bool, snapshot: str | None) -> None:
    """Run QUERY on the warehouse (read-only), or an interactive prompt without one.

    \b
    Views: v_papers, v_edges, v_hub_summary, v_most_cited, v_cocitation, v_coupling, v_wiki_citations,
    v_run_changes, and run_diff('<older run>', '<newer run>'). Tables: papers, paper_identifiers,
    identity_merges, citation_edges, edge_sources, hubs, hub_snapshots, paper_references, wiki_pages,
    wiki_annotations, wiki_references, crawl_runs, page_fetches, crawl_errors.
    """
    o = obj(ctx)
    fmt = "json" if o.json else "csv" if as_csv else "table"
    con = open_for_reading(o.config, snapshot)
    try:
        if query:
            run_query(con, query, fmt)
        else:
            _repl(con, fmt)
    finally:
        con.close()


def _repl(con: duckdb.DuckDBPyConnection, fmt: str) -> None:
    err.print("citegraph sql: end statements with ';', Ctrl-D to leave. Try: select * from v_most_cited limit 5;")
    buffer: list[str] = []
    while True:
        try:
            line = input("citegraph> " if not buffer else "      ...> ")
        except EOFError:
            break
        buffer.append(line)
        if line.rstrip().endswith(";"):
            statement, buffer = "\n".join(buffer), []
            try:
                run_query(con, statement, fmt)
            except duckdb.Error as exc:
                err.print(f"[red]{str(exc).splitlines()[0]}[/]")
