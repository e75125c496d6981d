"""The descriptor and the exported schemas are generated from the code and must not drift."""

from __future__ import annotations

import json
from pathlib import Path

from conflict_claims.contract.descriptor import package_descriptor
from conflict_claims.contract.tables import TABLES
from conflict_claims.tools.export_schemas import drifted

REPO = Path(__file__).parent.parent


def test_descriptor_and_schemas_match_the_code() -> None:
    stale = drifted(REPO)
    assert stale == [], "run: python -m conflict_claims.tools.export_schemas"


def test_bundled_descriptor_names_every_table_once() -> None:
    names = [r["name"] for r in package_descriptor()["resources"]]
    assert names == list(TABLES)


def test_every_table_schema_keys_exist_as_columns() -> None:
    for table in TABLES.values():
        schema = table.table_schema()
        fields = {f["name"] for f in schema["fields"]}
        assert set(schema["primaryKey"]) <= fields
        for fk in schema.get("foreignKeys", []):
            assert fk["fields"] in fields
            # "" is the table itself (Table Schema v1), whatever the resource is called
            target = TABLES[fk["reference"]["resource"] or table.name]
            assert fk["reference"]["fields"] in {f["name"] for f in target.table_schema()["fields"]}
    json.dumps(package_descriptor())  # serialisable


def test_spread_schema_is_exported() -> None:
    from conflict_claims.tools.export_schemas import json_schemas

    schema = json_schemas()["spread.record.schema.json"]
    assert schema["properties"]["kind"]["enum"] == ["self_reported", "adversary", "third_party"]


def test_each_record_field_carries_its_columns_description() -> None:
    # built here rather than read off the record models, which are made once at import
    from conflict_claims.engines.per_record.record_models import _field

    for table in TABLES.values():
        for column in table.columns:
            assert _field(table.name, column.name).description == column.description
            assert column.description
