"""``citegraph schedule``: the refresh flow on a cron schedule, one command."""

from __future__ import annotations

import os
from pathlib import Path

import click

from pipeline.cli import obj
from pipeline.output import console
from pipeline.prefect_server import quiet_prefect_env, start_server
from pipeline.steps import SPIDERS


def seeds_by_site(path: str | None) -> dict[str, list[str]] | None:
    """A seeds file (one URL or arXiv id a line, # comments) split by site."""
    if not path:
        return None
    lines = [line.split("#")[0].strip() for line in Path(path).read_text(encoding="utf-8").splitlines()]
    seeds = [s for s in lines if s]
    return {"wiki": [s for s in seeds if "longtermwiki" in s], "pith": [s for s in seeds if "longtermwiki" not in s]}


@click.command()
@click.option("--cron", required=True, help='Cron expression, e.g. "0 3 * * *" (every day at 03:00).')
@click.option("--sites", default="pith,wiki", show_default=True, help="Comma-separated sites to crawl.")
@click.option("--seeds", "seeds_file", type=click.Path(exists=True, dir_okay=False), help="Seeds file.")
@click.option("--depth", type=int, default=2, show_default=True)
@click.option("--max-pages", type=int, default=0)
@click.option("--hostmap", envvar="CITEGRAPH_HOSTMAP", default="", help="Crawl local copies (see `mirror serve`).")
@click.option("--name", default="citegraph-refresh", show_default=True, help="Deployment name.")
@click.pass_context
def schedule(
    ctx: click.Context,
    cron: str,
    sites: str,
    seeds_file: str | None,
    depth: int,
    max_pages: int,
    hostmap: str,
    name: str,
) -> None:
    """Serve the refresh flow (crawl -> load -> export) on a cron schedule until interrupted.

    \b
    Schedules need a Prefect server: with PREFECT_API_URL set it registers there; without, it starts
    a local one (127.0.0.1, SQLite under <home>/prefect) for as long as it runs. Each scheduled run
    executes in its own subprocess. In production, either keep this command running (a systemd unit,
    a container), or deploy `pipeline.flows:refresh_flow` to a work pool with `prefect deploy`.
    """
    config = obj(ctx).config.ensure()
    chosen = [s.strip() for s in sites.split(",") if s.strip()]
    if unknown := [s for s in chosen if s not in SPIDERS]:
        raise click.BadParameter(f"unknown sites {unknown}", param_hint="--sites")
    quiet_prefect_env()
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        server, url = start_server(config.home / "prefect")
        os.environ["PREFECT_API_URL"] = url
        console.print(f"started a local Prefect server at {url} (log: {config.home / 'prefect' / 'server.log'})")
    from pipeline.flows import refresh_flow

    parameters = {
        "sites": chosen,
        "seeds": seeds_by_site(seeds_file),
        "depth": depth,
        "max_pages": max_pages,
        "hostmap": hostmap,
        "home": str(config.home),
    }
    console.print(
        f"serving [bold]{name}[/] on cron {cron!r} against {'local copies' if hostmap else 'the live sites'}"
        f"; Ctrl-C to stop"
    )
    try:
        refresh_flow.serve(name=name, cron=cron, parameters=parameters)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
