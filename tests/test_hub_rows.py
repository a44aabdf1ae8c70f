"""An explorer line's row fields (``pith_hub.row_match``) are what ``ROW`` itself matches, on lines built from
what the pattern branches on: titles with spaces and middle dots, categories, dates, verdicts, labels, line
breaks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spiders.pages.pith_hub import ROW, row_match

PIECES = [
    "A", "title", " ", "  ", " · ", "·", " ·", "· ", "cs.CL", "cs", "math.AG", "hep-th", "q-bio.NC", "CS.cl", "x.",
    "2024-01-01", "2024-1-01", "20240101", "١٢٣٤-٠١-٠١", "accept", "reject", "none", "v1", "\n", "é", "-", ".",
]  # fmt: skip


def _groups(text: str) -> tuple[str, str, str, str | None, str | None] | None:
    m = ROW.match(text)
    return (m["title"], m["cat"], m["date"], m["verdict"], m["labels"]) if m else None


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_row_match_is_the_pattern(text: str) -> None:
    assert row_match(text) == _groups(text)


_PART = st.sampled_from(PIECES)
_ROWS = st.tuples(
    st.lists(_PART, min_size=1, max_size=5).map("".join),
    st.sampled_from([" ", "", "  "]),
    st.sampled_from(["cs.CL", "cs", "math.AG", "hep-th", "q-bio.NC", "CS.cl", "x.", "cs.CL · cs.LG"]),
    st.sampled_from([" · ", " ·", "·", " · \n"]),
    st.sampled_from(["2024-01-01", "2024-1-01", "١٢٣٤-٠١-٠١", "2024-01-01x"]),
    st.lists(st.sampled_from([" · accept", " · none", " · a · b", " · ", "·", " x", "\n", " · v1 · "]), max_size=3),
).map(lambda parts: "".join([*parts[:5], *parts[5]]))


@settings(max_examples=3000, deadline=None)
@given(_ROWS)
def test_row_match_on_rows(text: str) -> None:
    """Lines shaped as rows, most of them matching, with each part at the edge of what it may be."""
    assert row_match(text) == _groups(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" ·abc.-0123\n", max_size=40))
def test_row_match_on_any_text(text: str) -> None:
    assert row_match(text) == _groups(text)


def test_known_rows() -> None:
    row = ("A title", "cs.CL", "2024-01-01", "accept", "none")
    assert row_match("A title cs.CL · 2024-01-01 · accept · none") == row
    assert row_match("A · b cs.LG · 2023-02-02") == ("A · b", "cs.LG", "2023-02-02", None, None)
    assert row_match("Proxy scalable benchmark robust token safety planning") is None
