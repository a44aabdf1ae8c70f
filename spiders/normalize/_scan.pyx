# cython: language_level=3, boundscheck=False, wraparound=False
"""The reference parser's scans compiled: character loops in C where ``spiders.normalize.references`` runs a
regular expression and Python per match. Each function here is a port of the Python function it names, which
stays the reference: ``tests/test_scan_compiled.py`` holds the two to the same results on every reference string
of the fixtures and on generated text. Built at install when a C compiler is there; without it, or with
``CITEGRAPH_PURE_PYTHON=1``, ``references`` uses its Python functions.

What the patterns' classes mean for ``str``, as Python's ``re`` reads them: ``\\d`` is ``Py_UNICODE_ISDECIMAL``,
``\\s`` is ``Py_UNICODE_ISSPACE``, a word character (``\\b``) is ``Py_UNICODE_ISALNUM`` or ``_``, ``^`` is the
string's real start (not a search's start position) and ``$`` its end position (or before a newline that ends it).
"""

cdef extern from "Python.h":
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    int Py_UNICODE_TODECIMAL(Py_UCS4 ch)


cdef inline bint _is_word(Py_UCS4 ch) noexcept:
    return Py_UNICODE_ISALNUM(ch) or ch == u"_"


def years(str text):
    """``references._years``: each 1950-2049 year of ``_YEAR`` (``(?:19[5-9]|20[0-4])\\d(?!\\d)``, matched left to
    right without overlap) not after a digit or a full stop."""
    cdef Py_ssize_t n = len(text), i = 0
    cdef Py_UCS4 a, b, c, d
    cdef list out = []
    while i + 4 <= n:
        a = text[i]
        if a != u"1" and a != u"2":
            i += 1
            continue
        b = text[i + 1]
        c = text[i + 2]
        d = text[i + 3]
        if not (
            (a == u"1" and b == u"9" and u"5" <= c <= u"9") or (a == u"2" and b == u"0" and u"0" <= c <= u"4")
        ) or not Py_UNICODE_ISDECIMAL(d) or (i + 4 < n and Py_UNICODE_ISDECIMAL(text[i + 4])):
            i += 1
            continue
        if i == 0 or not (text[i - 1] == u"." or Py_UNICODE_ISDECIMAL(text[i - 1])):
            out.append((1900 if a == u"1" else 2000) + (<int>c - 48) * 10 + Py_UNICODE_TODECIMAL(d))
        i += 4
    return out


cdef inline bint _abbreviation_at(str body, Py_ssize_t start, Py_ssize_t stop):
    """``body.endswith(_ABBREVIATIONS, 0, stop) and _INITIAL.search(body, max(start, stop - 4), stop)``: the text
    before a full stop at ``stop`` ends with an initial or an abbreviation (``vs``, ``Vol``, ...)."""
    cdef Py_ssize_t lo = max(start, stop - 4)
    cdef Py_ssize_t k
    cdef Py_UCS4 last, before
    if stop < 1:
        return False
    last = body[stop - 1]
    if u"A" <= last <= u"Z":  # ``(?:^|[\s.])[A-Z]$``
        if stop - 1 == 0:
            return lo <= 0
        before = body[stop - 2]
        if stop - 2 >= lo and (before == u"." or Py_UNICODE_ISSPACE(before)):
            return True
    # ``\b(?:vs|Vol|No|pp|Jr|St|Dr)$``: the word starts at or after ``lo``, and no word character before it
    for k in (2, 3):
        if stop - k < lo:
            break
        word = body[stop - k : stop]
        if (word in ("vs", "No", "pp", "Jr", "St", "Dr") if k == 2 else word == "Vol") and (
            stop - k == 0 or not _is_word(body[stop - k - 1])
        ):
            return True
    return False


def sentences(str body):
    """``references._sentences``: split on ``. `` / ``? `` / ``! `` (``[.?!](?=\\s|$)``) that end a field, not
    after initials or abbreviations; the parts stripped, those that are only `` .,`` dropped."""
    cdef Py_ssize_t n = len(body), i, start = 0
    cdef Py_UCS4 ch, nxt
    cdef list parts = []
    for i in range(n):
        ch = body[i]
        if ch != u"." and ch != u"?" and ch != u"!":
            continue
        if i + 1 < n:
            nxt = body[i + 1]
            if not Py_UNICODE_ISSPACE(nxt):
                continue
        if ch == u"." and _abbreviation_at(body, start, i):
            continue
        part = body[start : i + 1].strip()
        if part.strip(" .,"):
            parts.append(part)
        start = i + 1
    tail = body[start:].strip()
    if tail.strip(" .,"):
        parts.append(tail)
    return parts
