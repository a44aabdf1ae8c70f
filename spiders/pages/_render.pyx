# cython: language_level=3, boundscheck=False, wraparound=False
"""The block renderer of ``spiders.pages.blocks`` compiled: the same walk, over libxml2's nodes in C.

``blocks._Renderer`` is the reference and this is a port of it, statement by statement, with one difference:
children, text and tails are read from the C tree instead of through an lxml proxy per node, and the walk is C:
tags known by their name's address, white space collapsed in one pass, blocks made through their slots, an
element's proxy made only for a block that is kept. ``tests/test_render_compiled.py`` holds the two to the same
blocks, links and elements on every page we have and on generated markup. Built at install when a C compiler is there;
``blocks.html_blocks`` uses the Python renderer when it is not (or with ``CITEGRAPH_PURE_PYTHON=1``).
"""

cimport cython
cimport lxml.includes.etreepublic as cetree
from lxml.includes.tree cimport xmlNode, xmlAttr, const_xmlChar
from lxml.includes.tree cimport XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE
from lxml.includes.tree cimport XML_COMMENT_NODE, XML_PI_NODE, XML_ENTITY_REF_NODE

cetree.import_lxml__etree()

cdef extern from "Python.h":
    object PyUnicode_DecodeUTF8(const char* s, Py_ssize_t size, const char* errors)

cdef extern from "string.h":
    size_t strlen(const char* s)
    int strcmp(const char* a, const char* b)
    int memcmp(const void* a, const void* b, size_t n)
    void* memcpy(void* dest, const void* src, size_t n)

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    object PyType_GenericNew(object kind, object args, object kwds)
    void* PyMem_Malloc(size_t n)
    void* PyMem_Realloc(void* p, size_t n)
    void PyMem_Free(void* p)
    ctypedef struct PyObject

from cpython.object cimport Py_TYPE, PyTypeObject
from spiders._cslots cimport offset_of, plain_offset, put
from cpython.unicode cimport PyUnicode_KIND, PyUnicode_DATA, PyUnicode_READ
from libc.stdint cimport uint8_t as Py_UCS1, uint16_t as Py_UCS2, uint64_t


cdef tuple _NO_ARGS = ()


# A character of a buffer being written, and of a ``str`` being read: one, two or four bytes (``str``'s kinds).
ctypedef fused _Char:
    Py_UCS1
    Py_UCS2
    Py_UCS4


ctypedef fused _Part:
    Py_UCS1
    Py_UCS2
    Py_UCS4


cpdef str collapse(str text):
    """``" ".join(text.split())``: runs of white space (``str.isspace``) made one space, none at either end; ``text``
    itself when it is so already (most text nodes)."""
    return text if _clean(text) else _collapsed([text], 0)


def control_bytes(bytes sample):
    """How many of ``sample``'s bytes are control characters but ``\\t \\n \\v \\f \\r`` (0-8, 14-31): what
    ``common.looks_binary`` counts, without the copy ``bytes.translate`` makes of the sample (a loop the compiler
    vectorises)."""
    cdef const unsigned char* p = <const unsigned char*>sample
    cdef Py_ssize_t n = len(sample), i, count = 0
    for i in range(n):
        count += (p[i] < 9) | (<unsigned char>(p[i] - 14) < 18)
    return count


def utf8_valid(bytes body):
    """Whether ``body.decode("utf-8")`` succeeds (strict UTF-8: no overlong forms, surrogates or code points past
    U+10FFFF), without making the text: 32 or 8 ASCII bytes at a time, then each sequence checked."""
    cdef const unsigned char* p = <const unsigned char*>body
    cdef Py_ssize_t n = len(body), i = 0, k, length
    cdef unsigned char c, low, high
    cdef uint64_t word
    cdef uint64_t w0, w1, w2, w3
    while i < n:
        if i + 32 <= n:  # 32 ASCII bytes at a time (most of a page), then 8
            memcpy(&w0, p + i, 8)
            memcpy(&w1, p + i + 8, 8)
            memcpy(&w2, p + i + 16, 8)
            memcpy(&w3, p + i + 24, 8)
            if (w0 | w1 | w2 | w3) & 0x8080808080808080ULL == 0:
                i += 32
                continue
        if i + 8 <= n:
            memcpy(&word, p + i, 8)
            if word & 0x8080808080808080ULL == 0:
                i += 8
                continue
        c = p[i]
        if c < 0x80:
            i += 1
            continue
        # a sequence's length and the range of its second byte, by its first; the others are 0x80-0xBF
        if c < 0xC2 or c > 0xF4:  # a continuation byte, an overlong two-byte form, or past U+10FFFF
            return False
        if c <= 0xDF:
            length, low, high = 2, 0x80, 0xBF
        elif c <= 0xEF:  # E0: no overlong form; ED: no surrogate
            length, low, high = 3, 0xA0 if c == 0xE0 else 0x80, 0x9F if c == 0xED else 0xBF
        else:  # F0: no overlong form; F4: not past U+10FFFF
            length, low, high = 4, 0x90 if c == 0xF0 else 0x80, 0x8F if c == 0xF4 else 0xBF
        if i + length > n or not low <= p[i + 1] <= high:
            return False
        for k in range(i + 2, i + length):
            if p[k] & 0xC0 != 0x80:
                return False
        i += length
    return True


def collapse_parts(list parts, Py_ssize_t start=0):
    """``collapse("".join(parts[start:]))``, as a block's text is made from its text nodes."""
    return _collapsed(parts, start)


cdef inline bint _clean(str text) noexcept:
    """``text`` has no white space but single spaces between other characters."""
    cdef const void* data = PyUnicode_DATA(text)
    cdef int kind = PyUnicode_KIND(text)
    if kind == 1:
        return _clean_run(<const Py_UCS1*>data, len(text))
    if kind == 2:
        return _clean_run(<const Py_UCS2*>data, len(text))
    return _clean_run(<const Py_UCS4*>data, len(text))


cdef uint64_t _ONES = 0x0101010101010101ULL
cdef bint _LITTLE_ENDIAN = (<const unsigned char*>&_ONES)[0] == 1


cdef inline bint _chars_clean(const _Part* data, Py_ssize_t a, Py_ssize_t b, bint* space) noexcept:
    """``data[a:b]`` one by one: no white space but a space, and none after another (``space``: what came last was
    white space; kept for what follows)."""
    cdef Py_ssize_t k
    for k in range(a, b):
        if _is_space(data[k]):
            if space[0] or data[k] != 32:
                return False
            space[0] = True
        else:
            space[0] = False
    return True


cdef inline bint _clean_run(const _Part* data, Py_ssize_t n) noexcept:
    """``_clean`` of a text's characters, as many at a time as fill 64 bits (eight of one byte): in a group of ASCII
    ones, none below a space (the other white space) and no two spaces side by side (within the group and across
    two); a group holding a character past ASCII, and the last few characters, one by one."""
    cdef Py_ssize_t i = 0, per = 8 // sizeof(_Part)
    cdef unsigned int bits = 8 * sizeof(_Part)
    cdef uint64_t lane = (
        _ONES if _Part is Py_UCS1 else 0x0001000100010001ULL if _Part is Py_UCS2 else 0x0000000100000001ULL
    )  # a one in each lane
    cdef uint64_t high = lane << (bits - 1)  # each lane's top bit
    cdef uint64_t past = high - 0x80 * lane + high  # each lane's bits from 0x80 up: a character past ASCII
    cdef uint64_t first = high & ((lane << bits) - 1)  # the first lane's top bit
    cdef uint64_t w, t, spaces
    cdef bint space = True  # what came last was white space (or nothing: no space at the start)
    if _LITTLE_ENDIAN and n >= per:
        if _is_space(data[0]):
            return False
        while i + per <= n:
            memcpy(&w, data + i, 8)
            if w & past:
                if not _chars_clean(data, i, i + per, &space):
                    return False
            elif (w - 0x20 * lane) & ~w & high:  # a character below 0x20 (tab, newline, ...)
                return False
            else:
                t = w ^ (0x20 * lane)  # a zero lane where a space is
                spaces = ~(((t & ~high) + ~high) | t) & high  # each space's lane's top bit
                if spaces & (spaces << bits) or (space and i > 0 and spaces & first):
                    return False
                space = (spaces >> 63) != 0
            i += per
    if not _chars_clean(data, i, n, &space):
        return False
    return not (n and space)


cdef inline bint _is_space(Py_UCS4 ch) noexcept:
    """``str.isspace``: a table for one-byte characters, a call (rare) above."""
    return _SPACE1[ch] if ch < 256 else Py_UNICODE_ISSPACE(ch)


cdef bint _SPACE1[256]
"""``str.isspace`` of each one-byte character."""
for _i in range(256):
    _SPACE1[_i] = chr(_i).isspace()


cdef inline Py_ssize_t _collapse_run(_Char* out, Py_ssize_t m, const _Part* data, Py_ssize_t n, bint* space) noexcept:
    """One part's characters appended to ``out`` from ``m``, white space collapsed (``space``: white space seen since
    the last character written, after the first): where ``out`` ends."""
    cdef Py_ssize_t k
    cdef Py_UCS4 ch
    for k in range(n):
        ch = data[k]
        if _is_space(ch):
            space[0] = m > 0
        else:
            if space[0]:
                out[m] = 32
                m += 1
                space[0] = False
            out[m] = <_Char>ch
            m += 1
    return m


cdef Py_ssize_t _collapse_into(_Char* out, list parts, Py_ssize_t start) noexcept:
    """The characters of ``parts[start:]`` written to ``out`` (as wide as the widest part), white space collapsed:
    how many. A loop per width of ``out`` and of a part."""
    cdef Py_ssize_t i, m = 0
    cdef int kind
    cdef const void* data
    cdef bint space = False
    cdef str part
    for i in range(start, len(parts)):
        part = <str>parts[i]
        kind = PyUnicode_KIND(part)
        data = PyUnicode_DATA(part)
        if kind == 1:
            m = _collapse_run(out, m, <const Py_UCS1*>data, len(part), &space)
        elif kind == 2:
            m = _collapse_run(out, m, <const Py_UCS2*>data, len(part), &space)
        else:
            m = _collapse_run(out, m, <const Py_UCS4*>data, len(part), &space)
    return m


cdef str _collapsed(list parts, Py_ssize_t start):
    """``collapse("".join(parts[start:]))`` in one pass over the parts (a block's text is the run of its text nodes;
    most are one node, most of them clean already): each part's characters written to one buffer, of as many bytes a
    character as the widest part has."""
    cdef Py_ssize_t count = len(parts) - start, total = 0, i
    cdef int kind, widest = 1
    cdef str part
    if count <= 0:
        return ""
    if count == 1:
        part = parts[start]
        if _clean(part):
            return part
    for i in range(start, len(parts)):
        part = parts[i]
        total += len(part)
        kind = PyUnicode_KIND(part)
        if kind > widest:
            widest = kind
    cdef Py_UCS4 small[256]  # most blocks' text fits: no allocation
    cdef void* buf = <void*>small
    if total * widest > sizeof(small):  # (``widest``: bytes a character, 1, 2 or 4)
        buf = PyMem_Malloc(total * widest)
        if buf is NULL:
            raise MemoryError()
    try:
        if widest == 1:
            return PyUnicode_FromKindAndData(1, buf, _collapse_into(<Py_UCS1*>buf, parts, start))
        if widest == 2:
            return PyUnicode_FromKindAndData(2, buf, _collapse_into(<Py_UCS2*>buf, parts, start))
        return PyUnicode_FromKindAndData(4, buf, _collapse_into(<Py_UCS4*>buf, parts, start))
    finally:
        if buf != <void*>small:
            PyMem_Free(buf)

cdef frozenset BLOCK_TAGS = frozenset(
    "address article aside blockquote body details dd dl dt dialog div fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody thead tfoot "
    "tr ul caption".split()
)
cdef frozenset SKIP_TAGS = frozenset(
    "head script style template noscript svg iframe button input select textarea".split()
)
cdef frozenset NOT_PLAIN_LEAF = SKIP_TAGS | {"tr", "a", "br"}
cdef dict _NAMES = {}
"""Tag names by their C string's content, decoded once per process (a page has a few dozen distinct tags)."""


cdef inline str _text(const_xmlChar* s):
    return PyUnicode_DecodeUTF8(<const char*>s, strlen(<const char*>s), "strict")


cdef object _attribute(xmlNode* el, const char* name):
    """``cetree.attributeValueFromNsName(el, NULL, name)`` (libxml2's ``xmlGetNsProp``: the attribute without a
    namespace of that name, its value as written) read from the node: its one text node's content decoded, without
    the copy libxml2 makes and frees. Any other attribute (entities in its value, none found) is lxml's to read."""
    cdef xmlAttr* a = el.properties
    cdef xmlNode* value
    while a is not NULL:
        if a.ns is NULL and strcmp(<const char*>a.name, name) == 0:
            value = a.children
            if value is NULL:
                return ""
            if value.next is NULL and (value.type == XML_TEXT_NODE or value.type == XML_CDATA_SECTION_NODE):
                return _text(value.content) if value.content is not NULL else None  # (``xmlStrdup(NULL)``)
            break
        a = a.next
    return cetree.attributeValueFromNsName(el, NULL, <const_xmlChar*>name)


cdef inline bint _is_child(xmlNode* c) noexcept:
    """What lxml iterates as an element's children: elements, comments, processing instructions, entities."""
    return (
        c.type == XML_ELEMENT_NODE or c.type == XML_COMMENT_NODE or c.type == XML_PI_NODE
        or c.type == XML_ENTITY_REF_NODE
    )


cdef inline bint _is_text(xmlNode* c) noexcept:
    return c.type == XML_TEXT_NODE or c.type == XML_CDATA_SECTION_NODE


cdef inline bint _has_children(xmlNode* c) noexcept:
    """``len(el) > 0``."""
    cdef xmlNode* k = c.children
    while k is not NULL:
        if _is_child(k):
            return True
        k = k.next
    return False


cdef str _tag(xmlNode* c):
    """``el.tag`` of an element node."""
    if c.ns is not NULL:
        return cetree.namespacedName(c)
    cdef bytes raw = <bytes>(<const char*>c.name)
    name = _NAMES.get(raw)
    if name is None:
        name = _NAMES[raw] = raw.decode("utf-8")
    return name


cdef enum:
    F_SKIP = 1
    F_BLOCK = 2
    F_NOT_PLAIN_LEAF = 4
    F_TR = 8
    F_LI = 16
    F_BR = 32
    F_A = 64
    F_CELL = 128
    F_TH = 256


cdef int _flags_of(str tag):
    """What ``walk`` asks of a tag, as bits."""
    return (
        (F_SKIP if tag in SKIP_TAGS else 0)
        | (F_BLOCK if tag in BLOCK_TAGS else 0)
        | (F_NOT_PLAIN_LEAF if tag in NOT_PLAIN_LEAF else 0)
        | (F_TR if tag == "tr" else 0)
        | (F_LI if tag == "li" else 0)
        | (F_BR if tag == "br" else 0)
        | (F_A if tag == "a" else 0)
        | (F_CELL if tag in ("td", "th") else 0)
        | (F_TH if tag == "th" else 0)
    )


cdef struct _Known:
    const_xmlChar* name
    char copy[16]
    PyObject* tag
    int flags


cdef _Known _KNOWN[251]
"""Tags and their bits by the address of libxml2's name string (lxml's parsers share one dictionary of names, so
an element's name is one of a few dozen strings), the name's bytes kept to check a hit: ``_tag`` and ``_flags_of``
cost ~700 CPU instructions an element, a hit ~30."""


cdef str _tag_flags(xmlNode* c, int* flags):
    """``_tag(c)``, and its ``_flags_of`` in ``flags``."""
    cdef size_t slot
    cdef _Known* known
    cdef size_t n
    if c.ns is not NULL:
        tag = _tag(c)
        flags[0] = _flags_of(tag)
        return tag
    slot = <size_t>c.name % 251  # names are packed a few bytes apart: a prime spreads them
    known = &_KNOWN[slot]
    if known.name == c.name and strcmp(known.copy, <const char*>c.name) == 0:
        flags[0] = known.flags
        return <str>known.tag
    tag = _tag(c)  # kept for good in _NAMES: the borrowed reference below stays valid
    flags[0] = _flags_of(tag)
    n = strlen(<const char*>c.name)
    if n < 16:
        known.name = c.name
        memcpy(known.copy, <const char*>c.name, n + 1)
        known.tag = <PyObject*>tag
        known.flags = flags[0]
    return tag


cdef str _SPACE = " "


cdef inline bint _blank(const unsigned char* s) noexcept:
    """``s`` (UTF-8) is not empty and all ASCII white space (``str.isspace``: tab to carriage return, the four
    separators, the space): a run of text that every block collapses as it does a space."""
    if s[0] == 0:
        return False
    while s[0]:
        if not (s[0] == 32 or 9 <= s[0] <= 13 or 28 <= s[0] <= 31):
            return False
        s += 1
    return True


cdef str _run_text(xmlNode* c):
    """The text of a run of text nodes starting at ``c`` (``el.text`` from the first child, ``el.tail`` from the
    next sibling), None when there is none (lxml gives None for an empty run too)."""
    if c is NULL or not _is_text(c):
        return None
    cdef xmlNode* n = c.next
    if n is NULL or not _is_text(n):  # the usual single text node
        if c.content is not NULL and _blank(<const unsigned char*>c.content):
            return _SPACE  # (a quarter of the nodes: the white space between tags, which a block collapses)
        s = _text(c.content) if c.content is not NULL else ""
        return s or None
    parts = []
    while c is not NULL and _is_text(c):
        if c.content is not NULL:
            parts.append(_text(c.content))
        c = c.next
    s = "".join(parts)
    return s or None


@cython.final
@cython.freelist(256)
cdef class Node:
    """The element that opened a block, until it is asked for (``Block.element``): its document, kept alive here as
    a proxy keeps it, and its node. A paper page renders ~200 blocks and its parser asks for one element; lxml's proxy
    made for each and freed with it cost 6% of the page's rendering. The parsers never change a tree, so the node
    lives as long as its document."""

    cdef cetree._Document doc
    cdef xmlNode* node

    def element(self):
        """lxml's proxy of the node (the one element of the document that it is)."""
        return cetree.elementFactory(self.doc, self.node)


cdef class Renderer:
    cdef public list blocks
    cdef public list parts
    cdef public list links
    cdef str tag
    cdef xmlNode* node
    """The element that opened the current block (its proxy made only for a block that is kept: most elements
    that open one close with nothing in it)."""
    cdef object doc
    cdef object enough
    cdef object Block
    cdef object Link
    cdef bint stopped
    cdef tuple fields
    """The member descriptors of ``Block``'s four slots, None when it is not a slotted class made as its fields say
    (blocks are then made by calling it)."""
    cdef tuple link_fields
    """The same of ``Link``'s two."""

    def __init__(self, doc, enough, block_cls, link_cls, fields=None, link_fields=None):
        self.blocks, self.parts, self.links = [], [], []
        self.tag, self.node = "", NULL
        self.doc, self.enough = doc, enough
        self.Block, self.Link = block_cls, link_cls
        self.stopped = False
        self.fields = fields
        self.link_fields = link_fields

    cdef object block(self, str text, str tag, list links, element):
        """``Block(text, tag, links, element)``, made in C: its four slots set as its ``__init__`` sets them (a
        call of the dataclass cost ~1.8 k CPU instructions, 120 times a hub page)."""
        cdef tuple fields = self.fields
        if fields is None:
            return self.Block(text, tag, links, element)
        obj = PyType_GenericNew(self.Block, _NO_ARGS, None)
        _set(fields[0], obj, text)
        _set(fields[1], obj, tag)
        _set(fields[2], obj, links)
        _set(fields[3], obj, element)
        return obj

    cdef object link(self, href, str text):
        """``Link(href, text)``, made in C as ``block`` makes a block (a paper page has ~100 links)."""
        cdef tuple fields = self.link_fields
        if fields is None:
            return self.Link(href, text)
        obj = PyType_GenericNew(self.Link, _NO_ARGS, None)
        _set(fields[0], obj, href)
        _set(fields[1], obj, text)
        return obj

    cdef object proxy(self, xmlNode* c):
        """What a block keeps of the element that opened it: a ``Node``, its proxy made when asked for, in a block
        class of ``_BLOCK_FIELDS`` (``blocks.Block``, which resolves it); the proxy itself for a class called."""
        if self.fields is None:
            return cetree.elementFactory(<cetree._Document>self.doc, c)
        cdef Node node = Node.__new__(Node)
        node.doc = <cetree._Document>self.doc
        node.node = c
        return node

    cdef void flush(self) except *:
        if not self.parts and not self.links:
            return
        text = _collapsed(self.parts, 0)
        if text:
            element = self.proxy(self.node) if self.node is not NULL else None
            self.blocks.append(self.block(text, self.tag, self.links, element))
        self.parts, self.links = [], []

    cdef bint check(self) except -1:
        """``_RenderUntil``: after each element but the plain leaves, stop once the blocks are enough."""
        if self.enough is not None and self.enough(self.blocks):
            self.stopped = True
        return self.stopped

    cdef int walk(self, xmlNode* el) except -1:
        """``_Renderer.walk`` of one node: returns 1 when rendering stops (``enough``)."""
        cdef xmlNode* child
        cdef str ctag, text, line
        cdef bint block
        cdef Py_ssize_t start
        cdef int flags, cflags
        if el.type != XML_ELEMENT_NODE:  # comments, processing instructions
            return 0
        tag = _tag_flags(el, &flags)
        if flags & F_SKIP:
            return 0
        if flags & F_TR:
            self.row(el)
            return 0
        block = flags & F_BLOCK
        if block:
            if self.parts or self.links:
                self.flush()
            self.tag, self.node = tag, el
            if flags & F_LI:
                self.parts.append("- ")
        elif flags & F_BR:
            self.parts.append(" ")
        start = len(self.parts)
        child = el.children
        if child is not NULL and _is_text(child):
            text = _run_text(child)
            if text is not None:
                self.parts.append(text)
        while child is not NULL:
            if not _is_child(child):
                child = child.next
                continue
            if child.type == XML_ELEMENT_NODE and not _has_children(child):
                ctag = _tag_flags(child, &cflags)
                if not cflags & F_NOT_PLAIN_LEAF:  # a plain leaf: what walk() makes of it, without the call
                    text = _run_text(child.children)
                    if cflags & F_BLOCK:
                        if self.parts or self.links:
                            self.flush()
                        if cflags & F_LI:
                            text = "- " + text if text else "- "
                        if text:
                            line = collapse(text)
                            if line:
                                self.blocks.append(self.block(line, ctag, [], self.proxy(child)))
                        self.tag, self.node = ctag, child
                    elif text:
                        self.parts.append(text)
                else:
                    self.walk(child)
                    if self.stopped or self.check():
                        return 1
            else:
                self.walk(child)
                if self.stopped or self.check():
                    return 1
            text = _run_text(child.next)
            if text is not None:
                self.parts.append(text)
            child = child.next
        if flags & F_A:
            href = _attribute(el, b"href")
            if href is not None:
                self.links.append(self.link(href, _collapsed(self.parts, start)))
        if block:
            if self.parts or self.links:
                self.flush()
            self.tag, self.node = tag, el
        return 0

    cdef void row(self, xmlNode* tr) except *:
        cdef xmlNode* c
        cdef Renderer inner
        cdef Py_ssize_t n = 0
        cdef int cflags
        tr_el = self.proxy(tr)
        self.flush()
        self.tag, self.node = "tr", tr
        texts = []
        all_th = True
        c = tr.children
        while c is not NULL:
            if c.type == XML_ELEMENT_NODE:
                _tag_flags(c, &cflags)
                if cflags & F_CELL:
                    n += 1
                    all_th = all_th and cflags & F_TH
                    inner = Renderer(self.doc, None, self.Block, self.Link, self.fields, self.link_fields)
                    inner.walk_inline(c)
                    texts.append(_collapsed(inner.parts, 0))
                    self.links.extend(inner.links)
            c = c.next
        self.parts.append("| " + " | ".join(texts) + " |")
        self.flush()
        self.tag, self.node = "tr", tr
        if n and all_th:
            self.blocks.append(self.block("|" + "---|" * n, "tr", [], tr_el))

    cdef void walk_inline(self, xmlNode* el) except *:
        """``contents`` then ``flush_into_parts``."""
        cdef xmlNode* child = el.children
        if child is not NULL and _is_text(child):
            text = _run_text(child)
            if text is not None:
                self.parts.append(text)
        while child is not NULL:
            if _is_child(child):
                self.walk(child)
                text = _run_text(child.next)
                if text is not None:
                    self.parts.append(text)
            child = child.next
        joined = [b.text for b in self.blocks] + ["".join(self.parts)]
        self.parts = [" ".join(joined)]
        self.blocks = []


cdef inline int _set(slot, obj, value) except -1:
    """``slot.__set__(obj, value)`` for a plain object slot (``_slots_of``) of a fresh instance, in C: the value put at
    the slot's offset, where nothing was yet (what ``member_set`` does after checks that cannot fail here)."""
    put(obj, offset_of(slot), value)
    return 0


cdef dict _SLOTS_OF = {}
"""``Renderer.fields`` per class and its fields' names."""
_BLOCK_FIELDS = ("text", "tag", "links", "_element")
_LINK_FIELDS = ("href", "text")


cdef object _slots_of(cls, tuple names):
    """The member descriptors of a class's fields when it is a slotted dataclass of ``names``, in that order, made by
    the ``__init__`` dataclasses writes (no ``__post_init__``; a frozen one's sets its slots the same way); else
    None."""
    import dataclasses

    fields = _SLOTS_OF.get((cls, names), False)
    if fields is False:
        fields = None
        if (
            dataclasses.is_dataclass(cls)
            and tuple(f.name for f in dataclasses.fields(cls)) == names
            and not hasattr(cls, "__post_init__")
        ):
            found = tuple(cls.__dict__.get(name) for name in names)
            if all(plain_offset(d) >= 0 for d in found):
                fields = found
        _SLOTS_OF[(cls, names)] = fields
    return fields


def render(root, enough, block_cls, link_cls):
    """The blocks of a parsed document, as ``blocks._Renderer`` (``_RenderUntil`` with ``enough``) renders them."""
    cdef cetree._Element el = <cetree._Element?>root
    cdef Renderer r = Renderer(
        el._doc, enough, block_cls, link_cls, _slots_of(block_cls, _BLOCK_FIELDS), _slots_of(link_cls, _LINK_FIELDS)
    )
    r.walk(el._c_node)
    if not r.stopped:
        if r.check() == 0:
            r.flush()
    return r.blocks


cdef struct _Text:
    char* buf
    size_t n
    size_t cap


cdef int _gather(xmlNode* top, _Text* out) except -1:
    """The content of ``top``'s descendant text nodes in document order, appended to ``out`` (what libxml2's
    ``xmlNodeBufGetContent`` joins): 0, or 1 at an entity reference (its content is libxml2's to read)."""
    cdef xmlNode* cur = top.children
    cdef size_t k
    cdef char* grown
    while cur is not NULL:
        if cur.type == XML_TEXT_NODE or cur.type == XML_CDATA_SECTION_NODE:
            if cur.content is not NULL:
                k = strlen(<const char*>cur.content)
                if out.n + k > out.cap:
                    out.cap = max(2 * out.cap, out.n + k, 256)
                    grown = <char*>PyMem_Realloc(out.buf, out.cap)
                    if grown is NULL:
                        raise MemoryError()
                    out.buf = grown
                memcpy(out.buf + out.n, cur.content, k)
                out.n += k
        elif cur.type == XML_ENTITY_REF_NODE:
            return 1
        if cur.children is not NULL and cur.type == XML_ELEMENT_NODE:
            cur = cur.children
            continue
        while cur is not NULL:  # the next node in document order inside ``top``
            if cur.next is not NULL:
                cur = cur.next
                break
            cur = cur.parent
            if cur is top:
                cur = NULL
    return 0


cdef xmlNode* _next_element(xmlNode* cur, xmlNode* top) noexcept:
    """The element after ``cur`` in document order among ``top``'s descendants (``cur`` is ``top`` to start), or
    NULL."""
    if cur.children is not NULL:
        cur = cur.children
    else:
        while cur is not top and cur.next is NULL:
            cur = cur.parent
        if cur is top:
            return NULL
        cur = cur.next
    while True:
        if cur.type == XML_ELEMENT_NODE:
            return cur
        while cur is not top and cur.next is NULL:
            cur = cur.parent
        if cur is top:
            return NULL
        cur = cur.next


cdef xmlNode* _element_node(el, bint plain=True):
    """The C node of an lxml element, else NULL (its readers then go to Python); ``plain``: also NULL when an
    element below it has a namespace (lxml's tag matching is left to lxml: an HTML parse makes none)."""
    cdef xmlNode* top
    cdef xmlNode* c
    if not isinstance(el, cetree._Element):
        return NULL
    top = (<cetree._Element>el)._c_node
    if top is NULL or top.type != XML_ELEMENT_NODE:
        return NULL
    if not plain:
        return top
    c = _next_element(top, top)
    while c is not NULL:
        if c.ns is not NULL:
            return NULL
        c = _next_element(c, top)
    return top


cdef object _PYTHON = None


cdef object _python(str name):
    global _PYTHON
    if _PYTHON is None:
        from spiders.pages.blocks import PYTHON_TREE_READERS

        _PYTHON = PYTHON_TREE_READERS
    return _PYTHON[name]


cdef inline bint _named(xmlNode* c, const char* name) noexcept:
    return c.ns is NULL and strcmp(<const char*>c.name, name) == 0


cdef bint _holds(xmlNode* top, const char* name) noexcept:
    """An element named ``name`` below ``top``."""
    cdef xmlNode* c = _next_element(top, top)
    while c is not NULL:
        if _named(c, name):
            return True
        c = _next_element(c, top)
    return False


def descendants_with(el, str attr, str value, bint prefix=False, having=None, str tag="*"):
    """``blocks.descendants_with``: the descendant elements (named ``tag``) whose ``attr`` is ``value`` (or starts
    with it) and that hold a ``having`` element, in document order, walked in C: a proxy made for each one returned
    only."""
    cdef xmlNode* top = _element_node(el)
    cdef xmlNode* c
    cdef bytes name = attr.encode()
    cdef bytes holds = having.encode() if having is not None else b""
    cdef bytes named = tag.encode()
    cdef bint any_tag = tag == "*"
    cdef list out = []
    if top is NULL:
        return _python("descendants_with")(el, attr, value, prefix, having, tag)
    doc = (<cetree._Element>el)._doc
    c = _next_element(top, top)
    while c is not NULL:
        if not any_tag and not _named(c, named):
            c = _next_element(c, top)
            continue
        found = cetree.attributeValueFromNsName(c, NULL, <const_xmlChar*>name) if c.properties is not NULL else None
        # XPath: a missing attribute is '' to ``starts-with`` and equal to nothing
        if ((<str>found if found is not None else "").startswith(value) if prefix else found == value) and (
            having is None or _holds(c, holds)
        ):
            out.append(cetree.elementFactory(doc, c))
        c = _next_element(c, top)
    return out


def first_link_outside(el, inner):
    """``blocks.first_link_outside``: the first ``a`` of ``el`` and its descendants that ``inner`` does not hold."""
    cdef xmlNode* top = _element_node(el)
    cdef xmlNode* skip = _element_node(inner, False)
    cdef xmlNode* c
    cdef xmlNode* p
    if top is NULL or skip is NULL or _named(top, "a"):  # (``el`` an ``a`` itself: left to Python)
        return _python("first_link_outside")(el, inner)
    c = _next_element(top, top)
    while c is not NULL:
        if _named(c, "a"):
            p = c.parent
            while p is not NULL and p is not skip:
                p = p.parent
            if p is NULL:  # ``inner`` is not among its ancestors
                return cetree.elementFactory((<cetree._Element>el)._doc, c)
        c = _next_element(c, top)
    return None


def first_titled(el, str prefix):
    """``blocks.first_titled``: the first descendant element whose ``title`` starts with ``prefix``, its proxy made
    only for it."""
    cdef xmlNode* top = _element_node(el)
    cdef xmlNode* c
    if top is NULL:
        return _python("first_titled")(el, prefix)
    c = _next_element(top, top)
    while c is not NULL:
        title = cetree.attributeValueFromNsName(c, NULL, <const_xmlChar*>b"title") if c.properties is not NULL else None
        if (<str>title if title is not None else "").startswith(prefix):  # ``e.get("title", "")``
            return cetree.elementFactory((<cetree._Element>el)._doc, c)
        c = _next_element(c, top)
    return None


def has_link(el):
    """``blocks.has_link``: an ``a`` element below ``el``."""
    cdef xmlNode* top = _element_node(el)
    cdef xmlNode* c
    if top is NULL:
        return _python("has_link")(el)
    c = _next_element(top, top)
    while c is not NULL:
        if _named(c, "a"):
            return True
        c = _next_element(c, top)
    return False


def source_href(el):
    """``blocks.source_href``: the href of the first link below ``el`` whose text, ASCII white space stripped,
    starts with ``Source``."""
    cdef xmlNode* top = _element_node(el)
    cdef xmlNode* c
    cdef _Text text
    cdef size_t i
    if top is NULL:
        return _python("source_href")(el)
    text.buf, text.n, text.cap = NULL, 0, 0
    try:
        c = _next_element(top, top)
        while c is not NULL:
            if _named(c, "a"):
                href = cetree.attributeValueFromNsName(c, NULL, <const_xmlChar*>b"href")
                if href is not None:
                    text.n = 0
                    if _gather(c, &text):
                        return _python("source_href")(el)
                    i = 0
                    while i < text.n and text.buf[i] in b" \t\r\n":
                        i += 1
                    if text.n - i >= 6 and memcmp(text.buf + i, b"Source", 6) == 0:
                        return href
            c = _next_element(c, top)
        return None
    finally:
        PyMem_Free(text.buf)


def element_text(el):
    """``blocks.element_text``: all text inside an element, white space collapsed; the text of its descendant text
    nodes in document order, which is what libxml2's text serialisation (``etree.tostring(el, method="text")``)
    joins, read from the C tree without serialising (a wiki card asks it of ~20 elements). An element holding an
    entity reference, or what is not an element, goes to the Python function."""
    cdef xmlNode* top = _element_node(el, False)
    cdef _Text text
    if top is NULL:
        return _python("element_text")(el)
    text.buf, text.n, text.cap = NULL, 0, 0
    try:
        if _gather(top, &text):
            return _python("element_text")(el)
        return collapse(PyUnicode_DecodeUTF8(text.buf, text.n, "strict") if text.n else "")
    finally:
        PyMem_Free(text.buf)
