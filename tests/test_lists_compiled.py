"""A page's lists compiled (spiders/pages/_lists.pyx) give exactly what their Python functions give: the reference
list (``pith_refs.PYTHON_REFERENCE_ENTRIES``), the forward citations (``pith_paper.PYTHON_FORWARD_CITATIONS``) and
the navigation links (``common.PYTHON_NAVIGATION_LINKS``), on every page of the mirror, the fixtures and a generated
site that has them, and on blocks built from what each of their tests branches on."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mirror.synthetic.site import generate_site
from spiders.pages import common, pith_hub, pith_number, pith_paper, pith_refs
from spiders.pages.blocks import Block, Link
from spiders.pages.common import Page
from spiders.pages.registry import clear_caches, parse_page
from spiders.records import ForwardCitation, Reference

ROOT = Path(__file__).resolve().parents[1]
try:  # directly, not ``pith_refs._COMPILED``: CITEGRAPH_PURE_PYTHON turns that off, not this test
    from spiders.pages import _lists
except ImportError:
    _lists = None  # type: ignore[assignment]

pytestmark = pytest.mark.skipif(
    _lists is None and not (shutil.which("cc") or shutil.which("gcc")),
    reason="no C compiler: the compiled lists are not built",
)
PROV = {"source_url": "u", "canonical_url": "u", "run_id": "r", "fetched_at": "2026-11-23T00:00:00Z"}


def test_the_install_built_the_compiled_lists() -> None:
    assert _lists is not None, "spiders.pages._lists is missing: run pip install -e . (setup.py builds it)"
    assert pith_refs.parse_reference_entries is _lists.reference_entries
    assert pith_paper.forward_citations is _lists.forward_citations
    assert common.navigation_links is _lists.navigation_links
    assert pith_paper.split_sections is pith_hub.split_sections is _lists.split_sections


def _same(page: Page, blocks: list[Block], citing: str | None = "1906.01820", pith: str | None = None) -> None:
    assert _lists is not None
    expected = pith_refs.PYTHON_REFERENCE_ENTRIES(page, citing, blocks, pith)
    made = _lists.reference_entries(page, citing, blocks, pith)
    assert made == expected
    assert all(type(r) is Reference for r in made)
    forward = _lists.forward_citations(page, citing, blocks)
    assert forward == pith_paper.PYTHON_FORWARD_CITATIONS(page, citing, blocks)
    assert all(type(r) is ForwardCitation for r in forward)
    hrefs = [x.href for b in blocks for x in b.links]
    assert _lists.block_hrefs(blocks) == common.PYTHON_BLOCK_HREFS(blocks) == hrefs
    assert _lists.navigation_links(page, hrefs) == common.PYTHON_NAVIGATION_LINKS(page, hrefs)
    for names in (pith_paper.SECTIONS, pith_hub.SECTIONS, pith_number.SECTIONS, ("[1]", "-", "2010")):
        for counted in ((), pith_paper.COUNTED, ("[1]", "discussion", "reference graph")):
            split = _lists.split_sections(blocks, names, counted)
            assert split == pith_hub.PYTHON_SPLIT_SECTIONS(blocks, names, counted)
            assert all(type(v) is list for v in split.values())


def _page_lists(tmp_path: Path) -> list[tuple[Page, list[Block]]]:
    """Each page's reference list and forward citations as the page parser hands them over (their blocks, captured
    on the way), and each page's blocks whole (every link of the page, for its navigation)."""
    site = tmp_path / "site"
    generate_site(site, 150)
    pages = [
        *sorted((ROOT / "mirror" / "sites").rglob("*.html")),
        *sorted((ROOT / "tests" / "fixtures").rglob("*.html")),
        *sorted((site / "pith.science").rglob("*.html")),
        *sorted((site / "www.longtermwiki.com").rglob("*.html"))[:50],
    ]
    seen: list[tuple[Page, list[Block]]] = []

    def capture(page: Page, citing: Any, blocks: list[Block], pith: Any = None) -> list[Any]:
        seen.append((page, blocks))
        return []

    with pytest.MonkeyPatch.context() as patch:
        for name in ("pith_paper.parse_reference_entries", "pith_number.parse_reference_entries"):
            patch.setattr(f"spiders.pages.{name}", capture)
        patch.setattr("spiders.pages.pith_paper.forward_citations", capture)
        for path in pages:
            host, folder = path.parent.parent.name, path.parent.name
            url = f"https://{host}/{folder}/{path.stem}" if host in ("pith.science", "www.longtermwiki.com") else ""
            parse_page(url, path.read_bytes(), "text/html")
            seen.append((Page(url, None, PROV), _blocks_of(path)))
    return seen


def _blocks_of(path: Path) -> list[Block]:
    from spiders.pages.blocks import html_blocks, parse_html

    root = parse_html(path.read_bytes())
    return html_blocks(root) if root is not None else []


def test_compiled_lists_of_real_and_generated_pages(tmp_path: Path) -> None:
    lists = _page_lists(tmp_path)
    assert len(lists) > 400 and sum(len(blocks) for _, blocks in lists) > 30_000
    for page, blocks in lists:
        clear_caches()  # each side finds the memos as cold as the other
        _same(page, blocks)


LINES = [
    "-", "[1]", "[12]", "[]", "[x]", "[", "]", "[١]", "- [3] Smith. A title. 2019.", "- [4]", "[5] rest",
    "work page 2010", "work page internal anchor Pith review Pith/arXiv arXiv 2010", "2010", "2010 arXiv", "DOI",
    "Pith review", "19", "A Title Line", "Smith, J. and Doe, K. A study of things. In Proc. 2019.",
    "URL https://x.org/a", "https://arxiv.org/abs/1906.01820", "and the rest, 2019.", "arXiv:1906.01820",
    "continued tail.", "Lee. Title.ICML 2010, 2010. URLhttps://arxiv.org/abs/1001.10015", "- A citing work",
    "- ", "-x", "A summary line.", "Reference graph", "FORWARD CITATIONS", "the pith", "Discussion",
    "discussion (0)", "Discussion (12)", "discussion ()", "discussion (3a)", "discussion  (3)", "discussion (٣)",
    "reference graph (35)", "(3)", " (3)", "discussion (0) x", "discussion (3", "٢٠١٠ arXiv", "²010", "- [", "work",
    "Pit", "DO", "arXi",
]  # fmt: skip
HREFS = [
    "/paper/1001.10006", "/ref/arxiv/1001.10006", "/citations/39527b37-7fef-40cc-bb67-b7c75d06ec05",
    "https://arxiv.org/abs/1001.10006v2", "/pith/ABCDEFGHIJKLMNOPQRSTUVWXYZ", "/paper/ABCDEFGH", "https://x.org/a?b=1",
    "#top", "mailto:a@b.c", "https://pith.science/paper/1906.01820", "/paper/1906.01820", "https://www.longtermwiki.com/wiki/E1",
    "/wiki/E1/data", "//pith.science/paper/1001.10006",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(LINES), st.lists(st.sampled_from(HREFS), max_size=3)),
        max_size=30,
    ),
    st.sampled_from([None, "1906.01820"]),
    st.sampled_from([None, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]),
)
def test_compiled_reference_lists_of_built_blocks(
    lines: list[tuple[str, list[str]]], citing: str | None, pith: str | None
) -> None:
    """Marks, numbers alone and with their text, badge lines, titles, split entries, citing works and links of each
    kind, the page's own among them."""
    page = Page("https://pith.science/paper/1906.01820", None, PROV)
    blocks = [Block(text, "p", [Link(href, "x") for href in hrefs]) for text, hrefs in lines]
    _same(page, blocks, citing, pith)
    # blocks and links of other classes: their fields are read by name, not at Block's and Link's slots
    others = [_OtherBlock(text, "p", [_OtherLink(href, "x") for href in hrefs]) for text, hrefs in lines]
    _same(page, others, citing, pith)


class _OtherBlock(Block):
    """A subclass: what ``_lists`` reads at ``Block``'s slots, it must ask it for."""


class _OtherLink(Link):
    pass


def test_a_counted_heading_is_its_heading() -> None:
    """``discussion (0)`` ends a paper's reference graph as ``discussion`` does; other lines stay lines."""
    lines = ["Reference graph", "[1] A. Title. 2019.", "Discussion (3)", "a comment", "reference graph (2)", "x"]
    blocks = [Block(text, "p") for text in lines]
    for split in (_lists.split_sections, pith_hub.PYTHON_SPLIT_SECTIONS):
        sections = split(blocks, pith_paper.SECTIONS, pith_paper.COUNTED)
        assert [b.text for b in sections["reference graph"]] == ["[1] A. Title. 2019."]
        assert [b.text for b in sections["discussion"]] == ["a comment", "reference graph (2)", "x"]
        assert "discussion" not in split(blocks, pith_paper.SECTIONS)


CONTINUATION_PIECES = [
    "URL", "url ", "Url\u00a0", "https://", "HTTP://", "hTTpſ://", "http://", "www.", "WWW.", "doi:", "DOİ:", "doı:",
    "10.", "1234", "12345678", "1234567890", "١٢٣٤", "/", "x.org/a", " ", "  ", "\t", "\u2003", "word", "Word", "(a)",
    "a", "0", ".", ",", "-", "\u2013", "?", "!", "é", "K", "\n",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(CONTINUATION_PIECES), max_size=8).map("".join),
    st.lists(st.sampled_from(CONTINUATION_PIECES), max_size=10).map("".join),
)
def test_compiled_continuation_of_built_lines(previous: str, current: str) -> None:
    """A link's tail after ``URL`` or not, in any case (letters that fold to ASCII ones, other scripts' digits and
    white space included), DOIs of 4-9 digits, a few words or more, and the ends of the line before."""
    from spiders.normalize.references import is_continuation

    assert _lists.is_continuation(previous, current) == is_continuation(previous, current)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40), st.text(max_size=60))
def test_compiled_continuation_of_any_text(previous: str, current: str) -> None:
    from spiders.normalize.references import is_continuation

    assert _lists.is_continuation(previous, current) == is_continuation(previous, current)


@pytest.mark.skipif(pith_refs._COMPILED is None, reason="the parsers run in Python (CITEGRAPH_PURE_PYTHON)")
def test_clear_caches_empties_the_compiled_memos() -> None:
    """``bench/parse.py`` measures a page as met for the first time: the memos of page types, links and badge lines
    kept in C are emptied with the parsers' others."""
    page = ROOT / "mirror" / "sites" / "pith.science" / "paper" / "1906.01820.html"
    clear_caches()
    parse_page("https://pith.science/paper/1906.01820", page.read_bytes(), "text/html")
    sizes = _lists.memo_sizes()
    assert sizes["page_types"] and sizes["link_targets"] and sizes["badge_lines"] and sizes["title_lines"]
    clear_caches()
    assert not any(_lists.memo_sizes().values())


LINK_PIECES = [
    "https://", "http://", "HTTPS://", "//", "/", "/.", ".", "..", "pith.science", "www.pith.science",
    "longtermwiki.com", "www.longtermwiki.com", "arxiv.org", "Arxiv.org", "doi.org", "x-y.org", ":443", ":8080",
    "/paper/", "/ref/arxiv/", "/citations/", "/wiki/E1", "/data", "1906.01820", "v2", "?a=1", "#top", ";x", " ",
    "\u00a0", "\u2003", "é", "_", "%20", "~", "mailto:", "a", "B", "0", "://", "/pith/", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ".json", "/bundle.json", "/paper/ABCDEFGH", "39527b37-7fef-40cc-bb67-b7c75d06ec05",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(LINK_PIECES), max_size=8).map("".join),
    st.sampled_from(["https://pith.science/paper/1906.01820", "https://www.longtermwiki.com/wiki/E1", "", "x"]),
)
def test_compiled_links_of_built_hrefs(href: str, url: str) -> None:
    """A link joined in C is the URL ``Page.absolute`` makes of it, and memoised as it memoises it; a URL whose host
    is neither site's has no page type."""
    clear_caches()
    made = _outcome(lambda: _lists.absolute_link(Page(url, None, PROV), href))
    joined = dict(common._JOINED)
    clear_caches()
    assert made == _outcome(lambda: Page(url, None, PROV).absolute(href))
    assert joined == common._JOINED
    for link in (href, made):
        expected = _outcome(lambda link=link: common.page_type_of.__wrapped__(link))
        assert _outcome(lambda link=link: _lists.page_type(link)) == expected
        if _lists.has_no_page_type(link):
            assert expected in (None, "ValueError")


def _outcome(fn: Any) -> Any:
    try:
        return fn()
    except ValueError:
        return "ValueError"


def test_compiled_links_of_real_pages() -> None:
    """Every link of the mirror's pages, joined in C and by ``Page.absolute``; the hosts told apart."""
    for path in sorted((ROOT / "mirror" / "sites").rglob("*.html")):
        page_url = f"https://{path.parent.parent.name}/{path.parent.name}/{path.stem}"
        for block in _blocks_of(path):
            for link in block.links:
                clear_caches()
                made = _lists.absolute_link(Page(page_url, None, PROV), link.href)
                clear_caches()
                assert made == Page(page_url, None, PROV).absolute(link.href)
                if _lists.has_no_page_type(made):
                    assert common.page_type_of(made) is None
    sites = ["https://pith.science/paper/1906.01820", "https://www.longtermwiki.com/wiki/E1", "http://pith.science/x"]
    assert not any(_lists.has_no_page_type(u) for u in sites)
    assert all(_lists.has_no_page_type(u) for u in ["https://arxiv.org/abs/1906.01820", "/paper/1", "pith.science"])


BADGE_PIECES = [
    "work page", "internal anchor", "Pith review", "Pith/arXiv", "arXiv", "DOI", "2010", "201", "20101", "٢٠١٠",
    " ", "  ", "\t", "\n", "\u00a0", "x", "Pith", "work", "page", "work  page", "arXivx", "doi", "²010",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(BADGE_PIECES), max_size=8).map("".join))
def test_compiled_badge_lines(line: str) -> None:
    """Badges side by side, apart, run together or cut short, any white space, digits of other scripts, a newline
    at the end (``$``): the badges ``BADGES`` and ``findall`` give, or None."""
    assert _lists.badge_words(line) == pith_refs._badge_line.__wrapped__(line)


INDEX_PIECES = ["- ", "-", "[", "]", "1", "12", "١", "²", " ", "\t", "\n", "rest", "a b", "[3]", "x"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(INDEX_PIECES), max_size=8).map("".join))
def test_compiled_numbered_lines(line: str) -> None:
    """A numbered line's number and rest, read in C as ``INDEX`` reads them: a mark before, digits of any script,
    white space of any kind after, and newlines inside the rest and at its end (``.`` and ``$``)."""
    m = pith_refs.INDEX.match(line)
    assert _lists.index_line(line) == ((m["n"], m["rest"]) if m else None)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abcXYZ019 -:,.()\u2019éİK\t", max_size=40) | st.text(max_size=20))
def test_compiled_title_keys(title: str) -> None:
    """A title's key (lower-case ASCII letters and digits of its NFKD form), made in C of ASCII text."""
    from spiders.normalize.ids import title_key

    assert _lists.key_of(title) == (title_key(title) or "")
