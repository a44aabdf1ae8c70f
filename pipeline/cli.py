"""citegraph: the scholarly citation graph, scraped into DuckDB.

\b
citegraph crawls Pith (pith.science) and the Longterm Wiki with Scrapy, lands typed records as JSON
lines, and loads them into a DuckDB warehouse where every paper is one row however many pages and
sites mention it. Flows run on Prefect.

\b
Start here:   citegraph demo            (serves the embedded offline mirror and runs the whole job on it)
Then:         citegraph sql "select * from v_most_cited limit 10"
              citegraph status
\b
Data lives in <project>/.citegraph/ when a citegraph.toml is found from the current folder upwards,
else in the per-user data directory; --home / CITEGRAPH_HOME (and --warehouse / CITEGRAPH_WAREHOUSE,
CITEGRAPH_LANDING, CITEGRAPH_STATE, CITEGRAPH_SNAPSHOTS) override it.
"""

from __future__ import annotations

from typing import Any

import click

from pipeline.config import Config, load_config


class Ctx:
    """What every command gets: the resolved config and the output mode."""

    def __init__(self, config: Config, as_json: bool) -> None:
        self.config = config
        self.json = as_json


@click.group(help=__doc__, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="citegraph")
@click.option("--home", envvar="CITEGRAPH_HOME", help="Data folder (warehouse, landing, crawl state, snapshots).")
@click.option("--warehouse", envvar="CITEGRAPH_WAREHOUSE", help="The DuckDB file (default <home>/citegraph.duckdb).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def cli(ctx: click.Context, home: str | None, warehouse: str | None, as_json: bool) -> None:
    """citegraph."""
    ctx.obj = Ctx(load_config({"home": home, "warehouse": warehouse}), as_json)


def main() -> None:
    """Console-script entry point: known failures become one line and a non-zero exit code."""
    import duckdb

    from pipeline import commands, demo, mirror_cmd, schedule
    from pipeline.output import fail
    from pipeline.parse_cmd import parse_cmd
    from pipeline.steps import ChecksFailed, CrawlFailed
    from warehouse.db import WarehouseBusy

    for command in (*commands.ALL, demo.demo, mirror_cmd.mirror, schedule.schedule, parse_cmd):
        cli.add_command(command)
    try:
        cli(prog_name="citegraph", standalone_mode=True)
    except (WarehouseBusy, CrawlFailed, ChecksFailed, FileNotFoundError) as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(f"DuckDB: {str(exc).splitlines()[0]}")


def obj(ctx: click.Context) -> Any:
    """The command's Ctx."""
    return ctx.find_object(Ctx)


if __name__ == "__main__":  # `python -m pipeline.cli`: run the imported module, not a second copy of it
    import pipeline.cli

    pipeline.cli.main()
