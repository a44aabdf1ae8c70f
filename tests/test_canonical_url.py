"""The URL shortcuts (canonical_url's plain links, pith_target's own paths, arxiv_from_url's test for its host) give
exactly what the general paths give, on every link we know."""

from __future__ import annotations

import itertools
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mirror.synthetic.site import generate_site
from spiders.normalize.ids import (
    _URL_PAIR,
    FOLDED,
    _arxiv_match,
    _canonical_url,
    _pith_target_general,
    _pith_target_uncached,
    arxiv_from_url,
    canonical_url,
    pith_target,
)
from spiders.pages.common import Page, _page_type_general, page_type_of
from spiders.pages.pith_hub import _citing_of
from spiders.pages.registry import parse_page
from spiders.records import CrawlError

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


def test_a_malformed_link_is_kept_as_written() -> None:
    """A port that is no number or a broken IPv6 host raises in ``urllib``: the link is kept as written, and the
    page it is on still parses (one bad link once cost a whole page: a ``parser_exception`` record)."""
    assert canonical_url(" https://arxiv.org:44x3/abs/1 ") == "https://arxiv.org:44x3/abs/1"
    assert canonical_url("http://[::1/x") == "http://[::1/x"
    assert canonical_url("/a:b", "http://[::1/") == "/a:b"
    page = MIRROR / "pith.science" / "paper" / "1906.01820.html"
    body = page.read_bytes().replace(b'href="https://arxiv.org/abs/', b'href="https://arxiv.org:44x3/abs/', 1)
    records = parse_page("https://pith.science/paper/1906.01820", body, "text/html")
    assert not [r for r in records if isinstance(r, CrawlError)]
    unchanged = parse_page("https://pith.science/paper/1906.01820", page.read_bytes(), "text/html")
    assert [type(r) for r in records] == [type(r) for r in unchanged]


PITH_PATHS = [
    "/paper/1906.01820",
    "/paper/1906.01820v3/",
    "/paper/1906.018201",
    "/ref/arxiv/hep-th/9901001v2",
    "/ref/arxiv/math.AG/0101001",
    "/ref/arxiv/math.ag/0101001",
    "/paper/ABCDEFGH",
    "/paper/23456723",
    "/paper/ABCDEFGHI",
    "/paper/abcdefgh",
    "/pith/ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "/pith/ABCDEFGHIJKLMNOPQRSTUVWXYZ.json",
    "/pith/ABCDEFGHIJKLMNOPQRSTUVWXYZ/bundle.json/",
    "/pith/ABCDEFGHIJKLMNOPQRSTUVWXY1",
    "/citations/53ef86a0-5bd8-423a-a7af-6abc1fe062c3",
    "/citations/53ef86a0-5bd8-423a-a7af-6abc1fe062c3/",
    "/citations/53EF86A0-5bd8-423a-a7af-6abc1fe062c3",
    "/citations/53ef86a0-5bd8-423a-a7af-6abc1fe062c3//",
    "/paper/1906.01820\n",
    "/paper/1906.01820?x=1",
    "/paper/1906.01820#f",
    "/paper/1906.01820;p",
    "/paper/1906.01820 ",
    "/abs/1906.01820",
    "/x/arxiv.org/abs/1906.01820",
    "/",
    "",
]
ORIGINS = [
    "https://pith.science",
    "http://pith.science",
    "https://www.pith.science",
    "https://pith.science:8080",
    "https://pith.sciencex",
    "https://arxiv.org",
    "HTTPS://pith.science",
]


def test_pith_target_shortcut_equals_the_general_path(synthetic_links: list[str]) -> None:
    """A URL of the site's own origin is read with one pattern; what it gives is what the general path gives."""
    urls = {origin + path for origin, path in itertools.product(ORIGINS, PITH_PATHS)}
    for href, base in itertools.product(_links() + synthetic_links, [None, "https://pith.science/paper/1"]):
        urls.update((href, canonical_url(href, base)))
    shortcut = 0
    for url in sorted(urls):
        assert _pith_target_uncached(url) == _pith_target_general(url), url
        shortcut += url.startswith("https://pith.science/") and bool(_pith_target_general(url))
    assert shortcut > 100  # the shortcut was taken (its paths hold identifiers)


def test_page_type_shortcut_equals_the_general_path(synthetic_links: list[str]) -> None:
    """``page_type_of`` types the site's own paths from ``pith_path_ids``; the general path gives the same types."""
    urls = {origin + path for origin, path in itertools.product(ORIGINS, PITH_PATHS)}
    for href, base in itertools.product(_links() + synthetic_links, [None, "https://pith.science/paper/1"]):
        urls.update((href, canonical_url(href, base)))
    types = set()
    for url in sorted(urls):
        assert page_type_of.__wrapped__(url) == _page_type_general(url), url
        types.add(page_type_of(url))
    assert {"pith-hub", "pith-paper", "pith-number", "pith-json", "wiki-article", None} <= types


def test_citing_ids_shortcut_equals_pith_target(synthetic_links: list[str]) -> None:
    """A hub entry's citing ids read from ``pith_path_ids`` are what ``pith_target`` gives the link."""
    urls = {origin + path for origin, path in itertools.product(ORIGINS, PITH_PATHS)}
    urls.update(canonical_url(href, "https://pith.science/paper/1") for href in _links() + synthetic_links)
    named = 0
    for url in sorted(urls):
        target = pith_target(url)
        expected = (target.get("arxiv"), target.get("pith"), url) if target.get("arxiv") or target.get("pith") else None
        assert _citing_of.__wrapped__(url) == expected, url
        named += expected is not None
    assert named > 100


def test_arxiv_from_url_skips_only_urls_without_a_match(synthetic_links: list[str]) -> None:
    """``arxiv_from_url`` gives up early on ASCII text without ``arxiv.org/``: only where the pattern cannot match."""
    texts = (
        _links()
        + synthetic_links
        + [
            "https://ARXIV.ORG/abs/1906.01820",
            "https://arxiv.org/ abs/1906.01820v2",
            "https://arx iv.org/pdf/hep-th/9901001.pdf",
            "https://arxıv.org/abs/1906.01820",  # a dotless i: IGNORECASE matches it (non-ASCII: no early exit)
            "https://arxiv.org/format/1906.01820",
        ]
    )
    found = 0
    for text in texts:
        compact = "".join(text.split())
        expected = _arxiv_match((_URL_PAIR[0], _URL_PAIR[0]), compact, None)  # the IGNORECASE pattern itself
        expected = (expected[0].removesuffix(".pdf"), expected[1]) if expected else None
        assert arxiv_from_url(text) == expected, text
        found += expected is not None
    assert found >= 5
    assert FOLDED[_URL_PAIR[0]] is _URL_PAIR[1]


def test_match_url_plain_path_equals_urlsplit() -> None:
    """``wiki_article.match_url`` reads a plain URL without ``urlsplit``: the same key as the general path gives, on
    URLs built from each part's edges (port, upper case, query, fragment, parameters, white space, no host)."""
    import itertools
    from urllib.parse import urlsplit

    from spiders.pages.wiki_article import match_url

    def general(url: str) -> str:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
        return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}".lower()

    heads = ["https://", "http://", "ftp://", "https:/", " https://", ""]
    hosts = ["www.a.org", "a.org", "A.org", "a.org:80", "www.", "", "x-y.z"]
    paths = ["", "/", "/P/q/", "/a;b", "/a?b=1", "/a#f", "/a b", "//x", "/www.", "/É", "/a "]
    for head, host, path in itertools.product(heads, hosts, paths):
        if url := head + host + path:
            assert match_url.__wrapped__(url) == general(url), url


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=30) | st.sampled_from(["İstanbul", "Kelvin K", "Ⅻ ½ ²", "Straße", "ǅ", "ﬁne", "Å"]))
def test_title_key_is_the_ascii_alphanumerics_of_the_folded_title(title: str) -> None:
    """``title_key`` keeps ``[a-z0-9]`` of the NFKD-folded, lower-cased title: what the generator it replaced kept
    (``isalnum`` and ASCII), letters that lower-case into ASCII (``İ``, the Kelvin sign) and ligatures included."""
    import unicodedata

    from spiders.normalize.ids import title_key

    folded = unicodedata.normalize("NFKD", title).lower()
    assert title_key(title) == ("".join(ch for ch in folded if ch.isalnum() and ord(ch) < 128) or None)
