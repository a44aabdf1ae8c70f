"""Render a page into blocks: one line of text per block element, links kept.

This is how the seed files were rendered (one block of text per line, React comments dropped,
list items prefixed with ``- ``, table rows as ``| a | b |``), so every Pith parser reads HTML and
plain text through the same block stream and gives the same records for both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from spiders.compiled import extension
from spiders.records.base import fast_init

BLOCK_TAGS = frozenset(
    "address article aside blockquote body details dd dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody thead tfoot "
    "tr ul caption".split()
)
SKIP_TAGS = frozenset("head script style template noscript svg iframe button input select textarea".split())
_NOT_PLAIN_LEAF = SKIP_TAGS | {"tr", "a", "br"}
"""Leaves ``_Renderer.walk`` does more with than take their text (or make it one block)."""


@fast_init  # a paper page has ~120 links: the dataclass __init__ of a frozen class is 2-3x slower
@dataclass(frozen=True, slots=True)
class Link:
    """One hyperlink inside a block."""

    href: str
    """The href as written in the page (relative or absolute)."""
    text: str
    """The link's visible text, whitespace-normalised."""


@dataclass(slots=True, eq=False, repr=False)
class Block:
    """One line of the page's text rendering: ``Block(text, tag, links, element)``."""

    text: str
    """Visible text of the block, whitespace-normalised."""
    tag: str = ""
    """Tag of the element that opened the block ("" for plain-text input)."""
    links: list[Link] = field(default_factory=list)
    """Links whose text lies in this block, in page order."""
    _element: object | None = None
    """The element (``element``), or the compiled renderer's handle on it (``_render.Node``)."""

    @property
    def element(self) -> Any:
        """The lxml element that opened the block (None for plain-text input). The compiled renderer keeps a handle
        on its node and the element's proxy is made here, when first asked for: a paper page's parser asks for one
        of its ~200 blocks' elements."""
        element = self._element
        if _NODE is not None and type(element) is _NODE:
            element = self._element = element.element()  # type: ignore[attr-defined]
        return element

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Block):
            return NotImplemented
        return (self.text, self.tag, self.links, self.element) == (other.text, other.tag, other.links, other.element)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Block(text={self.text!r}, tag={self.tag!r}, links={self.links!r}, element={self.element!r})"


def norm(text: str) -> str:
    """Collapse white space runs to one space and strip."""
    return " ".join(text.split())


class _Renderer:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.tag = ""
        self.element: object | None = None

    def flush(self) -> None:
        if not self.parts and not self.links:  # most block boundaries: nothing since the last one
            return
        text = " ".join("".join(self.parts).split())
        if text:
            self.blocks.append(Block(text, self.tag, self.links, self.element))
        self.parts, self.links = [], []

    def open_block(self, el: etree._Element, tag: str) -> None:
        self.flush()
        self.tag, self.element = tag, el

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if type(tag) is not str or tag in SKIP_TAGS:  # comments, processing instructions, scripts
            return
        if tag == "tr":
            self.row(el)
            return
        block = tag in BLOCK_TAGS
        if block:  # open_block(), inlined like the rest: this is the per-element hot path
            if self.parts or self.links:
                self.flush()
            self.tag, self.element = tag, el
            if tag == "li":
                self.parts.append("- ")
        elif tag == "br":
            self.parts.append(" ")
        start = len(self.parts)
        if text := el.text:
            self.parts.append(text)
        for child in el:
            ctag = child.tag
            if type(ctag) is str and not len(child) and ctag not in _NOT_PLAIN_LEAF:
                # a leaf (most elements): what walk() makes of it, without the call
                text = child.text
                if ctag in BLOCK_TAGS:
                    if self.parts or self.links:
                        self.flush()
                    if ctag == "li":
                        text = "- " + text if text else "- "
                    if text and (line := " ".join(text.split())):
                        self.blocks.append(Block(line, ctag, [], child))
                    self.tag, self.element = ctag, child
                elif text:
                    self.parts.append(text)
            else:
                self.walk(child)
            if tail := child.tail:
                self.parts.append(tail)
        if tag == "a" and (href := el.get("href")) is not None:
            self.links.append(Link(href, norm("".join(self.parts[start:]))))
        if block:
            if self.parts or self.links:
                self.flush()
            self.tag, self.element = tag, el

    def row(self, tr: etree._Element) -> None:
        self.open_block(tr, "tr")
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        texts = []
        for cell in cells:
            inner = _Renderer()
            inner.walk_inline(cell)
            texts.append(norm("".join(inner.parts)))
            self.links.extend(inner.links)
        self.parts.append("| " + " | ".join(texts) + " |")
        self.open_block(tr, "tr")
        if cells and all(c.tag == "th" for c in cells):
            self.blocks.append(Block("|" + "---|" * len(cells), "tr", [], tr))

    def contents(self, el: etree._Element) -> None:
        """An element's own text, its children, and each child's tail, in document order."""
        if el.text:
            self.parts.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.parts.append(child.tail)

    def walk_inline(self, el: etree._Element) -> None:
        self.contents(el)
        self.flush_into_parts()

    def flush_into_parts(self) -> None:
        joined = [b.text for b in self.blocks] + ["".join(self.parts)]
        self.parts = [" ".join(joined)]
        self.blocks = []


@lru_cache(maxsize=256)
def _xpath(path: str) -> etree.XPath:
    return etree.XPath(path)


def xp(el: Any, path: str) -> list[Any]:
    """``el.xpath(path)`` as a plain list (lxml's stubs type it as a union of everything); each path is
    compiled once (compiling was most of the cost of a short query)."""
    result = _xpath(path)(el)
    return list(result) if isinstance(result, list) else [result]


def descendants_with(
    el: etree._Element, attr: str, value: str, prefix: bool = False, having: str | None = None, tag: str = "*"
) -> list[etree._Element]:
    """``el``'s descendant elements (named ``tag``), in document order, whose ``attr`` is ``value`` (``prefix``:
    starts with it) and, with ``having``, that hold a ``having`` element: the XPath
    ``descendant::tag[@attr='value'][.//having]`` (compiled: ``_render.descendants_with``, without XPath's node sets:
    a wiki article's queries cost a tenth of its parse)."""
    test = f"starts-with(@{attr}, '{value}')" if prefix else f"@{attr}='{value}'"
    return xp(el, f"descendant::{tag}[{test}]" + (f"[.//{having}]" if having else ""))


def first_link_outside(el: etree._Element, inner: etree._Element) -> etree._Element | None:
    """The first ``a`` of ``el.iter()`` (``el`` itself, then its descendants) that ``inner`` does not hold (compiled:
    ``_render.first_link_outside``)."""
    return next((a for a in el.iter("a") if not any(p is inner for p in a.iterancestors())), None)


def first_titled(el: etree._Element, prefix: str) -> etree._Element | None:
    """The first descendant element whose ``title`` attribute starts with ``prefix`` (compiled:
    ``_render.first_titled``, which makes no proxy for the elements it passes)."""
    return next((e for e in el.iterdescendants(etree.Element) if e.get("title", "").startswith(prefix)), None)


def has_link(el: etree._Element) -> bool:
    """An ``a`` element below ``el`` (compiled: ``_render.has_link``)."""
    return next(el.iterdescendants("a"), None) is not None  # (lxml's ``find`` runs ElementPath in Python: 10x slower)


def source_href(el: etree._Element) -> str | None:
    """The href of the first link under ``el`` whose text starts with ``Source``: XPath's
    ``.//a[starts-with(normalize-space(.), 'Source')]/@href`` (which strips ASCII white space only), without a query
    per element (compiled: ``_render.source_href``)."""
    for a in el.iterdescendants("a"):
        href = a.get("href")
        text = etree.tostring(a, method="text", encoding=str, with_tail=False)
        if href is not None and text.lstrip(" \t\r\n").startswith("Source"):
            return href
    return None


def element_text(el: etree._Element) -> str:
    """All text inside an element, whitespace-normalised."""
    # libxml2's text serialisation: the same text as joining ``itertext()`` (comments and processing instructions
    # left out), a quarter of the cost
    return " ".join(etree.tostring(el, method="text", encoding=str, with_tail=False).split())


_PARSER = etree.HTMLParser()
"""lxml's HTML parser without ``lxml.html``'s element classes: the same tree, but no Python class lookup
for every element the parsers touch (a fifth of the block rendering)."""


_UTF8_PARSER = etree.HTMLParser(encoding="utf-8")
"""The same for bytes known to be UTF-8: libxml2 reads them as they are, where a ``str`` is first re-encoded
for it (a third of the parse of a page full of non-ASCII text, like the wiki's icons and stars). The encoding
is given, so a ``meta`` declaring another one does not change how the page reads."""


def parse_html(body: bytes | str, utf8: bool = False) -> etree._Element | None:
    """Parse HTML with lxml; None when the body holds no element at all. ``utf8``: ``body`` is bytes that
    decode as UTF-8 (without it, libxml2 takes a byte string's encoding from its ``meta`` tag)."""
    if not body.strip():
        return None
    try:
        return etree.fromstring(body, _UTF8_PARSER if utf8 else _PARSER)  # None for a document without elements
    except (etree.ParserError, ValueError):
        return None


class _Enough(Exception):
    pass


class _RenderUntil(_Renderer):
    """A renderer that stops once its blocks are enough: tested after each element but the plain leaves (a block
    is final when it is added, so the first blocks are what the whole rendering would start with)."""

    def __init__(self, enough: Callable[[list[Block]], bool]) -> None:
        super().__init__()
        self.enough = enough

    def walk(self, el: etree._Element) -> None:  # called for every element but the plain leaves
        super().walk(el)
        if self.enough(self.blocks):
            raise _Enough


def html_blocks(root: etree._Element, enough: Callable[[list[Block]], bool] | None = None) -> list[Block]:
    """Render a parsed HTML document into its blocks; with ``enough``, only the first blocks, up to where
    ``enough(blocks)`` is true (all of them when it never is). The compiled renderer when it is built (the same
    blocks in about half the time: 1.9x over the mirror's, the fixtures' and a generated site's pages), else
    ``python_blocks``."""
    if _COMPILED is not None:
        return _COMPILED.render(root, enough, Block, Link)  # type: ignore[no-any-return]
    return python_blocks(root, enough)


def python_blocks(root: etree._Element, enough: Callable[[list[Block]], bool] | None = None) -> list[Block]:
    """``html_blocks`` in Python: the reference the compiled renderer (``_render.pyx``) is held to."""
    renderer = _Renderer() if enough is None else _RenderUntil(enough)
    try:
        renderer.walk(root)
        renderer.flush()
    except _Enough:
        pass
    return renderer.blocks


def html_links(root: etree._Element) -> list[str]:
    """The hrefs of the page's links in page order: every ``a[@href]`` the renderer sees (outside scripts, forms
    and the other skipped elements), without rendering the page."""
    # lxml's tag-filtered iterators run in C; one XPath with an ancestor test cost 4 ms on a wiki page. A skipped
    # link is known by the identity of its proxy (``skipped`` keeps each alive, so lxml hands out the same object).
    skipped = [a for s in root.iter(*SKIP_TAGS) for a in s.iter("a")]
    ids = {id(a) for a in skipped}
    return [href for a in root.iter("a") if (href := a.get("href")) is not None and id(a) not in ids]


def _compiled_renderer() -> Any:
    """``spiders.pages._render`` when pip built it and it loads, and ``CITEGRAPH_PURE_PYTHON`` is not set, else
    None."""
    return extension("spiders.pages._render")


_COMPILED = _compiled_renderer()
_NODE = getattr(extension("spiders.pages._render", pure_python_env=False), "Node", None)
"""``_render.Node``: what a block made by the compiled renderer keeps of its element until it is asked for (known
with ``CITEGRAPH_PURE_PYTHON`` too: a block the compiled renderer made, called directly, resolves it all the same)."""


def text_blocks(text: str) -> list[Block]:
    """Turn a plain-text rendering (one block per line) into blocks."""
    return [Block(norm(line)) for line in text.splitlines() if line.strip()]


PYTHON_TREE_READERS: dict[str, Callable[..., Any]] = {
    "descendants_with": descendants_with,
    "element_text": element_text,
    "first_link_outside": first_link_outside,
    "first_titled": first_titled,
    "has_link": has_link,
    "source_href": source_href,
}
"""The tree readers in Python: the references ``_render``'s are held to (tests/test_render_compiled.py). A wiki
article asks them ~500 times; each of lxml's element proxies they make on the way costs ~1 k CPU instructions."""
if _COMPILED is not None:  # the same answers from the C tree, without proxies or serialising
    globals().update({name: getattr(_COMPILED, name) for name in PYTHON_TREE_READERS})
