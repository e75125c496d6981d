"""The descriptor and schemas/ match what the code generates."""

from __future__ import annotations

from conflict_claims.export_schemas import drifted, json_schemas
from pkgtools import REPO


def test_exported_files_match_the_code() -> None:
    assert drifted(REPO) == []


def test_spread_schema_is_exported() -> None:
    schema = json_schemas()["spread.record.schema.json"]
    assert schema["properties"]["kind"]["enum"] == ["self_reported", "adversary", "third_party"]
