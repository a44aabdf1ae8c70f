"""The compiled scans of the reference parser (``spiders/normalize/_scan.pyx``) give exactly what their Python
originals (``references.PYTHON_SCANS``) give: on the real reference strings of the mirror's paper pages (raw, repaired
and as the field splitter sees them), on strings built from the pieces the patterns care about, and on any text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spiders.normalize import ids, references
from spiders.normalize.references import PYTHON_SCANS, _compiled_scan

SCAN = _compiled_scan()
ROOT = Path(__file__).resolve().parents[1]
PIECES = [
    "1950", "1949", "2049", "2050", "1999", "20", "19", "0", "9", "٣", "१", ".", ". ", "? ", "! ", "?", "!", " ",
    "\n", "\t", "\u00a0", "\u2003", ",", "A", "Z", "a", "_", "é", "É", "vs", "Vol", "No", "pp", "Jr", "St", "Dr",
    "vs.", "Vol.", "No.", "pp.", "J.", "et al", "et al.", "et", "al", "al.", "de", "van", "der", "von", "and", "And",
    " and ", ", and ", "&", " & ", ";", "IBM", "MIT", "ABCDEFGHI", "Smith", "x", "(", ")", "(MIT)", "-", "/",
    "URL", "URLs", "doi:", "DOI:", "http://", "https://", "https:", "www.", "10.", "10.1234", "10.123456789",
    "10.1234567890", "1234/", "x.org/a", "10.123/x", "10.1234/x", "10.123456789/x", "10.1234567890/x",
    "al.Title", "xal.T", "a.Bc", "ab.cd", "ab.c", "ab.org", "ab.com", "ab.io", "ab.ai", "ab.html", "ab.htm", "ab.htmx",
    ".pdf", ").Ab", "?Ab", "!ab", "- ", "ab- cd", "Univer- sal", ". 12", ". 1234", "²", "\\\"o", "{", "}",
    "URLhttps://a.b/c", "www.x.com/ b", "https://x.org/a- b", "%", "~", "=", "&", "?", "https://x.org/a.html. b",
    "www.x.pdf. c", "http://x.org/a_ é", "http://x", "https://\t", "www. x", " -x", " %7E", " ~u", " 9",
    "arxiv", "ArXiv", "ARXIV", "arXiv:", "arxiv: ", "arxiv.org/", "ArXiv.Org/", "arxiv. org/", "abs/", "ABS/", "pdf/",
    "html/", "format/", "1906.01820", "2101.123456", "1906.0182", "v2", "V3", "v", "hep-th/9901001", "math.AG/0101001",
    "Math.ag/0101001", "cs/0503029", "cs/050302", "a.bc/1234567", "-/1234567", "10.48550/", "10.48550/ARXIV.",
    "\\", "\\'", "\\`", "\\^", "\\~", "\\=", "\\.", "\\u", "\\v", "\\H", "\\c", "\\k", "\\r", "\\x", "\\i", "\\j",
    "\\ss", "\\OE", "\\oe", "\\AE", "\\ae", "\\AA", "\\aa", "\\O", "\\o", "\\L", "\\l", "\\textit{", "\\textbf{",
    "\\emph{", "\\mathrm{", "\\textrm{", "\\text{", "\\textitx{", "\\system{", "{\\", "{e}", "{ \\i }", "{}", "o", "e",
    "’", "doı:", "DOİ:", "URLhttpſ://a", "uRLhttps://é", "doi:10.", "Kelvin",
]  # fmt: skip
"""What the scans branch on: years at the range's edges, other decimal digits, stops, white space of every kind,
initials, abbreviations, name words, separators, labels, URL and DOI prefixes, and word characters around them."""


def test_the_install_built_the_compiled_scans() -> None:
    """With a C compiler on the machine pip builds it: a failed build must not pass unnoticed as a slower parse."""
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler: spiders.normalize._scan is not built")
    assert SCAN is not None, "spiders.normalize._scan is missing: run pip install -e . (setup.py builds it)"


def test_the_parser_uses_the_compiled_scans() -> None:
    if SCAN is None:
        pytest.skip("spiders.normalize._scan is not built")
    for name in PYTHON_SCANS:
        assert getattr(references, name) is getattr(SCAN, name.lstrip("_"))
    assert ids.arxiv_from_url is SCAN.arxiv_from_url  # every link of a page asks it


def _agree(text: str) -> None:
    if SCAN is None:
        pytest.skip("spiders.normalize._scan is not built")
    for name, python in PYTHON_SCANS.items():
        compiled: Callable[[str], Any] = getattr(SCAN, name.lstrip("_"))
        assert compiled(text) == python(text), (name, text)
    parsed = PYTHON_SCANS["parse_reference"](text)  # the fields a reference list reads, without the object
    expected = tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(parsed, name) for name in FIELDS))
    assert SCAN.reference_fields(text) == expected, text


FIELDS = ("arxiv_id", "year", "title", "notes", "authors", "venue", "arxiv_version", "doi", "doi_truncated", "url")
"""``_scan.reference_fields``' order (``_lists._PARSED_NAMES``)."""


@cache
def _real_strings() -> list[str]:
    """Every reference string of the mirror's paper pages, raw, repaired, and as a body the splitter gets."""
    from spiders.pages.registry import parse_page
    from spiders.records import Reference

    raws = []
    for page in sorted((ROOT / "mirror" / "sites" / "pith.science" / "paper").glob("*.html")):
        records = parse_page(f"https://pith.science/paper/{page.stem}", page.read_bytes(), "text/html")
        raws += [r.raw for r in records if isinstance(r, Reference)]
    repaired = [references.repair(raw)[0] for raw in raws]
    return raws + repaired + [" ".join(r.split()).strip(" .,") for r in repaired]


def test_compiled_scans_on_real_reference_strings() -> None:
    strings = _real_strings()
    assert len(strings) > 90
    for text in strings:
        _agree(text)


ENDINGS = [
    "", "\n", ".", ".\n", " et al", " et al.", " et al\n", " et al.\n", "et al.", ",", " 2019", ", 2019.\n", ".9",
    ". 9", ".  12\n", ". 123", ". 1234", ". ²", ". ٣",
]  # fmt: skip
"""How a text ends, where ``$`` (the end, or before a newline that ends it) decides."""


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join), st.sampled_from(ENDINGS))
def test_compiled_scans_on_pieces(text: str, ending: str) -> None:
    _agree(text + ending)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Smith", "J.", "and", "de", "x", "IBM", "et"]), min_size=70, max_size=90))
def test_compiled_scans_on_long_author_lists(words: list[str]) -> None:
    """The author test gives up past 80 words."""
    _agree(", ".join(words))
    _agree(" ".join(words))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_compiled_scans_on_any_text(text: str) -> None:
    _agree(text)


ID_PREFIXES = [
    "arXiv:", "arxiv: ", "xarxiv:", "_arXiv:", "10.48550/arXiv.", "10.48550/ARXIV.", "https://arxiv.org/abs/",
    "arxiv.org/pdf/", "ARXIV.ORG/ format/", "arxiv. org/ html/", "arxiv.org/list/", "", "arXıv:", "ARXİV: ",
    "10.48550/arxıv.", "httpſ://arxiv.org/abs/", "https://arxıv.org/abs/", "Schlögl arXiv:", "é arxiv.org/abs/",
]  # fmt: skip
ARXIV_IDS = [
    "10.1000/x.y", "10.1234/ABC-", "10.123456789/x)", "10.1234567890/x", "10.123/x", "x10.1234/y", "10.1234/a\"b",
    "10.1234/a<b", "10.1234/ ", "10.1234/", "10.1234/x.,;)]}", "10.١٢٣٤/x", "10.1234/İ", "١٩٠٦.01820",
    "1906.٠١٨٢٠", "hep-th/99٠1001", "hEp-tK/9901001", "ſs/0503029",
    "1906.01820", "2101.123456", "2101.1234", "2101.123", "210.12345", "hep-th/9901001", "hep-th/990100",
    "hep-th/99010011", "math.AG/0101001", "math.A/0101001", "math.AGX/0101001", "cs/0503029", "c/0503029",
    "-cs/0503029", "Cs-/0503029",
]  # fmt: skip
VERSIONS = ["", "v2", "V12", "v", "v0", ".pdf", "x"]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
    st.lists(
        st.tuples(st.sampled_from(ID_PREFIXES), st.sampled_from(ARXIV_IDS), st.sampled_from(VERSIONS)).map("".join),
        min_size=1,
        max_size=3,
    ).map(" ".join),
    st.sampled_from(ENDINGS),
)
def test_compiled_scans_on_identifiers(head: str, ids: str, ending: str) -> None:
    """arXiv ids in each form (DOI, ``arXiv:``, URL) and DOIs, at the edges of what each pattern takes."""
    _agree(head + ids + ending)


URL_HEADS = ["https://x.org/a", "http://x", "www.x", "https://", "http:/", "www.", "URLhttps://a", "xhttps://b", "a"]
URL_TAILS = ["/", "_", "-", "=", "&", "?", "%", ".", ".html.", ".pdf.", "a.html", "x", ""]
URL_NEXT = ["~u", "%7E", "-x", "_x", "é", "²", "9", "a", "A", "", ".", "/", "https://y/", "www.z.", "\t"]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(URL_HEADS), st.sampled_from(URL_TAILS), st.sampled_from(URL_NEXT)), max_size=5)
)
def test_compiled_scans_on_split_urls(parts: list[tuple[str, str, str]]) -> None:
    """URLs split at a space (what ``join_url_spaces`` joins), before each kind of token that can follow."""
    _agree(" ".join(f"{head}{tail} {after}" for head, tail, after in parts))


PITH_HEADS = ["https://pith.science", "https://pith.sciencex", "http://pith.science", "https://pith.science/x", ""]
PITH_PARTS = [
    "/paper/", "/ref/arxiv/", "/pith/", "/citations/", "/paper", "/", "//", "1906.01820", "1906.0182", "190.01820",
    "1906.018201", "١٩٠٦.01820", "hep-th/9901001", "math.AG/0101001", "math.ag/0101001", "a/0101001", "ab/010100",
    "ab-/01010011", "ABCDEFGH", "ABCDEFG1", "ABCD", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ABCDEFGHIJKLM", "53ef86a0",
    "53EF86A0", "-5bd8", "-423a", "-a7af", "-6abc1fe062c3", "-6abc1fe062c", "v3", "v", "V3", "x", ".json",
    "/bundle.json", "/state.json", ".js", "?x=1", "#f", " ", "\n", "é",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(PITH_HEADS), st.lists(st.sampled_from(PITH_PARTS), max_size=7).map("".join))
def test_compiled_scans_on_pith_urls(head: str, path: str) -> None:
    """The site's four paths (``ids._PITH_PATHS``) whole and in pieces: each group, each id at the edges of its
    length and alphabet, versions, the number's suffixes, a closing ``/``, and what ends a match early."""
    _agree(head + path)


def test_pith_path_ids_known_answers() -> None:
    if SCAN is None:
        pytest.skip("spiders.normalize._scan is not built")
    uuid = "53ef86a0-5bd8-423a-a7af-6abc1fe062c3"
    assert SCAN.pith_path_ids("https://pith.science/paper/1906.01820v3/") == ("arxiv", "1906.01820")
    assert SCAN.pith_path_ids("https://pith.science/ref/arxiv/math.AG/0101001") == ("arxiv", "math.AG/0101001")
    assert SCAN.pith_path_ids("https://pith.science/paper/ABCDEFGH") == ("short", "ABCDEFGH")
    assert SCAN.pith_path_ids(f"https://pith.science/pith/{'A' * 26}/state.json") == ("number", "A" * 26)
    assert SCAN.pith_path_ids(f"https://pith.science/citations/{uuid}/") == ("hub", uuid)
    misses = ("https://pith.science/paper/1906.018201", f"https://pith.science/citations/{uuid}//", "/paper/ABCDEFGH")
    for miss in misses:
        assert SCAN.pith_path_ids(miss) is None


REGRESSIONS = ["URLwww.x.com/ barXiv:10.1000/x.y", "doi:www.x.org/a", "URL", "x URL", "URLhttp"]
"""Strings a port once got wrong (a label glued to ``www.``, which takes no space: only ``https?://`` and ``10.``
do), and labels at the very end."""


@pytest.mark.parametrize("text", REGRESSIONS)
def test_compiled_scans_on_regressions(text: str) -> None:
    _agree(text)


LATEX_PIECES = [
    "\\", "\\\"", "\\'", "\\`", "\\^", "\\~", "\\=", "\\.", "\\u", "\\v", "\\H", "\\c", "\\k", "\\r", "\\q", "{", "}",
    " ", "  ", "\t", "o", "e", "i", "j", "\\i", "\\j", "ss", "OE", "oe", "AE", "ae", "AA", "aa", "O", "L", "l", "x",
    "textit", "textbf", "emph", "mathrm", "textrm", "text", "system", "é", "1", ".", ",",
]  # fmt: skip
"""What LaTeX decoding branches on: accent commands before a space, a brace or a letter, special letters and what
may follow them, commands with and without their group, braces nested and unclosed."""


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(LATEX_PIECES), max_size=12).map("".join))
def test_compiled_scans_on_latex(text: str) -> None:
    _agree(text)


TITLE_PIECES = [
    "Learning", "to", "tree-structured", "RL2:", "AI", "é", "Schlögl", "(TreeQN)", "’s", "x", "HTTP", "http", "Http",
    "htt", "ttp", "- ", "-", " ", "  ", "\t", "\u00a0", "\u2003", "\x00", "\x1c", "2019", ",", ".", "?", "!", "\\",
    "{", "}", "url", "URL", "doi:", "www", "10", ";", "&",
]  # fmt: skip
"""What a title line holds and what its cleaning acts on: a line without the latter is returned as it is."""


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(TITLE_PIECES), max_size=12).map("".join))
def test_compiled_clean_title_of_title_lines(title: str) -> None:
    if SCAN is None:
        pytest.skip("spiders.normalize._scan is not built")
    assert SCAN.clean_title(title) == references._clean_title_python(title)
