"""``citegraph status``: what has been crawled and loaded, and what went wrong lately."""

from __future__ import annotations

import sqlite3
from typing import Any

from pipeline.output import console, table
from warehouse.db import WarehouseBusy, connect
from warehouse.export import latest_snapshot


def gather(config: Any) -> dict[str, Any]:
    """Everything status shows, as data."""
    info: dict[str, Any] = {"config": config.as_dict(), "warehouse": None}
    landed = sorted(p.parent.name for p in config.landing.glob("*/manifest.json")) if config.landing.exists() else []
    info["landing_runs"] = len(landed)
    snap = latest_snapshot(config.snapshots) if config.snapshots.exists() else None
    info["latest_snapshot"] = str(snap) if snap else None
    if config.state.exists():
        db = sqlite3.connect(f"file:{config.state}?mode=ro", uri=True)
        info["crawl_state"] = dict(db.execute("select page_type, count(*) from pages group by 1").fetchall())
        db.close()
    if not config.warehouse.exists():
        return info
    try:
        con = connect(config.warehouse, read_only=True)
    except WarehouseBusy as exc:
        info["warehouse"] = {"busy": str(exc)}
        return info
    from warehouse.api import counts

    loaded = {r for (r,) in con.execute("select run_id from crawl_runs").fetchall()}
    info["warehouse"] = {
        "path": str(config.warehouse),
        "bytes": config.warehouse.stat().st_size,
        "counts": counts(con),
        "runs": con.execute("""select run_id, spider, status, started_at, ended_at, counts from crawl_runs
                               order by run_id desc limit 6""").fetchall(),
        "last_errors": con.execute("""select run_id, url, reason, stage from crawl_errors
                                      order by fetched_at desc limit 6""").fetchall(),
        "not_loaded": [r for r in landed if r not in loaded],
    }
    con.close()
    return info


def show(info: dict[str, Any]) -> None:
    """Print status for people."""
    cfg = info["config"]
    console.print(f"home [bold]{cfg['home']}[/] ({cfg['source']})")
    wh = info.get("warehouse")
    if not wh:
        console.print("no warehouse yet: run `citegraph demo`, or `citegraph crawl` then `citegraph load`")
        return
    if "busy" in wh:
        console.print(f"[yellow]{wh['busy']}[/]")
        return
    console.print(
        f"warehouse {wh['path']} ({wh['bytes'] / 1e6:.1f} MB); landing runs: {info['landing_runs']}, "
        f"not loaded: {len(wh['not_loaded'])}; latest snapshot: {info['latest_snapshot'] or '-'}"
    )
    table("Rows", list(wh["counts"]), [list(wh["counts"].values())])
    table("Last runs", ["run", "spider", "status", "started", "ended"], [r[:5] for r in wh["runs"]])
    if wh["last_errors"]:
        table("Last errors", ["run", "url", "reason", "stage"], wh["last_errors"])
    if info.get("crawl_state"):
        table("Crawl state (pages known)", list(info["crawl_state"]), [list(info["crawl_state"].values())])
