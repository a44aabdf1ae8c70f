"""Every fixture case: the parser's records, field by field, and no unexpected fields."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fixture_cases import Case, all_cases

CASES = all_cases()


def test_there_are_enough_cases() -> None:
    page_types = {c.folder.parent.name for c in CASES}
    assert len(CASES) >= 40 and {"pith-hub", "pith-paper", "pith-number", "wiki-article"} <= page_types


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case) -> None:
    got, want = case.run(), case.expected()
    assert [r["kind"] for r in got] == [r["kind"] for r in want], f"{case.name}: record kinds differ"
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        unexpected = sorted(set(g) - set(w))
        assert not unexpected, f"{case.name} record {i} ({g['kind']}): unexpected fields {unexpected}"
        for field, value in w.items():
            assert field in g, f"{case.name} record {i} ({w['kind']}): field {field} missing"
            assert _same(g[field], value), f"{case.name} record {i} ({w['kind']}).{field}: {g[field]!r} != {value!r}"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    return bool(a == b)
