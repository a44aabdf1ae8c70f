"""The landing contract: every record field has a raw column of a fitting type, and nothing else does."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from spiders.records import ALL_KINDS
from warehouse.db import table_columns
from warehouse.load import LOAD_COLUMNS
from warehouse.migrate import migrate

KINDS = [k for k in ALL_KINDS if k != "navigation"]


@pytest.mark.parametrize("kind", KINDS)
def test_raw_table_matches_record(kind: str) -> None:
    con = duckdb.connect()
    migrate(con, upto=1)
    columns = [n for n, _ in table_columns(con, f"raw_{kind}") if n not in LOAD_COLUMNS]
    fields = ["kind", *(f.name for f in dataclasses.fields(ALL_KINDS[kind]))]
    assert columns == fields
