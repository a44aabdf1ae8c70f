"""``citegraph mirror``: serve (and build) the offline mirror."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from mirror.server import DEFAULT_ROOT, MirrorServer, hostmap_text


@click.group()
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
    """Serve until interrupted; prints one `<real host> <local base URL>` line per site.

    Point a crawl at it with `citegraph crawl --hostmap "$(...)"` or CITEGRAPH_HOSTMAP.
    """
    server = MirrorServer(Path(root), port=port)
    try:
        hostmap = server.start()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on port {port}: {exc.strerror}") from exc
    click.echo(hostmap_text(hostmap))
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
    from mirror.build import build

    build(Path(shared))
    click.echo(f"mirror written to {DEFAULT_ROOT}")


@mirror.command("generate")
@click.option("--papers", type=int, default=5000, show_default=True, help="Paper pages to generate.")
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same site.")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Folder to write the site into.")
def mirror_generate(papers: int, seed: int, out: str) -> None:
    """Generate a synthetic Pith site in the mirror's markup; serve it with `mirror serve --root OUT`."""
    from mirror.synthetic.site import generate_site

    counts = generate_site(Path(out), papers, seed)
    click.echo(
        f"wrote {counts['paper_pages']} paper pages, {counts['hub_pages']} hub pages "
        f"({counts['references']} references) to {out}"
    )
