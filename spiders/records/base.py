"""Provenance every record carries, the error record and the navigation record."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from spiders.compiled import extension

R = TypeVar("R", bound=type)
RecordT = TypeVar("RecordT", bound="Record")
PARSER_VERSION = "1.0.0"
"""Bumped whenever a parser's output changes for the same input."""


_FACTORY = object()
"""Default of a field with a ``default_factory`` in ``fast_init``'s signatures (as in dataclasses')."""


def _slot(cls: type, name: str) -> Any:
    """The member descriptor of a field's slot (a base class's for an inherited field)."""
    return next(k.__dict__[name] for k in cls.__mro__ if name in k.__dict__)


def fast_init(cls: R, compiled: bool | None = None) -> R:
    """A frozen dataclass with slots (the records, ``blocks.Link``) given an ``__init__`` that sets its fields
    through their slots' descriptors: the one dataclasses writes calls ``object.__setattr__`` per field (its way
    around the class's frozen ``__setattr__``), ~210 ns each here. Set one Python call each, a field costs ~120 ns;
    set all at once in C (``_slots.fill``, when built; ``compiled``: whether to use it, by default when it is
    there), ~15 ns. A reference record has 27 fields and a paper page makes ~60 records. Same signature
    (keyword-only fields after the others, as dataclasses put them), defaults and factories; the instances stay
    frozen. Apply above ``@dataclass``."""
    fill = _FILL if compiled is None else (_compiled_fill() if compiled else None)
    params: list[str] = []
    positional: list[str] = []
    values: list[str] = []
    names: dict[str, Any] = {"_FACTORY": _FACTORY, "_fill": fill}
    slots = []
    for f in dataclasses.fields(cls):
        if not f.init:  # no record has one; dataclasses' own __init__ would be needed
            return cls
        slot = _slot(cls, f.name)
        slots.append(slot)
        names[f"_set_{f.name}"] = slot.__set__
        if f.default is not dataclasses.MISSING:
            names[f"_default_{f.name}"] = f.default
            (params if f.kw_only else positional).append(f"{f.name}=_default_{f.name}")
            values.append(f.name)
        elif f.default_factory is not dataclasses.MISSING:
            names[f"_factory_{f.name}"] = f.default_factory
            (params if f.kw_only else positional).append(f"{f.name}=_FACTORY")
            values.append(f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}")
        else:
            (params if f.kw_only else positional).append(f.name)
            values.append(f.name)
    names["_SLOTS"] = tuple(slots)
    if fill is not None:
        body = [f"_fill(self, _SLOTS, ({''.join(v + ', ' for v in values)}))"]
    else:
        body = [f"_set_{f.name}(self, {v})" for f, v in zip(dataclasses.fields(cls), values, strict=True)]
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    signature = ", ".join(["self", *positional, *(["*", *params] if params else [])])
    source = f"def __init__({signature}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, names)  # the source is built from the class's own field names
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    setattr(cls, "__init__", init)  # noqa: B010 (mypy refuses a direct assignment to __init__)
    return cls


def _compiled_fill() -> Any:
    """``spiders.records._slots.fill`` when pip built it, else None (``CITEGRAPH_PURE_PYTHON`` is read by ``_SLOTS``:
    ``fast_init(compiled=True)`` asks for it anyway)."""
    slots = extension("spiders.records._slots", pure_python_env=False)
    return slots.fill if slots is not None else None


_SLOTS = extension("spiders.records._slots")
"""The compiled field setter and reader, None when not built or with ``CITEGRAPH_PURE_PYTHON``."""
_FILL = _SLOTS.fill if _SLOTS is not None else None
_AS_DICT = _SLOTS.as_dict if _SLOTS is not None else None


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Fields shared by every record."""

    kind: ClassVar[str] = "record"
    source_url: str
    """The real URL of the page the record came from, as requested (never a mirror URL)."""
    canonical_url: str = ""
    """Canonical form of the page's final URL (after redirects): https, bare host, no fragment or tracking."""
    parser_version: str = PARSER_VERSION
    """Version of the parser that made the record."""
    run_id: str = ""
    """Crawl run that fetched the page ("" when parsed outside a crawl)."""
    fetched_at: str = ""
    """When the page was fetched, ISO 8601 UTC ("" outside a crawl)."""
    partial: bool = False
    """True when the page was cut off or malformed and the record may miss fields."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class CrawlError(Record):
    """Something that went wrong, as data: a failed fetch, a parse error, a refused URL."""

    kind: ClassVar[str] = "crawl_error"
    stage: str
    """Where it happened: fetch, robots, redirect, scope, parse, size."""
    reason: str
    """Short machine-readable reason, e.g. http_404, timeout, not_html, truncated."""
    detail: str = ""
    """Human-readable detail (exception text, status line)."""
    status: int | None = None
    """HTTP status when there was one."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Navigation(Record):
    """Links a page offers to follow, classified by page type (the spider decides which to take)."""

    kind: ClassVar[str] = "navigation"
    links: list[dict[str, str]] = field(default_factory=list)
    """Absolute real URLs with the page type they lead to: ``{"url": ..., "page_type": ...}``."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class PageFetch(Record):
    """One page fetch of a crawl: what came back and whether it changed (drives incremental crawls)."""

    kind: ClassVar[str] = "page_fetch"
    page_type: str
    """Page type the URL leads to (pith-hub, pith-paper, ..., sitemap)."""
    status: int
    """HTTP status of the final response (304 when the server said unchanged; 0 when not requested)."""
    outcome: str
    """new, changed, unchanged (304), same_hash (200 with an unchanged body), fresh (not re-requested)."""
    content_hash: str | None = None
    """sha256 of the body (None for 304 and fresh pages: the stored hash still holds)."""
    etag: str | None = None
    """ETag the server sent."""
    last_modified: str | None = None
    """Last-Modified the server sent."""
    bytes: int = 0
    """Body size in bytes."""
    elapsed_ms: float | None = None
    """Download time."""
    redirects: list[str] = field(default_factory=list)
    """Real URLs the request was redirected through, in order."""
    outlinks: list[dict[str, str]] = field(default_factory=list)
    """Links the page offers (``{"url", "page_type"}``), kept so unchanged pages need not be re-parsed."""


def to_json_dict(record: Record) -> dict[str, Any]:
    """The record as a JSON-ready dict, with its ``kind`` first (its fields read in C when ``_slots`` is built: a
    paper page lands ~55 records, and orjson writes a dict in a third of the time it takes for the dataclass)."""
    names, slots = record_fields(type(record))
    if _AS_DICT is not None:
        return _AS_DICT(record, record.kind, names, slots)  # type: ignore[no-any-return]
    out: dict[str, Any] = {"kind": record.kind}
    for name in names:
        out[name] = getattr(record, name)
    return out


_FIELDS: dict[type, tuple[tuple[str, ...], tuple[Any, ...]]] = {}


def record_fields(cls: type[Record]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """A record class's field names and their slots' member descriptors, in order."""
    fields = _FIELDS.get(cls)
    if fields is None:
        names = tuple(f.name for f in dataclasses.fields(cls))
        fields = _FIELDS[cls] = (names, tuple(_slot(cls, name) for name in names))
    return fields


def record_maker(cls: type[RecordT], *given: str) -> Callable[..., RecordT]:
    """A hot path's way to make records of ``cls``: ``make(prov, v1, v2, ...)`` is ``cls(given[0]=v1, given[1]=v2,
    ..., **prov)``, the values in the order of ``given``. Compiled (``_slots.Maker``: the fields set in C), it makes a
    hub citation in a tenth of the instructions of the class call, which goes through a dict of its keywords."""
    if _SLOTS is not None and not hasattr(cls, "__post_init__"):
        defaults = tuple(
            _Factory(f.default_factory)
            if f.default_factory is not dataclasses.MISSING
            else (_REQUIRED if f.default is dataclasses.MISSING else f.default)
            for f in dataclasses.fields(cls)
        )
        names, slots = record_fields(cls)
        return _SLOTS.Maker(cls, given, names, slots, defaults, _REQUIRED, _Factory)  # type: ignore[no-any-return]

    def make(prov: dict[str, Any], *values: Any) -> RecordT:
        if len(values) != len(given):
            raise TypeError(f"{cls.__qualname__} maker takes {len(given)} values ({len(values)} given)")
        return cls(**dict(zip(given, values, strict=True)), **prov)

    return make


_REQUIRED = object()
"""``Maker``'s default of a field without one."""


class _Factory:
    """``Maker``'s default of a field with a ``default_factory``: ``make`` is called for each record."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make
