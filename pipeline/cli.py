"""The ``citegraph`` command.

citegraph crawls Pith (pith.science) and the Longterm Wiki with Scrapy, parses what it fetches into
typed records, and loads them into a DuckDB warehouse where every paper is one row.

Start with ``citegraph demo``: it serves the embedded offline mirror of real pages on localhost and
runs the whole job against it.
"""

from __future__ import annotations

import sys
import time

import click

from mirror.server import DEFAULT_ROOT, MirrorServer, hostmap_text


@click.group(help=__doc__)
@click.version_option(package_name="citegraph")
def cli() -> None:
    """citegraph: the scholarly citation graph, scraped into DuckDB."""


@cli.group()
def mirror() -> None:
    """The offline mirror of real pages (and generated sites), served on localhost."""


@mirror.command("serve")
@click.option(
    "--port",
    type=int,
    default=0,
    show_default=True,
    help="First port; each further site takes the next one. 0 picks free ports.",
)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False),
    default=str(DEFAULT_ROOT),
    show_default="the embedded mirror",
    help="Folder of <real host>/ site trees.",
)
def mirror_serve(port: int, root: str) -> None:
    """Serve the mirror until interrupted; prints one `<real host> <local base URL>` line per site."""
    from pathlib import Path

    server = MirrorServer(Path(root), port=port)
    try:
        hostmap = server.start()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on port {port}: {exc.strerror}") from exc
    click.echo(hostmap_text(hostmap), nl=True)
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@mirror.command("build")
@click.option(
    "--shared",
    type=click.Path(exists=True, file_okay=False),
    required=True,
    help="The shared folder holding seeds/ (and seeds/context/).",
)
def mirror_build(shared: str) -> None:
    """Re-render the embedded mirror from the seed pages."""
    from pathlib import Path

    from mirror.build import build

    build(Path(shared))
    click.echo(f"mirror written to {DEFAULT_ROOT}")


def main() -> None:
    """Console-script entry point."""
    from pipeline.demo import demo
    from pipeline.parse_cmd import parse_cmd

    cli.add_command(demo)
    cli.add_command(parse_cmd)
    cli(prog_name="citegraph")


if __name__ == "__main__":
    main()
