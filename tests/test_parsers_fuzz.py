"""Random and mutated pages never make an exception escape a parser."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiders.pages.registry import PAGE_TYPES, parse_page
from spiders.records import CrawlError, Record

MIRROR = Path(__file__).parents[1] / "mirror" / "sites"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
PAGES = [
    (
        "https://pith.science/citations/cc0956f9-e0a0-41ad-8ae4-0e75d87ef956",
        (MIRROR / "pith.science/citations/cc0956f9-e0a0-41ad-8ae4-0e75d87ef956.html").read_bytes(),
    ),
    ("https://pith.science/paper/1906.01820", (MIRROR / "pith.science/paper/1906.01820.html").read_bytes()),
    ("https://www.longtermwiki.com/wiki/E198", (MIRROR / "www.longtermwiki.com/wiki/E198.html").read_bytes()),
    ("https://pith.science/paper/1906.01820", (SEEDS / "003_e4672e15fab3c738.txt").read_bytes()),
    ("https://www.longtermwiki.com/wiki/E198", (SEEDS / "002_eda5f7c2b1485344.txt").read_bytes()),
]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(records: list[Record]) -> None:
    assert records, "a parser must say something, at least an error record"
    assert all(isinstance(r, Record) for r in records)


@FUZZ
@given(body=st.binary(max_size=4096), page_type=st.sampled_from(["auto", *PAGE_TYPES]))
def test_random_bytes(body: bytes, page_type: str) -> None:
    _check(parse_page("https://pith.science/paper/2401.00001", body, None, page_type))


@FUZZ
@given(
    text=st.text(max_size=2000),
    page_type=st.sampled_from(PAGE_TYPES),
    content_type=st.sampled_from([None, "text/html", "text/plain", "application/json"]),
)
def test_random_text(text: str, page_type: str, content_type: str | None) -> None:
    _check(parse_page("", text, content_type, page_type))


@FUZZ
@given(page=st.sampled_from(PAGES), cut=st.floats(0, 1), page_type=st.sampled_from(["auto", *PAGE_TYPES]))
def test_truncated_real_pages(page: tuple[str, bytes], cut: float, page_type: str) -> None:
    url, body = page
    _check(parse_page(url, body[: int(len(body) * cut)], None, page_type))


@FUZZ
@given(page=st.sampled_from(PAGES), data=st.data())
def test_mutated_real_pages(page: tuple[str, bytes], data: st.DataObject) -> None:
    url, body = page
    mutated = bytearray(body)
    for _ in range(data.draw(st.integers(1, 20))):
        at = data.draw(st.integers(0, len(mutated) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "flip"]))
        size = data.draw(st.integers(1, 200))
        if action == "delete":
            del mutated[at : at + size]
        elif action == "insert":
            mutated[at:at] = data.draw(st.binary(min_size=1, max_size=size))
        elif mutated:
            mutated[at % len(mutated)] ^= 0xFF
    _check(parse_page(url, bytes(mutated), "text/html" if body.lstrip().startswith(b"<") else None))


def test_cut_page_yields_its_first_half() -> None:
    url, body = PAGES[0]
    records = parse_page(url, body[: len(body) // 2], "text/html")
    hub = records[0]
    assert hub.kind == "pith_hub" and hub.partial and not isinstance(hub, CrawlError)
    assert sum(1 for r in records if r.kind == "hub_citation") > 10


def test_enormous_page_parses_its_first_part(monkeypatch: object) -> None:
    import spiders.pages.registry as registry

    url, body = PAGES[1]
    monkeypatch.setattr(registry, "MAX_BODY", len(body) // 2)  # type: ignore[attr-defined]
    records = registry.parse_page(url, body, "text/html")
    assert records[0].kind == "pith_paper" and records[0].partial
    assert [r.reason for r in records if isinstance(r, CrawlError)] == ["oversize_body"]


def test_bytes_and_text_give_the_same_records_whatever_the_page_declares() -> None:
    """UTF-8 bytes are parsed as bytes (faster), yet as UTF-8 even when a ``meta`` says otherwise, like the
    decoded text; bytes that are not UTF-8 are read as Latin-1 either way."""
    from spiders.records import to_json_dict

    url, body = PAGES[2]
    declared = body.replace(b"<head>", b'<head><meta charset="windows-1252">', 1)
    assert declared != body
    as_bytes = [to_json_dict(r) for r in parse_page(url, declared, "text/html")]
    as_text = [to_json_dict(r) for r in parse_page(url, declared.decode("utf-8"), "text/html")]
    assert as_bytes == as_text
    assert any("★" in (a.get("card_raw") or "") for a in as_bytes if a["kind"] == "wiki_annotation")
    latin1 = "<html><body><h1>Caf\u00e9 r\u00e9sum\u00e9</h1><p>x</p></body></html>".encode("latin-1")
    records = parse_page("https://www.longtermwiki.com/wiki/E1", latin1, "text/html")
    (page,) = [r for r in records if r.kind == "wiki_page"]
    assert page.title == "Café résumé"  # type: ignore[attr-defined]


@FUZZ
@given(page=st.sampled_from(PAGES[:3]), cut=st.floats(0.05, 1), k=st.integers(1, 400))
def test_partial_rendering_is_the_start_of_the_whole(page: tuple[str, bytes], cut: float, k: int) -> None:
    """The wiki parser renders only up to the description: what it gets must be how the page's blocks start."""
    from spiders.pages.blocks import html_blocks, parse_html

    root = parse_html(page[1][: int(len(page[1]) * cut)], utf8=True)
    if root is None:
        return
    whole = [(b.text, b.tag, b.links) for b in html_blocks(root)]
    first = [(b.text, b.tag, b.links) for b in html_blocks(root, enough=lambda blocks: len(blocks) >= k)]
    assert len(first) >= min(k, len(whole))
    assert first == whole[: len(first)]


def test_page_links_are_the_links_the_renderer_sees() -> None:
    """The wiki parser takes a page's links without rendering it: the same hrefs, in order, as the blocks carry,
    leaving out links inside scripts, templates, forms and the other skipped elements."""
    from spiders.pages.blocks import html_blocks, html_links, parse_html

    crafted = (
        b"<html><head><title>t</title></head><body><p>a <a href='/wiki/E1'>one</a></p>"
        b"<noscript><a href='/wiki/E2'>no</a></noscript><template><a href='/wiki/E3'>no</a></template>"
        b"<button><a href='/wiki/E4'>no</a></button><svg><a href='/wiki/E5'>no</a></svg>"
        b"<ul><li><a href='/wiki/E6'>six</a> and <a>no href</a></li></ul>"
        b"<table><tr><td><a href='/wiki/E7'>seven</a></td></tr></table>"
        b"<p><a href='/wiki/E8'>eight</a></p></body></html>"
    )
    pages = [crafted, *(body for _, body in PAGES[:3])]
    for body in pages:
        root = parse_html(body, utf8=True)
        assert root is not None
        assert html_links(root) == [link.href for block in html_blocks(root) for link in block.links]
    assert html_links(parse_html(crafted, utf8=True)) == ["/wiki/E1", "/wiki/E6", "/wiki/E7", "/wiki/E8"]  # type: ignore[arg-type]
