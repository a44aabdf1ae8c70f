"""The compiled reference list (spiders/pages/_refs.pyx) gives exactly the records the Python one
(``pith_refs.PYTHON_REFERENCE_ENTRIES``) gives: on the reference list of every paper and Pith-number page of the
mirror, the fixtures and a generated site, and on blocks built from what each of its tests branches on."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mirror.synthetic.site import generate_site
from spiders.pages import pith_refs
from spiders.pages.blocks import Block, Link
from spiders.pages.common import Page
from spiders.pages.registry import clear_caches, parse_page
from spiders.records import Reference

ROOT = Path(__file__).resolve().parents[1]
try:  # directly, not ``pith_refs._COMPILED``: CITEGRAPH_PURE_PYTHON turns that off, not this test
    from spiders.pages import _refs
except ImportError:
    _refs = None  # type: ignore[assignment]

pytestmark = pytest.mark.skipif(
    _refs is None and not (shutil.which("cc") or shutil.which("gcc")),
    reason="no C compiler: the compiled reference list is not built",
)
PROV = {"source_url": "u", "canonical_url": "u", "run_id": "r", "fetched_at": "2026-11-23T00:00:00Z"}


def test_the_install_built_the_compiled_reference_list() -> None:
    assert _refs is not None, "spiders.pages._refs is missing: run pip install -e . (setup.py builds it)"
    assert pith_refs.parse_reference_entries is _refs.reference_entries


def _same(page: Page, blocks: list[Block], citing: str | None = "1906.01820", pith: str | None = None) -> None:
    assert _refs is not None
    expected = pith_refs.PYTHON_REFERENCE_ENTRIES(page, citing, blocks, pith)
    made = _refs.reference_entries(page, citing, blocks, pith)
    assert made == expected
    assert all(type(r) is Reference for r in made)


def _reference_lists(tmp_path: Path) -> list[tuple[Page, list[Block]]]:
    """Each page's reference list as the page parser hands it over (its blocks, captured on the way)."""
    site = tmp_path / "site"
    generate_site(site, 150)
    pages = [
        *sorted((ROOT / "mirror" / "sites" / "pith.science").rglob("*.html")),
        *sorted((ROOT / "tests" / "fixtures").rglob("*.html")),
        *sorted((site / "pith.science" / "paper").glob("*.html")),
    ]
    seen: list[tuple[Page, list[Block]]] = []

    def capture(page: Page, citing: Any, blocks: list[Block], pith: Any = None) -> list[Reference]:
        seen.append((page, blocks))
        return []

    with pytest.MonkeyPatch.context() as patch:
        for module in ("pith_paper", "pith_number"):
            patch.setattr(f"spiders.pages.{module}.parse_reference_entries", capture)
        for path in pages:
            folder = path.parent.name
            url = f"https://pith.science/{folder}/{path.stem}" if folder in ("paper", "pith") else ""
            parse_page(url, path.read_bytes(), "text/html")
    return seen


def test_compiled_reference_lists_of_real_and_generated_pages(tmp_path: Path) -> None:
    lists = _reference_lists(tmp_path)
    assert len(lists) > 150 and sum(len(blocks) for _, blocks in lists) > 15_000
    for page, blocks in lists:
        clear_caches()  # each side finds the memos as cold as the other
        _same(page, blocks)


LINES = [
    "-", "[1]", "[12]", "[]", "[x]", "[", "]", "[١]", "- [3] Smith. A title. 2019.", "- [4]", "[5] rest",
    "work page 2010", "work page internal anchor Pith review Pith/arXiv arXiv 2010", "2010", "2010 arXiv", "DOI",
    "Pith review", "19", "A Title Line", "Smith, J. and Doe, K. A study of things. In Proc. 2019.",
    "URL https://x.org/a", "https://arxiv.org/abs/1906.01820", "and the rest, 2019.", "arXiv:1906.01820",
    "continued tail.", "Lee. Title.ICML 2010, 2010. URLhttps://arxiv.org/abs/1001.10015",
]  # fmt: skip
HREFS = [
    "/paper/1001.10006", "/ref/arxiv/1001.10006", "/citations/39527b37-7fef-40cc-bb67-b7c75d06ec05",
    "https://arxiv.org/abs/1001.10006v2", "/pith/ABCDEFGHIJKLMNOPQRSTUVWXYZ", "/paper/ABCDEFGH", "https://x.org/a?b=1",
    "#top", "mailto:a@b.c",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(LINES), st.lists(st.sampled_from(HREFS), max_size=3)),
        max_size=30,
    ),
    st.sampled_from([None, "1906.01820"]),
    st.sampled_from([None, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]),
)
def test_compiled_reference_lists_of_built_blocks(
    lines: list[tuple[str, list[str]]], citing: str | None, pith: str | None
) -> None:
    """Marks, numbers alone and with their text, badge lines, titles, split entries and links of each kind."""
    page = Page("https://pith.science/paper/1906.01820", None, PROV)
    blocks = [Block(text, "p", [Link(href, "x") for href in hrefs]) for text, hrefs in lines]
    _same(page, blocks, citing, pith)
