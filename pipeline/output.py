"""How the CLI talks: rich tables for people, ``--json`` for scripts, one clear line on failure."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console(stderr=False)
err = Console(stderr=True)


def emit_json(data: Any) -> None:
    """Machine-readable output."""
    sys.stdout.write(json.dumps(data, indent=1, default=str, ensure_ascii=False) + "\n")


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table for people."""
    t = Table(title=title, title_justify="left", show_lines=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for row in rows:
        t.add_row(*("" if v is None else str(v) for v in row))
    console.print(t)


def crawl_table(results: Sequence[dict[str, Any]], title: str = "Crawl runs") -> None:
    """What each crawl did: pages by outcome, records landed, errors by reason."""
    table(
        title,
        ["site", "run", "status", "pages", "new", "changed", "unchanged", "fresh", "records", "errors"],
        [
            [
                r["spider"],
                r["run_id"],
                r["status"],
                r["pages"],
                r["new"],
                r["changed"],
                r["unchanged"],
                r["fresh"],
                r["records"],
                ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "-",
            ]
            for r in results
        ],
    )


def fail(message: str, code: int = 1) -> None:
    """One clear line, then exit non-zero."""
    err.print(f"[bold red]citegraph: error:[/] {' '.join(message.split())}", highlight=False, soft_wrap=True)
    raise SystemExit(code)


@contextmanager
def crawl_progress(label: str, quiet: bool) -> Iterator[Any]:
    """A live bar for a crawl: pages fetched, rate, queue, records landed, errors."""
    if quiet:
        yield lambda snapshot: None
        return
    columns = [
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn(
            "{task.completed:>5.0f} pages {task.fields[rate]:>6}/s  queue {task.fields[queue]:>4}  "
            "records {task.fields[records]:>6}  errors {task.fields[errors]:>3}"
        ),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task(label, total=None, rate="0.0", queue=0, records=0, errors=0)

        def update(s: dict[str, Any]) -> None:
            total = s["pages"] + s["queue"] if s.get("queue") else None
            progress.update(
                task,
                completed=s["pages"],
                total=total or None,
                rate=f"{s['pages_per_s']:.1f}",
                queue=s["queue"],
                records=s["records"],
                errors=s["errors"],
            )

        yield update
