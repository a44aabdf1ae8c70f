"""Records (and ``blocks.Link``) are frozen dataclasses whose ``__init__`` is ``records.base.fast_init``'s: it must
take and set exactly what the ``__init__`` dataclasses writes would, with the fields set in C (``_slots.fill``) and
in Python."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spiders import landing
from spiders.pages.blocks import Link
from spiders.records import ALL_KINDS, CrawlError, HubCitation, Navigation, Record, base
from spiders.records.base import _AS_DICT as AS_DICT
from spiders.records.base import _compiled_fill, fast_init, record_fields, to_json_dict

COMPILED = _compiled_fill() is not None


def test_the_install_built_the_compiled_field_setter() -> None:
    """With a C compiler on the machine pip builds it: a failed build must not pass unnoticed as a slower parse."""
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler: spiders.records._slots is not built")
    assert COMPILED, "spiders.records._slots is missing: run pip install -e . (setup.py builds it)"


@pytest.fixture(params=[True, False], ids=["compiled", "python"])
def compiled(request: pytest.FixtureRequest) -> Iterator[bool]:
    if request.param and not COMPILED:
        pytest.skip("spiders.records._slots is not built")
    yield request.param
    for cls in ALL_KINDS.values():
        fast_init(cls)  # back to the default


@pytest.mark.parametrize("cls", list(ALL_KINDS.values()), ids=list(ALL_KINDS))
def test_fast_init_sets_what_the_dataclass_init_would(cls: type, compiled: bool) -> None:
    fast_init(cls, compiled=compiled)
    fields = dataclasses.fields(cls)
    required = {f.name: f"<{f.name}>" for f in fields if f.default is f.default_factory is dataclasses.MISSING}
    assert "source_url" in required

    bare, other = cls(**required), cls(**required)
    for f in fields:
        if f.name in required:
            assert getattr(bare, f.name) == required[f.name]
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(bare, f.name) == f.default_factory()
            assert getattr(bare, f.name) is not getattr(other, f.name)  # a fresh one each time
        else:
            assert getattr(bare, f.name) == f.default

    every = {f.name: (f.name, 1) for f in fields}  # a value for every field, no default among them
    full = cls(**every)
    assert {f.name: getattr(full, f.name) for f in fields} == every
    assert full == cls(**every) and full != bare

    with pytest.raises(dataclasses.FrozenInstanceError):
        full.source_url = "changed"
    with pytest.raises(TypeError):
        cls(**{k: v for k, v in required.items() if k != "source_url"})  # a required field missing
    with pytest.raises(TypeError):
        cls(**required, not_a_field=1)
    with pytest.raises(TypeError):
        cls("positional", **required)


@pytest.mark.skipif(not COMPILED, reason="spiders.records._slots is not built")
def test_the_compiled_setter_checks_what_it_is_given() -> None:
    from spiders.records._slots import fill

    slots = (CrawlError.__dict__["stage"],)
    with pytest.raises(TypeError):  # a slot of another class: the descriptor's own type check
        fill(Navigation(source_url="x"), slots, ("parse",))
    with pytest.raises(ValueError):
        fill(CrawlError(source_url="x", stage="a", reason="b"), slots, ())
    with pytest.raises(TypeError):  # not a data descriptor
        fill(CrawlError(source_url="x", stage="a", reason="b"), (len,), (1,))


def test_links_made_by_position_or_by_name_are_the_same_frozen_values(compiled: bool) -> None:
    fast_init(Link, compiled=compiled)
    try:
        link = Link("/paper/1906.01820", "Attention")
        assert (link.href, link.text) == ("/paper/1906.01820", "Attention")
        assert link == Link(href="/paper/1906.01820", text="Attention") == Link("/paper/1906.01820", text="Attention")
        assert hash(link) == hash(Link("/paper/1906.01820", "Attention"))
        with pytest.raises(dataclasses.FrozenInstanceError):
            link.href = "/elsewhere"
        with pytest.raises(TypeError):
            Link("/paper/1906.01820")
        with pytest.raises(TypeError):
            Link("/a", "b", "c")
    finally:
        fast_init(Link)


@pytest.mark.parametrize("cls", list(ALL_KINDS.values()), ids=list(ALL_KINDS))
def test_to_json_dict_reads_every_field_in_order(cls: type) -> None:
    """The compiled reader (``_slots.as_dict``) gives the dict the Python one gives: ``kind`` first, then every
    field in the dataclass's order (inherited ones first), each value itself."""
    fields = dataclasses.fields(cls)
    record = cls(**{f.name: [f.name] for f in fields})
    expected = {"kind": cls.kind, **{f.name: getattr(record, f.name) for f in fields}}
    got = to_json_dict(record)
    assert list(got.items()) == list(expected.items())
    assert all(got[f.name] is getattr(record, f.name) for f in fields)
    if AS_DICT is not None:
        names, slots = record_fields(cls)
        assert list(AS_DICT(record, cls.kind, names, slots).items()) == list(expected.items())


@pytest.mark.skipif(not COMPILED, reason="spiders.records._slots is not built")
def test_the_compiled_reader_checks_what_it_is_given() -> None:
    from spiders.records._slots import as_dict

    error = CrawlError(source_url="x", stage="a", reason="b")
    with pytest.raises(TypeError):  # a slot of another class: the descriptor's own type check
        as_dict(Navigation(source_url="x"), "navigation", ("stage",), (CrawlError.__dict__["stage"],))
    with pytest.raises(ValueError):
        as_dict(error, "crawl_error", ("stage",), ())
    with pytest.raises(TypeError):  # not a descriptor that reads
        as_dict(error, "crawl_error", ("x",), (1,))


def _page_records() -> list[Record]:
    """Every record of the mirror's pages, and records whose lines take the encoder's other paths."""
    from pathlib import Path

    from spiders.pages.registry import parse_page

    records: list[Record] = []
    for path in sorted((Path(__file__).resolve().parents[1] / "mirror" / "sites").rglob("*.html")):
        url = "https://" + path.relative_to(path.parents[2]).as_posix().removesuffix(".html")
        records += parse_page(url, path.read_bytes(), "text/html")
    records.append(CrawlError(source_url="x", stage="fetch", reason="big", status=2**70))  # past orjson's integers
    records.append(CrawlError(source_url="x", stage="fetch", reason="odd", detail={1, 2}))  # type: ignore[arg-type]
    records.append(Navigation(source_url="x", links=[{"url": "https://pith.science/", "page_type": "pith-hub"}]))
    return records


@pytest.mark.parametrize("built", [True, False], ids=["compiled", "python"])
def test_lines_by_kind_are_each_records_landing_line(built: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's landing lines, per kind in page order: each record's ``encode_record``, navigation left out,
    whichever way the line is written (orjson, the standard encoder past 64-bit integers, ``str`` of a value JSON
    cannot hold)."""
    if built and AS_DICT is None:
        pytest.skip("spiders.records._slots is not built")
    if not built:
        monkeypatch.setattr(landing, "_SLOTS", None)
    records = _page_records()
    expected: dict[str, list[bytes]] = {}
    for record in records:
        if not isinstance(record, Navigation):
            expected.setdefault(record.kind, []).append(landing.encode_record(record))
    got = landing.lines_by_kind(records, Navigation)
    assert got == expected
    assert list(got) == list(expected)
    assert {"pith_hub", "hub_citation", "pith_paper", "reference", "crawl_error"} <= set(got)
    assert b'"status": 1180591620717411303424' in got["crawl_error"][-2]
    assert b'"detail":"{1, 2}"' in got["crawl_error"][-1]


@pytest.mark.parametrize("built", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("cls", list(ALL_KINDS.values()), ids=list(ALL_KINDS))
def test_record_maker_makes_what_the_class_call_makes(
    cls: type[Record], built: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``record_maker(cls, *names)(prov, *values)`` is ``cls(**dict(zip(names, values)), **prov)``: every field, its
    default or a fresh default list, and the class call's errors."""
    if built and AS_DICT is None:
        pytest.skip("spiders.records._slots is not built")
    if not built:
        monkeypatch.setattr(base, "_SLOTS", None)
    fields = dataclasses.fields(cls)
    prov = {"source_url": "https://pith.science/x", "canonical_url": "https://pith.science/x", "run_id": "r"}
    required = [f.name for f in fields if f.default is f.default_factory is dataclasses.MISSING and f.name not in prov]
    optional = [f.name for f in fields if f.name not in prov and f.name not in required]
    for names in (required, [*reversed(optional), *required]):  # the required only, then all in another order
        make = base.record_maker(cls, *names)
        values = [(name, i) for i, name in enumerate(names)]
        made, again = make(prov, *values), make(prov, *values)
        expected = cls(**dict(zip(names, values, strict=True)), **prov)
        assert type(made) is cls and made == expected
        assert [getattr(made, f.name) for f in fields] == [getattr(expected, f.name) for f in fields]
        for f in fields:
            if f.default_factory is not dataclasses.MISSING and f.name not in names:
                assert getattr(made, f.name) is not getattr(again, f.name)  # a fresh list each time
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.source_url = "changed"  # type: ignore[misc]
        with pytest.raises(TypeError):
            make(prov, *values, "one too many")
        with pytest.raises(TypeError):
            make({**prov, "not_a_field": 1}, *values)
        if names:
            with pytest.raises(TypeError):
                make({**prov, names[0]: 1}, *values)  # a field twice
    with pytest.raises(TypeError):
        base.record_maker(cls, *required)({"canonical_url": "x"}, *required)  # source_url missing


_ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())  # surrogates too
_EDGE_INTS = [0, -1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64 - 1, 2**64, 10**30, -(10**30)]
_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from(_EDGE_INTS)
    | st.floats(allow_nan=True)
    | st.text(_ANY_CHAR, max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=1500, deadline=None)
@given(
    st.text(_ANY_CHAR, max_size=30),
    st.one_of(st.none(), st.integers(), st.sampled_from(_EDGE_INTS)),
    st.lists(_VALUES, max_size=5),
    _VALUES,
)
def test_lines_are_what_orjson_writes_of_any_value(text: str, number: int | None, labels: list[Any], odd: Any) -> None:
    """The compiled line writer gives orjson's bytes (or the standard encoder's where orjson refuses the record) for
    every kind of string (control characters, quotes, backslashes, any plane, lone surrogates), ints at and past
    64 bits, and lists and values of every JSON kind and others."""
    records = [
        CrawlError(source_url=text, stage="parse", reason=text[:3], detail=odd, status=number),
        HubCitation(source_url="s", hub_uuid=None, section=text, position=number or 0, labels=labels, raw=text),
    ]
    expected: dict[str, list[bytes]] = {}
    for record in records:
        expected.setdefault(record.kind, []).append(landing.encode_record(record))
    assert landing.lines_by_kind(records, Navigation) == expected


def test_a_lone_surrogate_lands_as_a_replacement_character() -> None:
    """orjson refuses a lone surrogate (a JSON page can hold ``"\\ud800"``) and no UTF-8 holds one: the line says
    U+FFFD there, and the rest of the record is kept."""
    record = CrawlError(source_url="https://pith.science/pith/X.json", stage="parse", reason="r", detail="a\ud800b")
    line = landing.encode_record(record)
    assert json.loads(line)["detail"] == "a\ufffdb"
    assert landing.lines_by_kind([record], Navigation) == {"crawl_error": [line]}
