# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The reference parser compiled: ``parse_reference`` and the scans it is made of, as character loops in C where
``spiders.normalize.references`` runs a regular expression and Python per match. Each public function here is a
port of the Python function it names, which stays the reference: ``tests/test_scan_compiled.py`` holds the two to the
same results on every reference string of the fixtures and on generated text. Built at install when a C compiler is
there; without it, or with ``CITEGRAPH_PURE_PYTHON=1``, ``references`` uses its Python functions.

A string is read once into a buffer of code points (``Buf``), every step reads and writes such buffers, and only what
a caller gets back becomes a ``str`` again: a reference string costs a tenth of what the same steps cost as ``str``
operations. Where a step's meaning depends on Unicode case folding (a label or an arXiv id in non-ASCII text) or on
LaTeX, it is handed to the Python function, as the text is rare.

What the patterns' classes mean for ``str``, as Python's ``re`` reads them: ``\\d`` is ``Py_UNICODE_ISDECIMAL``,
``\\s`` is ``Py_UNICODE_ISSPACE``, a word character (``\\b``) is ``Py_UNICODE_ISALNUM`` or ``_``, ``^`` is the
string's real start (not a search's start position) and ``$`` its end position (or before a newline that ends it).
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from libc.stdint cimport uint8_t as Py_UCS1
from libc.string cimport memcmp, memcpy, memmove

cdef extern from "wchar.h":
    ctypedef int wchar_t
    const wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object o)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    bint Py_UNICODE_ISDIGIT(Py_UCS4 ch)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    bint Py_UNICODE_ISALPHA(Py_UCS4 ch)
    bint Py_UNICODE_ISUPPER(Py_UCS4 ch)
    bint Py_UNICODE_ISLOWER(Py_UCS4 ch)
    bint Py_UNICODE_ISTITLE(Py_UCS4 ch)
    int Py_UNICODE_TODECIMAL(Py_UCS4 ch)
    Py_UCS4* PyUnicode_AsUCS4(object u, Py_UCS4 *buffer, Py_ssize_t buflen, int copy_null) except NULL
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND
    object PyType_GenericNew(object kind, object args, object kwds)
    void PyObject_GC_UnTrack(object o)
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    void* PyUnicode_DATA(object o)
    int PyUnicode_KIND(object o)
    Py_UCS4 PyUnicode_READ(int kind, const void *data, Py_ssize_t index)

from cpython.object cimport Py_TYPE, PyTypeObject


# ---- buffers of code points ------------------------------------------------------------------------------------

cdef struct Buf:
    Py_UCS4 *p
    Py_ssize_t n
    Py_ssize_t cap


cdef int _init(Buf *b, Py_ssize_t cap) except -1:
    b.p = <Py_UCS4 *>PyMem_Malloc((cap + 1) * sizeof(Py_UCS4))
    if b.p == NULL:
        raise MemoryError()
    b.n = 0
    b.cap = cap
    return 0


cdef int _grow(Buf *b, Py_ssize_t need) except -1:
    cdef Py_ssize_t cap = max(need, 2 * b.cap)
    cdef Py_UCS4 *p = <Py_UCS4 *>PyMem_Realloc(b.p, (cap + 1) * sizeof(Py_UCS4))
    if p == NULL:
        raise MemoryError()
    b.p = p
    b.cap = cap
    return 0


cdef inline int _put(Buf *b, Py_UCS4 ch) except -1:
    if b.n >= b.cap:
        _grow(b, b.n + 1)
    b.p[b.n] = ch
    b.n += 1
    return 0


cdef inline int _extend(Buf *b, const Py_UCS4 *src, Py_ssize_t k) except -1:
    if k <= 0:
        return 0
    if b.n + k > b.cap:
        _grow(b, b.n + k)
    memcpy(b.p + b.n, src, k * sizeof(Py_UCS4))
    b.n += k
    return 0


cdef int _load(Buf *b, str s) except -1:
    """``b`` holds ``s`` (its old content dropped)."""
    cdef Py_ssize_t n = len(s)
    if n > b.cap:
        _grow(b, n)
    if n:
        PyUnicode_AsUCS4(s, b.p, b.cap, 0)
    b.n = n
    return 0


cdef bint _ASCII = False
"""The text being parsed is all ASCII (``_parse`` sets it, ``_call`` clears it around each call): every ``str``
made of it is, and is made without looking for its widest character first."""


cdef inline str _str(const Py_UCS4 *p, Py_ssize_t n):
    cdef Py_ssize_t k
    cdef Py_UCS1 *out
    if not _ASCII:
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, p, n)
    text = PyUnicode_New(n, 127)
    out = <Py_UCS1 *>PyUnicode_DATA(text)
    for k in range(n):
        out[k] = <Py_UCS1>p[k]
    return text


cdef inline bint _same(const Py_UCS4 *a, Py_ssize_t n, const Py_UCS4 *b, Py_ssize_t m) noexcept:
    return n == m and (n == 0 or memcmp(a, b, n * sizeof(Py_UCS4)) == 0)


cdef class _Bufs:
    """The buffers one call works in, freed with it: four of code points, and one of sentence spans."""

    cdef Buf a, b, c, d
    cdef Py_ssize_t *spans
    cdef Py_ssize_t spans_cap
    cdef bint busy
    cdef bint ascii
    """``a`` holds ASCII only (set by ``_repair``)."""
    cdef bint collapsed
    """``a`` holds white space collapsed (``_repair`` made it so, and no LaTeX changed it)."""

    def __cinit__(self, Py_ssize_t cap):
        _init(&self.a, cap)
        _init(&self.b, cap)
        _init(&self.c, cap)
        _init(&self.d, cap)

    def __dealloc__(self):
        PyMem_Free(self.a.p)
        PyMem_Free(self.b.p)
        PyMem_Free(self.c.p)
        PyMem_Free(self.d.p)
        PyMem_Free(self.spans)


cdef _Bufs _SHARED = _Bufs(1024)
"""The buffers the functions below work in, kept between calls (four allocations a call cost 5% of a reference
string's parse). ``busy`` while a call holds them: a call from within one (none is made now) gets its own."""


cdef _Bufs _acquire():
    if _SHARED.busy:
        return _Bufs(64)
    _SHARED.busy = True
    return _SHARED


cdef inline void _swap(Buf *x, Buf *y) noexcept:
    cdef Buf t = x[0]
    x[0] = y[0]
    y[0] = t


# ---- characters ---------------------------------------------------------------------------------------------------

cdef inline bint _space(Py_UCS4 ch) noexcept:
    """``\\s``: ``Py_UNICODE_ISSPACE``, answered for ASCII in two comparisons (most characters are letters)."""
    if ch > 32:
        return ch >= 128 and Py_UNICODE_ISSPACE(ch)
    return ch == 32 or 9 <= ch <= 13 or 28 <= ch <= 31


cdef inline bint _dec(Py_UCS4 ch) noexcept:
    """``\\d``: ``Py_UNICODE_ISDECIMAL`` (a function call), answered for ASCII without it."""
    return (u"0" <= ch <= u"9") if ch < 128 else Py_UNICODE_ISDECIMAL(ch)


cdef inline bint _is_word(Py_UCS4 ch) noexcept:
    """A word character: ``Py_UNICODE_ISALNUM`` or ``_``, answered for ASCII without a call."""
    if ch < 128:
        return (u"a" <= ch <= u"z") or (u"A" <= ch <= u"Z") or (u"0" <= ch <= u"9") or ch == u"_"
    return Py_UNICODE_ISALNUM(ch)


cdef inline bint _lower(Py_UCS4 ch) noexcept:
    return u"a" <= ch <= u"z"


cdef inline bint _upper(Py_UCS4 ch) noexcept:
    return u"A" <= ch <= u"Z"


cdef inline bint _letter(Py_UCS4 ch) noexcept:
    return u"a" <= ch <= u"z" or u"A" <= ch <= u"Z"


cdef inline bint _digit(Py_UCS4 ch) noexcept:
    return u"0" <= ch <= u"9"


cdef inline Py_UCS4 _fold(Py_UCS4 ch) noexcept:
    """ASCII's lower case (``str.lower`` of ASCII text)."""
    return <Py_UCS4>(<unsigned int>ch + 32) if u"A" <= ch <= u"Z" else ch


cdef inline Py_UCS4 _either(Py_UCS4 ch) noexcept:
    """``ch | 32``: an ASCII letter in lower case (and other characters changed, none into a letter that was not
    one: a test of it against a lower-case letter is a test of ``ch`` against that letter in either case)."""
    return <Py_UCS4>(<unsigned int>ch | 32u)


cdef inline bint _strip_char(Py_UCS4 ch, const char *chars) noexcept:
    """``ch`` is one of the ASCII ``chars``."""
    cdef Py_ssize_t k = 0
    while chars[k]:
        if ch == <Py_UCS4>chars[k]:
            return True
        k += 1
    return False


cdef inline bint _at(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, const char *lit) noexcept:
    """The ASCII ``lit`` at ``i``."""
    cdef Py_ssize_t k = 0
    while lit[k]:
        if i + k >= n or p[i + k] != <Py_UCS4>lit[k]:
            return False
        k += 1
    return True


cdef inline bint _at_folded(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, const char *lit) noexcept:
    """The lower-case ASCII ``lit`` at ``i`` of ASCII text, in any case."""
    cdef Py_ssize_t k = 0
    while lit[k]:
        if i + k >= n or _fold(p[i + k]) != <Py_UCS4>lit[k]:
            return False
        k += 1
    return True


cdef inline Py_ssize_t _find(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, const char *lit, bint folded) noexcept:
    """Where the ASCII ``lit`` next occurs from ``i`` (``folded``: in any case, ``lit`` lower-case), or -1."""
    cdef Py_UCS4 first = <Py_UCS4>lit[0]
    cdef const wchar_t *at
    if not folded and sizeof(wchar_t) == sizeof(Py_UCS4):  # glibc's vectorised search for the first character
        while i < n:
            at = wmemchr(<const wchar_t *>(p + i), <wchar_t>first, n - i)
            if at == NULL:
                return -1
            i = <const Py_UCS4 *>at - p
            if _at(p, i, n, lit):
                return i
            i += 1
        return -1
    while i < n:
        if (_fold(p[i]) if folded else p[i]) == first and (
            _at_folded(p, i, n, lit) if folded else _at(p, i, n, lit)
        ):
            return i
        i += 1
    return -1


cdef inline bint _has(const Py_UCS4 *p, Py_ssize_t n, const char *lit) noexcept:
    return _find(p, 0, n, lit, False) >= 0


cdef inline bint _has_char(const Py_UCS4 *p, Py_ssize_t n, Py_UCS4 ch) noexcept:
    cdef Py_ssize_t i
    if sizeof(wchar_t) == sizeof(Py_UCS4):
        return n > 0 and wmemchr(<const wchar_t *>p, <wchar_t>ch, n) != NULL
    for i in range(n):
        if p[i] == ch:
            return True
    return False



cdef inline Py_ssize_t _skip_space(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n) noexcept:
    while i < n and _space(p[i]):
        i += 1
    return i


cdef inline Py_ssize_t _skip_token(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n) noexcept:
    while i < n and not _space(p[i]):
        i += 1
    return i


cdef inline bint _boundary_before(const Py_UCS4 *p, Py_ssize_t i) noexcept:
    """``\\b`` before a word character at ``i``."""
    return i == 0 or not _is_word(p[i - 1])


cdef inline bint _at_end(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n) noexcept:
    """``$`` at ``i``: the end, or a newline that ends the text."""
    return i == n or (i == n - 1 and p[i] == u"\n")


cdef inline void _strip(const Py_UCS4 *p, Py_ssize_t *a, Py_ssize_t *b, const char *chars) noexcept:
    """``[a, b)`` stripped of ``chars`` (NULL: white space) at both ends."""
    while a[0] < b[0] and (_space(p[a[0]]) if chars == NULL else _strip_char(p[a[0]], chars)):
        a[0] += 1
    while b[0] > a[0] and (_space(p[b[0] - 1]) if chars == NULL else _strip_char(p[b[0] - 1], chars)):
        b[0] -= 1


cdef inline Py_ssize_t _rstrip(const Py_UCS4 *p, Py_ssize_t a, Py_ssize_t b, const char *chars) noexcept:
    while b > a and _strip_char(p[b - 1], chars):
        b -= 1
    return b


cdef int _collapse(const Py_UCS4 *p, Py_ssize_t n, Buf *out) except -1:
    """``" ".join(text.split())`` into ``out``."""
    cdef Py_ssize_t i = 0, k = 0
    cdef Py_UCS4 ch
    cdef Py_UCS4 *q
    if out.cap < n:
        _grow(out, n)
    q = out.p
    while True:
        while i < n and _space(p[i]):
            i += 1
        if i >= n:
            break
        if k:
            q[k] = u" "
            k += 1
        while i < n:  # a word: copied until white space (none of ``!`` to ``~`` is)
            ch = p[i]
            if <unsigned int>ch - 33u >= 94u and _space(ch):
                break
            q[k] = ch
            k += 1
            i += 1
    out.n = k
    return 0


cdef object _PY = None
"""``spiders.normalize.references``, for the rare paths left to Python (imported on first use: it imports this
module)."""


cdef object _python():
    global _PY
    if _PY is None:
        from spiders.normalize import references
        _PY = references
    return _PY


# ---- repair -------------------------------------------------------------------------------------------------------

cdef Py_ssize_t _url_prefix(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, bint folded) noexcept:
    """Where ``https?://`` or ``www\\.`` at ``i`` ends, or 0 (``folded``: in any case, of ASCII text)."""
    cdef Py_ssize_t k
    if _at_folded(p, i, n, "http") if folded else _at(p, i, n, "http"):
        k = i + 4
        if k < n and (_fold(p[k]) if folded else p[k]) == u"s":
            k += 1
        return k + 3 if _at(p, k, n, "://") else 0
    if _at_folded(p, i, n, "www.") if folded else _at(p, i, n, "www."):
        return i + 4
    return 0


cdef inline Py_ssize_t _url_end(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n) noexcept:
    """Where ``_URL`` (``(?:https?://|www\\.)\\S+``) matching at ``i`` ends, or 0."""
    cdef Py_ssize_t k
    if p[i] != u"h" and p[i] != u"w":
        return 0
    k = _url_prefix(p, i, n, False)
    if k == 0 or k >= n or _space(p[k]):
        return 0
    return _skip_token(p, k, n)


cdef bint _page_number(Buf *t) noexcept:
    """``_PAGE_NUMBER`` (``(?<=\\.)\\s+\\d{1,3}$``) cut from the end, after the last full stop: whether it was."""
    cdef Py_ssize_t n = t.n, p = n - 1, j, e
    if n == 0 or not Py_UNICODE_ISDIGIT(t.p[n - 1]):
        return False
    while p >= 0 and t.p[p] != u".":
        p -= 1
    p += 1
    if p == 0:
        return False
    j = _skip_space(t.p, p, n)
    e = j
    while e < n and e - j < 4 and _dec(t.p[e]):
        e += 1
    if j > p and 1 <= e - j <= 3 and _at_end(t.p, e, n):
        memmove(t.p + p, t.p + e, (n - e) * sizeof(Py_UCS4))
        t.n = p + n - e
        return True
    return False


cdef inline Py_ssize_t _label_end(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, bint folded) noexcept:
    """Where ``URL`` or ``doi:`` at ``i`` ends, or 0 (``folded``: in any case, of ASCII text)."""
    if _at_folded(p, i, n, "url") if folded else _at(p, i, n, "URL"):
        return i + 3
    if _at_folded(p, i, n, "doi:") if folded else _at(p, i, n, "doi:"):
        return i + 4
    return 0


cdef enum:
    _LABEL = 1
    _LINK = 2
cdef unsigned char _STARTS[128]
"""What may start at an ASCII character, in any case: a label (``u``, ``d``: ``URL``, ``doi:``) or a link (``h``,
``w``: ``http``, ``www.``); 0 for the others (most characters: one look-up each)."""
for _c in range(128):
    _STARTS[_c] = _LABEL if chr(_c) in "uUdD" else _LINK if chr(_c) in "hHwW" else 0


cdef int _space_labels(const Py_UCS4 *p, Py_ssize_t n, Buf *out, bint *url) except -1:
    """``references._space_labels`` of text whose case folding is ASCII's for the pattern (``_folds_as_ascii``: no
    ``İ ı ſ K``): a space after each ``URL`` or ``doi:`` (any case) run into its link (``https?://`` or ``10.``),
    where the label starts a word. ``url``: set to ``_has_url_folded`` of the text, found on the way."""
    cdef Py_ssize_t i = 0, at = 0, end
    cdef Py_UCS4 ch
    cdef unsigned char starts
    out.n = 0
    url[0] = False
    while i < n:
        ch = p[i]
        starts = _STARTS[ch] if ch < 128 else 0
        if starts != _LABEL:  # where no label starts (nor is skipped: a label holds no ``h`` or ``w``)
            if starts == _LINK and not url[0] and (_at_folded(p, i, n, "http") or _at_folded(p, i, n, "www.")):
                url[0] = True
            i += 1
            continue
        end = _label_end(p, i, n, True)
        if end == 0 or not (
            (end < n and _fold(p[end]) == u"h" and _url_prefix(p, end, n, True) > 0) or _at(p, end, n, "10.")
        ):
            i += 1
            continue
        if i == 0 or not _is_word(p[i - 1]):
            _extend(out, p + at, end - at)
            _put(out, u" ")
            at = end
        i = end
    _extend(out, p + at, n - at)
    return 0


cdef bint _url_break(const Py_UCS4 *p, Py_ssize_t n) noexcept:
    """``bool(references._URL_BREAK.search(text))``: a URL token (``(?:https?://|www\\.)\\S*``) ends in one of
    ``/_-=&?%.`` right before a space, where ``_join_url_spaces`` could join the next token to it."""
    cdef Py_ssize_t i, k, e
    for i in range(n):
        if p[i] != u"h" and p[i] != u"w":
            continue
        k = _url_prefix(p, i, n, False)
        if k == 0:
            continue
        e = _skip_token(p, k, n)
        if e > k and e < n and p[e] == u" " and _strip_char(p[e - 1], "/_-=&?%."):
            return True
    return False


cdef bint _continues_url(const Py_UCS4 *url, Py_ssize_t m, const Py_UCS4 *token, Py_ssize_t k) noexcept:
    """``references._continues_url``: ``token`` continues the URL token ``url`` split at a space (``url`` ends in
    one of ``/_-=&?%`` and ``token`` starts with ``[\\w%~-]``, or ``url`` ends in ``.`` but not ``.html.`` or
    ``.pdf.`` and ``token`` starts with ``[a-z0-9]``)."""
    cdef Py_UCS4 first
    if k == 0:
        return False
    first = token[0]
    if m == 0 or _strip_char(url[m - 1], "/_-=&?%"):  # ``url[-1:] in "..."``: true for "" too
        return _is_word(first) or first == u"%" or first == u"~" or first == u"-"
    if url[m - 1] != u".":
        return False
    return (_lower(first) or _digit(first)) and not (
        (m >= 6 and _at(url, m - 6, m, ".html.")) or (m >= 5 and _at(url, m - 5, m, ".pdf."))
    )


cdef int _join_url_spaces(const Py_UCS4 *p, Py_ssize_t n, Buf *out) except -1:
    """``references._join_url_spaces``: ``https://www. lesswrong.com/a/ b`` -> ``https://www.lesswrong.com/a/b``."""
    cdef Py_ssize_t a = 0, b, last = -1, k
    cdef bint in_url = False
    out.n = 0
    while True:  # each token of ``text.split(" ")``
        b = a
        while b < n and p[b] != u" ":
            b += 1
        if in_url and last >= 0 and _continues_url(out.p + last, out.n - last, p + a, b - a):
            _extend(out, p + a, b - a)
        else:
            if last >= 0:
                _put(out, u" ")
            last = out.n
            _extend(out, p + a, b - a)
            k = _url_prefix(p, a, b, False) if b > a else 0  # ``_URL.match(token)``: a prefix, then ``\\S+``
            in_url = 0 < k < b and not _space(p[k])
        if b >= n:
            return 0
        a = b + 1


cdef inline bint _word_at(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, const char *word) noexcept:
    """The ASCII ``word`` at ``i``, then a word boundary."""
    cdef Py_ssize_t e = i
    if not _at(p, i, n, word):
        return False
    while word[e - i]:
        e += 1
    return e == n or not _is_word(p[e])


cdef bint _glued_at(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n) noexcept:
    """``_WORD_GLUE.match(text, i)`` where ``p[i - 1]`` is one of ``.?!`` and ``p[i]`` an ASCII letter:
    ``(?<=[a-z\\)][.?!])(?=[A-Z][a-zA-Z])``, ``(?<=\\bal\\.)(?=[A-Z])`` or
    ``(?<=[a-z]{2}[.?!])(?=[a-z][A-Za-z]+)(?!(?:org|com|net|edu|io|ai|html?|pdf)\\b)``."""
    cdef Py_UCS4 nxt = p[i]
    cdef bint next_letter = i + 1 < n and _letter(p[i + 1])
    if _upper(nxt):
        if i >= 2 and (_lower(p[i - 2]) or p[i - 2] == u")") and next_letter:
            return True
        return i >= 3 and p[i - 1] == u"." and p[i - 2] == u"l" and p[i - 3] == u"a" and _boundary_before(p, i - 3)
    if not (i >= 3 and _lower(nxt) and next_letter and _lower(p[i - 2]) and _lower(p[i - 3])):
        return False
    return not (
        _word_at(p, i, n, "org") or _word_at(p, i, n, "com") or _word_at(p, i, n, "net") or _word_at(p, i, n, "edu")
        or _word_at(p, i, n, "io") or _word_at(p, i, n, "ai") or _word_at(p, i, n, "html")
        or _word_at(p, i, n, "htm") or _word_at(p, i, n, "pdf")
    )


cdef int _words(const Py_UCS4 *p, Py_ssize_t n, Buf *tmp, Buf *out) except -1:
    """``references._repair_words`` appended to ``out``: a space where ``_WORD_GLUE`` matches after ``.?!`` before
    a letter (``_unglue``), then ``_HYPHEN_BREAK`` (``- `` between two lower-case letters each side) dropped."""
    cdef Py_ssize_t i, at = 0
    cdef Py_UCS4 ch
    tmp.n = 0
    for i in range(n - 1):
        ch = p[i]
        if (ch == u"." or ch == u"?" or ch == u"!") and _letter(p[i + 1]) and _glued_at(p, i + 1, n):
            _extend(tmp, p + at, i + 1 - at)
            _put(tmp, u" ")
            at = i + 1
    _extend(tmp, p + at, n - at)
    p = tmp.p
    n = tmp.n
    at = 0
    if not _has_char(p, n, u"-"):  # no ``_HYPHEN_BREAK`` without a hyphen (most strings)
        _extend(out, p, n)
        return 0
    for i in range(2, n - 3):
        if (
            p[i] == u"-" and p[i + 1] == u" " and _lower(p[i - 1]) and _lower(p[i - 2])
            and _lower(p[i + 2]) and _lower(p[i + 3])
        ):
            _extend(out, p + at, i - at)
            at = i + 2
    _extend(out, p + at, n - at)
    return 0


cdef int _words_between_urls(const Py_UCS4 *p, Py_ssize_t n, Buf *tmp, Buf *out) except -1:
    """``references._repair_words_between_urls``: ``_words`` on the text between URLs only."""
    cdef Py_ssize_t i = 0, at = 0, e
    out.n = 0
    while i < n:
        e = _url_end(p, i, n)
        if e == 0:
            i += 1
            continue
        _words(p + at, i - at, tmp, out)
        _extend(out, p + i, e - i)
        i = at = e
    _words(p + at, n - at, tmp, out)
    return 0


cdef int _space_labels_in_python(Buf *b) except -1:
    """``b`` replaced by ``references._space_labels`` of it: non-ASCII text, where the labels' case folding is
    Python's ``re``'s."""
    _load(b, _python()._space_labels(_str(b.p, b.n), None))
    return 0


cdef bint _has_url_folded(const Py_UCS4 *p, Py_ssize_t n) noexcept:
    """``"http" in lower or "www." in lower`` (``lower``: ``text.lower()``; no other letter lowers to these)."""
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(n):
        c = _either(p[i])
        if (c == u"h" and _at_folded(p, i, n, "http")) or (c == u"w" and _at_folded(p, i, n, "www.")):
            return True
    return False


cdef list _repair(str raw, _Bufs w):
    """``references.repair`` into ``w.a``: what was repaired returned (a label glued to its link in non-ASCII text
    and LaTeX are handed to the Python functions)."""
    cdef list notes = []
    cdef bint url
    _load(&w.b, raw)
    w.ascii = PyUnicode_IS_ASCII(raw)  # (the repairs below add ASCII only, but LaTeX's accents)
    _collapse(w.b.p, w.b.n, &w.a)
    if _page_number(&w.a):
        notes.append("page_number_stripped")
    if w.ascii or _folds_as_ascii(w.a.p, w.a.n):  # w.b: the text with labels spaced
        _space_labels(w.a.p, w.a.n, &w.b, &url)
    else:
        url = _has_url_folded(w.a.p, w.a.n)
        w.b.n = 0
        _extend(&w.b, w.a.p, w.a.n)
        _space_labels_in_python(&w.b)
    if url:
        if _url_break(w.b.p, w.b.n):
            _join_url_spaces(w.b.p, w.b.n, &w.c)
            _swap(&w.b, &w.c)
        _words_between_urls(w.b.p, w.b.n, &w.d, &w.c)
    else:
        w.c.n = 0
        _words(w.b.p, w.b.n, &w.d, &w.c)
    if not _same(w.c.p, w.c.n, w.a.p, w.a.n):
        notes.append("joint_repaired")
    _swap(&w.a, &w.c)
    w.collapsed = True  # (each repair keeps white space collapsed: a space put only before a character)
    if _has_char(w.a.p, w.a.n, u"\\") or _has_char(w.a.p, w.a.n, u"{"):  # ``decode_latex`` changes nothing else
        w.c.n = 0
        _extend(&w.c, w.a.p, w.a.n)
        _decode_latex(&w.a, &w.d)
        if not _same(w.c.p, w.c.n, w.a.p, w.a.n):
            notes.append("latex_decoded")
            w.ascii = False
            w.collapsed = False
    return notes


# ---- LaTeX --------------------------------------------------------------------------------------------------------

cdef dict _COMPOSED = {}
"""``unicodedata.normalize("NFC", letter + accent)`` by the two characters, as met."""
cdef object _NORMALIZE = None
cdef dict _ACCENTS = None
cdef dict _LETTERS = None


cdef int _accented(Buf *out, Py_UCS4 base, Py_UCS4 command) except -1:
    """``latex._accent``: ``base`` with the accent ``command`` names, composed (NFC)."""
    global _NORMALIZE
    key = (base, command)
    composed = _COMPOSED.get(key)
    if composed is None:
        if _NORMALIZE is None:
            import unicodedata
            _NORMALIZE = unicodedata.normalize
        composed = _NORMALIZE("NFC", chr(base) + _ACCENTS[chr(command)])
        _COMPOSED[key] = composed
    for ch in <str>composed:
        _put(out, ch)
    return 0


cdef inline Py_ssize_t _letter_arg(const Py_UCS4 *p, Py_ssize_t j, Py_ssize_t n) noexcept:
    """Where ``\\?[A-Za-z]`` at ``j`` ends, or -1."""
    if j < n and p[j] == u"\\":
        j += 1
    return j + 1 if j < n and _letter(p[j]) else -1


cdef int _accents(const Py_UCS4 *p, Py_ssize_t n, Buf *out) except -1:
    """``latex._ACCENT.sub(_accent, text)``: ``\\"o``, ``\\'{e}``, ``\\c c`` ... -> the accented letter."""
    cdef Py_ssize_t i = 0, at = 0, k, j, e, b
    cdef Py_UCS4 command
    out.n = 0
    while i < n:
        if p[i] != u"\\" or i + 1 >= n:
            i += 1
            continue
        command = p[i + 1]
        k = i + 2
        if not (
            _strip_char(command, "\"'`^~=.")
            or (_strip_char(command, "uvHckr") and k < n and (_space(p[k]) or p[k] == u"{"))
        ):
            i += 1
            continue
        k = _skip_space(p, k, n)
        e = -1
        if k < n and p[k] == u"{":  # ``\\{\\s*(\\?[A-Za-z])\\s*\\}``
            j = _skip_space(p, k + 1, n)
            b = _letter_arg(p, j, n)
            if b > 0:
                e = _skip_space(p, b, n)
                e = e + 1 if e < n and p[e] == u"}" else -1
        else:  # ``(\\?[A-Za-z])``
            j = k
            b = _letter_arg(p, j, n)
            e = b
        if e < 0:
            i += 1
            continue
        _extend(out, p + at, i - at)
        _accented(out, p[b - 1], command)
        i = at = e
    _extend(out, p + at, n - at)
    return 0


cdef int _letters(const Py_UCS4 *p, Py_ssize_t n, Buf *out) except -1:
    """``latex._LETTER.sub``: ``{\\ss}``, ``\\o``, ``\\AE`` ... (``\\{?\\(ss|OE|...|j)(?![A-Za-z])\\}?\\s?``) -> the
    letter."""
    cdef Py_ssize_t i = 0, at = 0, j, e
    out.n = 0
    while i < n:
        j = i + 1 if p[i] == u"{" else i
        if not (j + 1 < n and p[j] == u"\\"):
            i += 1
            continue
        j += 1
        if (
            _at(p, j, n, "ss") or _at(p, j, n, "OE") or _at(p, j, n, "oe") or _at(p, j, n, "AE")
            or _at(p, j, n, "ae") or _at(p, j, n, "AA") or _at(p, j, n, "aa")
        ) and not (j + 2 < n and _letter(p[j + 2])):
            e = j + 2
        elif _strip_char(p[j], "OoLlij") and not (j + 1 < n and _letter(p[j + 1])):
            e = j + 1
        else:
            i += 1
            continue
        name = _str(p + j, e - j)
        if e < n and p[e] == u"}":
            e += 1
        if e < n and _space(p[e]):
            e += 1
        _extend(out, p + at, i - at)
        for ch in <str>_LETTERS[name]:
            _put(out, ch)
        i = at = e
    _extend(out, p + at, n - at)
    return 0


cdef inline Py_ssize_t _group_end(const Py_UCS4 *p, Py_ssize_t k, Py_ssize_t n) noexcept:
    """Where ``\\{([^{}]*)\\}`` at ``k`` ends, or -1."""
    if not (k < n and p[k] == u"{"):
        return -1
    k += 1
    while k < n and p[k] != u"{" and p[k] != u"}":
        k += 1
    return k + 1 if k < n and p[k] == u"}" else -1


cdef int _commands(const Py_UCS4 *p, Py_ssize_t n, Buf *out) except -1:
    """``latex._COMMAND.sub``: ``\\textit{x}`` (``textbf``, ``emph``, ``mathrm``, ``textrm``, ``text``) -> ``x``."""
    cdef Py_ssize_t i = 0, at = 0, k, e
    out.n = 0
    while i < n:
        if p[i] != u"\\":
            i += 1
            continue
        k = i + 1
        if _at(p, k, n, "textit{") or _at(p, k, n, "textbf{") or _at(p, k, n, "mathrm{") or _at(p, k, n, "textrm{"):
            k += 6
        elif _at(p, k, n, "emph{"):
            k += 4
        elif _at(p, k, n, "text{"):
            k += 4
        else:
            i += 1
            continue
        e = _group_end(p, k, n)
        if e < 0:
            i += 1
            continue
        _extend(out, p + at, i - at)
        _extend(out, p + k + 1, e - 1 - (k + 1))
        i = at = e
    _extend(out, p + at, n - at)
    return 0


cdef int _groups(const Py_UCS4 *p, Py_ssize_t n, Buf *out) except -1:
    """``latex._GROUP.sub``: braces that only group letters dropped; an unknown command keeps its braces
    (``(\\[A-Za-z]+)?\\{([^{}]*)\\}``)."""
    cdef Py_ssize_t i = 0, at = 0, k, e
    out.n = 0
    while i < n:
        if p[i] == u"\\":
            k = i + 1
            while k < n and _letter(p[k]):
                k += 1
            e = _group_end(p, k, n) if k > i + 1 else -1
            if e > 0:  # kept as it is
                i = e
                continue
        elif p[i] == u"{":
            e = _group_end(p, i, n)
            if e > 0:
                _extend(out, p + at, i - at)
                _extend(out, p + i + 1, e - 1 - (i + 1))
                i = at = e
                continue
        i += 1
    _extend(out, p + at, n - at)
    return 0


cdef int _decode_latex(Buf *text, Buf *tmp) except -1:
    """``latex.decode_latex`` of ``text``, in place (``tmp``: scratch): accents, special letters and simple
    commands decoded, other braces dropped."""
    global _ACCENTS, _LETTERS
    if not (_has_char(text.p, text.n, u"\\") or _has_char(text.p, text.n, u"{")):
        return 0
    if _ACCENTS is None:
        from spiders.normalize import latex
        _ACCENTS = latex._ACCENTS
        _LETTERS = latex._LETTERS
    _accents(text.p, text.n, tmp)
    _letters(tmp.p, tmp.n, text)
    _commands(text.p, text.n, tmp)
    _groups(tmp.p, tmp.n, text)
    return 0




# ---- identifiers --------------------------------------------------------------------------------------------------

cdef Py_ssize_t _arxiv_id_end(const Py_UCS4 *s, Py_ssize_t i, Py_ssize_t n) noexcept:
    """Where ``NEW_ARXIV|OLD_ARXIV`` (``\\d{4}\\.\\d{4,5}`` or ``[a-z][a-z\\-]+(?:\\.[a-z]{2})?/\\d{7}``) matching
    at ``i`` of lower-cased ASCII ``s`` ends, or -1."""
    cdef Py_ssize_t k, j
    if i + 9 <= n and _digit(s[i]) and _digit(s[i + 1]) and _digit(s[i + 2]) and _digit(s[i + 3]) and s[i + 4] == u".":
        k = i + 5
        while k < n and k < i + 10 and _digit(s[k]):
            k += 1
        if k - (i + 5) >= 4:
            return k
    if not (i + 1 < n and _lower(s[i])):
        return -1
    k = i + 1
    while k < n and (_lower(s[k]) or s[k] == u"-"):
        k += 1
    if k == i + 1:  # ``[a-z\\-]+`` needs one
        return -1
    if k + 3 <= n and s[k] == u"." and _lower(s[k + 1]) and _lower(s[k + 2]):
        j = k + 3
        if not (j < n and s[j] == u"/"):  # the optional group taken, then ``/``; without it ``/`` would need to be at k
            return -1
        k = j
    if not (k < n and s[k] == u"/"):
        return -1
    for j in range(k + 1, k + 8):
        if j >= n or not _digit(s[j]):
            return -1
    return k + 8


cdef object _digits_int(const Py_UCS4 *p, Py_ssize_t a, Py_ssize_t b):
    """``int()`` of the ASCII digits ``p[a:b]``."""
    cdef long long v = 0
    cdef Py_ssize_t k
    if b - a > 18:
        return int(_str(p + a, b - a))
    for k in range(a, b):
        v = v * 10 + (<long long>p[k] - 48)
    return v


cdef tuple _arxiv_at(const Py_UCS4 *text, const Py_UCS4 *s, Py_ssize_t i, Py_ssize_t n):
    """The id (from ``text``) and version of an id matching at ``i`` of ``s`` (``text`` lower-cased), or None."""
    cdef Py_ssize_t e = _arxiv_id_end(s, i, n), k
    if e < 0:
        return None
    version = None
    if e + 1 < n and s[e] == u"v" and _digit(s[e + 1]):
        k = e + 1
        while k < n and _digit(s[k]):
            k += 1
        version = _digits_int(s, e + 1, k)
    return (_str(text + i, e - i), version)


cdef tuple _arxiv_after(Buf *text, Buf *s, const char *prefix, bint boundary, bint spaces):
    """The first id after ``prefix`` in ``s`` (``text`` lower-cased, ASCII) that matches: ``boundary``, the
    prefix starts a word; ``spaces``, white space may follow it."""
    cdef Py_ssize_t n = s.n, at = _find(s.p, 0, n, prefix, False), i, length = 0
    while prefix[length]:
        length += 1
    while at >= 0:
        if not boundary or at == 0 or not _is_word(s.p[at - 1]):
            i = at + length
            if spaces:
                i = _skip_space(s.p, i, n)
            found = _arxiv_at(text.p, s.p, i, n)
            if found is not None:
                return found
        at = _find(s.p, at + 1, n, prefix, False)
    return None


cdef void _fold_into(const Py_UCS4 *p, Py_ssize_t n, Buf *out) noexcept:
    """``out``: ASCII ``p`` lower-cased (``out`` holds ``n``)."""
    cdef Py_ssize_t i
    for i in range(n):
        out.p[i] = _fold(p[i])
    out.n = n


cdef int _compact(const Py_UCS4 *p, Py_ssize_t n, Buf *out, Buf *lower) except -1:
    """``"".join(text.split())`` into ``out``, and into ``lower`` lower-cased as ASCII (``str.lower`` of ASCII)."""
    cdef Py_ssize_t i, k = 0
    cdef Py_UCS4 ch
    if out.cap < n:
        _grow(out, n)
    if lower.cap < n:
        _grow(lower, n)
    for i in range(n):
        ch = p[i]
        if not _space(ch):
            out.p[k] = ch
            lower.p[k] = _fold(ch)
            k += 1
    out.n = lower.n = k
    return 0


cdef tuple _arxiv_in_url(Buf *compact, Buf *lower):
    """``ids._arxiv_url_in`` of ASCII ``compact`` (``lower``: it lower-cased): ``arxiv\\.org/(?:abs|pdf|html|format)/``
    then an id."""
    cdef Py_ssize_t n = compact.n, at, i, k
    at = _find(lower.p, 0, n, "arxiv.org/", False)
    while at >= 0:
        i = at + 10
        k = 0
        if _at(lower.p, i, n, "abs/") or _at(lower.p, i, n, "pdf/"):
            k = 4
        elif _at(lower.p, i, n, "html/"):
            k = 5
        elif _at(lower.p, i, n, "format/"):
            k = 7
        if k:
            found = _arxiv_at(compact.p, lower.p, i + k, n)
            if found is not None:
                return (found[0].removesuffix(".pdf"), found[1])
        at = _find(lower.p, at + 1, n, "arxiv.org/", False)
    return None


cdef bint _folds_as_ascii(const Py_UCS4 *p, Py_ssize_t n) noexcept:
    """The arXiv and label patterns (``IGNORECASE``) match ``p[:n]`` where they match it with ASCII letters
    lower-cased: no character but ASCII's matches their ASCII letters or ``\\d`` except ``İ ı ſ K`` (U+0130, U+0131,
    U+017F, U+212A, as Python's ``re`` folds case) and the other scripts' decimal digits."""
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    for i in range(n):
        ch = p[i]
        if ch >= 128 and (
            ch == 0x130 or ch == 0x131 or ch == 0x17F or ch == 0x212A or Py_UNICODE_ISDECIMAL(ch)
        ):
            return False
    return True


cdef tuple _arxiv_in_text(_Bufs w, str text, bint ascii):
    """``ids.arxiv_from_text`` of ``w.a`` (``text``, or None; ``ascii``: it is all ASCII; ``w.b``, ``w.c``, ``w.d`` are
    scratch). Text whose case folding is not ASCII's for the patterns (``_folds_as_ascii``) goes to the Python
    function."""
    cdef Py_ssize_t n = w.a.n
    if not (_has_char(w.a.p, n, u"x") or _has_char(w.a.p, n, u"X")):
        return None
    if not (ascii or _folds_as_ascii(w.a.p, n)):
        return _python().PYTHON_SCANS["arxiv_from_text"](text if text is not None else _str(w.a.p, n))
    cdef Py_ssize_t at = _find_compact(w.a.p, 0, n, "arxiv")  # (in the text without its white space)
    if at < 0:
        return None
    if w.b.cap < n:
        _grow(&w.b, n)
    _fold_into(w.a.p, n, &w.b)
    found = _arxiv_after(&w.a, &w.b, "10.48550/arxiv.", False, False)
    if found is None and _find(w.b.p, 0, n, "arxiv:", False) >= 0:
        found = _arxiv_after(&w.a, &w.b, "arxiv:", True, True)
    if found is not None:
        return found
    # the text without white space is searched from the first ``arxiv.org/`` on: it is compacted from there only
    at = _find_compact(w.a.p, at, n, "arxiv.org/")
    if at < 0:
        return None
    _compact(w.a.p + at, n - at, &w.c, &w.d)
    return _arxiv_in_url(&w.c, &w.d)


cdef Py_ssize_t _find_compact(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, const char *lit) noexcept:
    """Where the lower-case ASCII ``lit`` starts in ``p[i:n]`` lower-cased with its white space left out
    (``_compact``), as a position of ``p``; -1 when it does not occur."""
    cdef Py_ssize_t j, k
    for i in range(i, n):
        if _fold(p[i]) != <Py_UCS4>lit[0]:
            continue
        j = i + 1
        k = 1
        while lit[k]:
            while j < n and _space(p[j]):
                j += 1
            if j >= n or _fold(p[j]) != <Py_UCS4>lit[k]:
                break
            j += 1
            k += 1
        if not lit[k]:
            return i
    return -1






cdef inline bint _doi_stop(Py_UCS4 ch) noexcept:
    """Not in ``[^\\s"<>]``: where a DOI ends."""
    return ch == u'"' or ch == u"<" or ch == u">" or _space(ch)


cdef tuple _doi_in(const Py_UCS4 *p, Py_ssize_t n):
    """``ids.doi_from_text``: the first DOI (``\\b10\\.\\d{4,9}/[^\\s"<>]+``), lower-cased, trailing ``.,;)]}`` cut, and
    whether it looks truncated (``ids.normalize_doi``: its prefix and white space cannot occur in such a match)."""
    cdef Py_ssize_t at = _find(p, 0, n, "10.", False), k, e
    while at >= 0:
        if _boundary_before(p, at):
            k = at + 3
            while k < n and _dec(p[k]):
                k += 1
            if 4 <= k - (at + 3) <= 9 and k + 1 < n and p[k] == u"/" and not _doi_stop(p[k + 1]):
                e = k + 1
                while e < n and not _doi_stop(p[e]):
                    e += 1
                e = _rstrip(p, at, e, ".,;)]}")
                doi = _str(p + at, e - at).lower()
                return doi, doi.endswith(("-", "/"))
        at = _find(p, at + 1, n, "10.", False)
    return None




# ---- the body and its fields --------------------------------------------------------------------------------------

cdef inline int _space_to(Buf *out, bint merge) except -1:
    """A space appended to ``out`` (``merge``: not after a space)."""
    if merge and out.n > 0 and out.p[out.n - 1] == u" ":
        return 0
    return _put(out, u" ")


cdef inline int _extend_to(Buf *out, const Py_UCS4 *src, Py_ssize_t k, bint merge) except -1:
    """``src[:k]`` appended to ``out`` (``merge``: its first character left out when both are spaces)."""
    if merge and k > 0 and src[0] == u" " and out.n > 0 and out.p[out.n - 1] == u" ":
        src += 1
        k -= 1
    return _extend(out, src, k)


# The drops below replace what they match with a space. ``merge``: the text is collapsed, and so is what they write
# but for a space at either end (no two spaces where a match met one): ``_body`` then has no white space to collapse.

cdef int _drop_id_labels(const Py_UCS4 *p, Py_ssize_t n, Buf *out, bint merge) except -1:
    """``_ID_LABEL`` (``\\b(?:URL|doi:)\\s*(?=\\S*\\d)``) replaced by a space: a label before a token with a digit."""
    cdef Py_ssize_t i = 0, at = 0, j, k
    out.n = 0
    while i < n:
        if p[i] != u"U" and p[i] != u"d":  # where no label starts
            i += 1
            continue
        j = _label_end(p, i, n, False)
        if j == 0 or not _boundary_before(p, i):
            i += 1
            continue
        j = _skip_space(p, j, n)
        k = j
        while k < n and not _space(p[k]) and not _dec(p[k]):
            k += 1
        if k < n and _dec(p[k]):
            _extend_to(out, p + at, i - at, merge)
            _space_to(out, merge)
            i = at = j
        else:
            i += 1
    _extend_to(out, p + at, n - at, merge)
    return 0


cdef int _drop_urls(const Py_UCS4 *p, Py_ssize_t n, Buf *out, bint merge) except -1:
    """``_URL`` (``(?:https?://|www\\.)\\S+``) replaced by a space."""
    cdef Py_ssize_t i = 0, at = 0, e
    out.n = 0
    while i < n:
        e = _url_end(p, i, n)
        if e == 0:
            i += 1
            continue
        _extend_to(out, p + at, i - at, merge)
        _space_to(out, merge)
        i = at = e
    _extend_to(out, p + at, n - at, merge)
    return 0


cdef int _drop_dois(const Py_UCS4 *p, Py_ssize_t n, Buf *out, bint merge) except -1:
    """``_DOI_TEXT`` (``\\b10\\.\\d{4,9}/\\S+``) replaced by a space."""
    cdef Py_ssize_t i = 0, at = 0, k
    out.n = 0
    while i + 3 <= n:
        if not (p[i] == u"1" and p[i + 1] == u"0" and p[i + 2] == u"." and _boundary_before(p, i)):
            i += 1
            continue
        k = i + 3
        while k < n and _dec(p[k]):
            k += 1
        if 4 <= k - (i + 3) <= 9 and k + 1 < n and p[k] == u"/" and not _space(p[k + 1]):
            _extend_to(out, p + at, i - at, merge)
            _space_to(out, merge)
            i = at = _skip_token(p, k + 1, n)
        else:
            i += 1
    _extend_to(out, p + at, n - at, merge)
    return 0


cdef int _drop_url_labels(const Py_UCS4 *p, Py_ssize_t n, Buf *out) except -1:
    """``_URL_LABEL`` (``\\s*\\bURL\\b\\s*\\S*``) replaced by a space: the label with the white space before it and
    the token after it."""
    cdef Py_ssize_t u = 0, at = 0, start
    out.n = 0
    while u + 3 <= n:
        if not (
            p[u] == u"U" and _at(p, u, n, "URL") and _boundary_before(p, u)
            and (u + 3 == n or not _is_word(p[u + 3]))
        ):
            u += 1
            continue
        start = u
        while start > at and _space(p[start - 1]):
            start -= 1
        _extend(out, p + at, start - at)
        _put(out, u" ")
        u = at = _skip_token(p, _skip_space(p, u + 3, n), n)
    _extend(out, p + at, n - at)
    return 0


cdef bint _doi_shaped(const Py_UCS4 *p, Py_ssize_t n) noexcept:
    """``10.``, 4-9 decimal digits and ``/`` somewhere in ``p[:n]``, word boundary or not: without one, no
    ``_DOI_TEXT`` match (a year's ``2010.`` has none)."""
    cdef Py_ssize_t at = _find(p, 0, n, "10.", False), k
    while at >= 0:
        k = at + 3
        while k < n and _dec(p[k]):
            k += 1
        if 4 <= k - (at + 3) and k < n and p[k] == u"/":
            return True
        at = _find(p, at + 1, n, "10.", False)
    return False


cdef inline Buf *_other(_Bufs w, Buf *src) noexcept:
    """The buffer a step that reads ``src`` writes: ``w.b`` or ``w.c``."""
    return &w.c if src == &w.b else &w.b


cdef Buf *_body(_Bufs w, Py_ssize_t *start, Py_ssize_t *end, bint collapsed, int link=-1) except NULL:
    """``references._reference_body`` of ``w.a``: the text without labels, URLs and DOIs, white space collapsed,
    `` .,`` stripped from the ends (``[start, end)`` of the buffer returned: ``w.a``, ``w.b`` or ``w.c``).
    ``collapsed``: ``w.a`` is, and the drops keep it so (a space they leave at either end is stripped with the rest:
    ``_URL_LABEL`` takes the white space before a label, so one space there or none gives the same)."""
    cdef Buf *src = &w.a
    cdef Buf *out
    if _has(src.p, src.n, "URL") or _has(src.p, src.n, "doi:"):
        out = _other(w, src)
        _drop_id_labels(src.p, src.n, out, collapsed)
        src = out
    if link < 0:  # (``link``: ``http`` or ``www.`` is in ``w.a``, when the caller knows)
        link = _has(w.a.p, w.a.n, "http") or _has(w.a.p, w.a.n, "www.")
    if link:  # every ``_URL`` match holds one
        out = _other(w, src)
        _drop_urls(src.p, src.n, out, collapsed)
        src = out
    if _doi_shaped(w.a.p, w.a.n):  # (dropping labels and URLs makes no new ``10.`` + digits + ``/``)
        out = _other(w, src)
        _drop_dois(src.p, src.n, out, collapsed)
        src = out
    if not collapsed:
        out = _other(w, src)
        _collapse(src.p, src.n, out)
        src = out
    if _has(src.p, src.n, "URL"):
        out = _other(w, src)
        _drop_url_labels(src.p, src.n, out)
        src = out
    start[0] = 0
    end[0] = src.n
    _strip(src.p, start, end, " .,")
    return src




cdef int _years(const Py_UCS4 *p, Py_ssize_t n, list out) except -2:
    """``references._years``: each 1950-2049 year of ``_YEAR`` (``(?:19[5-9]|20[0-4])\\d(?!\\d)``, matched left to
    right without overlap) not after a digit or a full stop, appended to ``out`` (when given); the last returned,
    or -1."""
    cdef Py_ssize_t i = 0
    cdef Py_UCS4 a, b, c, d
    cdef int year, last = -1
    while i + 4 <= n:
        a = p[i]
        if a != u"1" and a != u"2":
            i += 1
            continue
        b = p[i + 1]
        c = p[i + 2]
        d = p[i + 3]
        if not (
            (a == u"1" and b == u"9" and u"5" <= c <= u"9") or (a == u"2" and b == u"0" and u"0" <= c <= u"4")
        ) or not _dec(d) or (i + 4 < n and _dec(p[i + 4])):
            i += 1
            continue
        if i == 0 or not (p[i - 1] == u"." or _dec(p[i - 1])):
            year = (1900 if a == u"1" else 2000) + (<int>c - 48) * 10 + Py_UNICODE_TODECIMAL(d)
            last = year
            if out is not None:
                out.append(year)
        i += 4
    return last




cdef inline bint _abbreviation_at(const Py_UCS4 *p, Py_ssize_t start, Py_ssize_t stop) noexcept:
    """``body.endswith(_ABBREVIATIONS, 0, stop) and _INITIAL.search(body, max(start, stop - 4), stop)``: the text
    before a full stop at ``stop`` ends with an initial or an abbreviation (``vs``, ``Vol``, ...)."""
    cdef Py_ssize_t lo = max(start, stop - 4), k
    cdef Py_UCS4 before
    if stop < 1:
        return False
    if _upper(p[stop - 1]):  # ``(?:^|[\s.])[A-Z]$``
        if stop - 1 == 0:
            return lo <= 0
        before = p[stop - 2]
        if stop - 2 >= lo and (before == u"." or _space(before)):
            return True
    # ``\b(?:vs|Vol|No|pp|Jr|St|Dr)$``: the word starts at or after ``lo``, and no word character before it
    k = stop - 2
    if k >= lo and (
        _at(p, k, stop, "vs") or _at(p, k, stop, "No") or _at(p, k, stop, "pp") or _at(p, k, stop, "Jr")
        or _at(p, k, stop, "St") or _at(p, k, stop, "Dr")
    ) and _boundary_before(p, k):
        return True
    k = stop - 3
    return k >= lo and _at(p, k, stop, "Vol") and _boundary_before(p, k)


cdef Py_ssize_t _sentences(const Py_UCS4 *p, Py_ssize_t n, Py_ssize_t *spans) noexcept:
    """``references._sentences``: split on ``. `` / ``? `` / ``! `` (``[.?!](?=\\s|$)``) that end a field, not
    after initials or abbreviations; the parts stripped, those that are only `` .,`` dropped. Their ``(start,
    end)`` pairs go to ``spans`` (room for ``n + 1`` pairs); their count is returned."""
    cdef Py_ssize_t i, start = 0, count = 0, a, b, c, d
    cdef Py_UCS4 ch
    for i in range(n + 1):
        if i < n:
            ch = p[i]
            if ch != u"." and ch != u"?" and ch != u"!":
                continue
            if i + 1 < n and not _space(p[i + 1]):
                continue
            if ch == u"." and _abbreviation_at(p, start, i):
                continue
            b = i + 1
        else:
            b = n
        a = start
        _strip(p, &a, &b, NULL)
        c = a
        d = b
        _strip(p, &c, &d, " .,")
        if c < d:
            spans[2 * count] = a
            spans[2 * count + 1] = b
            count += 1
        start = i + 1
    return count


cdef Py_ssize_t *_spans(_Bufs w, Py_ssize_t n) except NULL:
    """Room for the spans of the sentences of ``n`` characters (``_sentences``): the kept buffer, grown when short (a
    fresh one each call was a ~3 KB ``malloc``, a tenth of the allocator's work in a parse)."""
    cdef Py_ssize_t need = 2 * (n + 1)
    cdef Py_ssize_t *grown
    if w.spans_cap < need:
        grown = <Py_ssize_t *>PyMem_Realloc(w.spans, max(need, 2 * w.spans_cap) * sizeof(Py_ssize_t))
        if grown == NULL:
            raise MemoryError()
        w.spans, w.spans_cap = grown, max(need, 2 * w.spans_cap)
    return w.spans




cdef inline bint _is_name_word(const Py_UCS4 *p, Py_ssize_t a, Py_ssize_t b) noexcept:
    """``p[a:b] in references._NAME_WORDS`` (``and van de der von al al. et &``)."""
    cdef Py_ssize_t n = b - a
    if n == 1:
        return p[a] == u"&"
    if n == 2:
        return _at(p, a, b, "de") or _at(p, a, b, "al") or _at(p, a, b, "et")
    if n == 3:
        return (
            _at(p, a, b, "and") or _at(p, a, b, "van") or _at(p, a, b, "der") or _at(p, a, b, "von")
            or _at(p, a, b, "al.")
        )
    return False


cdef bint _looks_like_authors(const Py_UCS4 *p, Py_ssize_t start, Py_ssize_t end) noexcept:
    """``references._looks_like_authors`` of ``p[start:end]``: most words (``text.rstrip(".").replace(",",
    " ").split()``) start with a capital letter or are a name's lower-case word, and a long run of words has a comma
    or ``and``."""
    cdef Py_ssize_t n = end, i = start, a, words = 0, caps = 0
    while n > start and p[n - 1] == u".":
        n -= 1
    while True:
        while i < n and (p[i] == u"," or _space(p[i])):
            i += 1
        if i >= n:
            break
        a = i
        while i < n and not (p[i] == u"," or _space(p[i])):
            i += 1
        words += 1
        if words > 80:
            return False
        if Py_UNICODE_ISUPPER(p[a]) or _is_name_word(p, a, i):
            caps += 1
    if words == 0:
        return False
    if words > 4 and _find(p, start, end, ",", False) < 0 and _find(p, start, end, " and ", False) < 0:
        return False
    return <double>caps / <double>words >= 0.8




cdef inline bint _and_at(const Py_UCS4 *p, Py_ssize_t j, Py_ssize_t n) noexcept:
    """``and`` at ``j``, followed by white space."""
    return j + 3 < n and _at(p, j, n, "and") and _space(p[j + 3])


cdef Py_ssize_t _separator_end(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n) noexcept:
    """Where ``_AUTHOR_SEP`` (``,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*``) matching at ``i`` ends, or -1."""
    cdef Py_ssize_t j
    cdef Py_UCS4 ch = p[i]
    if ch == u",":
        j = _skip_space(p, i + 1, n)
        return _skip_space(p, j + 3, n) if _and_at(p, j, n) else j
    if ch == u"&":
        return _skip_space(p, i + 1, n)
    if not _space(ch):
        return -1
    j = _skip_space(p, i + 1, n)
    if j < n and p[j] == u"&":
        return _skip_space(p, j + 1, n)
    if _and_at(p, j, n):
        return _skip_space(p, j + 3, n)
    return -1


cdef int _add_name(const Py_UCS4 *p, Py_ssize_t a, Py_ssize_t b, list names) except -1:
    """``references._clean_name`` of ``p[a:b]`` appended to ``names`` unless empty: ``,;`` and spaces stripped,
    bare acronyms dropped; parentheticals (closed or cut off) are left to the Python function."""
    cdef Py_ssize_t k
    cdef bint acronym
    if _has_char(p + a, b - a, u"(") or _has_char(p + a, b - a, u")"):
        name = _python()._clean_name(_str(p + a, b - a))
        if name:
            names.append(name)
        return 0
    _strip(p, &a, &b, " ,;")
    if a == b:
        return 0
    acronym = 2 <= b - a <= 8
    for k in range(a, b):
        if not acronym:
            break
        acronym = _upper(p[k])  # ASCII, alphabetic and upper case: every letter a capital
    if not acronym:
        names.append(_str(p + a, b - a))
    return 0


cdef list _split_authors(const Py_UCS4 *p, Py_ssize_t n, Buf *tmp):
    """``references.split_authors``: ``A, B, and C`` / ``A and B`` / ``A & B`` -> names, a final ``et al``
    dropped, each name cleaned (``_clean_name``). ``tmp``: scratch."""
    cdef Py_ssize_t s, e, i, end, last, a = 0
    cdef list names = []
    # ``_ET_AL.sub("", text)``: ``\bet al\.?$``, the leftmost start that matches
    if _find(p, 0, n, "et al", False) >= 0:
        for s in range(max(0, n - 7), n - 4):
            if not _at(p, s, n, "et al") or not _boundary_before(p, s):
                continue
            e = s + 5
            if e < n and p[e] == u"." and _at_end(p, e + 1, n):
                e += 1
            elif not _at_end(p, e, n):
                continue
            tmp.n = 0
            _extend(tmp, p, s)
            _extend(tmp, p + e, n - e)
            p = tmp.p
            n = tmp.n
            break
    _strip(p, &a, &n, " ,")
    i = last = a
    while i < n:  # ``_AUTHOR_SEP.split(text)``
        end = _separator_end(p, i, n)
        if end < 0:
            i += 1
            continue
        _add_name(p, last, i, names)
        i = last = end
    _add_name(p, last, n, names)
    return names




cdef Py_ssize_t _year_end_cut(const Py_UCS4 *p, Py_ssize_t n, bint comma_needed, bint stop_allowed) noexcept:
    """Where ``,\\s*(?:19|20)\\d{2}$`` (``comma_needed``) or ``,?\\s*(?:19|20)\\d{2}\\.?$`` (``stop_allowed``) starts
    in ``p[:n]`` (text without newlines), or ``n``: the year ends the text, after white space and a comma."""
    cdef Py_ssize_t e = n, s
    if stop_allowed and e > 0 and p[e - 1] == u".":
        e -= 1
    s = e - 4
    if s < 0 or not (_at(p, s, e, "19") or _at(p, s, e, "20")) or not (
        _dec(p[s + 2]) and _dec(p[s + 3])
    ):
        return n
    while s > 0 and _space(p[s - 1]):
        s -= 1
    if s > 0 and p[s - 1] == u",":
        return s - 1
    return n if comma_needed else s


cdef tuple _fields(const Py_UCS4 *p, Py_ssize_t n, Buf *tmp, Py_ssize_t *spans):
    """``references._split_fields`` of a body: its authors, title and venue (``spans``: room for its sentences')."""
    cdef Py_ssize_t count, first = 0, a, b, k
    cdef list authors = []
    title = venue = None
    count = _sentences(p, n, spans)
    if count == 0:
        return authors, None, None
    if count >= 2 and _looks_like_authors(p, spans[0], spans[1]):
        authors = _split_authors(p + spans[0], _rstrip(p, spans[0], spans[1], ".") - spans[0], tmp)
        first = 1
    a = spans[2 * first]
    b = _rstrip(p, a, spans[2 * first + 1], ".")
    _strip(p, &a, &b, NULL)
    if _has_char(p + a, b - a, u","):  # ``_TRAILING_YEAR``
        b = a + _year_end_cut(p + a, b - a, True, False)
    b = _rstrip(p, a, b, ",")
    _strip(p, &a, &b, NULL)
    if b > a:
        title = _str(p + a, b - a)
    if count > first + 1:
        tmp.n = 0
        for k in range(first + 1, count):
            if tmp.n:
                _put(tmp, u" ")
            _extend(tmp, p + spans[2 * k], spans[2 * k + 1] - spans[2 * k])
        a = 0
        b = _year_end_cut(tmp.p, tmp.n, False, True)  # ``_VENUE_YEAR``
        _strip(tmp.p, &a, &b, " .,")
        if b > a:
            venue = _str(tmp.p + a, b - a)
    return authors, title, venue




cdef str _clean_title(Py_UCS4 *p, Py_ssize_t n, Py_ssize_t *spans):
    """``references._clean_title_python`` of the repaired title line ``p[:n]`` (``spans``: room for its parts):
    its first part with a glued venue or trailing year (``_COMMA_YEAR``: ``,\\s*(?:19|20)\\d{2}\\.?$``) cut off."""
    cdef Py_ssize_t a = 0, b = n
    if _sentences(p, n, spans):  # the first part, else the whole text
        a = spans[0]
        b = spans[1]
    b = _rstrip(p, a, b, ",. ")
    b = a + _year_end_cut(p + a, b - a, True, True)
    b = _rstrip(p, a, b, ",")
    _strip(p, &a, &b, NULL)
    if not (b > a and p[b - 1] == u"?"):
        b = _rstrip(p, a, b, ".")
    return _str(p + a, b - a)


# ---- the parser ---------------------------------------------------------------------------------------------------

cdef object _PARSED = None
"""``references.ParsedReference``."""
cdef tuple _PARSED_SLOTS = None
"""Its fields' member descriptors, in order (a slotted dataclass), else None: it is called."""
_PARSED_FIELDS = (
    "text", "authors", "title", "venue", "year", "arxiv_id", "arxiv_version", "doi", "doi_truncated", "url", "notes"
)


cdef object _parsed(tuple values):
    """``ParsedReference(*values)``: a slotted one made with its slots set in C (its ``__init__`` cost ~2 k CPU
    instructions, as much as a fifth of a short string's parse)."""
    global _PARSED, _PARSED_SLOTS
    cdef Py_ssize_t k
    if _PARSED is None:
        import dataclasses

        kind = _python().ParsedReference
        if tuple(f.name for f in dataclasses.fields(kind)) == _PARSED_FIELDS and not hasattr(kind, "__post_init__"):
            found = tuple(kind.__dict__.get(name) for name in _PARSED_FIELDS)
            if all(type(d).__name__ == "member_descriptor" for d in found):
                _PARSED_SLOTS = found
        _PARSED = kind
    if _PARSED_SLOTS is None:
        return _PARSED(*values)
    obj = PyType_GenericNew(_PARSED, (), None)
    for k in range(11):
        slot = _PARSED_SLOTS[k]
        (<PyTypeObject*>Py_TYPE(slot)).tp_descr_set(slot, obj, values[k])
    # Strings, numbers and two lists of strings made here: no reference cycle can run through them. Left out of the
    # garbage collector, the parses a crawl's worker keeps (its memo) are not walked by every young collection.
    PyObject_GC_UnTrack(values[1])
    PyObject_GC_UnTrack(values[10])
    PyObject_GC_UnTrack(obj)
    return obj


cdef object _parse(str raw, _Bufs w):
    global _ASCII
    notes = _repair(raw, w)
    _ASCII = w.ascii  # (``_call`` puts back what it found)
    return _parsed_of(w, notes, False)


cdef tuple _YEARS = tuple(range(1950, 2050))
"""The years ``_years`` finds, as ``int``s made once (each made anew was an allocation a reference)."""


cdef object _parsed_of(_Bufs w, list notes, bint fields):
    """The parsed reference of the repaired string in ``w.a``; ``fields``: only what a reference list reads of it
    (``reference_fields``), without its text and the object."""
    cdef Py_ssize_t i, e, a, b
    cdef int year
    cdef bint link
    cdef Buf *body
    text = _str(w.a.p, w.a.n) if not fields else None
    url = None
    i = _find(w.a.p, 0, w.a.n, "http", False)
    e = _find(w.a.p, 0, w.a.n, "www.", False)
    link = i >= 0 or e >= 0
    if link:  # a link starts at an ``http`` or a ``www.``: none before the first
        for i in range(i if e < 0 or 0 <= i < e else e, w.a.n):
            e = _url_end(w.a.p, i, w.a.n)
            if e:
                url = _str(w.a.p + i, _rstrip(w.a.p, i, e, ".,;)") - i)
                break
    arxiv_id = version = doi = None
    truncated = False
    arxiv = _arxiv_in_text(w, text, w.ascii)
    if arxiv is not None:
        arxiv_id, version = arxiv
    found = _doi_in(w.a.p, w.a.n)
    if found is not None:
        doi, truncated = found
        if doi.startswith("10.48550/arxiv."):
            arxiv_id = arxiv_id or doi[15:]
    body = _body(w, &a, &b, w.collapsed, link)
    year = _years(body.p + a, b - a, None)
    year_of = _YEARS[year - 1950] if 1950 <= year < 2050 else (year if year > 0 else None)
    authors, title, venue = _fields(body.p + a, b - a, &w.d, _spans(w, b - a))
    if fields:  # ``_lists._PARSED_NAMES``' order; the lists as tuples (one object each, none when empty)
        return (arxiv_id, year_of, title, tuple(notes), tuple(authors), venue, version, doi, truncated, url)
    return _parsed((text, authors, title, venue, year_of, arxiv_id, version, doi, truncated, url, notes))














# ---- the functions, as Python calls them --------------------------------------------------------------------------

cdef enum:
    DECODE_LATEX, ARXIV_FROM_TEXT, ARXIV_FROM_URL, DOI_FROM_TEXT, REFERENCE_BODY, YEARS, SENTENCES
    LOOKS_LIKE_AUTHORS, SPLIT_AUTHORS, CLEAN_TITLE, PARSE_REFERENCE, REPAIR, REPAIR_WORDS
    REPAIR_WORDS_BETWEEN_URLS, SPACED_LABELS, URL_BREAK, JOIN_URL_SPACES, REFERENCE_FIELDS


cdef object _call(int op, str text):
    """The function ``op`` of ``text``: the kept buffers taken, ``text`` read into ``w.a`` (but by the functions that
    repair it first, which read it themselves), the function's C body run on them."""
    global _ASCII
    cdef _Bufs w = _acquire()
    cdef Py_ssize_t *spans = NULL
    cdef Py_ssize_t a, b, count, k
    cdef bint ascii = _ASCII  # a call from within one (Python code a parse calls) starts without it
    cdef bint url
    _ASCII = False
    try:
        if op == PARSE_REFERENCE:
            return _parse(text, w)
        if op == REFERENCE_FIELDS:
            notes = _repair(text, w)
            _ASCII = w.ascii
            return _parsed_of(w, notes, True)
        if op == REPAIR:
            notes = _repair(text, w)
            return _str(w.a.p, w.a.n), notes
        if op == CLEAN_TITLE:
            _repair(text, w)
            return _clean_title(w.a.p, w.a.n, _spans(w, w.a.n))
        _load(&w.a, text)
        if op == DECODE_LATEX:
            _decode_latex(&w.a, &w.b)
            return _str(w.a.p, w.a.n)
        if op == ARXIV_FROM_TEXT:
            return _arxiv_in_text(w, text, PyUnicode_IS_ASCII(text))
        if op == ARXIV_FROM_URL:
            _compact(w.a.p, w.a.n, &w.c, &w.d)
            if not _folds_as_ascii(w.c.p, w.c.n):
                return _python().PYTHON_SCANS["arxiv_from_url"](text)
            return _arxiv_in_url(&w.c, &w.d)
        if op == DOI_FROM_TEXT:
            return _doi_in(w.a.p, w.a.n)
        if op == REFERENCE_BODY:
            body = _body(w, &a, &b, False)
            return _str(body.p + a, b - a)
        if op == YEARS:
            out = []
            _years(w.a.p, w.a.n, out)
            return out
        if op == SENTENCES:
            spans = _spans(w, w.a.n)
            count = _sentences(w.a.p, w.a.n, spans)
            return [_str(w.a.p + spans[2 * k], spans[2 * k + 1] - spans[2 * k]) for k in range(count)]
        if op == LOOKS_LIKE_AUTHORS:
            return _looks_like_authors(w.a.p, 0, w.a.n)
        if op == SPLIT_AUTHORS:
            return _split_authors(w.a.p, w.a.n, &w.b)
        if op == URL_BREAK:
            return _url_break(w.a.p, w.a.n)
        if op == REPAIR_WORDS:
            w.b.n = 0
            _words(w.a.p, w.a.n, &w.c, &w.b)
        elif op == REPAIR_WORDS_BETWEEN_URLS:
            _words_between_urls(w.a.p, w.a.n, &w.c, &w.b)
        elif op == SPACED_LABELS:
            if not _folds_as_ascii(w.a.p, w.a.n):
                return _python()._space_labels(text, None)
            _space_labels(w.a.p, w.a.n, &w.b, &url)
        elif op == JOIN_URL_SPACES:
            _join_url_spaces(w.a.p, w.a.n, &w.b)
        return _str(w.b.p, w.b.n)
    finally:
        w.busy = False
        _ASCII = ascii



def parse_reference(str raw):
    """``references.parse_reference``: one raw reference string parsed."""
    return _call(PARSE_REFERENCE, raw)


def reference_fields(str raw):
    """``parse_reference(raw)``'s fields as a reference list reads them (``_lists._PARSED_NAMES``: arxiv_id, year,
    title, notes, authors, venue, arxiv_version, doi, doi_truncated, url; its two lists as tuples), without its text
    or the object: a memo of a crawl's parses holds three or four objects fewer a string, and frees them faster."""
    return _call(REFERENCE_FIELDS, raw)


def repair(str raw):
    """``references.repair``: the string with known PDF-extraction damage repaired, and what was repaired."""
    return _call(REPAIR, raw)


def clean_title(str title):
    """``references._clean_title_python``: a title line with PDF damage repaired and a glued venue or trailing year
    (``_COMMA_YEAR``: ``,\\s*(?:19|20)\\d{2}\\.?$``) cut off. A line none of that can touch is itself."""
    if _plain_title(title):
        return title
    return _call(CLEAN_TITLE, title)


cdef bint _plain_title(str title) noexcept:
    """``title`` is its own clean title: single spaces between other characters, none of ``.?!,\\{`` (no full stop
    to split at or strip, no page number, glue or LaTeX, no comma before a year), no hyphen before a space (no
    hyphen break) and no ``http`` in any case (no link, nor a label glued to one): every repair and cut leaves it as
    it is. Most title lines of a paper page are (a cold page cleans ~25)."""
    cdef Py_ssize_t n = len(title), k
    cdef int kind = PyUnicode_KIND(title)
    cdef const void *data = PyUnicode_DATA(title)
    cdef Py_UCS4 ch, nxt
    cdef bint space = True  # the character before is a space (or there is none: no leading space)
    if n == 0:
        return False
    for k in range(n):
        ch = PyUnicode_READ(kind, data, k)
        if ch == u" ":
            if space:
                return False
            space = True
            continue
        space = False
        if (
            ch == u"." or ch == u"?" or ch == u"!" or ch == u"," or ch == u"\\" or ch == u"{"
            or (ch < 128 and ch <= 32 or ch >= 128) and Py_UNICODE_ISSPACE(ch)
        ):
            return False
        if ch == u"-" and k + 1 < n and PyUnicode_READ(kind, data, k + 1) == u" ":
            return False
        if _either(ch) == u"h" and k + 3 < n:
            nxt = PyUnicode_READ(kind, data, k + 1)
            if _either(nxt) == u"t" and _either(PyUnicode_READ(kind, data, k + 2)) == u"t" and _either(
                PyUnicode_READ(kind, data, k + 3)
            ) == u"p":
                return False
    return not space


def repair_words(str text):
    """``references._repair_words``: run-together words split, hyphenation at a line break joined."""
    return _call(REPAIR_WORDS, text)


def repair_words_between_urls(str text):
    """``references._repair_words_between_urls``: ``repair_words`` on the text between URLs only."""
    return _call(REPAIR_WORDS_BETWEEN_URLS, text)


def spaced_labels(str text):
    """``references._spaced_labels``: ``_space_labels`` of any text."""
    return _call(SPACED_LABELS, text)


def url_break(str text):
    """``references._url_break``."""
    return _call(URL_BREAK, text)


def join_url_spaces(str text):
    """``references._join_url_spaces``."""
    return _call(JOIN_URL_SPACES, text)


def decode_latex(str text):
    """``latex.decode_latex``."""
    return _call(DECODE_LATEX, text)


def arxiv_from_text(str text):
    """``ids.arxiv_from_text``: an arXiv id and version from a ``10.48550/arxiv.X`` DOI, an ``arXiv:X`` mention or an
    arxiv.org URL (spaces inside tolerated)."""
    if "x" not in text and "X" not in text:
        return None
    return _call(ARXIV_FROM_TEXT, text)


def arxiv_from_url(str url):
    """``ids.arxiv_from_url``: an arXiv id and version from an arxiv.org abs/pdf/html/format URL, spaces inside
    tolerated. Non-ASCII URLs go to the Python function."""
    return _call(ARXIV_FROM_URL, url)


def doi_from_text(str text):
    """``ids.doi_from_text``."""
    return _call(DOI_FROM_TEXT, text)


def reference_body(str text):
    """``references._reference_body``."""
    return _call(REFERENCE_BODY, text)


def years(str text):
    """``references._years``."""
    return _call(YEARS, text)


def sentences(str body):
    """``references._sentences``."""
    return _call(SENTENCES, body)


def looks_like_authors(str text):
    """``references._looks_like_authors``."""
    return _call(LOOKS_LIKE_AUTHORS, text)


def split_authors(str text):
    """``references.split_authors``."""
    return _call(SPLIT_AUTHORS, text)


# ---- Pith URLs ----------------------------------------------------------------------------------------------------

cdef inline bint _base32(Py_UCS4 ch) noexcept:
    """``[A-Z2-7]``."""
    return (u"A" <= ch <= u"Z") or (u"2" <= ch <= u"7")


cdef inline bint _hex(Py_UCS4 ch) noexcept:
    """``[0-9a-f]``."""
    return _digit(ch) or (u"a" <= ch <= u"f")


cdef inline bint _path_end(str s, Py_ssize_t i, Py_ssize_t n):
    """``/?`` then the end, at ``i``."""
    return i == n or (i + 1 == n and s[i] == u"/")


cdef Py_ssize_t _run(str s, Py_ssize_t i, Py_ssize_t n, int length, bint hex_digits):
    """The end of ``length`` characters of ``[0-9a-f]`` (``hex_digits``) or ``[A-Z2-7]`` at ``i``, or -1."""
    cdef Py_ssize_t k
    if i + length > n:
        return -1
    for k in range(i, i + length):
        if not (_hex(s[k]) if hex_digits else _base32(s[k])):
            return -1
    return i + length


cdef Py_ssize_t _whole_arxiv_end(str s, Py_ssize_t i, Py_ssize_t n):
    """Where the id ends when ``(?:NEW_ARXIV|OLD_ARXIV)(?:v\\d+)?/?`` matches all of ASCII ``s`` from ``i``
    (``\\d{4}\\.\\d{4,5}`` or ``[a-z][a-z\\-]+(?:\\.[A-Z]{2})?/\\d{7}``), else -1. Each part's extent is forced by
    what may follow it (a digit run cannot be cut short before ``v``, ``/`` or the end), so one pass decides."""
    cdef Py_ssize_t k = i, e
    if i + 4 < n and _digit(s[i]) and _digit(s[i + 1]) and _digit(s[i + 2]) and _digit(s[i + 3]) and s[i + 4] == u".":
        k = i + 5
        while k < n and _digit(s[k]):
            k += 1
        if not 4 <= k - (i + 5) <= 5:
            return -1
    elif i < n and _lower(s[i]):
        k = i + 1
        while k < n and (_lower(s[k]) or s[k] == u"-"):
            k += 1
        if k == i + 1:
            return -1
        if k + 3 < n and s[k] == u"." and _upper(s[k + 1]) and _upper(s[k + 2]) and s[k + 3] == u"/":
            k += 3
        if not (k < n and s[k] == u"/"):
            return -1
        e = k + 1
        while e < n and _digit(s[e]):
            e += 1
        if e - (k + 1) != 7:
            return -1
        k = e
    else:
        return -1
    e = k
    if k + 1 < n and s[k] == u"v" and _digit(s[k + 1]):
        k += 2
        while k < n and _digit(s[k]):
            k += 1
    return e if _path_end(s, k, n) else -1


_PITH_ORIGIN = "https://pith.science"
_NUMBER_SUFFIXES = (".json", "/bundle.json", "/state.json")


def pith_path_ids(str url):
    """``ids.pith_path_ids``: the group of ``_PITH_PATHS`` and its text when ``url`` is ``https://pith.science`` then
    all one of the site's four paths, else None. Non-ASCII URLs go to the Python function."""
    if not url.startswith(_PITH_ORIGIN):
        return None
    if not url.isascii():
        return _python().PYTHON_SCANS["pith_path_ids"](url)
    return _path_ids(url, len(_PITH_ORIGIN))


cdef tuple _path_ids(str url, Py_ssize_t i):
    """The group of ``_PITH_PATHS`` and its text when ``url[i:]`` (ASCII) is all one of the site's four paths."""
    cdef Py_ssize_t n = len(url), e
    if url.startswith("/paper/", i):
        e = _whole_arxiv_end(url, i + 7, n)
        if e >= 0:
            return ("arxiv", url[i + 7 : e])
        e = _run(url, i + 7, n, 8, False)
        if e >= 0 and _path_end(url, e, n):
            return ("short", url[i + 7 : e])
    elif url.startswith("/ref/arxiv/", i):
        e = _whole_arxiv_end(url, i + 11, n)
        if e >= 0:
            return ("arxiv", url[i + 11 : e])
    elif url.startswith("/pith/", i):
        e = _run(url, i + 6, n, 26, False)
        if e >= 0:
            for suffix in _NUMBER_SUFFIXES:
                if url.startswith(suffix, e) and _path_end(url, e + len(suffix), n):
                    return ("number", url[i + 6 : e])
            if _path_end(url, e, n):
                return ("number", url[i + 6 : e])
    elif url.startswith("/citations/", i):
        e = i + 11
        for length in (8, 4, 4, 4):
            e = _run(url, e, n, length, True)
            if e < 0 or e >= n or url[e] != u"-":
                return None
            e += 1
        e = _run(url, e, n, 12, True)
        if e >= 0 and _path_end(url, e, n):
            return ("hub", url[i + 11 : e])
    return None


cdef Py_ssize_t _plain_path_start(str url):
    """Where the path starts (the length when there is none) when ``ids._PLAIN_URL``
    (``(https?)://([a-z0-9.-]+)(/[^?#;\s]*)?``) takes all of ``url``, else -1."""
    cdef Py_ssize_t n = len(url), i, start, k
    cdef Py_UCS4 ch
    if url.startswith("https://"):
        i = 8
    elif url.startswith("http://"):
        i = 7
    else:
        return -1
    start = i
    while i < n and (_lower(url[i]) or _digit(url[i]) or url[i] == u"." or url[i] == u"-"):
        i += 1
    if i == start or (i < n and url[i] != u"/"):
        return -1
    for k in range(i, n):
        ch = url[k]
        if ch == u"?" or ch == u"#" or ch == u";" or _space(ch):
            return -1
    return i


cdef object _IDS = None
"""``spiders.normalize.ids`` (imported on first use: it imports this module)."""
cdef dict _PITH_KEYS = None
"""``ids._PITH_KEYS``: the identifier each of ``pith_path_ids``' groups names."""


def link_ids(str url):
    """``ids.link_ids``: the identifiers of a link's Pith target and an arXiv id from its URL. A URL that is not
    plain (a query, upper case, white space; ``ids._PLAIN_URL``) or not ASCII goes to the Python function."""
    global _IDS, _PITH_KEYS
    cdef Py_ssize_t start = _plain_path_start(url) if url.isascii() else -1
    if _IDS is None:
        from spiders.normalize import ids
        _IDS, _PITH_KEYS = ids, ids._PITH_KEYS
    if start < 0:
        return _IDS.PYTHON_LINK_IDS(url)
    # (a plain URL has no white space to compact: ``arxiv_from_url`` finds nothing without ``arxiv.org/`` in it)
    found = arxiv_from_url(url) if _ascii_has_folded(url, "arxiv.org/") else None
    arxiv = found[0] if found is not None else None
    key = _path_ids(url, start)
    if key is not None:
        return ((_PITH_KEYS[key[0]], key[1]),), arxiv
    return ((("arxiv", arxiv),) if arxiv is not None else ()), arxiv


cdef bint _ascii_has_folded(str text, const char *lit) noexcept:
    """The ASCII ``text`` holds ``lit`` (lower case) in any case."""
    cdef const Py_UCS1 *p = <const Py_UCS1 *>PyUnicode_DATA(text)
    cdef Py_ssize_t n = len(text), i, k
    for i in range(n):
        k = 0
        while lit[k] and i + k < n and _fold(p[i + k]) == <Py_UCS4>lit[k]:
            k += 1
        if not lit[k]:
            return True
    return False


def is_plain_path(str href):
    """``ids.is_plain_path``: ``/``, not ``//``, then none of ``?#;`` nor white space, and no ``/.``."""
    cdef Py_ssize_t i, n = len(href)
    cdef Py_UCS4 ch
    if n == 0 or href[0] != u"/" or (n > 1 and href[1] == u"/"):
        return False
    for i in range(1, n):
        ch = href[i]
        if ch == u"?" or ch == u"#" or ch == u";" or _space(ch) or (ch == u"." and href[i - 1] == u"/"):
            return False
    return True
