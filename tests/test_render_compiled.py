"""The compiled block renderer (spiders/pages/_render.pyx) renders every page exactly as the Python one does:
the same blocks, tags, links and opening elements, whole and cut short by ``enough``."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mirror.synthetic.site import generate_site
from spiders.pages import blocks
from spiders.pages.blocks import Block, parse_html, python_blocks

ROOT = Path(__file__).resolve().parents[1]
try:  # directly, not ``blocks._COMPILED``: CITEGRAPH_PURE_PYTHON turns that off, not this test
    from spiders.pages import _render
except ImportError:
    _render = None  # type: ignore[assignment]


def _have_compiler() -> bool:
    return bool(shutil.which("cc") or shutil.which("gcc"))


pytestmark = pytest.mark.skipif(
    _render is None and not _have_compiler(), reason="no C compiler: the compiled renderer is not built"
)


def test_the_install_built_the_compiled_renderer() -> None:
    """With a C compiler on the machine pip builds it: a failed build must not pass unnoticed as a slow parse."""
    assert _render is not None, "spiders.pages._render is missing: run pip install -e . (setup.py builds it)"


def _key(bs: list[Block]) -> list[tuple[str, str, Any, Any]]:
    return [(b.text, b.tag, b.links, b.element) for b in bs]


def _same(root: Any, enough: Callable[[list[Block]], bool] | None = None) -> None:
    assert _render is not None
    expected = _key(python_blocks(root, enough))
    made = _render.render(root, enough, Block, blocks.Link)
    assert _key(made) == expected
    assert all(type(b) is Block for b in made)  # made in C, through the slots: still Blocks
    assert all(type(x) is blocks.Link for b in made for x in b.links)  # and Links


def _pages(tmp_path: Path) -> list[Path]:
    site = tmp_path / "site"
    generate_site(site, 120)
    return [
        *sorted((ROOT / "mirror" / "sites").rglob("*.html")),
        *sorted((ROOT / "tests" / "fixtures").rglob("*.html")),
        *sorted(site.rglob("*.html")),
    ]


def test_every_page_renders_the_same(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    assert len(pages) > 150
    for path in pages:
        body = path.read_bytes()
        for cut in (len(body), len(body) // 2, len(body) // 7):  # cut pages: unclosed elements, half a table
            root = parse_html(body[:cut], utf8=True)
            if root is None:
                continue
            _same(root)
            for k in (1, 2, 5, 40):
                _same(root, lambda bs, k=k: len(bs) >= k)


CRAFTED = [
    # a block closing inside a link (the link's text is what the parts list holds when the link ends)
    b"<p>a <a href='/x'>one<div>two</div>three <b>four</b></a> five</p>",
    b"<ul><li></li><li> </li><li>x<!-- c -->y<?pi z?>w</li><li><a href>empty href</a><a>none</a></li></ul>",
    b"<table><tr><th>a</th><th>b<div>c</div></th></tr><tr><td><a href='/t'>t</a> <p>p</p></td><td/></tr>"
    b"<tr>loose<span>x</span></tr><tr></tr><tr><td>d</td><th>h</th></tr></table>tail after",
    b"<div>x<br>y<br/><script>no</script>z<style>no</style><svg><a href='/s'>no</a></svg></div><hr>after",
    b"<h1>caf\xc3\xa9 &amp; &#x2603; &nbsp; \xe2\x80\x83 wide space</h1><p>\xc2\xa0</p><pre>  a\n  b </pre>",
    b"<body>text <fb:like href='/ns'>ns</fb:like> <o:p>office</o:p><template><p>no</p></template></body>",
    # links' hrefs as libxml2 holds them: entities, empty, upper case, twice, namespaced, other attributes first
    b"<p><a href='/a?b=1&amp;c=2'>e</a> <a href='&#47;x&#x2F;y'>n</a> <a href=''>z</a> <a HREF='/up'>u</a>"
    b"<a href='/one' href='/two'>t</a> <a xlink:href='/xl'>x</a> <a id=i class='c' href=\"/d\">d</a>"
    b"<a href='caf\xc3\xa9 \xe2\x98\x83'>s</a> <a href=/bare>b</a></p>",
]


def test_crafted_markup_renders_the_same() -> None:
    for body in CRAFTED:
        root = parse_html(body, utf8=True)
        assert root is not None
        _same(root)
        for k in range(1, 8):
            _same(root, lambda bs, k=k: len(bs) >= k)


_TAGS = ["p", "div", "li", "ul", "a", "span", "b", "br", "tr", "td", "th", "table", "h2", "script", "hr", "em"]


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "el", "el", "comment"] if depth < 4 else ["text", "comment"]))
        if kind == "text":
            parts.append(draw(st.sampled_from(["x", " ", "  y z ", "\u00a0", "\n", "w\u2003v", "&amp;", "é"])))
        elif kind == "comment":
            parts.append("<!-- c -->")
        else:
            tag = draw(st.sampled_from(_TAGS))
            href = " href='/h'" if tag == "a" and draw(st.booleans()) else ""
            closed = draw(st.booleans())
            parts.append(f"<{tag}{href}>{draw(_markup(depth + 1))}" + (f"</{tag}>" if closed else ""))
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup=_markup(), k=st.integers(1, 12))
def test_random_markup_renders_the_same(markup: str, k: int) -> None:
    root = parse_html(f"<html><body>{markup}</body></html>".encode(), utf8=True)
    if root is None:
        return
    _same(root)
    _same(root, lambda bs: len(bs) >= k)


def test_a_renderer_built_against_another_lxml_falls_back_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cython refuses an extension built against an lxml whose element type has another size (ValueError at
    import): the parsers must render in Python, not fail to import."""
    import sys
    from importlib.abc import MetaPathFinder

    class Refuse(MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> None:
            if name == "spiders.pages._render":
                raise ValueError("lxml.etree._Element size changed, may indicate binary incompatibility")

    monkeypatch.delitem(sys.modules, "spiders.pages._render", raising=False)
    monkeypatch.delattr(sys.modules["spiders.pages"], "_render", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Refuse(), *sys.meta_path])
    assert blocks._compiled_renderer() is None
    monkeypatch.setenv("CITEGRAPH_PURE_PYTHON", "1")
    assert blocks._compiled_renderer() is None


WHITE_SPACE = [chr(c) for c in range(0x110000) if chr(c).isspace()]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["a", "é", "\u2603", "\U0001d518", "\x00", *WHITE_SPACE]), max_size=12).map("".join))
def test_collapse_is_split_then_join(text: str) -> None:
    """Every kind of white space, at the ends, in runs, in strings of each width."""
    assert _render is not None
    assert _render.collapse(text) == " ".join(text.split())


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["a", "é", "\u2603", "\U0001d518", "\x00", *WHITE_SPACE]), max_size=6).map("".join),
        max_size=5,
    ),
    st.integers(0, 6),
)
def test_collapse_of_parts_is_join_then_collapse(parts: list[str], start: int) -> None:
    """A block's text nodes, one byte a character or wider, joined and collapsed in one pass."""
    assert _render is not None
    assert _render.collapse_parts(parts, start) == " ".join("".join(parts[start:]).split())


ONE_BYTE_PIECES = ["ab", "c", " ", "  ", "\t", "\x1c", "\x1f", "\x85", "\xa0", "é", "!", "~"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(ONE_BYTE_PIECES), max_size=40))
def test_collapse_of_long_one_byte_text(pieces: list[str]) -> None:
    """One-byte text long enough for the eight-characters-at-a-time test: white space of each kind at the ends,
    side by side within eight characters and across two groups, and bytes past ASCII; clean text is returned as it
    is, and only clean text."""
    assert _render is not None
    text = "".join(pieces)
    collapsed = " ".join(text.split())
    assert _render.collapse(text) == collapsed
    assert (_render.collapse(text) is text) == (collapsed == text)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from([*ONE_BYTE_PIECES, "\u2605", "\u2019 ", "\u3000", "\u2028", "\u0100"]), max_size=40),
    st.sampled_from(["\u2605", "\U0001d518"]),
    st.booleans(),
)
def test_collapse_of_long_wide_text(pieces: list[str], wide: str, first: bool) -> None:
    """The same of two- and four-byte text (a star or a letter past U+FFFF makes it so), four or two characters at
    a time: white space of every width, and groups that hold a character past ASCII."""
    assert _render is not None
    text = wide + "".join(pieces) if first else "".join(pieces) + wide
    collapsed = " ".join(text.split())
    assert _render.collapse(text) == collapsed
    assert (_render.collapse(text) is text) == (collapsed == text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_collapse_on_any_text(text: str) -> None:
    assert _render is not None
    assert _render.collapse(text) == " ".join(text.split())


@dataclass
class _PlainBlock:
    text: str
    tag: str = ""
    links: list[Any] = field(default_factory=list)
    element: object | None = None


def test_a_block_class_without_slots_is_called() -> None:
    """Blocks are made in C only for a slotted class of the four fields; another class is called as before."""
    assert _render is not None
    root = parse_html(CRAFTED[0], utf8=True)
    made = _render.render(root, None, _PlainBlock, blocks.Link)
    assert [type(b) for b in made] == [_PlainBlock] * len(made)
    assert _key(made) == _key(python_blocks(root))  # type: ignore[arg-type]


@dataclass(frozen=True)
class _PlainLink:
    """A link class without slots: ``render`` calls it."""

    href: str
    text: str


def test_a_link_class_without_slots_is_called() -> None:
    """Links are made in C only for a slotted class of the two fields; another class is called as before."""
    assert _render is not None
    root = parse_html(CRAFTED[0], utf8=True)
    made = _render.render(root, None, Block, _PlainLink)
    links = [x for b in made for x in b.links]
    assert links and {type(x) for x in links} == {_PlainLink}
    assert [(x.href, x.text) for x in links] == [(x.href, x.text) for b in python_blocks(root) for x in b.links]


def test_many_distinct_tags_render_the_same() -> None:
    """The renderer keeps each tag's kind by the address of its name: pages with hundreds of distinct names (custom
    elements), which share its slots with the block, link, row and skipped tags, render as the Python renderer
    renders them."""
    custom = "".join(f"<x-{i}>w{i} <a href='/c{i}'>l{i}</a></x-{i}>" for i in range(400))
    body = (
        f"<html><body><ul><li>a{custom}</li><li>b</li></ul><p>p {custom}</p><table><tr><th>h</th><td>d{custom}</td>"
        f"</tr></table><script>s</script><div>e<br>f</div></body></html>"
    ).encode()
    for _ in range(3):
        root = parse_html(body, utf8=True)
        assert root is not None
        _same(root)


QUERIES = [
    ("role", "tooltip", False, None),
    ("id", "ref-", True, "details"),
    ("class", "", True, None),
    ("class", "", False, None),
    ("href", "/", True, "b"),
    ("title", "Credibility", True, None),
    ("id", "cite-", True, None, "a"),
    ("href", "", True, None, "a"),
]
"""``descendants_with``'s arguments as the wiki asks them and at the edges of XPath's rules (a missing attribute is ''
to ``starts-with`` and equal to nothing)."""


def test_tree_readers_on_every_element(tmp_path: Path) -> None:
    """The tree readers read from the C tree (``element_text``, ``first_titled``, ``has_link``, ``source_href``,
    ``descendants_with``, ``first_link_outside``) give
    what their Python originals give, for every element of every page (the wiki's cards and references ask them
    most), of the crafted markup, and of a tree with an entity reference and one with namespaces (both left to the
    Python functions)."""
    assert _render is not None
    for name in blocks.PYTHON_TREE_READERS:
        assert getattr(blocks, name) is getattr(_render, name)
    roots = [parse_html(path.read_bytes()) for path in _pages(tmp_path)]
    roots += [parse_html(body, utf8=True) for body in CRAFTED]
    roots.append(parse_html(b"<div><span title='Credibility: 3'>x</span><a href='/s'> Source</a><a>Source</a></div>"))
    roots.append(parse_html(b"<div><p id='ref-1'><details>d</details></p><p id='ref-2'>no</p><p id=''>e</p></div>"))
    card = b"<p><a href='/o'><span role='tooltip'><a id='cite-1' href='/i'>i</a></span></a><a>x</a></p>"
    roots.append(parse_html(card))
    unresolved = etree.XMLParser(resolve_entities=False)
    roots.append(etree.fromstring("<!DOCTYPE d [<!ENTITY e 'x y'>]><d><p>a &e; <b>b</b><!--c--></p></d>", unresolved))
    roots.append(etree.fromstring("<d xmlns:h='urn:h'><h:a href='/n'>Source</h:a><a href='/p'>Source</a></d>"))
    python = blocks.PYTHON_TREE_READERS
    seen = 0
    for root in roots:
        if root is None:  # a page with no element at all
            continue
        for el in root.iter():
            assert _render.element_text(el) == python["element_text"](el)
            for prefix in ("Credibility", ""):
                assert _render.first_titled(el, prefix) is python["first_titled"](el, prefix)
            assert _render.has_link(el) == python["has_link"](el)
            assert _render.source_href(el) == python["source_href"](el)
            if seen % 7 == 0 and isinstance(el.tag, str):  # (XPath, the reference, is slow; takes elements)
                for args in QUERIES:
                    assert _render.descendants_with(el, *args) == python["descendants_with"](el, *args), args
            for inner in (el, *el.iterchildren(etree.Element)):
                assert _render.first_link_outside(el, inner) is python["first_link_outside"](el, inner)
            seen += 1
    assert seen > 40_000


def test_a_blocks_element_is_made_when_asked_for() -> None:
    """A block the compiled renderer makes keeps a handle on its element's node, not lxml's proxy: the proxy is made
    when ``element`` is first read, and it is the document's own element (the one the Python renderer gives). The
    handle keeps the document alive, as a proxy does."""
    assert _render is not None
    body = (ROOT / "mirror" / "sites" / "pith.science" / "paper" / "1906.01820.html").read_bytes()
    root = parse_html(body, utf8=True)
    made = _render.render(root, None, Block, blocks.Link)
    assert made and all(type(b._element) is _render.Node for b in made)
    python = python_blocks(root)
    assert [b.element for b in made] == [b.element for b in python]
    assert all(b.element is p.element for b, p in zip(made, python, strict=True))
    assert all(isinstance(b._element, etree._Element) for b in made)  # asked once: kept
    assert made[0] == python[0] and made != python[1:] + python[:1]
    del root, python
    alone = _render.render(parse_html(body, utf8=True), None, Block, blocks.Link)  # its root dropped at once
    block = alone[len(alone) // 2]
    assert block.element.tag == block.tag and block.element.getroottree().getroot().tag == "html"
