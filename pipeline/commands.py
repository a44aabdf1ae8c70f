"""The one-step commands: crawl, load, resolve, check, export, status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pipeline import steps
from pipeline.cli import obj
from pipeline.output import console, crawl_progress, crawl_table, emit_json, fail, table


@click.command()
@click.argument("sites", nargs=-1, type=click.Choice(steps.SPIDERS))
@click.option("--seeds", "seeds", multiple=True, help="Seed URL or arXiv id (repeatable); @FILE reads one a line.")
@click.option("--depth", type=int, default=2, show_default=True, help="Links to follow from the seeds.")
@click.option("--max-pages", type=int, default=0, help="Stop after this many pages (0: no limit).")
@click.option("--refresh", is_flag=True, help="Ignore freshness and validators: fetch everything again.")
@click.option(
    "--hostmap",
    envvar="CITEGRAPH_HOSTMAP",
    default="",
    help="Fetch from local copies: the lines `citegraph mirror serve` prints (default: the live sites).",
)
@click.option("--resume", "run_id", default="", help="Continue this (killed) run.")
@click.option(
    "--follow",
    default="",
    help="Page types to follow, comma-separated (pith-paper, pith-hub, pith-json, "
    "pith-number, wiki-article). Default: the spider's own choice.",
)
@click.pass_context
def crawl(
    ctx: click.Context,
    sites: tuple[str, ...],
    seeds: tuple[str, ...],
    depth: int,
    max_pages: int,
    refresh: bool,
    hostmap: str,
    run_id: str,
    follow: str,
) -> None:
    """Crawl SITES (pith, wiki; default both) into landing runs. Live sites by default: polite and slow."""
    o = obj(ctx)
    results = []
    for site in sites or steps.SPIDERS:
        site_seeds = [s for s in seeds if _for_site(s, site)] or None
        with crawl_progress(f"crawl {site}", quiet=o.json) as update:
            results.append(
                steps.crawl_site(
                    o.config,
                    site,
                    site_seeds,
                    depth,
                    max_pages,
                    hostmap,
                    refresh,
                    run_id,
                    on_progress=update,
                    follow=follow,
                )
            )
    _show_crawls(results, o.json)


def _for_site(seed: str, site: str) -> bool:
    wiki = "longtermwiki" in seed
    return wiki if site == "wiki" else not wiki


def _show_crawls(results: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        emit_json(results)
    else:
        crawl_table(results)


@click.command()
@click.argument("runs", nargs=-1, type=click.Path(exists=True, file_okay=False))
@click.pass_context
def load(ctx: click.Context, runs: tuple[str, ...]) -> None:
    """Load landing RUNS (default: every run under the landing folder): stage, resolve, check."""
    o = obj(ctx)
    with console.status("loading: staging runs, resolving identities, running checks") if not o.json else _null():
        summary = steps.load_runs(o.config, [Path(r) for r in runs] if runs else None)
    if o.json:
        emit_json(summary)
        return
    table(
        "Load",
        ["runs", "rows staged", "papers", "edges", "new papers", "new edges", "seconds"],
        [
            [
                len(summary["runs"]),
                summary["rows_staged"],
                summary["after"]["papers"],
                summary["after"]["citation_edges"],
                summary["new_papers"],
                summary["new_edges"],
                summary["seconds"],
            ]
        ],
    )
    for issue in summary["issues"]:
        console.print(f"[yellow]load issue:[/] {issue}")


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *a: object) -> None:
        return None


@click.command()
@click.pass_context
def resolve(ctx: click.Context) -> None:
    """Rebuild identities and the curated tables from what is staged."""
    from warehouse.api import resolve_only

    report = resolve_only(obj(ctx).config.warehouse)
    if obj(ctx).json:
        emit_json(report.__dict__)
    else:
        table(
            "Resolve",
            ["mentions", "papers", "edges", "title merges", "fuzzy merges", "conflicts", "seconds"],
            [
                [
                    report.mentions,
                    report.papers,
                    report.edges,
                    report.title_merges,
                    report.fuzzy_merges,
                    report.conflicts,
                    f"{report.seconds:.2f}",
                ]
            ],
        )


@click.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Run the data checks (queries that must return zero rows); exit 1 when any finds rows."""
    from warehouse.api import check as run

    results = run(obj(ctx).config.warehouse)
    if obj(ctx).json:
        emit_json([{"check": c.name, "failures": c.failures, "sample": c.sample} for c in results])
    else:
        table("Checks", ["check", "guards", "rows"], [[c.name, c.description, c.failures] for c in results])
    if any(not c.ok for c in results):
        fail("data checks failed: " + ", ".join(c.name for c in results if not c.ok))


@click.command()
@click.pass_context
def export(ctx: click.Context) -> None:
    """Write a dated Parquet snapshot (one file per table and view, with a manifest)."""
    summary = steps.export_snapshot(obj(ctx).config)
    if obj(ctx).json:
        emit_json(summary)
    else:
        console.print(f"snapshot [bold]{summary['snapshot']}[/]: {summary['tables']} files, {summary['rows']} rows")


@click.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Last runs, warehouse size, row counts, last errors, crawl state, snapshots."""
    from pipeline.status_cmd import gather

    info = gather(obj(ctx).config)
    if obj(ctx).json:
        emit_json(info)
        return
    from pipeline.status_cmd import show

    show(info)


def _all() -> list[click.Command]:
    from pipeline.sql_cmd import sql

    return [crawl, load, resolve, check, export, status, sql]


ALL = _all()
