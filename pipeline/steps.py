"""The job's steps as plain functions: the Prefect flows wrap them and the tests call them directly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.crawl import CrawlSpec, new_run_id, run

SPIDERS = ("pith", "wiki")
DEFAULT_SEEDS: dict[str, list[str]] = {"pith": ["1906.01820"], "wiki": []}  # wiki: its sitemap


class CrawlFailed(RuntimeError):
    """A crawl subprocess did not finish its run."""


class ChecksFailed(RuntimeError):
    """Data checks found rows that must not exist (the loaded data is kept for inspection)."""


def crawl_site(
    config: Config,
    spider: str,
    seeds: list[str] | None = None,
    depth: int = 2,
    max_pages: int = 0,
    hostmap: str = "",
    refresh: bool = False,
    run_id: str = "",
    on_progress: Callable[[dict[str, Any]], None] | None = None,
    follow: str = "",
) -> dict[str, Any]:
    """Crawl one site into a landing run. Called again with the same run id, it resumes that run."""
    if spider not in SPIDERS:
        raise ValueError(f"unknown site {spider!r}: choose from {', '.join(SPIDERS)}")
    config.ensure()
    run_id = run_id or new_run_id(spider)
    (config.landing / run_id).mkdir(parents=True, exist_ok=True)
    settings = {"CITEGRAPH_CONTACT": config.contact} if config.contact else {}
    spec = CrawlSpec(
        spider=spider,
        landing=config.landing,
        state=config.state,
        seeds=list(seeds if seeds is not None else DEFAULT_SEEDS[spider]),
        depth=depth,
        max_pages=max_pages,
        follow=follow,
        hostmap=hostmap,
        refresh=refresh,
        run_id=run_id,
        resume=True,
        settings=settings,
        log_file=config.landing / run_id / "crawl.log",
    )
    result = run(spec, on_progress=on_progress)
    summary = crawl_summary(result.manifest) | {"run_dir": str(result.run_dir), "seconds": round(result.seconds, 2)}
    if not result.ok:
        raise CrawlFailed(
            f"{spider} crawl {run_id} ended {summary['status']} (exit {result.returncode}); see {spec.log_file}"
        )
    return summary


def crawl_summary(manifest: dict[str, Any]) -> dict[str, Any]:
    """The numbers a user wants from a run manifest."""
    stats = manifest.get("stats", {})
    counts = manifest.get("counts", {})
    return {
        "run_id": manifest.get("run_id"),
        "spider": manifest.get("spider"),
        "status": manifest.get("status"),
        "pages": int(stats.get("response_received_count", 0)),
        "new": int(stats.get("citegraph/pages/new", 0)),
        "changed": int(stats.get("citegraph/pages/changed", 0)),
        "unchanged": int(stats.get("citegraph/pages/unchanged", 0)) + int(stats.get("citegraph/pages/same_hash", 0)),
        "fresh": int(stats.get("citegraph/pages/fresh", 0)),
        "records": sum(v for k, v in counts.items() if k not in ("page_fetch", "crawl_error")),
        "errors": manifest.get("errors", {}),
        "counts": counts,
    }


def load_runs(config: Config, run_dirs: list[Path] | None = None) -> dict[str, Any]:
    """Stage, resolve and check; raises ``ChecksFailed`` after committing when a check finds bad rows."""
    from warehouse.api import load

    config.ensure()
    report = load(config.warehouse, run_dirs if run_dirs is not None else config.landing)
    summary = {
        "runs": [s.run_id for s in report.staged],
        "rows_staged": sum(sum(s.rows.values()) for s in report.staged),
        "before": report.before,
        "after": report.after,
        "new_papers": report.after["papers"] - report.before.get("papers", 0),
        "new_edges": report.after["citation_edges"] - report.before.get("citation_edges", 0),
        "mentions": report.resolved.mentions if report.resolved else 0,
        "conflicts": report.resolved.conflicts if report.resolved else 0,
        "issues": [i for s in report.staged for i in s.issues],
        "seconds": round(report.seconds, 2),
        "checks": {c.name: c.failures for c in report.checks},
    }
    if report.failed_checks:
        names = ", ".join(f"{c.name} ({c.failures} rows)" for c in report.failed_checks)
        raise ChecksFailed(f"data checks failed: {names}; the data is kept in {config.warehouse} for inspection")
    return summary


def export_snapshot(config: Config) -> dict[str, Any]:
    """A Parquet snapshot of the warehouse."""
    import json

    from warehouse.api import open_warehouse
    from warehouse.export import export_snapshot as write

    config.ensure()
    con = open_warehouse(config.warehouse)
    try:
        folder = write(con, config.snapshots)
        manifest = json.loads((folder / "manifest.json").read_text())
        con.execute(
            "insert or replace into snapshot_log values (?, ?, current_timestamp, ?, ?, ?)",
            [
                folder.name,
                str(folder),
                len(manifest["files"]),
                manifest["total_rows"],
                sum(f["bytes"] for f in manifest["files"].values()),
            ],
        )
    finally:
        con.close()
    return {"snapshot": str(folder), "tables": len(manifest["files"]), "rows": manifest["total_rows"]}
