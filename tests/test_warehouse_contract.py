"""The landing contract: every record field has a raw column of a fitting type, and nothing else does."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from spiders.records import ALL_KINDS
from warehouse.db import table_columns
from warehouse.load import LIST_FIELDS, LOAD_COLUMNS
from warehouse.migrate import migrate

KINDS = [k for k in ALL_KINDS if k != "navigation"]


@pytest.mark.parametrize("kind", KINDS)
def test_raw_table_matches_record(kind: str) -> None:
    con = duckdb.connect()
    migrate(con)
    columns = [n for n, _ in table_columns(con, f"raw_{kind}") if n not in LOAD_COLUMNS]
    fields = ["kind", *(f.name for f in dataclasses.fields(ALL_KINDS[kind]))]
    lists = LIST_FIELDS.get(kind, {})
    assert columns == [f for f in fields if f not in lists]
    for name, (table, *keys) in lists.items():  # a list field lands in a table of its own, one row per item
        assert name in fields
        item_columns = [n for n, _ in table_columns(con, table) if n not in LOAD_COLUMNS]
        assert item_columns == ["canonical_url", "position", *keys]
