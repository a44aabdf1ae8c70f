"""Numbered SQL migrations (``warehouse/migrations/NNNN_name.sql``), applied in order and recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

MIGRATIONS = Path(__file__).parent / "migrations"


def available() -> list[tuple[int, str, Path]]:
    """(version, name, path) of every migration file, in order."""
    out = []
    for path in sorted(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        out.append((int(path.name[:4]), path.stem[5:], path))
    return out


def applied(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Version -> checksum of the migrations this warehouse has."""
    con.execute("""create table if not exists schema_migrations (
        version INTEGER PRIMARY KEY, name VARCHAR, checksum VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)""")
    return {int(v): str(c) for v, c in con.execute("select version, checksum from schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> list[int]:
    """Apply the missing migrations (each in its own transaction); returns the versions applied."""
    done = applied(con)
    new = []
    for version, name, path in available():
        if upto is not None and version > upto:
            break
        sql = path.read_text(encoding="utf-8")
        checksum = hashlib.sha256(sql.encode()).hexdigest()[:16]
        if version in done:
            if done[version] != checksum:
                raise RuntimeError(f"migration {path.name} changed after it was applied: add a new migration instead")
            continue
        con.execute("begin")
        try:
            con.execute(sql)
            con.execute(
                "insert into schema_migrations (version, name, checksum) values (?, ?, ?)", [version, name, checksum]
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        new.append(version)
    return new


def requires_resolve(versions: list[int]) -> bool:
    """True when one of these migrations changed how curated tables are stored (marked ``requires: resolve``)."""
    return any(v in versions and "requires: resolve" in path.read_text(encoding="utf-8") for v, _, path in available())


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied migration."""
    return max(applied(con), default=0)
