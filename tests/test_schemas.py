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


def test_a_fields_json_schema_keywords_bind_its_values_in_the_non_null_branch() -> None:
    # a field made here (the record models' own are made once, at import), in a model of its
    # own with the record model's type and default for it
    from jsonschema import Draft202012Validator
    from pydantic import create_model

    from conflict_claims.engines.per_record.record_models import RECORD_MODELS, _field

    kept = {"pattern", "allOf", "minimum", "minLength", "format"}
    nullable = 0
    for table in TABLES.values():
        for column in table.columns:
            real = RECORD_MODELS[table.name].model_fields[column.name]
            assert real.annotation is not None
            default = {} if real.is_required() else {"default": real.default}
            field = _field(table.name, column.name, **default)
            schema = create_model("One", x=(real.annotation, field)).model_json_schema()
            shown = schema["properties"]["x"]
            check = Draft202012Validator(shown)
            if "anyOf" in shown:
                nullable += 1
                assert check.is_valid(None), column.name
                (branch,) = [b for b in shown["anyOf"] if b.get("type") != "null"]
                assert not kept & set(shown), (table.name, column.name, shown)
                assert kept & set(branch) or column.enum, (table.name, column.name, shown)
            if column.is_list:
                assert check.is_valid(["fine", "also fine"]), column.name
                assert not check.is_valid(["fine", "bell\x07"]), column.name
            elif column.kind == "integer" and column.minimum is not None:
                assert check.is_valid(column.minimum)
                assert not check.is_valid(column.minimum - 1)
            elif column.kind == "string" and not column.enum:
                assert not check.is_valid("a\x07b"), column.name
    assert nullable > 0
