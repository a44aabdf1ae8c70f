"""Parse raw reference strings as Pith shows them, mess included.

``parse_reference`` repairs what PDF extraction breaks (leaked page numbers, run-together words,
spaces inside URLs, hyphenation), decodes LaTeX, then takes identifiers first (arXiv, DOI, URL) and
splits the rest into authors, title, venue and year. ``merge_split`` joins entries that the site split
across two numbers (a ``URL ...``-only or tail entry belongs to the one before).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spiders.compiled import extension
from spiders.normalize.ids import (
    PYTHON_ARXIV_FROM_URL,
    PYTHON_IS_PLAIN_PATH,
    PYTHON_LINK_IDS,
    PYTHON_PITH_PATH_IDS,
    arxiv_from_text,
    doi_from_text,
    find_all,
)
from spiders.normalize.latex import decode_latex

_PAGE_NUMBER = re.compile(r"(?<=\.)\s+\d{1,3}$")
_URL_GLUE = re.compile(r"(?:URL|doi:)(?=https?://|10\.)", re.IGNORECASE)
"""A label run into its URL or DOI (``URLhttps://``); ``_space_labels`` keeps those where a word starts."""
_URL_GLUE_FOLDED = re.compile(_URL_GLUE.pattern.lower())
"""``_URL_GLUE`` for lower-cased ASCII text (see ``ids._folded``: 5x faster); its pattern lower-cased, as it holds no
escape whose case matters."""
_WORD_GLUE = re.compile(
    r"(?<=[a-z\)][.?!])(?=[A-Z][a-zA-Z])|(?<=\bal\.)(?=[A-Z])|(?<=[a-z]{2}[.?!])(?=[a-z][A-Za-z]+)(?!(?:org|com|net|edu|io|ai|html?|pdf)\b)"
)
_HYPHEN_BREAK = re.compile(r"(?<=[a-z]{2})- (?=[a-z]{2})")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_YEAR = re.compile(r"(?:19[5-9]|20[0-4])\d(?!\d)")
"""A year 1950-2049 not followed by a digit; ``_years`` drops those after a digit or a full stop."""
_INITIAL = re.compile(r"(?:^|[\s.])[A-Z]$|\bvs$|\bVol$|\bNo$|\bpp$|\bJr$|\bSt$|\bDr$")
_URL_TOKEN = re.compile(r"^[\w%~-]")
_HOST_TOKEN = re.compile(r"^[a-z0-9]")
_ID_LABEL = re.compile(r"\b(?:URL|doi:)\s*(?=\S*\d)")
_DOI_TEXT = re.compile(r"\b10\.\d{4,9}/\S+")
_URL_LABEL = re.compile(r"\s*\bURL\b\s*\S*")
_TRAILING_YEAR = re.compile(r",\s*(?:19|20)\d{2}$")
_VENUE_YEAR = re.compile(r",?\s*(?:19|20)\d{2}\.?$")
_ET_AL = re.compile(r"\bet al\.?$")
_AUTHOR_SEP = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_AUTHOR_SEP_NO_AMP = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
"""``_AUTHOR_SEP`` for text without ``&``: the same splits, and a fast scan (``\\s*&`` can start anywhere)."""
_LINK_TAIL = re.compile(r"^(?:URL\s*)?(?:https?://|www\.|doi:|10\.\d{4,9}/)\S*(?:\s+\S+){0,3}$", re.IGNORECASE)
_LOWER_START = re.compile(r"^[a-z0-9(]")
_COMMA_YEAR = re.compile(r",\s*(?:19|20)\d{2}\.?$")
_FIELD_END = re.compile(r"[.?!](?=\s|$)")
_GLUE_AT = re.compile(r"[.?!](?=[A-Za-z])")
"""Where ``_WORD_GLUE`` can match (after ``.?!``, before a letter): a cheap scan, then the full test there. (Python's
regular expressions scan fast for a pattern that starts with a character set, slowly for one that starts with a
lookbehind or an alternation: each fast path here is a necessary condition of the exact pattern.)"""
_URL_BREAK = re.compile(r"(?:https?://|www\.)\S*[/_\-=&?%.] ")
"""A URL token ending where ``_join_url_spaces`` could join the next one: without one it changes nothing."""


@dataclass(slots=True)
class ParsedReference:
    """What a raw reference string yields (slotted: ``_scan`` makes one in C, and a page's lists read its fields)."""

    text: str
    """The repaired, LaTeX-decoded string."""
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    venue: str | None = None
    year: int | None = None
    arxiv_id: str | None = None
    arxiv_version: int | None = None
    doi: str | None = None
    doi_truncated: bool = False
    url: str | None = None
    notes: list[str] = field(default_factory=list)


def repair(raw: str) -> tuple[str, list[str]]:
    """The string with known PDF-extraction damage repaired, and what was repaired."""
    notes: list[str] = []
    text = " ".join(raw.split())
    # ``_PAGE_NUMBER.search(text)``: a match follows the last full stop (it holds none and ends the text)
    if text[-1:].isdigit() and (m := _PAGE_NUMBER.match(text, text.rfind(".") + 1)):
        text, notes = text[: m.start()] + text[m.end() :], [*notes, "page_number_stripped"]
    lower = text.lower()
    glued = _space_labels(text, lower if text.isascii() else None)
    if "http" in lower or "www." in lower:
        if _url_break(glued):
            glued = _join_url_spaces(glued)
        fixed = _repair_words_between_urls(glued)
    else:
        fixed = _repair_words(glued)
    if fixed != text:
        notes.append("joint_repaired")
    decoded = decode_latex(fixed)
    if decoded != fixed:
        notes.append("latex_decoded")
    return decoded, notes


def _space_labels(text: str, lower: str | None = None) -> str:
    """``URLhttps://x`` -> ``URL https://x``: a space after each label run into its link, where the label starts
    a word (``\\b``: the character before is not ``\\w``, i.e. not ``isalnum()`` nor ``_``). ``lower``:
    ``text.lower()`` when ``text`` is ASCII."""
    if lower is not None and "url" not in lower and "doi:" not in lower:
        return text
    out: list[str] = []
    at = 0
    for m in _URL_GLUE_FOLDED.finditer(lower) if lower is not None else _URL_GLUE.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if before.isalnum() or before == "_":
            continue
        out += (text[at : m.end()], " ")
        at = m.end()
    if not out:
        return text
    out.append(text[at:])
    return "".join(out)


def _spaced_labels(text: str) -> str:
    """``_space_labels`` of any text (``text.lower()`` given when it is ASCII)."""
    return _space_labels(text, text.lower() if text.isascii() else None)


def _repair_words(text: str) -> str:
    """Run-together words split (``al.Title`` -> ``al. Title``), hyphenation at a line break joined."""
    words = _unglue(text)
    return _HYPHEN_BREAK.sub("", words) if "- " in words else words


def _repair_words_between_urls(text: str) -> str:
    """``_repair_words`` on the text between URLs only (a URL's dots and hyphens are not PDF damage). Neither
    pattern can match across a URL's edge, so the pieces give what the whole would with its URLs masked."""
    out: list[str] = []
    at = 0
    for m in _URL.finditer(text):
        out += (_repair_words(text[at : m.start()]), m.group())
        at = m.end()
    out.append(_repair_words(text[at:]))
    return "".join(out)


def _unglue(text: str) -> str:
    """``_WORD_GLUE.sub(" ", text)``, testing the full pattern only where it can match."""
    cuts = [m.end() for m in _GLUE_AT.finditer(text) if _WORD_GLUE.match(text, m.end())]
    if not cuts:
        return text
    return " ".join(text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True))


def _url_break(text: str) -> bool:
    """A URL token ends in one of ``/_-=&?%.`` right before a space (``_join_url_spaces`` could join there)."""
    return bool(_URL_BREAK.search(text))


def _join_url_spaces(text: str) -> str:
    """``https://www. lesswrong.com/a/ b`` -> ``https://www.lesswrong.com/a/b``."""
    out: list[str] = []
    in_url = False
    for token in text.split(" "):
        if in_url and out and _continues_url(out[-1], token):
            out[-1] += token
            continue
        out.append(token)
        in_url = bool(_URL.match(token))
    return " ".join(out)


def _continues_url(url: str, token: str) -> bool:
    if url[-1:] in "/_-=&?%":
        return bool(_URL_TOKEN.match(token))
    return url[-1:] == "." and bool(_HOST_TOKEN.match(token)) and not url.endswith((".html.", ".pdf."))


def parse_reference(raw: str) -> ParsedReference:
    """Parse one raw reference string."""
    text, notes = repair(raw)
    ref = ParsedReference(text=text, notes=notes)
    has_url = "http" in text or "www." in text  # every ``_URL`` match holds one
    url = _URL.search(text) if has_url else None
    ref.url = url.group().rstrip(".,;)") if url else None
    if arxiv := arxiv_from_text(text):
        ref.arxiv_id, ref.arxiv_version = arxiv
    if doi := doi_from_text(text):
        ref.doi, ref.doi_truncated = doi
        if ref.doi.startswith("10.48550/arxiv."):
            ref.arxiv_id = ref.arxiv_id or ref.doi.removeprefix("10.48550/arxiv.")
    body = _reference_body(text)
    years = _years(body)
    ref.year = years[-1] if years else None
    _split_fields(ref, body)
    return ref


def _reference_body(text: str) -> str:
    """The text without its ids: labels (``URL``, ``doi:``) before a token with a digit, URLs, DOIs, then a
    ``URL`` label left alone; white space collapsed, `` .,`` stripped from the ends."""
    body = text
    if "URL" in body or "doi:" in body:
        body = _sub_at(_ID_LABEL, " ", body, ("URL", "doi:"))
    if "http" in text or "www." in text:  # every ``_URL`` match holds one
        body = _URL.sub(" ", body)
    if "10." in body:
        body = _sub_at(_DOI_TEXT, " ", body, ("10.",))
    body = " ".join(body.split())
    if "URL" in body:
        body = _URL_LABEL.sub(" ", body)
    return body.strip(" .,")


def _sub_at(pattern: re.Pattern[str], repl: str, text: str, needles: tuple[str, ...]) -> str:
    """``pattern.sub(repl, text)`` for a pattern whose every match starts where one of ``needles`` starts: tried
    only there (``\\b`` in front makes Python's regular expressions try every position, 5x slower)."""
    starts = sorted(i for needle in needles for i in find_all(text, needle))
    out: list[str] = []
    at = 0
    for start in starts:
        if start >= at and (m := pattern.match(text, start)):
            out += (text[at:start], repl)
            at = m.end()
    if not out:
        return text
    out.append(text[at:])
    return "".join(out)


def _years(text: str) -> list[int]:
    """``(?<![\\d.])(19[5-9]\\d|20[0-4]\\d)(?!\\d)``, the lookbehind tested on the few candidates only."""
    return [int(m.group()) for m in _YEAR.finditer(text) if not m.start() or not _digit_or_stop(text[m.start() - 1])]


def _digit_or_stop(ch: str) -> bool:
    return ch == "." or ch.isdecimal()  # ``\\d`` is ``isdecimal()``


_ABBREVIATIONS = (*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "vs", "Vol", "No", "pp", "Jr", "St", "Dr")
"""How text before a full stop ends where ``_INITIAL`` can match (a cheap test before the exact one)."""


def _sentences(body: str) -> list[str]:
    """Split on ``. `` / ``? `` / ``! `` that end a field, not after initials or abbreviations."""
    parts: list[str] = []
    start = 0
    for m in _FIELD_END.finditer(body):
        # the abbreviation test needs only the last few characters before the stop (``^`` cannot match
        # inside: a field starts after white space)
        stop = m.start()
        abbreviation = m.group() == "." and body.endswith(_ABBREVIATIONS, 0, stop)
        if abbreviation and _INITIAL.search(body, max(start, stop - 4), stop):
            continue
        parts.append(body[start : m.end()].strip())
        start = m.end()
    tail = body[start:].strip()
    return [p for p in [*parts, tail] if p.strip(" .,")]


def _compiled_scan() -> Any:
    """``spiders.normalize._scan`` when pip built it and ``CITEGRAPH_PURE_PYTHON`` is not set, else None."""
    return extension("spiders.normalize._scan")


def _split_fields(ref: ParsedReference, body: str) -> None:
    parts = _sentences(body)
    if not parts:
        return
    if len(parts) >= 2 and _looks_like_authors(parts[0]):
        ref.authors = split_authors(parts[0].rstrip("."))
        parts = parts[1:]
    title = parts[0].rstrip(".").strip()
    if "," in title:  # every ``_TRAILING_YEAR`` match holds one
        title = _TRAILING_YEAR.sub("", title)
    title = title.rstrip(",").strip()
    ref.title = title or None
    if len(parts) > 1:
        venue = _VENUE_YEAR.sub("", " ".join(parts[1:])).strip(" .,")
        ref.venue = venue or None


def _looks_like_authors(text: str) -> bool:
    words = text.rstrip(".").replace(",", " ").split()
    if not words or len(words) > 80:
        return False
    if len(words) > 4 and "," not in text and " and " not in text:  # the cheap half of the test first
        return False
    caps = sum(1 for w in words if w[:1].isupper() or w in _NAME_WORDS)
    return caps / len(words) >= 0.8


_NAME_WORDS = frozenset(("and", "van", "de", "der", "von", "al", "al.", "et", "&"))
"""Lower-case words an author list holds."""


def split_authors(text: str) -> list[str]:
    """``A, B, and C`` / ``A and B`` / ``A & B`` -> names."""
    if "et al" in text:
        text = _ET_AL.sub("", text)
    text = text.strip(" ,")
    pieces = (_AUTHOR_SEP if "&" in text else _AUTHOR_SEP_NO_AMP).split(text)
    return [name for p in pieces if (name := _clean_name(p))]


def _clean_name(piece: str) -> str:
    """Drop affiliation debris from a name: parentheticals (closed or cut off) and bare acronyms."""
    name = piece
    if "(" in name or ")" in name:
        name = re.sub(r"\([^()]*\)", "", name)
        name = re.sub(r"\([^()]*$", "", name)
        name = re.sub(r"^[^()]*\)", "", name)
    name = name.strip(" ,;")
    is_acronym = 2 <= len(name) <= 8 and name.isascii() and name.isalpha() and name.isupper()
    return "" if is_acronym else name


def is_continuation(previous: str, current: str) -> bool:
    """True when ``current`` is the tail of ``previous``, split across two numbers by the site."""
    cur = current.strip()
    if _LINK_TAIL.match(cur):
        return True
    if not _LOWER_START.match(cur):
        return False
    return previous.rstrip().endswith((",", "-", "–")) or not previous.rstrip().endswith((".", "?", "!"))


def _clean_title_python(title: str) -> str:
    """``clean_title`` unmemoised (compiled: ``_scan.clean_title``)."""
    text, _ = repair(title)
    parts = _sentences(text)
    first = parts[0] if parts else text
    first = _COMMA_YEAR.sub("", first.rstrip(",. ")).rstrip(",").strip()
    return first if first.endswith("?") else first.rstrip(".")


def best_title(resolved: str | None, parsed: str | None) -> str | None:
    """Pith's resolved title line, cleaned, unless it is really an author list (then the parsed title)."""
    if not resolved:
        return parsed
    cleaned = clean_title(resolved)
    if parsed and _looks_like_authors(cleaned):
        from spiders.normalize.ids import title_key

        if (title_key(cleaned) or "") not in (title_key(parsed) or ""):
            return parsed
    return cleaned or parsed


PYTHON_SCANS: dict[str, Callable[..., Any]] = {
    "parse_reference": parse_reference,
    "repair": repair,
    "_repair_words": _repair_words,
    "_repair_words_between_urls": _repair_words_between_urls,
    "_reference_body": _reference_body,
    "_spaced_labels": _spaced_labels,
    "_url_break": _url_break,
    "_join_url_spaces": _join_url_spaces,
    "arxiv_from_text": arxiv_from_text,
    "arxiv_from_url": PYTHON_ARXIV_FROM_URL,
    "pith_path_ids": PYTHON_PITH_PATH_IDS,
    "is_plain_path": PYTHON_IS_PLAIN_PATH,
    "link_ids": PYTHON_LINK_IDS,
    "doi_from_text": doi_from_text,
    "_years": _years,
    "_sentences": _sentences,
    "_looks_like_authors": _looks_like_authors,
    "split_authors": split_authors,
    "decode_latex": decode_latex,
    "_clean_title": _clean_title_python,
}
"""The functions ``_scan`` compiles (each as its name without the underscore), in Python: the reference its ports
are held to (tests/test_scan_compiled.py)."""
_SCAN = _compiled_scan()
if _SCAN is not None:  # the same functions, compiled
    globals().update({name: getattr(_SCAN, name.lstrip("_")) for name in PYTHON_SCANS})
clean_title = lru_cache(maxsize=65536)(_SCAN.clean_title if _SCAN is not None else _clean_title_python)
"""A title line with PDF damage repaired and a glued venue or trailing year cut off (memoised: Pith gives a cited
work the same title line on every page that cites it; 94% of a generated site's lines repeat)."""
