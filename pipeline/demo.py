"""``citegraph demo``: the main job, end to end, on the embedded offline mirror."""

from __future__ import annotations

import time
from typing import Any

import click

from mirror.server import MirrorServer, hostmap_text
from pipeline.cli import obj
from pipeline.output import console, crawl_table, emit_json, table
from pipeline.prefect_server import quiet_prefect_env

QUERIES = {
    "Most-cited works": "select title, year, citing_papers, citing_wiki_pages from v_most_cited limit 5",
    "Hubs": "select title, tier, badge, dominant_role, dominant_role_pct, explorer_count from v_hub_summary",
    "A paper is one row, whatever mentions it": """select p.title, p.arxiv_id, p.n_mentions, p.n_sources,
        list(distinct m.mention_kind order by m.mention_kind) as mentioned_as
        from papers p join identity_merges m using (paper_id) where p.arxiv_id = '1906.01820' group by all""",
}


@click.command()
@click.option("--depth", type=int, default=1, show_default=True, help="Pith link depth from the seed paper.")
@click.pass_context
def demo(ctx: click.Context, depth: int) -> None:
    """Serve the embedded mirror on localhost and run the refresh flow (crawl -> load -> export) on it."""
    o = obj(ctx)
    config = o.config.ensure()
    started = time.monotonic()
    quiet_prefect_env()
    from pipeline.flows import refresh_flow

    with MirrorServer() as server:
        hostmap = hostmap_text(server.hostmap())
        if not o.json:
            console.print("[bold]citegraph demo[/]: the whole job on the offline mirror of five real pages, served at")
            console.print(hostmap, highlight=False)
            console.print(f"data in {config.home} ({config.source}); running the Prefect refresh flow ...")
        summary = refresh_flow(
            sites=["pith", "wiki"], seeds={"pith": ["1906.01820"]}, depth=depth, hostmap=hostmap, home=str(config.home)
        )
    summary["seconds"] = round(time.monotonic() - started, 1)
    if o.json:
        emit_json(summary)
        return
    _report(summary, config)


def _report(summary: dict[str, Any], config: Any) -> None:
    from warehouse.db import connect

    crawls, load = summary["crawls"], summary["load"]
    crawl_table(crawls, "What the crawl did")
    unchanged = sum(c["unchanged"] + c["fresh"] for c in crawls)
    if unchanged:
        console.print(
            f"[green]incremental:[/] {unchanged} pages unchanged since the last run "
            f"({sum(c['fresh'] for c in crawls)} still fresh, not re-requested; "
            f"{sum(c['unchanged'] for c in crawls)} confirmed unchanged by the server); no duplicate records"
        )
    console.print(
        f"warehouse {config.warehouse}: {load['after']['papers']} papers (+{load['new_papers']}), "
        f"{load['after']['citation_edges']} citation edges (+{load['new_edges']}); all data checks passed"
    )
    con = connect(config.warehouse, read_only=True)
    for title, sql in QUERIES.items():
        result = con.execute(sql)
        table(title, [d[0] for d in result.description or []], result.fetchall())
    con.close()
    console.print(f"snapshot: {summary['snapshot']['snapshot']}")
    console.print(f"done in {summary['seconds']}s. Next, try:")
    for command in (
        'citegraph sql "select * from v_wiki_citations limit 10"',
        "citegraph status",
        "citegraph mirror serve   # then browse the mirror, or crawl it with --hostmap",
    ):
        console.print(f"  {command}", highlight=False)
