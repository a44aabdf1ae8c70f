"""Data checks: SQL files in ``warehouse/checks/`` that must return zero rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

CHECKS = Path(__file__).parent / "checks"


@dataclass
class CheckResult:
    """One check: its name, what it guards, and the rows that break it."""

    name: str
    description: str
    failures: int
    sample: list[tuple[Any, ...]]

    @property
    def ok(self) -> bool:
        return self.failures == 0


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Every check, in name order."""
    out = []
    for path in sorted(CHECKS.glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        description = next((line[3:].strip() for line in sql.splitlines() if line.startswith("--")), "")
        # one pass: the first rows, each carrying the total (at 1M papers a check reads tens of millions of rows)
        rows = con.execute(f"select count(*) over () as _failures, * from ({sql}) limit 5").fetchall()
        out.append(CheckResult(path.stem, description, int(rows[0][0]) if rows else 0, [r[1:] for r in rows]))
    return out
