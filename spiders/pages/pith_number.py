"""Pith numbers: the ``/pith/<id>`` page and its JSON (``.json``, ``bundle.json``, ``state.json``, JSON-LD)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from spiders.normalize.ids import PITH_NUMBER, bare_arxiv, normalize_doi
from spiders.pages.blocks import Block, xp
from spiders.pages.common import Page, block_hrefs, navigation
from spiders.pages.pith_hub import split_sections
from spiders.pages.pith_paper import ARXIV_LINE
from spiders.pages.pith_refs import parse_reference_entries
from spiders.records import PithAlias, PithNumber, Record

PITH_PATH = re.compile(r"/pith/(?P<id>[A-Z2-7]{26})(?P<doc>\.json|/bundle\.json|/state\.json)?")
STATUS = re.compile(
    r"^(?:not attested|attested|not anchored|anchored|not stored|stored|refs pending|refs resolved"
    r"|\s)+$"
)
COUNTS = re.compile(r"(?P<ext>\d+) extracted · (?P<res>\d+) resolved(?: · (?P<anc>\d+) Pith anchors?)?")
SECTIONS = (
    "record completeness",
    "cited by",
    "claims",
    "references",
    "canonical hash",
    "aliases",
    "canonical record json",
)


def canonical_hash(record: dict[str, Any]) -> tuple[str, str]:
    """sha256 of the record as sorted, compact JSON: (UTF-8 form, ASCII-escaped form)."""
    forms = (json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=flag) for flag in (False, True))
    utf8, ascii_ = (hashlib.sha256(f.encode("utf-8")).hexdigest() for f in forms)
    return utf8, ascii_


def _verify(printed: str | None, record: dict[str, Any] | None) -> dict[str, Any]:
    if record is None:
        return {"canonical_hash": printed}
    utf8, ascii_ = canonical_hash(record)
    computed = ascii_ if printed == ascii_ else utf8
    return {
        "canonical_hash": printed,
        "computed_hash": computed,
        "hash_verified": None if printed is None else printed.lower() == computed,
    }


def _number_fields(value: str | None, page_id: str | None) -> dict[str, Any]:
    m = PITH_NUMBER.search(value or "")
    pith_id = m["id"] if m else page_id
    year = int(m["year"]) if m and m["year"] else None
    number = f"pith:{year}:{pith_id}" if year else (value or pith_id or "")
    return {"pith_number": number, "pith_id": pith_id or "", "year": year}


def parse_pith_number(page: Page) -> list[Record]:
    """A Pith-number record (plus aliases and references), from whichever document the URL names."""
    m = PITH_PATH.search(page.url or "")
    page_id, doc = (m["id"], m["doc"]) if m else (None, None)
    text = "\n".join(b.text for b in page.blocks) if page.root is None else None
    body = _json_body(page, text)
    if body is not None:
        return _from_json(page, body, page_id, doc)
    if doc:
        return [page.error("invalid_json", f"{doc} did not hold a JSON object")]
    return _from_page(page, page_id)


def _json_body(page: Page, text: str | None) -> dict[str, Any] | None:
    raw = text
    if page.root is not None:
        scripts = xp(page.root, "//script[@type='application/ld+json']/text()")
        raw = str(scripts[0]) if scripts and not xp(page.root, "//h1") else None
    if not raw or not raw.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _from_json(page: Page, data: dict[str, Any], page_id: str | None, doc: str | None) -> list[Record]:
    nested = data.get("pith_number_record")
    record: dict[str, Any] = nested if isinstance(nested, dict) else data
    canonical = data.get("canonical_record") if isinstance(data.get("canonical_record"), dict) else None
    ident = record.get("pith_number") or record.get("number") or (canonical or {}).get("pith_number")
    fields = _number_fields(str(ident) if ident else None, page_id)
    if not fields["pith_id"]:
        return [page.error("no_pith_number", "the JSON names no Pith number")]
    kind = {".json": "record_json", "/bundle.json": "bundle_json", "/state.json": "state_json"}.get(
        doc or "", "json_ld"
    )
    src = canonical or record
    arxiv = src.get("arxiv_id") or src.get("arxiv")
    out: list[Record] = [
        PithNumber(
            **fields,
            arxiv_id=str(arxiv) if arxiv else None,
            title=src.get("title"),
            authors_text=src.get("authors_text"),
            authors=_authors(src.get("authors"), src.get("authors_text")),
            headline=src.get("headline"),
            abstract=src.get("abstract"),
            categories=list(src.get("categories") or []),
            verification_status=src.get("verification_status"),
            canonical_record=canonical,
            document=kind,
            state=data if kind == "state_json" else None,
            **_verify(data.get("canonical_hash") or data.get("sha256"), canonical) if canonical else {},
            **page.prov,
        )
    ]
    for alias in data.get("source_aliases") or []:
        if isinstance(alias, dict) and alias.get("alias_kind") and alias.get("alias_value") is not None:
            out.append(_alias(page, fields["pith_number"], str(alias["alias_kind"]), str(alias["alias_value"])))
    return out


def _alias(page: Page, number: str, kind: str, value: str) -> PithAlias:
    if kind == "doi":
        value = normalize_doi(value)[0]
    return PithAlias(pith_number=number, alias_kind=kind, alias_value=value, **page.prov)


def _authors(value: Any, text: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v.get("name") if isinstance(v, dict) else v) for v in value]
    if isinstance(text, str):
        return [a.strip() for a in re.split(r",\s*|\s+and\s+", text) if a.strip()]
    return []


def _from_page(page: Page, page_id: str | None) -> list[Record]:
    blocks = page.blocks
    status_at = next((i for i, b in enumerate(blocks) if STATUS.match(b.text)), None)
    arxiv_at = next((i for i, b in enumerate(blocks) if ARXIV_LINE.match(b.text)), None)
    start = status_at if status_at is not None else (arxiv_at - 2 if arxiv_at and arxiv_at >= 2 else None)
    if start is None:
        return [page.error("not_a_pith_number_page", "no status words or arxiv: line found")]
    sections = split_sections(blocks[start + 1 :], SECTIONS)
    head = blocks[start + 1 : arxiv_at] if arxiv_at else blocks[start + 1 : start + 3]
    arxiv_m = ARXIV_LINE.match(blocks[arxiv_at].text) if arxiv_at is not None else None
    number_text = " ".join(b.text for b in blocks if "pith:" in b.text)
    fields = _number_fields(number_text, page_id)
    canonical = _canonical(sections.get("canonical record json"))
    counts = next((COUNTS.search(b.text) for b in sections.get("references", []) if COUNTS.search(b.text)), None)
    printed = next(
        (m.group() for b in sections.get("canonical hash", []) if (m := re.search(r"[0-9a-f]{64}", b.text))),
        None,
    )
    arxiv = bare_arxiv(re.sub(r"v\d+$", "", arxiv_m["id"])) if arxiv_m else None
    record = PithNumber(
        **fields,
        arxiv_id=arxiv[0] if arxiv else None,
        title=head[0].text if head else None,
        authors_text=head[1].text if len(head) > 1 else None,
        authors=_authors(None, head[1].text) if len(head) > 1 else [],
        status=_status(blocks[status_at].text) if status_at is not None else [],
        categories=[c for c in re.split(r"\s*·\s*|\s+", arxiv_m["cats"] or "") if c] if arxiv_m else [],
        record_completeness=_joined(sections.get("record completeness")),
        cited_by_count=_count(sections.get("cited by")),
        document="page",
        refs_extracted=int(counts["ext"]) if counts else None,
        refs_resolved=int(counts["res"]) if counts else None,
        pith_anchors=int(counts["anc"]) if counts and counts["anc"] else None,
        canonical_record=canonical,
        **_verify(printed, canonical),
        **page.prov | {"partial": page.truncated},
    )
    refs = parse_reference_entries(
        page, record.arxiv_id, sections.get("references", []), citing_pith=record.pith_number
    )
    aliases = [
        _alias(page, record.pith_number, m["kind"], m["value"])
        for b in sections.get("aliases", [])
        if (m := re.match(r"^(?:- )?(?P<kind>[a-z][a-z_0-9]*)\s*[:·]?\s+(?P<value>\S+)$", b.text))
    ]
    nav = navigation(page, block_hrefs(blocks))
    return [record, *refs, *aliases, *([nav] if nav else [])]


def _status(text: str) -> list[str]:
    return re.findall(r"not attested|attested|not anchored|anchored|not stored|stored|refs pending|refs resolved", text)


def _canonical(blocks: list[Block] | None) -> dict[str, Any] | None:
    if not blocks:
        return None
    try:
        data = json.loads("\n".join(b.text for b in blocks))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _joined(blocks: list[Block] | None) -> str | None:
    return " ".join(b.text for b in blocks) if blocks else None


def _count(blocks: list[Block] | None) -> int | None:
    for block in blocks or []:
        if m := re.search(r"\d[\d,]*", block.text):
            return int(m.group().replace(",", ""))
    return None
