"""``citegraph parse PATH``: what a parser makes of a saved page, as JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from spiders.pages.registry import PAGE_TYPES, parse_page
from spiders.records import to_json_dict

CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".json": "application/json"}


@click.command("parse")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option(
    "--type",
    "page_type",
    type=click.Choice(["auto", *PAGE_TYPES]),
    default="auto",
    show_default=True,
    help="Page type; auto decides from the URL or the content.",
)
@click.option("--url", default="", help="The page's real URL (its identity: hub uuid, arXiv id, E-number).")
def parse_cmd(path: str, page_type: str, url: str) -> None:
    """Print the records a parser makes of PATH (HTML, a plain-text rendering, or JSON), one JSON per line."""
    body = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    content_type = CONTENT_TYPES.get(Path(path).suffix.lower())
    for record in parse_page(url, body, content_type, page_type):
        click.echo(json.dumps(to_json_dict(record), ensure_ascii=False, default=str))
