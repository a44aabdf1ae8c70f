"""The durable crawl state: what each URL looked like when last fetched (SQLite, one file, inspectable).

Rows change only at landing checkpoints, after the landing files they describe are on disk, so the
state never claims a page whose records were lost to a killed crawl.

    sqlite3 <data dir>/crawl_state.sqlite 'select url, outcome, fetched_at from pages order by fetched_at desc'
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

SCHEMA = """
create table if not exists pages (
    url           text primary key,   -- canonical real URL
    page_type     text not null,
    status        integer,
    etag          text,
    last_modified text,
    content_hash  text,
    fetched_at    text not null,      -- ISO 8601 UTC of the last fetch that reached the server
    run_id        text not null,      -- run that last fetched (or confirmed) the page
    outlinks      text not null default '[]'
);
create table if not exists aliases (   -- URLs that redirect, and where they lead
    url    text primary key,
    target text not null
);
"""


@dataclass(frozen=True)
class PageState:
    """What the state store knows about one URL."""

    url: str
    page_type: str
    status: int | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    fetched_at: str
    run_id: str
    outlinks: list[dict[str, str]]

    def age_seconds(self, now: datetime | None = None) -> float:
        """Seconds since the page was last fetched."""
        fetched = datetime.fromisoformat(self.fetched_at.replace("Z", "+00:00"))
        return ((now or datetime.now(UTC)) - fetched).total_seconds()


class CrawlState:
    """Read per URL while crawling; written in one transaction per landing checkpoint."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("pragma journal_mode=wal")
        self.db.executescript(SCHEMA)
        # Redirects are few (a site's old and short URLs); every new link asks, so they are held in memory.
        self.aliases: dict[str, str] = dict(self.db.execute("select url, target from aliases").fetchall())

    def get(self, url: str) -> PageState | None:
        """The stored state of a canonical URL."""
        row = self.db.execute("select * from pages where url = ?", (url,)).fetchone()
        if row is None:
            return None
        url, page_type, status, etag, last_modified, content_hash, fetched_at, run_id, outlinks = row
        return PageState(
            url, page_type, status, etag, last_modified, content_hash, fetched_at, run_id, orjson.loads(outlinks)
        )

    def alias(self, url: str) -> str | None:
        """Where a URL that redirected last time led."""
        return self.aliases.get(url)

    def apply(self, fetches: list[dict[str, Any]]) -> None:
        """Record a checkpoint's page fetches (dicts of ``page_fetch`` records) atomically."""
        if not fetches:
            return
        rows = [_row(f) for f in fetches if f["outcome"] != "fresh"]
        aliases = [(r, f["canonical_url"]) for f in fetches for r in f.get("redirects", []) if r != f["canonical_url"]]
        self.db.execute("begin")
        self.db.executemany(
            """insert into pages values (?,?,?,?,?,?,?,?,?) on conflict(url) do update set
               page_type=excluded.page_type, status=excluded.status,
               etag=coalesce(excluded.etag, pages.etag),
               last_modified=coalesce(excluded.last_modified, pages.last_modified),
               content_hash=coalesce(excluded.content_hash, pages.content_hash), fetched_at=excluded.fetched_at,
               run_id=excluded.run_id,
               outlinks=case when excluded.content_hash is null then pages.outlinks else excluded.outlinks end""",
            rows,
        )
        self.db.executemany("insert or replace into aliases values (?, ?)", aliases)
        self.db.execute("commit")
        self.aliases.update(aliases)

    def counts(self) -> dict[str, int]:
        """Pages known, by page type."""
        return dict(self.db.execute("select page_type, count(*) from pages group by 1").fetchall())

    def close(self) -> None:
        self.db.close()


def _row(fetch: dict[str, Any]) -> tuple[Any, ...]:
    return (
        fetch["canonical_url"],
        fetch["page_type"],
        fetch["status"],
        fetch.get("etag"),
        fetch.get("last_modified"),
        fetch.get("content_hash"),
        fetch["fetched_at"],
        fetch["run_id"],
        orjson.dumps(fetch.get("outlinks") or []).decode(),  # (the event loop's JSON: orjson is ~10x json)
    )
