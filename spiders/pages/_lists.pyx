# cython: language_level=3, boundscheck=False, wraparound=False
"""A page's lists compiled, as C loops over its blocks and links: a paper page's reference list
(``pith_refs.parse_reference_entries``: its entries, merged when the site split one, then their records), its
forward citations (``pith_paper.forward_citations``), the navigation links of any page
(``common.navigation_links``) and the sections of a Pith page (``pith_hub.split_sections``). The Python functions
stay the reference: ``tests/test_lists_compiled.py`` holds each pair to the same records on every page of the
fixtures, the mirror and a generated site, and on blocks built at the edges of each test. Built at install when a C
compiler is there; without it, or with ``CITEGRAPH_PURE_PYTHON=1``, the Python functions are used.

A paper page lists ~33 works in ~200 blocks and links ~200 times: the loops run in C, and what they call is memoised:
the parsed reference string where the Python path memoises it, a link's identifiers and page type and a badge line
in dicts of their own (``_Memo``; ``registry.clear_caches`` empties them with the others)."""

cdef extern from "Python.h":
    ctypedef struct PyObject
    PyObject* PyDict_GetItemWithError(object d, object key) except? NULL
    bint PyUnicode_IS_ASCII(object o)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    object PyType_GenericNew(object kind, object args, object kwds)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    bint Py_UNICODE_ISDIGIT(Py_UCS4 ch)

cimport cython
from cpython.object cimport Py_TYPE
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from libc.string cimport memset, strlen
from spiders._cslots cimport get as slot_at, is_set as slot_set, plain_offset, put


# ---- a block's and a link's fields, read at their slots ---------------------------------------------------------

cdef object _BLOCK_CLASS = None
cdef object _LINK_CLASS = None
cdef Py_ssize_t _TEXT = 0, _TAG = 0, _LINKS = 0, _ELEMENT = 0, _HREF = 0


cdef Py_ssize_t _offset(cls, str name) except -1:
    """Where a slotted class keeps its field ``name`` in an instance (an object slot that can be set)."""
    cdef Py_ssize_t at = plain_offset(cls.__dict__.get(name))
    if at < 0:
        raise TypeError(f"{cls.__qualname__}.{name} is not a plain slot")
    return at


cdef int _fields() except -1:
    """The slots of ``blocks.Block`` and ``blocks.Link``: read in C below, a ``getattr`` for anything else."""
    global _BLOCK_CLASS, _LINK_CLASS, _TEXT, _TAG, _LINKS, _ELEMENT, _HREF
    from spiders.pages.blocks import Block, Link

    _TEXT, _TAG, _LINKS, _ELEMENT = (
        _offset(Block, "text"), _offset(Block, "tag"), _offset(Block, "links"), _offset(Block, "_element")
    )
    _HREF = _offset(Link, "href")
    _BLOCK_CLASS, _LINK_CLASS = Block, Link
    return 0


cdef inline object _block_field(block, Py_ssize_t at, str name):
    """A ``Block``'s field at its slot's offset ``at``; ``getattr(block, name)`` of another class."""
    if <object>Py_TYPE(block) is _BLOCK_CLASS and slot_set(block, at):
        return slot_at(block, at)
    return getattr(block, name)


cdef inline object _text_of(block):
    """``block.text``."""
    return _block_field(block, _TEXT, "text")


cdef inline object _links_of(block):
    """``block.links``."""
    return _block_field(block, _LINKS, "links")


cdef inline object _element_of(block):
    """What ``block`` keeps of its element (``Block._element``: the compiled renderer's ``Node``, its proxy not made
    here), or ``block.element`` of another class."""
    return _block_field(block, _ELEMENT, "element")


cdef inline object _href_of(link):
    """``link.href``."""
    if <object>Py_TYPE(link) is _LINK_CLASS and slot_set(link, _HREF):
        return slot_at(link, _HREF)
    return link.href


_fields()


# ---- links -------------------------------------------------------------------------------------------------------

cdef object _PATH_PREFIX = None
"""``ids.path_prefix``."""
cdef dict _HOST_FOLD = None
cdef tuple _OWN_HOSTS = None
cdef Py_ssize_t _LINK_MEMO = 0


cdef int _link_names() except -1:
    global _PATH_PREFIX, _HOST_FOLD, _OWN_HOSTS, _LINK_MEMO
    from spiders.normalize import ids
    from spiders.pages import common

    _HOST_FOLD, _OWN_HOSTS, _LINK_MEMO = ids.HOST_FOLD, ids.OWN_HOSTS, common.LINK_MEMO
    _PATH_PREFIX = ids.path_prefix
    return 0


cdef inline bint _url_space(Py_UCS4 ch) noexcept:
    """``\\s`` of ``re``: ``Py_UNICODE_ISSPACE``, without the call for ASCII."""
    if ch < 128:
        return ch == u" " or u"\t" <= ch <= u"\r" or u"\x1c" <= ch <= u"\x1f"
    return Py_UNICODE_ISSPACE(ch)


cdef inline bint _plain_tail(str url, Py_ssize_t i, Py_ssize_t n) noexcept:
    """``url[i:]`` holds none of ``?#;`` nor white space, nor ``/.`` (``url[i]`` is ``/``)."""
    cdef Py_ssize_t k
    cdef Py_UCS4 ch, before = 0
    cdef int kind = PyUnicode_KIND(url)
    cdef const void* data = PyUnicode_DATA(url)
    if i > 0:
        before = PyUnicode_READ(kind, data, i - 1)
    for k in range(i, n):
        ch = PyUnicode_READ(kind, data, k)
        if ch == u"?" or ch == u"#" or ch == u";" or _url_space(ch) or (ch == u"." and before == u"/"):
            return False
        before = ch
    return True


cdef object _joined_url(page, str href):
    """What ``Page.absolute`` joins ``href`` into and memoises, for the two kinds of link most pages hold, or None
    (``Page.absolute`` then answers): a plain path (``ids.is_plain_path``: the page's origin, canonical, put in
    front) and a plain URL (``ids._PLAIN_URL``, no ``/.``: ``canonical_url``'s fast path, its host folded)."""
    cdef Py_ssize_t n = len(href), i, start
    cdef Py_UCS4 ch
    if _PATH_PREFIX is None:
        _link_names()
    if n == 0:
        return None
    if href[0] == u"/":
        if (n > 1 and href[1] == u"/") or not _plain_tail(href, 0, n):
            return None
        prefix = _prefix_of(page._origin)
        return None if prefix is None else prefix + href
    if _starts(href, n, "https://"):
        i = 8
    elif _starts(href, n, "http://"):
        i = 7
    else:
        return None
    start = i
    while i < n:
        ch = href[i]
        if not (u"a" <= ch <= u"z" or u"0" <= ch <= u"9" or ch == u"." or ch == u"-"):
            break
        i += 1
    if i == start or (i < n and (href[i] != u"/" or not _plain_tail(href, i, n))):
        return None
    if href[start] == u".":  # ``://.``: ``/.`` sends ``canonical_url`` to its general path
        return None
    host = href[start:i]
    folded = _HOST_FOLD.get(host, host)
    if folded is host and not (host in _OWN_HOSTS and start == 7):  # (most links: the URL as written)
        return href if i < n else href + "/"
    scheme = "https" if folded in _OWN_HOSTS else href[: start - 3]
    return scheme + "://" + folded + (href[i:] if i < n else "/")


cdef object _LAST_ORIGIN = None
cdef object _LAST_PREFIX = None


cdef object _prefix_of(origin):
    """``ids.path_prefix(origin)``, the last answer kept (a page's links share its origin)."""
    global _LAST_ORIGIN, _LAST_PREFIX
    if origin is not _LAST_ORIGIN:
        _LAST_PREFIX = _PATH_PREFIX(origin)
        _LAST_ORIGIN = origin
    return _LAST_PREFIX


cdef object _absolute(page, dict joined, str href, absolute):
    """``page.absolute(href)`` (``absolute``), its memo ``joined`` read without the call, a link it would memoise
    joined here (a paper page links ~60 works and pages, each new the first time)."""
    cdef PyObject* found = PyDict_GetItemWithError(joined, href)
    if found is not NULL:
        return <object>found
    url = _joined_url(page, href)
    if url is None:
        return absolute(href)
    if len(joined) >= _LINK_MEMO:
        joined.clear()
    joined[href] = url
    return url


def absolute_link(page, str href):
    """``page.absolute(href)`` as the loops here answer it (tests hold the two to the same URLs)."""
    joined = page._joined if page._joined is not None else page._origin_links()
    return _absolute(page, joined, href, page.absolute)


cdef inline bint _ascii_at(str text, Py_ssize_t i, Py_ssize_t end, const char* lit) noexcept:
    """``text[i:end]`` starts with the ASCII ``lit`` (its characters read by kind: indexing a ``str`` in Cython costs
    a checked call a character)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t k = 0
    while lit[k]:
        if i + k >= end or PyUnicode_READ(kind, data, i + k) != <Py_UCS4>lit[k]:
            return False
        k += 1
    return True


cdef inline bint _host_is(str url, Py_ssize_t a, Py_ssize_t b, const char* host) noexcept:
    """``url[a:b] == host``."""
    return b - a == <Py_ssize_t>strlen(host) and _ascii_at(url, a, b, host)


cdef inline bint _site_host(str url, Py_ssize_t a, Py_ssize_t n, const char* host) noexcept:
    """``url[a:]`` is ``host``, then ``/`` or its end."""
    cdef Py_ssize_t m = strlen(host)
    return a + m <= n and (a + m == n or url[a + m] == u"/") and _ascii_at(url, a, a + m, host)


cdef bint _no_page_type(str url) noexcept:
    """``common.page_type_of(url)`` is None because its host (``url.split("/")[2]`` when it holds ``://``) is neither
    site's: most links a page offers that are not the site's own (arXiv, DOIs)."""
    cdef Py_ssize_t n = len(url), k, a = -1, c = n, slashes = 0
    if _starts(url, n, "https://"):  # the host is what follows, up to the next ``/``
        return not (_site_host(url, 8, n, "pith.science") or _site_host(url, 8, n, "www.longtermwiki.com"))
    if url.find("://") < 0:
        return True
    for k in range(n):
        if url[k] == u"/":
            slashes += 1
            if slashes == 2:
                a = k + 1
            elif slashes == 3:
                c = k
                break
    if a < 0:
        return True
    return not (_host_is(url, a, c, "pith.science") or _host_is(url, a, c, "www.longtermwiki.com"))


def has_no_page_type(str url):
    """``_no_page_type``, for the tests: True only where ``common.page_type_of`` is None."""
    return _no_page_type(url)


# ---- memos ------------------------------------------------------------------------------------------------------

cdef class _Memo:
    """A function's answers by its one argument, in a plain dict emptied when it is full: a look-up is a dict's
    (an ``lru_cache`` called from C builds an argument tuple and keeps its order: ~700 CPU instructions a hit, and a
    paper page asks ~250 times). It stands in front of the Python function's own memo, which it never calls."""

    cdef dict answers
    cdef object fn
    cdef Py_ssize_t limit

    def __init__(self, fn, Py_ssize_t limit):
        self.answers, self.fn, self.limit = {}, fn, limit

    cdef inline object get(self, key):
        cdef PyObject* found = PyDict_GetItemWithError(self.answers, key)
        if found is not NULL:
            return <object>found
        value = self.fn(key)
        if len(self.answers) >= self.limit:
            self.answers.clear()
        self.answers[key] = value
        return value


cdef _Memo _PAGE_TYPES = None
"""``common.page_type_of``."""
cdef _Memo _TARGETS = None
"""``pith_refs._link_target``."""
cdef _Memo _BADGES = None
"""``pith_refs._badge_line``."""
cdef _Memo _PARSED = None
"""``pith_refs._parsed``: ``references.parse_reference``, or ``_scan.reference_fields`` (the fields read here, in
``_PARSED_NAMES``' order) when the parser's scans are compiled."""
cdef _Memo _TITLES = None
"""``_title_facts``: ``references.clean_title`` and the title key of what it gives when that looks like authors."""


def clear_memos():
    """Forget every answer memoised here (``registry.clear_caches``)."""
    for memo in (_PAGE_TYPES, _TARGETS, _BADGES, _PITH_TARGETS, _TITLES, _PARSED):
        if memo is not None:
            (<_Memo>memo).answers.clear()


def memo_sizes():
    """How many answers each memo holds."""
    return {
        name: len((<_Memo>memo).answers) if memo is not None else 0
        for name, memo in (
            ("page_types", _PAGE_TYPES), ("link_targets", _TARGETS), ("badge_lines", _BADGES),
            ("pith_targets", _PITH_TARGETS), ("title_lines", _TITLES), ("parsed_references", _PARSED),
        )
    }


cdef object _PARSED_CLASS = None
"""``references.ParsedReference`` once its fields' slots are known (None: its fields are read by name)."""
_PARSED_NAMES = (
    "arxiv_id", "year", "title", "notes", "authors", "venue", "arxiv_version", "doi", "doi_truncated", "url"
)
cdef Py_ssize_t _AT[10]
"""Where a ``ParsedReference`` keeps each of ``_PARSED_NAMES``."""


cdef tuple _parsed_fields(parsed):
    """``_PARSED_NAMES`` of a parsed reference, read at their slots."""
    cdef int k
    if <object>Py_TYPE(parsed) is _PARSED_CLASS:
        for k in range(10):
            if not slot_set(parsed, _AT[k]):
                break
        else:
            return (
                slot_at(parsed, _AT[0]), slot_at(parsed, _AT[1]), slot_at(parsed, _AT[2]), slot_at(parsed, _AT[3]),
                slot_at(parsed, _AT[4]), slot_at(parsed, _AT[5]), slot_at(parsed, _AT[6]), slot_at(parsed, _AT[7]),
                slot_at(parsed, _AT[8]), slot_at(parsed, _AT[9]),
            )
    return tuple([getattr(parsed, name) for name in _PARSED_NAMES])


cdef int _parsed_slots(kind) except -1:
    global _PARSED_CLASS
    cdef int k
    if all(plain_offset(kind.__dict__.get(name)) >= 0 for name in _PARSED_NAMES):
        for k in range(10):
            _AT[k] = _offset(kind, _PARSED_NAMES[k])
        _PARSED_CLASS = kind
    return 0


cdef object _PY = None
"""``spiders.pages.pith_refs`` (imported on first use: it imports this module)."""
cdef object _BLOCK, _REFERENCE, _IS_CONTINUATION
cdef object _LOOKS_LIKE_AUTHORS, _CLEAN_TITLE, _TITLE_KEY
cdef tuple _INDEX_STARTS, _BADGE_STARTS


cdef object _load():
    global _PY, _BLOCK, _PARSED, _REFERENCE, _IS_CONTINUATION, _TARGETS, _BADGES
    global _INDEX_STARTS, _BADGE_STARTS, _LOOKS_LIKE_AUTHORS, _TITLES, _CLEAN_TITLE, _TITLE_KEY
    from spiders.normalize import references
    from spiders.pages import pith_refs as py
    _BLOCK = py.Block
    if py.INDEX.pattern != _INDEX_PATTERN:  # ``_index_line`` spells it out
        raise RuntimeError("spiders.pages._lists spells out pith_refs.INDEX: it changed, change it too")
    scan = references._SCAN  # the compiled scans, when the parser uses them: a string's fields as a tuple
    _PARSED = _Memo(
        scan.reference_fields if scan is not None else py._parsed.__wrapped__,
        py._parsed.cache_parameters()["maxsize"],
    )
    _TARGETS = _Memo(py._link_target.__wrapped__, py._link_target.cache_parameters()["maxsize"])
    if py.BADGE.pattern != _BADGE_PATTERN or py.BADGES.pattern != _BADGES_PATTERN:  # ``badge_words`` spells them out
        raise RuntimeError("spiders.pages._lists spells out pith_refs' badge patterns: they changed, change it too")
    _BADGES = _Memo(badge_words, py._badge_line.cache_parameters()["maxsize"])
    _REFERENCE = py._REFERENCE
    _IS_CONTINUATION, _INDEX_STARTS, _BADGE_STARTS = py.is_continuation, py._INDEX_STARTS, py._BADGE_STARTS
    if _INDEX_STARTS != _INDEX_PREFIXES or _BADGE_STARTS != _BADGE_PREFIXES:  # the C tests spell them out
        raise RuntimeError("spiders.pages._lists spells out pith_refs' line prefixes: they changed, change it too")
    _LOOKS_LIKE_AUTHORS, _CLEAN_TITLE = references._looks_like_authors, references.clean_title.__wrapped__
    from spiders.normalize.ids import title_key

    _TITLE_KEY = title_key
    _TITLES = _Memo(_title_facts, references.clean_title.cache_parameters()["maxsize"])
    _parsed_slots(references.ParsedReference)
    _PY = py
    return py


cdef object _best_title(resolved, parsed):
    """``references.best_title``: Pith's resolved title line, cleaned, unless it is really an author list: then
    the parsed title, when the line's title key is not in the parsed title's."""
    if not resolved:
        return parsed
    cleaned, key = <tuple>_TITLES.get(resolved)
    if parsed and key is not None and key not in _key_of(parsed):
        return parsed
    return cleaned or parsed


def _title_facts(resolved):
    """What ``_best_title`` asks of a title line, memoised together (``_TITLES``): the line cleaned
    (``references.clean_title``) and, when that looks like an author list, its title key (``ids.title_key``, "" for
    none); None when it does not."""
    cleaned = _CLEAN_TITLE(resolved)
    return cleaned, _key_of(cleaned) if _LOOKS_LIKE_AUTHORS(cleaned) else None


def key_of(str title):
    """``_key_of``, for the tests."""
    if _PY is None:
        _load()
    return _key_of(title)


cdef str _key_of(str title):
    """``ids.title_key(title) or ""``: of ASCII text (its NFKD form is itself) the lower-cased letters and digits,
    kept in C; of any other, the Python function's."""
    cdef Py_ssize_t n = len(title), k, m = 0
    cdef const unsigned char* data
    cdef unsigned char ch
    cdef unsigned char small[256]
    if n == 0:
        return ""
    if not PyUnicode_IS_ASCII(title) or n > 256:
        return _TITLE_KEY(title) or ""
    data = <const unsigned char*>PyUnicode_DATA(title)
    for k in range(n):
        ch = data[k]
        if 65 <= ch <= 90:  # A-Z
            ch += 32
        if 97 <= ch <= 122 or 48 <= ch <= 57:  # a-z, 0-9
            small[m] = ch
            m += 1
    return PyUnicode_FromKindAndData(1, small, m)


@cython.freelist(64)
cdef class _Entry:
    """``pith_refs._Entry``: one numbered entry of the list, its lines, its badge lines, then what they say."""

    cdef list indices, lines, badges, raw_parts, links
    cdef object title


cdef _Entry _entry(index):
    """``_Entry(index)``, made without a call (a paper page makes ~35); ``raw_parts`` and ``links`` are set when the
    entry is kept (``_entries``), as only a kept one is read."""
    cdef _Entry entry = _Entry.__new__(_Entry)
    entry.indices = [index]
    entry.lines = []
    entry.badges = []
    return entry


cdef object _decimal_int(str text, Py_ssize_t a, Py_ssize_t b):
    """``int(text[a:b])`` of decimal digits (``_decimal``): counted in C when they are ASCII and few."""
    cdef long long value = 0
    cdef Py_ssize_t k
    cdef Py_UCS4 ch
    if b - a > 18:
        return int(text[a:b])
    for k in range(a, b):
        ch = text[k]
        if not u"0" <= ch <= u"9":
            return int(text[a:b])
        value = value * 10 + <long long>(<unsigned int>ch - 48u)
    return value


cdef inline bint _decimal(str text, Py_ssize_t a, Py_ssize_t b) noexcept:
    """``text[a:b].isdecimal()`` of a non-empty range."""
    cdef Py_ssize_t k
    for k in range(a, b):
        if not Py_UNICODE_ISDECIMAL(text[k]):
            return False
    return True


cdef inline bint _starts(str text, Py_ssize_t n, const char* prefix) noexcept:
    """``text.startswith(prefix)`` (``n``: its length) of an ASCII ``prefix``."""
    return _ascii_at(text, 0, n, prefix)


_INDEX_PREFIXES = ("[", "- [")
_BADGE_PREFIXES = ("work page", "internal anchor", "Pith", "arXiv", "DOI")


cdef inline bint _index_start(str text, Py_ssize_t n) noexcept:
    """``text.startswith(pith_refs._INDEX_STARTS)`` (``_INDEX_PREFIXES``, checked equal on load)."""
    return n >= 1 and (text[0] == u"[" or (n >= 3 and text[0] == u"-" and text[1] == u" " and text[2] == u"["))


cdef inline bint _badge_start(str text, Py_ssize_t n) noexcept:
    """``text.startswith(pith_refs._BADGE_STARTS) or text[:1].isdigit()`` (``_BADGE_PREFIXES``, checked equal on
    load): what a badge line starts with."""
    if n == 0:
        return False
    cdef Py_UCS4 first = text[0]
    if first == u"w":
        return _starts(text, n, "work page")
    if first == u"i":
        return _starts(text, n, "internal anchor")
    if first == u"P":
        return _starts(text, n, "Pith")
    if first == u"a":
        return _starts(text, n, "arXiv")
    if first == u"D":
        return _starts(text, n, "DOI")
    return Py_UNICODE_ISDIGIT(first)


_INDEX_PATTERN = r"^(?:- )?\[(?P<n>\d+)\]\s*(?P<rest>.*)$"


def index_line(str text):
    """``_index_line``, for the tests: the number and the rest ``INDEX`` reads in a line, or None."""
    cdef Py_ssize_t spans[4]
    if not _index_line(text, len(text), spans):
        return None
    return text[spans[0] : spans[1]], text[spans[2] : spans[3]]


cdef bint _index_line(str text, Py_ssize_t n, Py_ssize_t* spans) noexcept:
    """``pith_refs.INDEX.match(text)`` (``^(?:- )?\\[(?P<n>\\d+)\\]\\s*(?P<rest>.*)$``): whether it matches, and
    where its number and its rest are (``spans``: their starts and ends). ``.`` takes no newline and ``$`` is the end
    or a newline that ends the text: the rest runs to the end, but a newline that ends it, and holds no other."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t i = 0, k
    if n >= 2 and PyUnicode_READ(kind, data, 0) == u"-" and PyUnicode_READ(kind, data, 1) == u" ":
        i = 2
    if i >= n or PyUnicode_READ(kind, data, i) != u"[":
        return False
    spans[0] = k = i + 1
    while k < n and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, k)):
        k += 1
    if k == spans[0] or k >= n or PyUnicode_READ(kind, data, k) != u"]":
        return False
    spans[1] = k
    k += 1
    while k < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k += 1
    spans[2] = k
    spans[3] = n - 1 if n > k and PyUnicode_READ(kind, data, n - 1) == u"\n" else n
    for i in range(k, spans[3]):
        if PyUnicode_READ(kind, data, i) == u"\n":
            return False
    return True


cdef object _block_like(block, str text):
    """``Block(text, block.tag, block.links, block.element)`` (``pith_refs._entries``: a numbered line's rest), made
    at ``Block``'s slots for a ``Block``, its element's handle passed on as it is."""
    if <object>Py_TYPE(block) is _BLOCK_CLASS and _BLOCK is _BLOCK_CLASS and slot_set(block, _TAG) and slot_set(
        block, _LINKS
    ) and slot_set(block, _ELEMENT):
        made = PyType_GenericNew(_BLOCK_CLASS, (), None)
        put(made, _TEXT, text)
        put(made, _TAG, slot_at(block, _TAG))
        put(made, _LINKS, slot_at(block, _LINKS))
        put(made, _ELEMENT, slot_at(block, _ELEMENT))
        return made
    return _BLOCK(text, block.tag, block.links, _element_of(block))


cdef list _entries(page, list blocks):
    """``pith_refs._entries``."""
    cdef list entries = []
    cdef list kept = []
    cdef list links
    cdef _Entry entry = None
    cdef Py_ssize_t n, k
    cdef Py_ssize_t spans[4]
    cdef str text
    for block in blocks:
        text = _text_of(block)
        n = len(text)
        if n == 1 and text[0] == u"-":  # a list item's mark: a fifth of the lines
            continue
        if n >= 3 and text[0] == u"[" and text[n - 1] == u"]" and _decimal(text, 1, n - 1):  # ``[n]`` alone
            entry = _entry(_decimal_int(text, 1, n - 1))
            entries.append(entry)
        elif _index_start(text, n) and _index_line(text, n, spans):  # ``[n] rest``
            entry = _entry(_decimal_int(text, spans[0], spans[1]))
            entries.append(entry)
            if spans[3] > spans[2]:
                entry.lines.append(_block_like(block, text[spans[2] : spans[3]]))
        elif entry is not None:
            if _badge_start(text, n) and _BADGES.get(text) is not None:
                entry.badges.append(block)
            else:
                entry.lines.append(block)
    absolute = page.absolute
    joined = page._joined if page._joined is not None else page._origin_links()
    for entry in entries:
        lines = entry.lines
        n = len(lines)
        if n >= 2:
            entry.title = _text_of(lines[0])
            entry.raw_parts = [" ".join([_text_of(lines[k]) for k in range(1, n)])]
        elif n == 1:
            entry.raw_parts = [_text_of(lines[0])]
        else:
            continue
        links = []
        for group in (lines, entry.badges):
            for b in <list>group:
                for x in _links_of(b):
                    href = _href_of(x)
                    links.append(_absolute(page, joined, href, absolute))
        entry.links = links
        kept.append(entry)
    return kept


cdef list _merge(list entries):
    """``pith_refs._merge``: an entry without a title that continues the one before is joined to it."""
    cdef list merged = []
    cdef _Entry entry, prev = None
    for entry in entries:
        if prev is not None and entry.title is None and _continues(prev.raw_parts, entry.raw_parts[0]):
            prev.indices += entry.indices
            prev.raw_parts += entry.raw_parts
            prev.badges += entry.badges
            prev.links += entry.links
        else:
            merged.append(entry)
            prev = entry
    return merged


cdef inline bint _ascii_space(Py_UCS4 ch) noexcept:
    return ch == u" " or u"\t" <= ch <= u"\r" or u"\x1c" <= ch <= u"\x1f"


cdef inline Py_UCS4 _ascii_lower(Py_UCS4 ch) noexcept:
    return <Py_UCS4>(<unsigned int>ch + 32) if u"A" <= ch <= u"Z" else ch


cdef bint _at_folded(str text, Py_ssize_t i, Py_ssize_t end, const char* lit) noexcept:
    """``text[i:end]`` starts with ``lit`` (ASCII, lower case), ASCII letters in any case."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t k = 0
    while lit[k]:
        if i + k >= end or _ascii_lower(PyUnicode_READ(kind, data, i + k)) != <Py_UCS4>lit[k]:
            return False
        k += 1
    return True


cdef int _link_tail(str cur, Py_ssize_t start, Py_ssize_t n) except -2:
    """``references._LINK_TAIL.match(cur[start:n])`` of a line stripped to ``[start, n)``: a link, DOI or ``doi:``
    (after ``URL``, if any) and at most three more words. -1 when the prefix holds a character that is not ASCII but
    that ``re`` may match as one: a letter that folds to an ASCII one (``ſ`` as ``s``), a digit or white space of
    another script."""
    cdef Py_ssize_t i = start, k, digits, runs = 0
    cdef Py_UCS4 ch
    if _at_folded(cur, start, n, "url"):
        i = start + 3
        while i < n and _ascii_space(cur[i]):
            i += 1
    for k in range(start, min(n, i + 13)):  # ``URL``, white space, then at most ``10.`` + 9 digits + ``/``
        ch = cur[k]
        if ch >= 128 and (
            ch == 0x17F or ch == 0x131 or ch == 0x130 or ch == 0x212A  # ``ſ ı İ K``: an ASCII letter, folded
            or Py_UNICODE_ISDECIMAL(ch) or Py_UNICODE_ISSPACE(ch)
        ):
            return -1
    if _at_folded(cur, i, n, "https://"):
        i += 8
    elif _at_folded(cur, i, n, "http://"):
        i += 7
    elif _at_folded(cur, i, n, "www.") or _at_folded(cur, i, n, "doi:"):
        i += 4
    elif _at_folded(cur, i, n, "10."):
        k = i + 3
        while k < n and k - i - 3 < 10 and u"0" <= cur[k] <= u"9":
            k += 1
        digits = k - i - 3
        if not (4 <= digits <= 9 and k < n and cur[k] == u"/"):
            return False
        i = k + 1
    else:
        return False
    k = i
    while k < n:  # ``\S*(?:\s+\S+){0,3}$``: at most three runs of white space in what follows
        ch = cur[k]
        if Py_UNICODE_ISSPACE(ch):
            runs += 1
            if runs > 3:
                return False
            while k < n and Py_UNICODE_ISSPACE(cur[k]):
                k += 1
        else:
            k += 1
    return True


_BADGE_PATTERN = r"work page|internal anchor|Pith review|Pith/arXiv|arXiv|DOI|\d{4}"
_BADGES_PATTERN = r"^(?:(?:work page|internal anchor|Pith review|Pith/arXiv|arXiv|DOI|\d{4})(?:\s+|$))+$"
cdef const char* _BADGE_WORDS[6]
_BADGE_WORDS[:] = [b"work page", b"internal anchor", b"Pith review", b"Pith/arXiv", b"arXiv", b"DOI"]


def badge_words(str line):
    """``pith_refs._badge_line``: the badges of a badge line (``BADGES``: a badge, then white space or the end, over
    and over from the start), None for another line, read in C. The badges are literals but four decimal digits, and
    none starts like another, so a line is read left to right without going back; the words ``findall`` gives of a
    line that matches are its badges."""
    cdef Py_ssize_t n = len(line), i = 0, e, k
    cdef int kind = PyUnicode_KIND(line)
    cdef const void* data = PyUnicode_DATA(line)
    cdef list words = []
    if n == 0:
        return None
    while i < n:
        e = -1
        for k in range(6):
            if _ascii_at(line, i, n, _BADGE_WORDS[k]):
                e = i + <Py_ssize_t>strlen(_BADGE_WORDS[k])
                break
        if e < 0:
            if i + 4 > n:
                return None
            for k in range(i, i + 4):
                if not Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, k)):
                    return None
            e = i + 4
        words.append(line[i:e])
        if e < n and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e)):
            return None
        i = e
        while i < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            i += 1
    return tuple(words)


cdef Py_UCS4 _last_char(list parts):
    """The last character of ``" ".join(parts).rstrip()`` (0 when there is none)."""
    cdef Py_ssize_t i, k
    cdef str part
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i]
        for k in range(len(part) - 1, -1, -1):
            if not Py_UNICODE_ISSPACE(part[k]):
                return part[k]
    return 0


cdef bint _continues(list previous, str current) except -1:
    """``references.is_continuation(" ".join(previous), current)``: ``current`` is the tail of the entry before,
    split across two numbers by the site."""
    cdef Py_UCS4 first, last
    cdef Py_ssize_t a = 0, b = len(current)
    while a < b and Py_UNICODE_ISSPACE(current[a]):  # ``current.strip()``, without the copy
        a += 1
    while b > a and Py_UNICODE_ISSPACE(current[b - 1]):
        b -= 1
    found = _link_tail(current, a, b)
    if found < 0:
        return _IS_CONTINUATION(" ".join(previous), current)
    if found:
        return True
    if a == b:
        return False
    first = current[a]
    if not (u"a" <= first <= u"z" or u"0" <= first <= u"9" or first == u"("):  # ``_LOWER_START``
        return False
    last = _last_char(previous)
    return last == u"," or last == u"-" or last == u"\u2013" or not (last == u"." or last == u"?" or last == u"!")


def is_continuation(str previous, str current):
    """``references.is_continuation``, as ``_merge`` decides it (tests hold the two to the same answers)."""
    if _PY is None:
        _load()
    return _continues([previous], current)


cdef dict _link_ids(list links):
    """``pith_refs._link_ids``."""
    cdef dict out = {}
    for url in links:
        target, arxiv = _TARGETS.get(url)
        for key, value in <tuple>target:
            if key not in out:
                out[key] = value
        if arxiv and "arxiv" not in out:
            out["arxiv"] = arxiv
    return out


def reference_entries(page, citing_arxiv, list blocks, citing_pith=None):
    """``pith_refs.parse_reference_entries``: reference records from the blocks of a reference list."""
    cdef list out = []
    cdef list badges
    cdef _Entry entry
    cdef dict ids
    if _PY is None:
        _load()
    prov = page.prov
    for entry in _merge(_entries(page, blocks)):
        raw = " ".join(entry.raw_parts)
        parsed = _PARSED.get(raw)
        arxiv_id, year, title, notes, authors, venue, version, doi, truncated, url = (
            <tuple>parsed if type(parsed) is tuple else _parsed_fields(parsed)
        )
        ids = _link_ids(entry.links)
        arxiv = arxiv_id or ids.get("arxiv")
        badges = []
        for b in entry.badges:
            words = _BADGES.get(_text_of(b))
            if words:
                badges.extend(words)
        if not year:
            for word in badges:
                if (<str>word).isdigit():
                    year = int(word)
                    break
            else:
                year = None
        notes = [*notes, "merged"] if len(entry.indices) > 1 else list(notes)  # (a tuple from ``reference_fields``)
        out.append(
            _REFERENCE(
                prov, citing_arxiv, citing_pith, entry.indices[0], entry.indices, raw, entry.title,
                _best_title(entry.title, title), title, list(authors), venue, year, arxiv,
                version, doi, truncated, url, ids.get("hub"), ids.get("pith"),
                badges, notes,
            )
        )
    return out


cdef object _FORWARD = None
cdef _Memo _PITH_TARGETS = None
"""``ids.pith_target_items``."""


def forward_citations(page, cited_arxiv, list blocks):
    """``pith_paper.forward_citations``: the works citing the paper, from ``-`` + title + summary entries."""
    global _FORWARD, _PITH_TARGETS
    cdef list entries = []
    cdef list out = []
    cdef list entry
    cdef Py_ssize_t position = 0, k
    cdef str text
    if _FORWARD is None:
        from spiders.normalize.ids import pith_target_items
        from spiders.pages import pith_paper

        _FORWARD = pith_paper._FORWARD
        _PITH_TARGETS = _Memo(pith_target_items.__wrapped__, pith_target_items.cache_parameters()["maxsize"])
        if _PY is None:
            _load()
    for block in blocks:
        text = _text_of(block)
        if text == "-":
            entries.append([])
        elif text.startswith("- "):
            entries.append([_BLOCK(text[2:], block.tag, block.links)])
        elif entries:
            (<list>entries[len(entries) - 1]).append(block)
    absolute = page.absolute
    joined = page._joined if page._joined is not None else page._origin_links()
    prov = page.prov
    for entry in entries:
        if not entry:
            continue
        position += 1
        head = entry[0]
        link = citing = None
        for x in _links_of(head):
            href = _href_of(x)
            url = _absolute(page, joined, href, absolute)
            items = _PITH_TARGETS.get(url)
            if items:
                link = url
                for key, value in <tuple>items:
                    if key == "arxiv":
                        citing = value
                break
        if len(entry) == 2:
            summary = _text_of(entry[1])
        else:
            summary = " ".join([_text_of(entry[k]) for k in range(1, len(entry))])
        out.append(_FORWARD(prov, cited_arxiv, position, _text_of(head), summary or None, citing, link))
    return out


cdef object _PITH_PATH_IDS = None
cdef dict _PITH_PAGE_TYPES = None
cdef object _PAGE_TYPE_OF = None


cdef int _page_type_names() except -1:
    global _PAGE_TYPES, _PITH_PATH_IDS, _PITH_PAGE_TYPES, _PAGE_TYPE_OF
    from spiders.normalize.ids import pith_path_ids
    from spiders.pages import common

    _PITH_PATH_IDS, _PITH_PAGE_TYPES = pith_path_ids, common._PITH_PAGE_TYPES
    _PAGE_TYPE_OF = common.page_type_of.__wrapped__
    _PAGE_TYPES = _Memo(page_type, common.page_type_of.cache_parameters()["maxsize"])
    return 0


def page_type(str url):
    """``common.page_type_of``: the site's own paths answered here (``pith_path_ids``, compiled), any other URL
    by the Python function."""
    if _PITH_PATH_IDS is None:
        _page_type_names()
    found = _PITH_PATH_IDS(url)
    if found is None:
        return _PAGE_TYPE_OF(url)
    kind = _PITH_PAGE_TYPES.get((<tuple>found)[0])
    if kind is not None:
        return kind
    return "pith-json" if url.endswith(".json") else "pith-number"


def navigation_links(page, list hrefs):
    """``common.navigation_links``: the Pith (or wiki) links ``hrefs`` lead to, deduplicated, in page order, with
    their page types; not the page itself."""
    global _PAGE_TYPES
    cdef dict seen = {}
    cdef set asked = set()
    cdef dict joined
    if _PAGE_TYPES is None:
        _page_type_names()
    own = page.url
    absolute = page.absolute
    joined = page._joined if page._joined is not None else page._origin_links()
    for href in hrefs:
        if href in asked:  # a link met again decides as it did
            continue
        asked.add(href)
        url = _absolute(page, joined, href, absolute)
        if url not in seen and url != own and not _no_page_type(url):
            kind = _PAGE_TYPES.get(url)
            if kind:
                seen[url] = kind
    return [{"url": url, "page_type": kind} for url, kind in seen.items()]


cdef object _HEADINGS = None


cdef str _uncounted(str key, frozenset counts):
    """``pith_hub._uncounted``: the counted heading a line ``discussion (3)`` is, None for any other line."""
    cdef Py_ssize_t n = len(key), at
    if n < 4 or key[n - 1] != u")":
        return None
    at = key.rfind(" (")
    if at <= 0 or not key[at + 2 : n - 1].isdecimal():
        return None
    key = key[:at]
    return key if key in counts else None


def split_sections(list blocks, tuple names, tuple counted=()):
    """``pith_hub.split_sections``: blocks grouped under the section heading they follow (headings matched by their
    text in any case; one of ``counted`` may carry a count, ``discussion (3)``)."""
    global _HEADINGS
    cdef dict out = {}
    cdef list section = None
    cdef Py_ssize_t longest
    cdef str text, key
    cdef frozenset headings, counts
    if _HEADINGS is None:
        from spiders.pages.pith_hub import _headings

        _HEADINGS = _headings
    cdef unsigned char starts[128]
    cdef Py_ssize_t n
    cdef Py_UCS4 first
    longest, headings, counts = _HEADINGS(names, counted)
    memset(starts, 0, 128)
    for key in headings:  # the ASCII characters a heading starts with (a line that starts with another is none)
        if key and <Py_UCS4>key[0] < 128:
            starts[<Py_UCS4>key[0]] = 1
        elif key:  # (a heading that starts past ASCII: every line is looked up)
            memset(starts, 1, 128)
    for block in blocks:
        text = _text_of(block)
        n = len(text)
        # (``lower`` never shortens a string: a line longer than every heading is none of them; an ASCII first
        # character lowers to one, and no other character but ``İ`` and ``K`` does, which are looked up)
        if n <= longest:
            if n > 0:
                first = text[0]
                if first < 128 and not starts[_ascii_lower(first)]:
                    if section is not None:
                        section.append(block)
                    continue
            key = text.lower()
            if key not in headings:
                key = _uncounted(key, counts) if counts else None
            if key is not None:
                section = out.get(key)
                if section is None:
                    section = out[key] = []
                continue
        if section is not None:
            section.append(block)
    return out


def block_hrefs(list blocks):
    """``common.block_hrefs``: the hrefs of the blocks' links, in page order."""
    cdef list out = []
    for block in blocks:
        for link in _links_of(block):
            out.append(_href_of(link))
    return out
