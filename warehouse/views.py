"""Views for ad-hoc SQL (``warehouse/views/*.sql``), re-created after every migration."""

from __future__ import annotations

from pathlib import Path

import duckdb

VIEWS = Path(__file__).parent / "views"


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create every view and table macro; returns their names."""
    names = []
    for path in sorted(VIEWS.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
        names.append(path.stem)
    return names
