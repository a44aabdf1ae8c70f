"""Identifiers: arXiv ids (new and old style), DOIs, Pith numbers, canonical URLs."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from spiders.compiled import extension

NEW_ARXIV = r"\d{4}\.\d{4,5}"
OLD_ARXIV = r"[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_URL = re.compile(
    rf"arxiv\.org/(?:abs|pdf|html|format)/(?P<id>{NEW_ARXIV}|{OLD_ARXIV})(?:v(?P<v>\d+))?", re.IGNORECASE
)
_ARXIV_TEXT = re.compile(rf"\barxiv:\s*(?P<id>{NEW_ARXIV}|{OLD_ARXIV})(?:v(?P<v>\d+))?", re.IGNORECASE)
_ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.(?P<id>{NEW_ARXIV}|{OLD_ARXIV})(?:v(?P<v>\d+))?", re.IGNORECASE)
_BARE_ARXIV = re.compile(rf"^(?P<id>{NEW_ARXIV}|{OLD_ARXIV})(?:v(?P<v>\d+))?$")
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
PITH_ID = re.compile(r"^[A-Z2-7]{26}$")
PITH_NUMBER = re.compile(r"pith:(?:(?P<year>\d{4}):)?(?P<id>[A-Z2-7]{8,26})\b")
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|source)$", re.IGNORECASE)
HOST_FOLD = {"www.pith.science": "pith.science", "longtermwiki.com": "www.longtermwiki.com"}


def _folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive pattern that matches lower-cased ASCII text where ``pattern`` (IGNORECASE, its letters
    lower case but for ``[A-Z]``) matches the text itself, at the same places. Python's regular expressions
    cannot use their fast literal scan with IGNORECASE: on a reference string the folded pattern searches 3-5x
    faster. (Only for ASCII text: IGNORECASE also matches a few non-ASCII letters, and ``lower()`` can change the
    length of non-ASCII text.)"""
    return re.compile(pattern.pattern.replace("[A-Z]", "[a-z]"))


FOLDED = {p: _folded(p) for p in (_ARXIV_URL, _ARXIV_TEXT, _ARXIV_DOI)}
"""IGNORECASE patterns and their folded forms (tests/test_normalize_folded.py holds each pair to the same matches)."""
_URL_PAIR, _TEXT_PAIR, _DOI_PAIR = ((p, FOLDED[p]) for p in (_ARXIV_URL, _ARXIV_TEXT, _ARXIV_DOI))
"""Each pattern with its folded form, for ``_arxiv_match``. (Not looked up in ``FOLDED`` there: hashing a compiled
pattern hashes its whole program, uncached: ~5,000 CPU instructions, ~140 times a paper page, 2% of its parse.)"""


def _arxiv_match(
    pair: tuple[re.Pattern[str], re.Pattern[str]], text: str, lower: str | None
) -> tuple[str, int | None] | None:
    """The first id and version in ``text`` of a pattern (``pair``: it and its folded form); ``lower``:
    ``text.lower()`` when ``text`` is ASCII."""
    pattern, folded = pair
    m = folded.search(lower) if lower is not None else pattern.search(text)
    if not m:
        return None
    version = m["v"]  # digits: the same in both
    return text[m.start("id") : m.end("id")], int(version) if version else None


def arxiv_from_url(url: str) -> tuple[str, int | None] | None:
    """arXiv id and version from an arxiv.org abs/pdf/html URL (spaces inside the URL tolerated)."""
    return _arxiv_url_in("".join(url.split()))  # ``re.sub(r"\s+", "", url)``: both split on ``str.isspace``


def _arxiv_url_in(compact: str) -> tuple[str, int | None] | None:
    """``arxiv_from_url`` of text without white space."""
    lower = compact.lower() if compact.isascii() else None
    if lower is not None and "arxiv.org/" not in lower:  # every folded match holds it (most links: no match)
        return None
    found = _arxiv_match(_URL_PAIR, compact, lower)
    return (found[0].removesuffix(".pdf"), found[1]) if found else None


def arxiv_from_text(text: str) -> tuple[str, int | None] | None:
    """arXiv id from a URL, an ``arXiv:X`` mention or a ``10.48550/arxiv.X`` DOI anywhere in text."""
    if "x" not in text and "X" not in text:  # the test below needs one (and costs ten times as much)
        return None
    compact = "".join(text.split())  # what ``re.sub(r"\s+", "", text)`` gives (both split on ``str.isspace``)
    if "arxiv" not in compact.lower():  # every form spells it (URLs may carry spaces)
        return None
    lower = text.lower() if text.isascii() else None
    found = _arxiv_match(_DOI_PAIR, text, lower)
    if not found and (lower is None or "arxiv:" in lower):  # every folded ``_ARXIV_TEXT`` match holds it
        found = _arxiv_match(_TEXT_PAIR, text, lower)
    return found or _arxiv_url_in(compact)


def bare_arxiv(value: str) -> tuple[str, int | None] | None:
    """A bare id such as ``1906.01820v3`` or ``cs/0503029``."""
    m = _BARE_ARXIV.match(value.strip())
    return (m["id"], int(m["v"]) if m["v"] else None) if m else None


def normalize_doi(value: str) -> tuple[str, bool]:
    """Lower-cased DOI without URL prefix or trailing punctuation, and whether it looks truncated."""
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE)
    doi = doi.rstrip(".,;)]}").lower()
    return doi, doi.endswith(("-", "/"))


def doi_from_text(text: str) -> tuple[str, bool] | None:
    """First DOI in text."""
    # ``DOI.search``, tried only where a match can start (``\b`` in front makes the search try every position)
    m = next((m for at in find_all(text, "10.") if (m := DOI.match(text, at))), None)
    return normalize_doi(m.group(1)) if m else None


def find_all(text: str, needle: str) -> list[int]:
    """Where ``needle`` starts in ``text``, every time."""
    out = []
    at = text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


_PLAIN_URL = re.compile(r"(https?)://([a-z0-9.-]+)(/[^?#;\s]*)?")
_PLAIN_PATH = re.compile(r"/(?!/)[^?#;\s]*")
_PLAIN_ORIGIN = re.compile(r"(https?)://([a-z0-9.-]+)(?=[/?#]|$)")
OWN_HOSTS = ("pith.science", "www.longtermwiki.com")


@lru_cache(maxsize=65536)
def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute https URL without fragment or tracking parameters, with the sites' host forms folded."""
    if "/." not in url:
        # Most links are plain: a lower-case host, a path, nothing else. Their canonical form is a string
        # operation (tests/test_canonical_url.py holds it to the general path below on every link we know).
        if m := _PLAIN_URL.fullmatch(url):
            return f"{_origin_prefix(m.group(1), m.group(2))}{m.group(3) or '/'}"
        if base and _PLAIN_PATH.fullmatch(url) and (prefix := path_prefix(base)) is not None:
            return prefix + url
    return _canonical_url(url, base)


def is_plain_path(href: str) -> bool:
    """A path ``canonical_url`` joins by putting its base's origin in front (``_PLAIN_PATH``, without ``/.``):
    ``/``, not ``//``, then none of ``?#;`` nor white space (compiled: ``_scan.is_plain_path``)."""
    return "/." not in href and _PLAIN_PATH.fullmatch(href) is not None


def _origin_prefix(scheme: str, host: str) -> str:
    """``scheme://host`` of a plain URL, canonical: the sites' host forms folded, their scheme https."""
    host = HOST_FOLD.get(host, host)
    return f"{'https' if host in OWN_HOSTS else scheme}://{host}"


@lru_cache(maxsize=256)
def path_prefix(base: str) -> str | None:
    """What ``canonical_url`` puts before a plain path joined to ``base``: its origin, canonical; None when ``base``
    does not start with a plain origin (memoised: a crawl's pages have an origin or two)."""
    m = _PLAIN_ORIGIN.match(base)
    return _origin_prefix(m.group(1), m.group(2)) if m else None


def _canonical_url(url: str, base: str | None = None) -> str:
    # a port that is no number, a broken IPv6 host: the link kept as written (joined if it can be), not the page lost
    try:
        joined = urljoin(base, url) if base else url
    except ValueError:
        return url.strip()
    try:
        return _canonical_parts(joined)
    except ValueError:
        return joined.strip()


def _canonical_parts(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = HOST_FOLD.get(host, host)
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    scheme = "https" if host in OWN_HOSTS else (parts.scheme or "https")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


@lru_cache(maxsize=65536)
def pith_target_items(url: str) -> tuple[tuple[str, str], ...]:
    """``pith_target(url).items()``, memoised."""
    return tuple(_pith_target_uncached(url).items())


def pith_target(url: str) -> dict[str, str]:
    """Identifiers a Pith URL carries: arxiv, pith (number or short form), hub (cached)."""
    return dict(pith_target_items(url))


_PAPER_PATH = re.compile(rf"^/(?:paper|ref/arxiv)/({NEW_ARXIV}|{OLD_ARXIV})(?:v\d+)?/?$")
_SHORT_PATH = re.compile(r"^/paper/([A-Z2-7]{8})/?$")
_NUMBER_PATH = re.compile(r"^/pith/([A-Z2-7]{26})(?:\.json|/bundle\.json|/state\.json)?/?$")
_HUB_PATH = re.compile(r"^/citations/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/?$")


_PITH_PATHS = re.compile(
    rf"/(?:(?:paper|ref/arxiv)/(?P<arxiv>{NEW_ARXIV}|{OLD_ARXIV})(?:v\d+)?|paper/(?P<short>[A-Z2-7]{{8}})"
    r"|pith/(?P<number>[A-Z2-7]{26})(?:\.json|/bundle\.json|/state\.json)?"
    r"|citations/(?P<hub>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))/?"
)
"""The four path patterns above as one, tried in their order (each alternative is anchored at both ends, so the
first that matches is the one the sequence finds)."""
_PITH_KEYS = {"arxiv": "arxiv", "short": "pith", "number": "pith", "hub": "hub"}
_PITH_ORIGIN = "https://pith.science"
"""The site's origin in its canonical URLs."""


def pith_path_ids(url: str) -> tuple[str, str] | None:
    """The group of ``_PITH_PATHS`` that matches and its text, when ``url`` is the site's origin then all one of its
    four paths; else None (compiled: ``_scan.pith_path_ids``)."""
    if url.startswith(_PITH_ORIGIN) and (m := _PITH_PATHS.fullmatch(url, len(_PITH_ORIGIN))) and (key := m.lastgroup):
        return key, m[key]
    return None


def _pith_target_uncached(url: str) -> dict[str, str]:
    """Identifiers a Pith URL carries: arxiv, pith (number or short form), hub."""
    # Most URLs asked about are the site's own canonical paths: one match of the four patterns at once, which
    # gives what ``_pith_target_general`` gives (a path it takes whole holds none of ``?#;`` nor white space, so
    # the general path reads the same path; tests/test_canonical_url.py holds the two to the same results)
    if found := pith_path_ids(url):
        return {_PITH_KEYS[found[0]]: found[1]}
    return _pith_target_general(url)


def _pith_target_general(url: str) -> dict[str, str]:
    """``_pith_target_uncached`` of any URL."""
    plain = _PLAIN_URL.fullmatch(url)  # most links: the path without urlsplit (same path, a tenth of the cost)
    path = (plain.group(3) or "") if plain else urlsplit(url).path
    out: dict[str, str] = {}
    if m := _PAPER_PATH.match(path):
        out["arxiv"] = m.group(1)
    elif (m := _SHORT_PATH.match(path)) or (m := _NUMBER_PATH.match(path)):
        out["pith"] = m.group(1)
    elif m := _HUB_PATH.match(path):
        out["hub"] = m.group(1)
    elif a := arxiv_from_url(url):
        out["arxiv"] = a[0]
    return out


def link_ids(url: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """What one link says: the identifiers of its Pith target (``pith_target``'s items) and an arXiv id from its URL
    (compiled: ``_scan.link_ids``; a reference list links ~100 times a page, half of them new)."""
    a = arxiv_from_url(url)
    return tuple(_pith_target_uncached(url).items()), a[0] if a else None


_NOT_KEY = re.compile(r"[^a-z0-9]+")
"""What a title key leaves out of a lower-cased title."""


def title_key(title: str | None) -> str | None:
    """Matching key of a title: lower-case letters and digits only (accents folded)."""
    if not title:
        return None
    import unicodedata

    # ``"".join(ch for ch in folded.lower() if ch.isalnum() and ord(ch) < 128)``: the ASCII letters and digits of
    # the lower-cased text, which are ``[a-z0-9]`` (a regular expression, 10x faster than a generator)
    return _NOT_KEY.sub("", unicodedata.normalize("NFKD", title).lower()) or None


PYTHON_ARXIV_FROM_URL = arxiv_from_url
"""``arxiv_from_url`` in Python: the reference ``_scan.arxiv_from_url`` is held to (``references.PYTHON_SCANS``)."""
PYTHON_PITH_PATH_IDS = pith_path_ids
"""``pith_path_ids`` in Python, the reference of ``_scan.pith_path_ids``."""
PYTHON_IS_PLAIN_PATH = is_plain_path
"""``is_plain_path`` in Python, the reference of ``_scan.is_plain_path``."""
PYTHON_LINK_IDS = link_ids
"""``link_ids`` in Python, the reference of ``_scan.link_ids``."""
_SCAN = extension("spiders.normalize._scan")
if _SCAN is not None:  # compiled (Pith pages link ~30 arXiv URLs each, and every new link is asked both)
    globals().update(
        arxiv_from_url=_SCAN.arxiv_from_url,
        pith_path_ids=_SCAN.pith_path_ids,
        is_plain_path=_SCAN.is_plain_path,
        link_ids=_SCAN.link_ids,
    )
