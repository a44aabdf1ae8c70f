"""canonical_url's plain-link shortcut gives exactly what the general path gives, on every link we know."""

from __future__ import annotations

import itertools
from pathlib import Path

import lxml.html
import pytest

from mirror.synthetic.site import generate_site
from spiders.normalize.ids import _canonical_url, canonical_url
from spiders.pages.common import Page

MIRROR = Path(__file__).resolve().parents[1] / "mirror" / "sites"
BASES = [
    "https://pith.science/paper/1906.01820",
    "https://www.pith.science/citations/53ef86a0-5bd8-423a-a7af-6abc1fe062c3?utm_source=x#top",
    "https://www.longtermwiki.com/wiki/E198",
    "http://pith.science:8080/a/b/",
    "https://pith.science",
    "HTTPS://Pith.Science/Paper/X",
    "http://arxiv.org/abs/1234.5678",
]
EDGE = [
    "/paper/1",
    "/a/../b/./c",
    "/a//b",
    "//www.pith.science/x",
    "https://WWW.Pith.Science/x?utm_source=1&a=2#frag",
    "https://www.pith.science/paper/1906.01820",
    "http://pith.science/x",
    "http://longtermwiki.com/wiki/E1",
    "https://arxiv.org",
    "https://arxiv.org/abs/1906.01820v3",
    "https://arxiv.org/a;b",
    "https://arxiv.org./x",
    "https://user@arxiv.org/x",
    "https://arxiv.org:443/x",
    "https:x",
    "https:///y",
    "mailto:a@b",
    "x/y",
    "../z",
    "?q=1",
    "#f",
    "",
    " /lead",
    "/p?",
    "/p/.",
    "/%7Euser/é",
    "javascript:void(0)",
    "/\t/evil.example/x",
    "/\\evil.example",
    "/a?b=1#c",
    "/;p",
]


def _links() -> list[str]:
    hrefs: set[str] = set(EDGE)
    for path in MIRROR.rglob("*.html"):
        hrefs.update(str(h) for h in lxml.html.fromstring(path.read_bytes()).xpath("//a/@href"))
    return sorted(hrefs)


@pytest.fixture(scope="module")
def synthetic_links(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    site = tmp_path_factory.mktemp("site")
    generate_site(site, 200)
    hrefs: set[str] = set()
    for path in site.rglob("*.html"):
        hrefs.update(str(h) for h in lxml.html.fromstring(path.read_bytes()).xpath("//a/@href"))
    return sorted(hrefs)


def test_shortcut_equals_the_general_path(synthetic_links: list[str]) -> None:
    links = _links() + synthetic_links
    assert len(links) > 300
    for href, base in itertools.product(links, [None, *BASES]):
        assert canonical_url(href, base) == _canonical_url(href, base), (href, base)


def test_page_links_join_the_page_url(synthetic_links: list[str]) -> None:
    """``Page.absolute`` joins a path to the page's origin (memoised across pages): the same URL as joining it to
    the page's own URL, for every link on every base, and the site's default base for a page without a URL."""
    links = _links() + synthetic_links
    bases = [*BASES, "https://pith.science/paper/1906.01820?a=1;b", "https://pith.science/a/b/c/", "x/y", "x/z", ""]
    for base in bases:  # (bases of the same origin share its memo: later ones read what earlier ones joined)
        page = Page(base)
        for href in links:
            assert page.absolute(href) == canonical_url(href, base or "https://pith.science/"), (href, base)


def test_known_answers() -> None:
    assert canonical_url("/paper/1", "https://www.pith.science/x?y=1") == "https://pith.science/paper/1"
    assert canonical_url("http://longtermwiki.com/wiki/E1") == "https://www.longtermwiki.com/wiki/E1"
    assert canonical_url("https://arxiv.org") == "https://arxiv.org/"
    assert canonical_url("http://arxiv.org/abs/1") == "http://arxiv.org/abs/1"
