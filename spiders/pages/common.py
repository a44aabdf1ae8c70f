"""What every parser starts from: the page as blocks, its provenance, and error records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from spiders.compiled import extension
from spiders.normalize.ids import canonical_url, is_plain_path, path_prefix, pith_path_ids, pith_target
from spiders.pages.blocks import Block, html_blocks, parse_html, text_blocks
from spiders.records import CrawlError, Navigation

MAX_BODY = 20 * 1024 * 1024
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


@dataclass
class Page:
    """A fetched page ready for parsing."""

    url: str
    """Real URL of the page ("" when parsing a file with no ``--url``)."""
    root: etree._Element | None = None
    """Parsed HTML, None for plain-text input."""
    prov: dict[str, Any] = field(default_factory=dict)
    """Provenance fields every record of the page carries."""
    truncated: bool = False
    """The body looked cut off (unclosed document)."""
    text_lines: list[Block] | None = None
    """The blocks of plain-text input (HTML is rendered into blocks on first use of ``blocks``)."""
    _blocks: list[Block] | None = field(default=None, init=False, repr=False)
    _joined: dict[str, str] | None = field(default=None, init=False, repr=False)
    """The links memoised for this page's origin (``_origin``), set on the first link."""
    _origin: str = field(default="", init=False, repr=False)

    @property
    def is_html(self) -> bool:
        return self.root is not None

    @property
    def blocks(self) -> list[Block]:
        """The page as blocks, one per line of its text rendering. HTML is rendered on first use: the wiki's
        HTML parser reads the tree and never renders the whole page."""
        if self._blocks is None:
            self._blocks = html_blocks(self.root) if self.root is not None else self.text_lines or []
        return self._blocks

    def error(self, reason: str, detail: str = "", stage: str = "parse") -> CrawlError:
        """An error record for this page."""
        return CrawlError(stage=stage, reason=reason, detail=detail[:500], **self.prov)

    def absolute(self, href: str) -> str:
        """A link of this page as an absolute, canonical real URL."""
        joined = self._joined if self._joined is not None else self._origin_links()
        url = joined.get(href)
        if url is None:
            if href[:1] == "/" or href.startswith(("http://", "https://")):
                # A path (``/x``, ``//host/x``) or a URL takes no more than the page's origin (tests/
                # test_canonical_url.py): memoised per origin, it is found on every page that links there. A plain
                # path (most links) is the origin's canonical prefix and itself, as ``canonical_url`` joins it.
                prefix = path_prefix(self._origin)
                url = prefix + href if prefix is not None and is_plain_path(href) else _CANONICAL(href, self._origin)
                if len(joined) >= LINK_MEMO:
                    joined.clear()
                joined[href] = url
            else:
                url = canonical_url(href, self.url or DEFAULT_BASE)
        return url

    def absolute_all(self, hrefs: list[str]) -> list[str]:
        """``[absolute(href) for href in hrefs]``, each memoised link found without a call (a paper page asks
        ~300 links, 90% of them memoised)."""
        joined = self._joined if self._joined is not None else self._origin_links()
        get = joined.get
        return [url if (url := get(href)) is not None else self.absolute(href) for href in hrefs]

    def _origin_links(self) -> dict[str, str]:
        self._origin = key = origin(self.url or DEFAULT_BASE)
        joined = _JOINED.get(key)
        if joined is None:
            if len(_JOINED) >= 64:  # a crawl meets a site's origin or two; a file parsed with odd URLs, more
                _JOINED.clear()
            joined = _JOINED[key] = {}
        self._joined = joined
        return joined


DEFAULT_BASE = "https://pith.science/"
"""The base of links on a page parsed without its URL."""
LINK_MEMO = 65536
"""Links memoised per origin (a plain dict: a paper page resolves ~225 links, and a look-up in ``canonical_url``'s
``lru_cache``, two arguments and its order kept, cost 3x a dict's)."""
_CANONICAL = canonical_url.__wrapped__
"""``canonical_url`` without its own memo (a link memoised here would be kept twice)."""
_JOINED: dict[str, dict[str, str]] = {}
"""Per origin: each link (a path or a URL) as ``canonical_url`` joins it."""


def origin(url: str) -> str:
    """``scheme://host[:port]`` of an absolute URL: all that a link starting with ``/`` takes of the page it is on
    (``url`` itself when it has no host)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else url


def decode_body(body: bytes | str) -> str:
    """Body as text (UTF-8, falling back to Latin-1 so nothing raises)."""
    return decode_utf8(body)[0]


def looks_binary(body: bytes | str) -> bool:
    """True for bodies that are not text at all (NUL bytes, mostly control characters)."""
    sample = body[:4096] if isinstance(body, bytes) else body[:4096].encode("utf-8", "replace")
    if b"\x00" in sample:
        return True
    if _CONTROL_COUNT is not None:
        controls = _CONTROL_COUNT(sample)
    else:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > 0.05


_RENDER = extension("spiders.pages._render")
_CONTROL_COUNT = getattr(_RENDER, "control_bytes", None)
"""``_render.control_bytes``: the count of ``_CONTROL_BYTES`` in a sample, in C."""


def is_html(text: str | BodyText, content_type: str | None) -> bool:
    """Decide between HTML and the plain-text rendering."""
    if content_type and "html" in content_type:
        return True
    if content_type and content_type.startswith("text/plain"):
        return False
    if isinstance(text, BodyText):
        text = text.text
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return head.startswith(("<!doctype", "<html", "<head", "<body", "<div", "<main", "<section", "<p", "<span"))


def decode_utf8(body: bytes | str) -> tuple[str, bool]:
    """``decode_body``, and whether ``body`` is bytes that decoded as UTF-8."""
    if isinstance(body, str):
        return body, False
    try:
        return body.decode("utf-8"), True
    except UnicodeDecodeError:
        return body.decode("latin-1"), False


class BodyText:
    """A body's text (``decode_utf8``), decoded only as far as it is asked for: whether the body is UTF-8, the last
    characters, or the whole. A known page served as HTML needs the first two: a 100 KB wiki page full of icons
    costs 170 us to decode whole (7% of its parse), and its validity 9 us (``_render.utf8_valid``)."""

    __slots__ = ("_text", "body", "utf8")

    def __init__(self, body: bytes | str) -> None:
        self.body = body
        self._text: str | None = None
        if isinstance(body, str):
            self._text, self.utf8 = body, False
        elif _UTF8_VALID is not None:
            self.utf8 = _UTF8_VALID(body)
        else:
            self._text, self.utf8 = decode_utf8(body)

    @property
    def text(self) -> str:
        """``decode_utf8(body)[0]``."""
        if self._text is None:
            assert isinstance(self.body, bytes)
            self._text = self.body.decode("utf-8" if self.utf8 else "latin-1")
        return self._text

    def tail(self, n: int) -> str:
        """``text[-n:]``."""
        body = self.body
        if self._text is not None or isinstance(body, str):
            return self.text[-n:]
        if not self.utf8:  # Latin-1: a byte a character
            return body[-n:].decode("latin-1")
        if len(body) <= 4 * n:
            return self.text[-n:]
        raw = body[-4 * n :]  # n characters at least (four bytes a character at most), cut where one starts
        start = 0
        while start < 3 and 0x80 <= raw[start] <= 0xBF:
            start += 1
        return raw[start:].decode("utf-8")[-n:]


_UTF8_VALID = getattr(_RENDER, "utf8_valid", None)


def _closes(body: bytes | str, text: BodyText) -> bool:
    """The document is closed: ``</html>`` in its last 2,048 characters or ``</body>`` in its last 4,096 (any case).
    The bytes are searched first, for the tag in lower or upper case: their last 2,048 hold no more than 2,048
    characters, so a tag found there is in the text's (the decoded text is searched otherwise)."""
    if isinstance(body, bytes):
        start = max(0, len(body) - 2048)
        if body.find(b"</html>", start) >= 0 or body.find(b"</HTML>", start) >= 0:
            return True
    return "</html>" in text.tail(2048).lower() or "</body>" in text.tail(4096).lower()


def load_page(
    url: str, body: bytes | str, content_type: str | None, prov: dict[str, Any], decoded: BodyText | None = None
) -> Page:
    """The page of an HTML or text body (``decoded``: its ``BodyText``, when the caller has it)."""
    text = decoded if decoded is not None else BodyText(body)
    if is_html(text, content_type):
        root = parse_html(body, utf8=True) if text.utf8 else parse_html(text.text)
        if root is not None:
            truncated = not _closes(body, text)
            return Page(url, root, prov, truncated)
    return Page(url, None, prov, text_lines=text_blocks(text.text))


def navigation(page: Page, links: list[str]) -> Navigation | None:
    """The navigation record of the Pith (or wiki) links a page offers, deduplicated, in page order."""
    found = navigation_links(page, links)
    return Navigation(links=found, **page.prov) if found else None


def block_hrefs(blocks: list[Block]) -> list[str]:
    """The hrefs of the blocks' links, in page order (compiled: ``_lists.block_hrefs``)."""
    return [link.href for b in blocks for link in b.links]


def navigation_links(page: Page, hrefs: list[str]) -> list[dict[str, str]]:
    """The Pith (or wiki) links ``hrefs`` lead to, deduplicated, in page order, with their page types; not the page
    itself (compiled: ``_lists.navigation_links``)."""
    seen: dict[str, str] = {}
    own = page.url
    for url in page.absolute_all(list(dict.fromkeys(hrefs))):  # a link met again decides as it did
        if url not in seen and url != own and (kind := page_type_of(url)):
            seen[url] = kind
    return [{"url": u, "page_type": k} for u, k in seen.items()]


@lru_cache(maxsize=65536)
def page_type_of(url: str) -> str | None:
    """The page type a real URL leads to, None when citegraph does not parse it."""
    if found := pith_path_ids(url):  # the site's own paths (most links): what the general path gives them
        return _PITH_PAGE_TYPES.get(found[0]) or ("pith-json" if url.endswith(".json") else "pith-number")
    return _page_type_general(url)


_PITH_PAGE_TYPES = {"arxiv": "pith-paper", "short": "pith-paper", "hub": "pith-hub"}
"""The page type of each ``pith_path_ids`` group but Pith numbers' (their page or its JSON)."""


def _page_type_general(url: str) -> str | None:
    """``page_type_of`` of any URL."""
    host = url.split("/")[2] if "://" in url else ""
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
    path = path.split("?")[0]
    if host == "pith.science":
        target = pith_target(url)
        if path.startswith("/citations/") and "hub" in target:
            return "pith-hub"
        if path.startswith(("/paper/", "/ref/arxiv/")) and target:
            return "pith-paper"
        if path.startswith("/pith/") and target:
            return "pith-json" if path.endswith(".json") else "pith-number"
    if host == "www.longtermwiki.com":
        if re.match(r"^/wiki/E\d+/data/?$", path):
            return "wiki-data"
        if re.match(r"^/wiki/[^/]+/?$", path) or path.startswith("/knowledge-base/"):
            return "wiki-article"
    return None


PYTHON_NAVIGATION_LINKS = navigation_links
"""``navigation_links`` in Python: the reference ``_lists.navigation_links`` is held to."""
PYTHON_BLOCK_HREFS = block_hrefs
_LISTS = extension("spiders.pages._lists")
if _LISTS is not None:  # the same links, the loops in C (a paper page offers ~200)
    navigation_links = _LISTS.navigation_links
    block_hrefs = _LISTS.block_hrefs
