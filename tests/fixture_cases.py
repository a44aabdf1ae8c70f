"""Parser fixture cases: ``tests/fixtures/pages/<page type>/<case>/``.

Each case folder holds ``meta.json`` (url, fetched_at, content_type, page_type, where the input came
from, and ``input`` when the input file lives elsewhere: a seed or a mirror page), the input itself
(``input.html`` / ``input.txt`` / ``input.json``) unless ``meta.input`` names it, and ``expected.json``:
the records the parser must make, volatile provenance left out.

    python -m tests.fixture_cases show CASE      # print what the parser makes of a case now
    python -m tests.fixture_cases update [CASE]  # rewrite expected.json after a reviewed change
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spiders.pages.registry import parse_page
from spiders.records import to_json_dict

ROOT = Path(__file__).parent / "fixtures" / "pages"
REPO = Path(__file__).parents[1]
VOLATILE = ("parser_version", "run_id", "fetched_at")


@dataclass(frozen=True)
class Case:
    """One fixture case."""

    folder: Path

    @property
    def name(self) -> str:
        return f"{self.folder.parent.name}/{self.folder.name}"

    @property
    def meta(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        return data

    def input_path(self) -> Path:
        if self.meta.get("input"):
            return (REPO / self.meta["input"]).resolve()
        return next(p for p in sorted(self.folder.iterdir()) if p.stem == "input")

    def run(self) -> list[dict[str, Any]]:
        """What the parser makes of the case now."""
        meta = self.meta
        records = parse_page(
            meta.get("url", ""), self.input_path().read_bytes(), meta.get("content_type"), meta.get("page_type", "auto")
        )
        return [{k: v for k, v in to_json_dict(r).items() if k not in VOLATILE} for r in records]

    def expected(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = json.loads((self.folder / "expected.json").read_text(encoding="utf-8"))
        return data

    def update(self) -> None:
        text = json.dumps(self.run(), indent=1, ensure_ascii=False, sort_keys=False)
        (self.folder / "expected.json").write_text(text + "\n", encoding="utf-8")


def all_cases() -> list[Case]:
    """Every case folder, sorted."""
    return [Case(p.parent) for p in sorted(ROOT.glob("*/*/meta.json"))]


def main(argv: list[str]) -> None:
    """``show CASE`` or ``update [CASE ...]``."""
    command, names = argv[0], argv[1:]
    cases = [c for c in all_cases() if not names or c.name in names or c.folder.name in names]
    for case in cases:
        if command == "show":
            for record in case.run():
                print(json.dumps(record, ensure_ascii=False))
        elif command == "update":
            case.update()
            print(f"updated {case.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
