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

import re

cdef extern from "Python.h":
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    bint Py_UNICODE_ISUPPER(Py_UCS4 ch)
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


cdef inline bint _is_name_word(str text, Py_ssize_t a, Py_ssize_t b):
    """``text[a:b] in references._NAME_WORDS`` (``and van de der von al al. et &``)."""
    cdef Py_ssize_t n = b - a
    if n == 1:
        return text[a] == u"&"
    if n == 2:
        w = text[a:b]
        return w == "de" or w == "al" or w == "et"
    if n == 3:
        w = text[a:b]
        return w == "and" or w == "van" or w == "der" or w == "von" or w == "al."
    return False


def looks_like_authors(str text):
    """``references._looks_like_authors``: most words (``text.rstrip(".").replace(",", " ").split()``) start with a
    capital letter or are a name's lower-case word, and a long run of words has a comma or ``and``."""
    cdef Py_ssize_t n = len(text), i = 0, a, words = 0, caps = 0
    cdef Py_UCS4 ch
    while n > 0 and text[n - 1] == u".":
        n -= 1
    while True:
        while i < n and (text[i] == u"," or Py_UNICODE_ISSPACE(text[i])):
            i += 1
        if i >= n:
            break
        a = i
        while i < n and not (text[i] == u"," or Py_UNICODE_ISSPACE(text[i])):
            i += 1
        words += 1
        if words > 80:
            return False
        if Py_UNICODE_ISUPPER(text[a]) or _is_name_word(text, a, i):
            caps += 1
    if words == 0:
        return False
    if words > 4 and "," not in text and " and " not in text:
        return False
    return <double>caps / <double>words >= 0.8


cdef Py_ssize_t _skip_space(str text, Py_ssize_t i, Py_ssize_t n):
    while i < n and Py_UNICODE_ISSPACE(text[i]):
        i += 1
    return i


cdef inline bint _and_at(str text, Py_ssize_t j, Py_ssize_t n):
    """``and`` at ``j``, followed by white space."""
    return j + 3 < n and text[j] == u"a" and text[j + 1] == u"n" and text[j + 2] == u"d" and Py_UNICODE_ISSPACE(text[j + 3])


cdef Py_ssize_t _separator_end(str text, Py_ssize_t i, Py_ssize_t n):
    """Where ``_AUTHOR_SEP`` (``,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*``) matching at ``i`` ends, or -1."""
    cdef Py_ssize_t j
    cdef Py_UCS4 ch = text[i]
    if ch == u",":
        j = _skip_space(text, i + 1, n)
        return _skip_space(text, j + 3, n) if _and_at(text, j, n) else j
    if ch == u"&":
        return _skip_space(text, i + 1, n)
    if not Py_UNICODE_ISSPACE(ch):
        return -1
    j = _skip_space(text, i + 1, n)
    if j < n and text[j] == u"&":
        return _skip_space(text, j + 1, n)
    if _and_at(text, j, n):
        return _skip_space(text, j + 3, n)
    return -1


cdef inline bint _at_end(str text, Py_ssize_t p, Py_ssize_t n):
    """``$`` at ``p``: the end, or a newline that ends the text."""
    return p == n or (p == n - 1 and text[p] == u"\n")


def split_authors(str text):
    """``references.split_authors``: ``A, B, and C`` / ``A and B`` / ``A & B`` -> names, a final ``et al``
    dropped, each name cleaned (``_clean_name``)."""
    cdef Py_ssize_t n, s, e, i, end, last
    cdef list names = []
    if "et al" in text:  # ``_ET_AL.sub("", text)``: ``\bet al\.?$``, the leftmost start that matches
        n = len(text)
        for s in range(max(0, n - 7), n - 4):
            if text[s : s + 5] != "et al" or (s > 0 and _is_word(text[s - 1])):
                continue
            e = s + 5
            if e < n and text[e] == u"." and _at_end(text, e + 1, n):
                e += 1
            elif not _at_end(text, e, n):
                continue
            text = text[:s] + text[e:]
            break
    text = text.strip(" ,")
    n = len(text)
    i = last = 0
    while i < n:  # ``_AUTHOR_SEP.split(text)``
        end = _separator_end(text, i, n)
        if end < 0:
            i += 1
            continue
        name = _clean_name(text[last:i])
        if name:
            names.append(name)
        i = last = end
    name = _clean_name(text[last:])
    if name:
        names.append(name)
    return names


cdef object _PARENS = re.compile(r"\([^()]*\)")
cdef object _OPEN_PAREN = re.compile(r"\([^()]*$")
cdef object _CLOSE_PAREN = re.compile(r"^[^()]*\)")


cdef str _clean_name(str piece):
    """``references._clean_name``: parentheticals (closed or cut off) and bare acronyms dropped."""
    cdef str name = piece
    cdef Py_ssize_t n
    if "(" in name or ")" in name:
        name = _PARENS.sub("", name)
        name = _OPEN_PAREN.sub("", name)
        name = _CLOSE_PAREN.sub("", name)
    name = name.strip(" ,;")
    n = len(name)
    if 2 <= n <= 8 and name.isascii() and name.isalpha() and name.isupper():
        return ""
    return name


cdef Py_ssize_t _skip_token(str text, Py_ssize_t i, Py_ssize_t n):
    while i < n and not Py_UNICODE_ISSPACE(text[i]):
        i += 1
    return i


cdef inline bint _boundary_before(str text, Py_ssize_t i):
    """``\\b`` before a word character at ``i``."""
    return i == 0 or not _is_word(text[i - 1])


cdef str _replace_spans(str text, list spans):
    """``text`` with each ``(start, end)`` of ``spans`` (in order, not overlapping) replaced by a space."""
    cdef list out = []
    cdef Py_ssize_t at = 0
    if not spans:
        return text
    for start, end in spans:
        out.append(text[at:start])
        out.append(" ")
        at = end
    out.append(text[at:])
    return "".join(out)


cdef inline Py_ssize_t _label_end(str s, Py_ssize_t i, Py_ssize_t n, bint lowered):
    """Where ``URL`` (``url`` in lower-cased text) or ``doi:`` at ``i`` ends, or 0."""
    cdef Py_UCS4 ch = s[i]
    if i + 3 <= n and (
        (lowered and ch == u"u" and s[i + 1] == u"r" and s[i + 2] == u"l")
        or (not lowered and ch == u"U" and s[i + 1] == u"R" and s[i + 2] == u"L")
    ):
        return i + 3
    if ch == u"d" and i + 4 <= n and s[i + 1] == u"o" and s[i + 2] == u"i" and s[i + 3] == u":":
        return i + 4
    return 0


cdef list _id_labels(str text):
    """``_ID_LABEL`` (``\\b(?:URL|doi:)\\s*(?=\\S*\\d)``) matches: a label before a token that holds a digit."""
    cdef Py_ssize_t n = len(text), i = 0, j, k
    cdef list spans = []
    while i < n:
        j = _label_end(text, i, n, False)
        if j == 0:
            i += 1
            continue
        if not _boundary_before(text, i):
            i += 1
            continue
        j = _skip_space(text, j, n)
        k = j
        while k < n and not Py_UNICODE_ISSPACE(text[k]) and not Py_UNICODE_ISDECIMAL(text[k]):
            k += 1
        if k < n and Py_UNICODE_ISDECIMAL(text[k]):
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


cdef Py_ssize_t _url_prefix(str text, Py_ssize_t i, Py_ssize_t n):
    """Where ``https?://`` or ``www\.`` at ``i`` ends, or 0."""
    cdef Py_UCS4 ch = text[i]
    cdef Py_ssize_t k
    if ch == u"h":
        if not (i + 7 <= n and text[i + 1] == u"t" and text[i + 2] == u"t" and text[i + 3] == u"p"):
            return 0
        k = i + 4
        if text[k] == u"s":
            k += 1
        if k + 3 <= n and text[k] == u":" and text[k + 1] == u"/" and text[k + 2] == u"/":
            return k + 3
        return 0
    if ch == u"w" and i + 4 <= n and text[i + 1] == u"w" and text[i + 2] == u"w" and text[i + 3] == u".":
        return i + 4
    return 0


cdef bint _continues_url(str url, str token):
    """``references._continues_url``: ``token`` continues the URL token ``url`` split at a space (``url`` ends in
    one of ``/_-=&?%`` and ``token`` starts with ``[\\w%~-]``, or ``url`` ends in ``.`` but not ``.html.`` or
    ``.pdf.`` and ``token`` starts with ``[a-z0-9]``)."""
    cdef Py_ssize_t m = len(url)
    cdef Py_UCS4 first
    if not token:
        return False
    first = token[0]
    if m == 0 or url[m - 1] in u"/_-=&?%":  # ``url[-1:] in "..."``: true for "" too
        return _is_word(first) or first == u"%" or first == u"~" or first == u"-"
    if url[m - 1] != u".":
        return False
    return (_lower(first) or _digit(first)) and not (url.endswith(".html.") or url.endswith(".pdf."))


cdef str _join_url_spaces(str text):
    cdef list out = []
    cdef bint in_url = False
    cdef str token
    cdef Py_ssize_t n, k, last
    for token in text.split(" "):
        last = len(out) - 1  # (no negative indices here: wraparound=False)
        if in_url and last >= 0 and _continues_url(out[last], token):
            out[last] = out[last] + token
            continue
        out.append(token)
        n = len(token)
        k = _url_prefix(token, 0, n) if n else 0  # ``_URL.match(token)``: a prefix, then ``\\S+``
        in_url = 0 < k < n and not Py_UNICODE_ISSPACE(token[k])
    return " ".join(out)


def join_url_spaces(str text):
    """``references._join_url_spaces``: ``https://www. lesswrong.com/a/ b`` -> ``https://www.lesswrong.com/a/b``."""
    return _join_url_spaces(text)


def url_break(str text):
    """``references._url_break``."""
    return _url_break(text)


cdef bint _url_break(str text):
    """``bool(references._URL_BREAK.search(text))``: a URL token (``(?:https?://|www\.)\S*``) ends in one of
    ``/_-=&?%.`` right before a space, where ``_join_url_spaces`` could join the next token to it."""
    cdef Py_ssize_t n = len(text), i, k, e
    cdef Py_UCS4 last
    cdef Py_UCS4 ch
    for i in range(n):
        ch = text[i]
        if ch != u"h" and ch != u"w":
            continue
        k = _url_prefix(text, i, n)
        if k == 0:
            continue
        e = _skip_token(text, k, n)
        if e > k and e < n and text[e] == u" ":
            last = text[e - 1]
            if last in u"/_-=&?%.":
                return True
    return False


cdef list _urls(str text):
    """``_URL`` (``(?:https?://|www\\.)\\S+``) matches."""
    cdef Py_ssize_t n = len(text), i = 0, k
    cdef list spans = []
    cdef Py_UCS4 ch
    while i < n:
        ch = text[i]
        k = _url_prefix(text, i, n) if ch == u"h" or ch == u"w" else 0
        if k == 0:
            i += 1
            continue
        if k < n and not Py_UNICODE_ISSPACE(text[k]):
            k = _skip_token(text, k, n)
            spans.append((i, k))
            i = k
        else:
            i += 1
    return spans


cdef list _dois(str text):
    """``_DOI_TEXT`` (``\\b10\\.\\d{4,9}/\\S+``) matches."""
    cdef Py_ssize_t n = len(text), i = 0, k
    cdef list spans = []
    while i + 3 <= n:
        if not (text[i] == u"1" and text[i + 1] == u"0" and text[i + 2] == u"." and _boundary_before(text, i)):
            i += 1
            continue
        k = i + 3
        while k < n and Py_UNICODE_ISDECIMAL(text[k]):
            k += 1
        if 4 <= k - (i + 3) <= 9 and k + 1 < n and text[k] == u"/" and not Py_UNICODE_ISSPACE(text[k + 1]):
            k = _skip_token(text, k + 1, n)
            spans.append((i, k))
            i = k
        else:
            i += 1
    return spans


cdef list _url_labels(str text):
    """``_URL_LABEL`` (``\\s*\\bURL\\b\\s*\\S*``) matches: the label with the white space before it and the token
    after it."""
    cdef Py_ssize_t n = len(text), u = 0, at = 0, start, end
    cdef list spans = []
    while u + 3 <= n:
        if not (
            text[u] == u"U" and text[u + 1] == u"R" and text[u + 2] == u"L" and _boundary_before(text, u)
            and (u + 3 == n or not _is_word(text[u + 3]))
        ):
            u += 1
            continue
        start = u
        while start > at and Py_UNICODE_ISSPACE(text[start - 1]):
            start -= 1
        end = _skip_token(text, _skip_space(text, u + 3, n), n)
        spans.append((start, end))
        u = at = end
    return spans


def reference_body(str text):
    """``references._reference_body``: the text without labels, URLs and DOIs, white space collapsed, `` .,``
    stripped from the ends."""
    cdef str body = text
    if "URL" in body or "doi:" in body:
        body = _replace_spans(body, _id_labels(body))
    if "http" in text or "www." in text:
        body = _replace_spans(body, _urls(body))
    if "10." in body:
        body = _replace_spans(body, _dois(body))
    body = " ".join(body.split())
    if "URL" in body:
        body = _replace_spans(body, _url_labels(body))
    return body.strip(" .,")


cdef inline bint _lower(Py_UCS4 ch) noexcept:
    return u"a" <= ch <= u"z"


cdef inline bint _upper(Py_UCS4 ch) noexcept:
    return u"A" <= ch <= u"Z"


cdef inline bint _letter(Py_UCS4 ch) noexcept:
    return u"a" <= ch <= u"z" or u"A" <= ch <= u"Z"


cdef bint _word_at(str text, Py_ssize_t p, Py_ssize_t n, str word):
    """``word`` at ``p``, then a word boundary."""
    cdef Py_ssize_t e = p + len(word)
    return text.startswith(word, p) and (e == n or not _is_word(text[e]))


cdef bint _glued_at(str text, Py_ssize_t p, Py_ssize_t n):
    """``_WORD_GLUE.match(text, p)`` where ``text[p - 1]`` is one of ``.?!`` and ``text[p]`` an ASCII letter:
    ``(?<=[a-z\\)][.?!])(?=[A-Z][a-zA-Z])``, ``(?<=\\bal\\.)(?=[A-Z])`` or
    ``(?<=[a-z]{2}[.?!])(?=[a-z][A-Za-z]+)(?!(?:org|com|net|edu|io|ai|html?|pdf)\\b)``."""
    cdef Py_UCS4 nxt = text[p]
    cdef bint next_letter = p + 1 < n and _letter(text[p + 1])
    if _upper(nxt):
        if p >= 2 and (_lower(text[p - 2]) or text[p - 2] == u")") and next_letter:
            return True
        return (
            p >= 3 and text[p - 1] == u"." and text[p - 2] == u"l" and text[p - 3] == u"a"
            and (p == 3 or not _is_word(text[p - 4]))
        )
    if not (p >= 3 and _lower(nxt) and next_letter and _lower(text[p - 2]) and _lower(text[p - 3])):
        return False
    for word in ("org", "com", "net", "edu", "io", "ai", "html", "htm", "pdf"):
        if _word_at(text, p, n, word):
            return False
    return True


cdef str _unglue(str text):
    """``references._unglue``: a space where ``_WORD_GLUE`` matches after ``.?!`` before a letter."""
    cdef Py_ssize_t n = len(text), i, at = 0
    cdef Py_UCS4 ch
    cdef list out = None
    for i in range(n - 1):
        ch = text[i]
        if (ch == u"." or ch == u"?" or ch == u"!") and _letter(text[i + 1]) and _glued_at(text, i + 1, n):
            if out is None:
                out = []
            out.append(text[at : i + 1])
            at = i + 1
    if out is None:
        return text
    out.append(text[at:])
    return " ".join(out)


cdef str _join_hyphen_breaks(str text):
    """``_HYPHEN_BREAK.sub("", text)``: ``- `` dropped between two lower-case letters each side."""
    cdef Py_ssize_t n = len(text), i, at = 0
    cdef list out = None
    for i in range(2, n - 3):
        if (
            text[i] == u"-" and text[i + 1] == u" " and _lower(text[i - 1]) and _lower(text[i - 2])
            and _lower(text[i + 2]) and _lower(text[i + 3])
        ):
            if out is None:
                out = []
            out.append(text[at:i])
            at = i + 2
    if out is None:
        return text
    out.append(text[at:])
    return "".join(out)


cdef str _words(str text):
    words = _unglue(text)
    return _join_hyphen_breaks(words) if "- " in words else words


cdef str _words_between_urls(str text):
    cdef list out = []
    cdef Py_ssize_t at = 0
    for start, end in _urls(text):
        out.append(_words(text[at:start]))
        out.append(text[start:end])
        at = end
    out.append(_words(text[at:]))
    return "".join(out)


def repair_words(str text):
    """``references._repair_words``: run-together words split, hyphenation at a line break joined."""
    return _words(text)


def repair_words_between_urls(str text):
    """``references._repair_words_between_urls``: ``repair_words`` on the text between URLs only."""
    return _words_between_urls(text)


cdef str _space_labels_ascii(str text, str lower):
    """``references._space_labels`` of ASCII text (``lower``: ``text.lower()``): a space after each ``URL`` or
    ``doi:`` (any case) run into its link (``https?://`` or ``10.``), where the label starts a word."""
    cdef Py_ssize_t n = len(text), i = 0, at = 0, end
    cdef Py_UCS4 before
    cdef list out = None
    cdef bint http, doi
    if "url" not in lower and "doi:" not in lower:
        return text
    while i < n:
        end = _label_end(lower, i, n, True)
        if end == 0:
            i += 1
            continue
        http = end < n and lower[end] == u"h" and _url_prefix(lower, end, n) > 0
        doi = end + 3 <= n and lower[end] == u"1" and lower[end + 1] == u"0" and lower[end + 2] == u"."
        if not (http or doi):
            i += 1
            continue
        before = text[i - 1] if i else u" "
        if not (_is_word(before)):
            if out is None:
                out = []
            out.append(text[at:end])
            out.append(" ")
            at = end
        i = end
    if out is None:
        return text
    out.append(text[at:])
    return "".join(out)


def spaced_labels(str text):
    """``references._spaced_labels``: ``_space_labels`` of any text."""
    if not text.isascii():
        return _python()._space_labels(text, None)
    return _space_labels_ascii(text, text.lower())


cdef object _PY = None
"""``spiders.normalize.references``, for the rare paths left to Python (imported on first use: it imports this
module)."""


cdef object _python():
    global _PY
    if _PY is None:
        from spiders.normalize import references
        _PY = references
    return _PY


def repair(str raw):
    """``references.repair``: the string with known PDF-extraction damage repaired, and what was repaired (a label
    glued to its link, a URL with spaces and LaTeX are handed to the Python functions)."""
    cdef str text = " ".join(raw.split())
    cdef Py_ssize_t n = len(text), p, j, e
    cdef list notes = []
    py = _python()
    if n and text[n - 1].isdigit():  # ``_PAGE_NUMBER`` (``(?<=\.)\s+\d{1,3}$``) after the last full stop
        p = text.rfind(".") + 1
        if p > 0:
            j = _skip_space(text, p, n)
            e = j
            while e < n and e - j < 4 and Py_UNICODE_ISDECIMAL(text[e]):
                e += 1
            if j > p and 1 <= e - j <= 3 and _at_end(text, e, n):
                text = text[:p] + text[e:]
                notes.append("page_number_stripped")
    lower = text.lower()
    glued = _space_labels_ascii(text, lower) if text.isascii() else py._space_labels(text, None)
    if "http" in lower or "www." in lower:
        if _url_break(glued):
            glued = _join_url_spaces(glued)
        fixed = _words_between_urls(glued)
    else:
        fixed = _words(glued)
    if fixed != text:
        notes.append("joint_repaired")
    decoded = py.decode_latex(fixed)
    if decoded != fixed:
        notes.append("latex_decoded")
    return decoded, notes


cdef inline bint _digit(Py_UCS4 ch) noexcept:
    return u"0" <= ch <= u"9"


cdef Py_ssize_t _arxiv_id_end(str s, Py_ssize_t i, Py_ssize_t n):
    """Where ``NEW_ARXIV|OLD_ARXIV`` (``\\d{4}\\.\\d{4,5}`` or ``[a-z][a-z\\-]+(?:\\.[a-z]{2})?/\\d{7}``) matching at ``i``
    of lower-cased ASCII ``s`` ends, or -1."""
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


cdef tuple _arxiv_at(str text, str s, Py_ssize_t i, Py_ssize_t n):
    """The id (from ``text``) and version of an id matching at ``i`` of ``s``, or None."""
    cdef Py_ssize_t e = _arxiv_id_end(s, i, n), k
    if e < 0:
        return None
    version = None
    if e + 1 < n and s[e] == u"v" and _digit(s[e + 1]):
        k = e + 1
        while k < n and _digit(s[k]):
            k += 1
        version = int(s[e + 1 : k])
    return (text[i:e], version)


cdef tuple _arxiv_after(str text, str s, str prefix, bint boundary, bint spaces):
    """The first id after ``prefix`` in ``s`` (``text`` lower-cased, ASCII) that matches: ``boundary``, the
    prefix starts a word; ``spaces``, white space may follow it."""
    cdef Py_ssize_t n = len(s), at = s.find(prefix), i
    while at >= 0:
        if not boundary or at == 0 or not _is_word(s[at - 1]):
            i = at + len(prefix)
            if spaces:
                i = _skip_space(s, i, n)
            found = _arxiv_at(text, s, i, n)
            if found is not None:
                return found
        at = s.find(prefix, at + 1)
    return None


cdef tuple _arxiv_in_url(str compact):
    """``ids._arxiv_url_in`` of ASCII ``compact``: ``arxiv\\.org/(?:abs|pdf|html|format)/`` then an id."""
    cdef str s = compact.lower()
    cdef Py_ssize_t n = len(s), at = s.find("arxiv.org/"), i
    while at >= 0:
        i = at + 10
        for kind in ("abs/", "pdf/", "html/", "format/"):
            if s.startswith(kind, i):
                found = _arxiv_at(compact, s, i + len(kind), n)
                if found is not None:
                    return (found[0].removesuffix(".pdf"), found[1])
                break
        at = s.find("arxiv.org/", at + 1)
    return None


def arxiv_from_url(str url):
    """``ids.arxiv_from_url``: an arXiv id and version from an arxiv.org abs/pdf/html/format URL, spaces inside
    tolerated. Non-ASCII URLs go to the Python function."""
    compact = "".join(url.split())
    if not compact.isascii():
        return _python().PYTHON_SCANS["arxiv_from_url"](url)
    return _arxiv_in_url(compact)


def arxiv_from_text(str text):
    """``ids.arxiv_from_text``: an arXiv id and version from a ``10.48550/arxiv.X`` DOI, an ``arXiv:X`` mention or an
    arxiv.org URL (spaces inside tolerated). Non-ASCII text (where case folding is not ASCII's) goes to the Python
    function."""
    if "x" not in text and "X" not in text:
        return None
    if not text.isascii():
        return _python().PYTHON_SCANS["arxiv_from_text"](text)
    compact = "".join(text.split())
    if "arxiv" not in compact.lower():
        return None
    lower = text.lower()
    found = _arxiv_after(text, lower, "10.48550/arxiv.", False, False)
    if found is None and "arxiv:" in lower:
        found = _arxiv_after(text, lower, "arxiv:", True, True)
    return found or _arxiv_in_url(compact)



cdef inline bint _doi_stop(Py_UCS4 ch) noexcept:
    """Not in ``[^\\s"<>]``: where a DOI ends."""
    return ch == u'"' or ch == u"<" or ch == u">" or Py_UNICODE_ISSPACE(ch)


def doi_from_text(str text):
    """``ids.doi_from_text``: the first DOI (``\\b10\\.\\d{4,9}/[^\\s"<>]+``), lower-cased, trailing ``.,;)]}`` cut, and
    whether it looks truncated (``ids.normalize_doi``: its prefix and white space cannot occur in such a match)."""
    cdef Py_ssize_t n = len(text), at = text.find("10."), k, e
    while at >= 0:
        if at == 0 or not _is_word(text[at - 1]):
            k = at + 3
            while k < n and Py_UNICODE_ISDECIMAL(text[k]):
                k += 1
            if 4 <= k - (at + 3) <= 9 and k + 1 < n and text[k] == u"/" and not _doi_stop(text[k + 1]):
                e = k + 1
                while e < n and not _doi_stop(text[e]):
                    e += 1
                doi = text[at:e].rstrip(".,;)]}").lower()
                return doi, doi.endswith(("-", "/"))
        at = text.find("10.", at + 1)
    return None


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
    cdef Py_ssize_t n = len(url), i = 20, e
    if not url.startswith(_PITH_ORIGIN):
        return None
    if not url.isascii():
        return _python().PYTHON_SCANS["pith_path_ids"](url)
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


def is_plain_path(str href):
    """``ids.is_plain_path``: ``/``, not ``//``, then none of ``?#;`` nor white space, and no ``/.``."""
    cdef Py_ssize_t i, n = len(href)
    cdef Py_UCS4 ch
    if n == 0 or href[0] != u"/" or (n > 1 and href[1] == u"/"):
        return False
    for i in range(1, n):
        ch = href[i]
        if ch == u"?" or ch == u"#" or ch == u";" or Py_UNICODE_ISSPACE(ch) or (ch == u"." and href[i - 1] == u"/"):
            return False
    return True
