"""Shared fixtures: the seed files and a running mirror server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mirror.server import MirrorServer

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
ROUTES = json.loads((Path(__file__).parents[1] / "mirror" / "sites" / "routes.json").read_text())


def hub_path(arxiv: str) -> str:
    """Mirror path of the hub of the work with this arXiv id."""
    return f"/citations/{ROUTES['hubs'][arxiv]['uuid']}"


# seed file -> (real host, path): where the mirror serves that page.
SEED_PAGES = {
    "000_9e251e4c222c9838.txt": ("pith.science", hub_path("1606.06565")),
    "001_cc81626da60f529d.txt": ("pith.science", hub_path("1805.00899")),
    "004_3748014a930ff1cc.txt": ("pith.science", hub_path("1803.04585")),
    "003_e4672e15fab3c738.txt": ("pith.science", "/paper/1906.01820"),
    "002_eda5f7c2b1485344.txt": ("www.longtermwiki.com", "/wiki/E198"),
}


@pytest.fixture(scope="session")
def mirror() -> Iterator[MirrorServer]:
    """The embedded mirror, served on free localhost ports for the whole test session."""
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="session")
def wiki_context() -> dict[str, object]:
    """The real links and resource ids of wiki seed 002."""
    data: dict[str, object] = json.loads((SEEDS / "002_wiki_E198_links.json").read_text())
    return data


@pytest.fixture(scope="session")
def mirror_landing(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A real crawl of the mirror (pith from 1906.01820 at depth 1, wiki from the sitemap): run folders by spider."""
    from tests.crawl_helpers import crawl

    tmp = tmp_path_factory.mktemp("mirror-crawl")
    with MirrorServer() as server:
        pith, _ = crawl(tmp, "pith", server.hostmap(), seeds=["1906.01820"], depth=1)
        wiki, _ = crawl(tmp, "wiki", server.hostmap())
    assert pith.ok and wiki.ok
    return {"pith": pith.run_dir, "wiki": wiki.run_dir, "landing": tmp / "landing"}
