"""Landing: ``landing/<run_id>/<kind>.jsonl`` plus ``manifest.json``, the contract the warehouse loads.

A checkpoint flushes and fsyncs every file, then atomically replaces the manifest with the byte size
(and line count) of each file at that moment: the manifest *vouches* for those bytes. Anything after
them (a half-written line of a killed crawl) is not data; a resumed run truncates it away. The manifest
says ``incomplete`` until the crawl closes cleanly, then ``complete``.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import orjson

from spiders.records.base import _SLOTS, PARSER_VERSION, Record, record_fields, to_json_dict

FORMAT = "citegraph-landing/1"
WRITE_BUFFER = 1 << 20
"""Bytes held per landing file between writes to disk (a checkpoint flushes them first)."""


def utc_now() -> str:
    """Now as ISO 8601 UTC with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)


def encode(record: dict[str, Any]) -> bytes:
    """One landing line, without its newline (UTF-8 JSON; values JSON cannot hold are written as strings)."""
    try:
        return orjson.dumps(record, default=str)
    except (orjson.JSONEncodeError, TypeError):  # integers past 64 bits: the standard encoder writes them
        return _standard_encode(record)


def _standard_encode(record: dict[str, Any]) -> bytes:
    text = _ENCODER.encode(record)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a JSON page's "\ud800"): no UTF-8 holds it, nor DuckDB's JSON
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").encode("utf-8")  # as U+FFFD


def encode_record(record: Record) -> bytes:
    """``encode(to_json_dict(record))``: one landing line of a record."""
    return encode(to_json_dict(record))


def lines_by_kind(records: list[Record], skip: type) -> dict[str, list[bytes]]:
    """The landing lines (``encode_record``) of the records but ``skip``'s instances, per kind, in page order; in
    one compiled call when ``_slots`` is built (``_slots.lines_by_kind``)."""
    if _SLOTS is not None:
        return _SLOTS.lines_by_kind(records, skip, record_fields, orjson.dumps, str, _standard_encode)  # type: ignore[no-any-return]
    out: dict[str, list[bytes]] = {}
    for record in records:
        if not isinstance(record, skip):
            out.setdefault(record.kind, []).append(encode_record(record))
    return out


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write JSON to a temp file, fsync it, rename it over ``path``."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False, default=str)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class LandingWriter:
    """Writes one crawl run's records and keeps its manifest honest."""

    def __init__(self, run_dir: Path, manifest: dict[str, Any], resume: bool = False) -> None:
        self.dir = run_dir
        self.path = run_dir / "manifest.json"
        self.files: dict[str, IO[bytes]] = {}
        self.pending_lines: Counter[str] = Counter()
        if resume and self.path.exists():
            self.manifest = json.loads(self.path.read_text(encoding="utf-8"))
            self._truncate_to_vouched()
            self.manifest["resumed_at"] = [*self.manifest.get("resumed_at", []), utc_now()]
        else:
            run_dir.mkdir(parents=True, exist_ok=True)
            self.manifest = {
                "format": FORMAT,
                "parser_version": PARSER_VERSION,
                "status": "incomplete",
                "started_at": utc_now(),
                "ended_at": None,
                "files": {},
                "counts": {},
                "errors": {},
                **manifest,
            }
        self.manifest["status"] = "incomplete"
        self.last_checkpoint = time.monotonic()
        write_json_atomic(self.path, self.manifest)

    def _truncate_to_vouched(self) -> None:
        for name, info in self.manifest.get("files", {}).items():
            file = self.dir / name
            if file.exists() and file.stat().st_size > info["bytes"]:
                with file.open("r+b") as fh:
                    fh.truncate(info["bytes"])

    def write(self, record: dict[str, Any]) -> None:
        """Append one record (a dict with ``kind``) as one line."""
        reasons = [record["reason"]] if record["kind"] == "crawl_error" else []
        self.write_chunk(record["kind"], encode(record) + b"\n", 1, reasons)

    def write_chunk(self, kind: str, data: bytes, lines: int, error_reasons: Sequence[str] = ()) -> None:
        """Append ``lines`` serialised records of ``kind`` (newline-ended); ``error_reasons`` are counted in the
        manifest (one per ``crawl_error`` record)."""
        fh = self.files.get(kind)
        if fh is None:
            fh = self.files[kind] = (self.dir / f"{kind}.jsonl").open("ab", buffering=WRITE_BUFFER)
        fh.write(data)
        self.pending_lines[kind] += lines
        errors = self.manifest["errors"]
        for reason in error_reasons:
            errors[reason] = errors.get(reason, 0) + 1

    def due(self, every_seconds: float) -> bool:
        """True when a checkpoint is due."""
        return time.monotonic() - self.last_checkpoint >= every_seconds

    def checkpoint(self, extra: dict[str, Any] | None = None) -> None:
        """Make everything written so far durable and vouched for."""
        for kind, fh in self.files.items():
            fh.flush()
            os.fsync(fh.fileno())
            info = self.manifest["files"].setdefault(f"{kind}.jsonl", {"bytes": 0, "lines": 0, "kind": kind})
            info["bytes"] = fh.tell()
            info["lines"] += self.pending_lines[kind]
            self.manifest["counts"][kind] = info["lines"]
        self.pending_lines.clear()
        self.manifest["checkpoint_at"] = utc_now()
        self.manifest.update(extra or {})
        write_json_atomic(self.path, self.manifest)
        self.last_checkpoint = time.monotonic()

    def close(self, status: str, reason: str, extra: dict[str, Any] | None = None) -> None:
        """Final checkpoint; the manifest says how the run ended."""
        self.manifest.update({"ended_at": utc_now(), "finish_reason": reason})
        self.manifest["status"] = status
        self.checkpoint(extra)
        for fh in self.files.values():
            fh.close()


def read_vouched(run_dir: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """The manifest and the files it vouches for (readers must stop at ``files[name].bytes``)."""
    manifest: dict[str, Any] = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    return manifest, {name: run_dir / name for name in manifest.get("files", {})}


def iter_records(run_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every vouched record of a run, by kind (bytes past the manifest's vouched size are ignored)."""
    manifest, files = read_vouched(run_dir)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, path in files.items():
        size = manifest["files"][name]["bytes"]
        with path.open("rb") as fh:
            data = fh.read(size)
        out[manifest["files"][name]["kind"]] = [json.loads(line) for line in data.splitlines() if line.strip()]
    return out
