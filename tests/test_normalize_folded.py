"""Case-insensitive patterns run as case-sensitive ones on lower-cased ASCII text (fast): each folded pattern
matches the lower-cased text exactly where its IGNORECASE original matches the text itself."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from spiders.normalize import ids, references

PAIRS = [*ids.FOLDED.items(), (references._URL_GLUE, references._URL_GLUE_FOLDED)]
PIECES = [
    "arxiv", "ArXiv", "ARXIV", "arXiv:", "arxiv.org/", "ArXiv.Org/", "abs/", "ABS/", "pdf/", "html/", "format/",
    "1906.01820", "2101.123456", "v2", "V3", "hep-th/9901001", "math.AG/0101001", "Math.ag/0101001", "cs/0503029",
    "10.48550/", "10.48550/ARXIV.", "10.1000/x", "URL", "url", "Url", "doi:", "DOI:", "http://", "HTTPS://",
    "https://", "10.", " ", ".", "-", "/", "x", "Q", "_",
]  # fmt: skip


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


def _agree(text: str) -> None:
    if not text.isascii():  # the folded patterns are only used on ASCII text
        return
    for original, folded in PAIRS:
        assert _matches(folded, text.lower()) == _matches(original, text), (original.pattern, text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_folded_patterns_match_where_the_originals_do(text: str) -> None:
    _agree(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_folded_patterns_on_any_ascii(text: str) -> None:
    _agree(text)


def test_folded_patterns_on_real_reference_strings() -> None:
    """Every reference string of the fixture cases and the mirror's paper pages."""
    from spiders.pages.registry import parse_page
    from spiders.records import Reference

    root = Path(__file__).resolve().parents[1]
    strings = []
    for page in sorted((root / "mirror" / "sites" / "pith.science" / "paper").glob("*.html")):
        records = parse_page(f"https://pith.science/paper/{page.stem}", page.read_bytes(), "text/html")
        strings += [r.raw for r in records if isinstance(r, Reference)]
    assert len(strings) > 30 and any("arxiv" in s.lower() for s in strings)
    for text in strings:
        _agree(text)
