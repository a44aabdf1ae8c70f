"""``citegraph demo``: the main job on the embedded mirror."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import click

from mirror.server import MirrorServer, hostmap_text

MIRROR_PAGES = {
    "pith.science": ["/paper/1906.01820"],
    "www.longtermwiki.com": [
        "/robots.txt",
        "/sitemap.xml",
        "/knowledge-base/models/mesa-optimization-analysis",
        "/wiki/E198/data",
    ],
}


@click.command()
def demo() -> None:
    """Serve the embedded mirror on localhost and fetch every page of it over HTTP."""
    started = time.monotonic()
    with MirrorServer() as server:
        hostmap = server.hostmap()
        click.echo("Mirror of the real sites, serving on localhost:\n" + hostmap_text(hostmap))
        fetched = 0
        for host, base in hostmap.items():
            paths = list(MIRROR_PAGES.get(host, []))
            paths += [p for p in _site_paths(server, host) if p not in paths]
            for path in paths:
                status, size, final = _fetch(base + path)
                fetched += 1
                shown = f" -> {final.removeprefix(base)}" if final.removeprefix(base) != path else ""
                click.echo(f"  {status} {size:>7,} B  https://{host}{path}{shown}")
    click.echo(f"Fetched {fetched} pages over HTTP in {time.monotonic() - started:.1f}s.")


def _site_paths(server: MirrorServer, host: str) -> list[str]:
    root = server.root / host
    paths = []
    for file in sorted(root.rglob("*.html")):
        paths.append("/" + str(file.relative_to(root)).removesuffix(".html"))
    return paths


def _fetch(url: str) -> tuple[int, int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, len(response.read()), response.geturl()
    except urllib.error.HTTPError as exc:
        return exc.code, 0, url
