"""Prefect flows: crawl, load, export and refresh (= crawl -> load -> export).

With no ``PREFECT_API_URL`` they run on Prefect's ephemeral local server; with one they report to it.
Each crawl runs as a subprocess (no Twisted reactor in the worker); a crawl task retries by resuming its run.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from pipeline import steps
from pipeline.config import load_config
from pipeline.crawl import new_run_id


def _config(home: str | None, warehouse: str | None = None) -> Any:
    return load_config({"home": home, "warehouse": warehouse})


@task(retries=2, retry_delay_seconds=5, task_run_name="crawl-{spider}")
def crawl_task(
    spider: str,
    run_id: str,
    seeds: list[str] | None,
    depth: int,
    max_pages: int,
    hostmap: str,
    refresh: bool,
    home: str | None,
) -> dict[str, Any]:
    """Crawl one site (a retry resumes the same run)."""
    summary = steps.crawl_site(_config(home), spider, seeds, depth, max_pages, hostmap, refresh, run_id)
    get_run_logger().info(
        "%s: %d pages, %d records, %d unchanged, %d fresh, errors %s",
        spider,
        summary["pages"],
        summary["records"],
        summary["unchanged"],
        summary["fresh"],
        summary["errors"] or "none",
    )
    return summary


@task(task_run_name="load")
def load_task(run_dirs: list[str] | None, home: str | None) -> dict[str, Any]:
    """Stage, resolve, check."""
    from pathlib import Path

    summary = steps.load_runs(_config(home), [Path(d) for d in run_dirs] if run_dirs is not None else None)
    get_run_logger().info(
        "loaded %d runs: %d new papers, %d new edges", len(summary["runs"]), summary["new_papers"], summary["new_edges"]
    )
    return summary


@task(task_run_name="export")
def export_task(home: str | None) -> dict[str, Any]:
    """Write a Parquet snapshot."""
    return steps.export_snapshot(_config(home))


@flow(name="citegraph-crawl")
def crawl_flow(
    sites: list[str] | None = None,
    seeds: dict[str, list[str]] | None = None,
    depth: int = 2,
    max_pages: int = 0,
    hostmap: str = "",
    refresh: bool = False,
    home: str | None = None,
) -> list[dict[str, Any]]:
    """One crawl task per site (default: both), run side by side."""
    sites = sites or ["pith", "wiki"]
    futures = [
        crawl_task.submit(site, new_run_id(site), (seeds or {}).get(site), depth, max_pages, hostmap, refresh, home)
        for site in sites
    ]
    return [f.result() for f in futures]


@flow(name="citegraph-load")
def load_flow(run_dirs: list[str] | None = None, home: str | None = None) -> dict[str, Any]:
    """Load landing runs (all of them by default) into the warehouse."""
    return load_task(run_dirs, home)


@flow(name="citegraph-export")
def export_flow(home: str | None = None) -> dict[str, Any]:
    """Write a Parquet snapshot."""
    return export_task(home)


@flow(name="citegraph-refresh", log_prints=True)
def refresh_flow(
    sites: list[str] | None = None,
    seeds: dict[str, list[str]] | None = None,
    depth: int = 2,
    max_pages: int = 0,
    hostmap: str = "",
    refresh: bool = False,
    home: str | None = None,
) -> dict[str, Any]:
    """Crawl -> load -> export (default: both sites), with a summary artifact."""
    sites = sites or ["pith", "wiki"]
    crawls = crawl_flow(sites, seeds, depth, max_pages, hostmap, refresh, home)
    loaded = load_task([c["run_dir"] for c in crawls], home)
    snapshot = export_task(home)
    summary = {"crawls": crawls, "load": loaded, "snapshot": snapshot}
    create_markdown_artifact(
        key="citegraph-refresh-summary",
        markdown=summary_markdown(summary),
        description="citegraph refresh: what landed, what changed",
    )
    return summary


def summary_markdown(summary: dict[str, Any]) -> str:
    """The refresh summary as a markdown table."""
    lines = [
        "| site | run | pages | new | changed | unchanged | fresh | records | errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in summary["crawls"]:
        errors = ", ".join(f"{k} {v}" for k, v in c["errors"].items()) or "none"
        lines.append(
            f"| {c['spider']} | {c['run_id']} | {c['pages']} | {c['new']} | {c['changed']} | {c['unchanged']} "
            f"| {c['fresh']} | {c['records']} | {errors} |"
        )
    load = summary["load"]
    lines += [
        "",
        f"Warehouse: {load['after']['papers']} papers (+{load['new_papers']}), "
        f"{load['after']['citation_edges']} edges (+{load['new_edges']}); checks all passed.",
        f"Snapshot: `{summary['snapshot']['snapshot']}` ({summary['snapshot']['rows']} rows).",
    ]
    return "\n".join(lines)
