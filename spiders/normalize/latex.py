"""Decode the LaTeX that leaks into names and titles (``Schl\\"ogl`` -> ``Schlögl``)."""

from __future__ import annotations

import re
import unicodedata

_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
}
_LETTERS = {
    "ss": "ß",
    "OE": "Œ",
    "oe": "œ",
    "AE": "Æ",
    "ae": "æ",
    "AA": "Å",
    "aa": "å",
    "O": "Ø",
    "o": "ø",
    "L": "Ł",
    "l": "ł",
    "i": "ı",
    "j": "ȷ",
}
_ACCENT = re.compile(r"\\([\"'`^~=.]|[uvHckr](?=[\s{]))\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))")
_LETTER = re.compile(r"\{?\\(ss|OE|oe|AE|ae|AA|aa|O|o|L|l|i|j)(?![A-Za-z])\}?\s?")
_COMMAND = re.compile(r"\\(?:textit|textbf|emph|mathrm|textrm|text)\{([^{}]*)\}")
_GROUP = re.compile(r"(\\[A-Za-z]+)?\{([^{}]*)\}")


def _accent(m: re.Match[str]) -> str:
    base = (m.group(2) or m.group(3)).lstrip("\\")
    base = {"i": "i", "j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + _ACCENTS[m.group(1)])


def decode_latex(text: str) -> str:
    """Text with LaTeX accents, special letters and simple commands decoded; other braces dropped."""
    if "\\" not in text and "{" not in text:
        return text
    out = _ACCENT.sub(_accent, text)
    out = _LETTER.sub(lambda m: _LETTERS[m.group(1)], out)
    out = _COMMAND.sub(lambda m: m.group(1), out)
    # Braces that only group letters go; an unknown command keeps its braces (``\system{}`` stays).
    return _GROUP.sub(lambda m: m.group(0) if m.group(1) else m.group(2), out)
