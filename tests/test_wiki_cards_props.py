"""A card's author line is read from its end exactly as the ``AUTHORS`` pattern reads it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spiders.pages.wiki_cards import AUTHORS, names_and_year

PIECES = [
    "Smith", ", ", "J.", " et al.", " ", "  ", "\u2003", "\n", "(", ")", "2019", "١٢٣٤", "201", "20190", "(2019)",
    " (2019)", "\u00a0(2019)", "x", "é", "et al. (2020)",
]  # fmt: skip


def _regex(text: str) -> tuple[str, str | None] | None:
    m = AUTHORS.match(text)
    return (m["names"], m["year"]) if m else None


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_names_and_year_of_built_lines(text: str) -> None:
    """Years of four digits (other scripts' too) or not, in parentheses or not, after white space of any kind or
    none, alone or after names; line breaks."""
    assert names_and_year(text) == _regex(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_names_and_year_of_any_text(text: str) -> None:
    assert names_and_year(text) == _regex(text)
