"""The exported JSON Schemas carry every cell rule JSON Schema can express, and only true ones.

Every bundled record passes its record schema (and the whole dataset passes
``dataset.schema.json``); for every column, one record breaking each rule that applies to it is
refused, and where the broken value is a cell the Pydantic model could read, the model refuses
it under the same rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from tests.loaded import bundled

from conflict_claims.contract import cells
from conflict_claims.contract.tables import TABLES, Column
from conflict_claims.engines.per_record.record_models import RECORD_MODELS

SCHEMAS = Path(__file__).parent.parent / "schemas"
EXPRESSIBLE = {
    "required",
    "type",
    "pattern",
    "vocabulary",
    "value-negative",
    "control-character",
    "formula-injection",
    "id-whitespace",
}
"""The cell rules of the catalogue that JSON Schema can state; the rest span cells or tables."""
NOT_A_SLUG = "Not A Slug!"


@cache
def validator(file: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / file).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(record: Any) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json")
    return data


@cache
def dataset_json() -> str:
    tables = bundled().tables().items()
    return json.dumps({name: [as_json(r) for r in records] for name, records in tables})


def breakages(column: Column) -> Iterator[tuple[str, object, bool]]:
    """(rule, broken value, whether the model reads it as a cell) for each rule on the column.

    The value ``...`` stands for the key left out.
    """
    if column.required:
        yield "required", ..., False
        if column.kind == "string" and not column.enum:
            yield "required", "", True
    if column.kind == "integer":
        yield "type", "ten", True
        yield "type", 2.5, True
        if column.minimum is not None:
            yield "value-negative", column.minimum - 5, True
        return
    if column.kind == "date":
        yield "type", "2023-02-30", True
        yield "type", "12/09/2023", True
        return
    if column.is_list:
        yield "type", "not a list", False
        yield "control-character", ["fine", "bell\x07"], True
        return
    yield "type", 12, False
    if column.enum:
        yield "vocabulary", "banana", True
        return
    yield "control-character", "a\x07b", True
    yield "formula-injection", "=SUM(A1:A9)", True
    if column.is_id:
        yield "id-whitespace", " padded", True
    if column.pattern:
        assert not cells.matches(column.pattern, NOT_A_SLUG)
        yield "pattern", NOT_A_SLUG, True


def cases() -> Iterator[tuple[str, str, str, object, bool]]:
    for table in TABLES.values():
        for column in table.columns:
            for rule, value, as_cell in breakages(column):
                yield table.name, column.name, rule, value, as_cell


CASES = list(cases())


def test_every_expressible_rule_is_broken_at_least_once() -> None:
    assert {rule for _, _, rule, _, _ in CASES} == EXPRESSIBLE


@pytest.mark.parametrize("table", list(TABLES))
def test_every_bundled_record_passes_its_record_schema(table: str) -> None:
    check = validator(f"{table}.record.schema.json")
    records = getattr(bundled(), table)
    assert records
    for record in records:
        errors = [e.message for e in check.iter_errors(as_json(record))]
        assert errors == [], (table, record)


def test_the_bundled_dataset_passes_the_dataset_schema() -> None:
    assert list(validator("dataset.schema.json").iter_errors(json.loads(dataset_json()))) == []


@pytest.mark.parametrize(("table", "column", "rule", "value", "as_cell"), CASES)
def test_a_record_breaking_one_rule_is_refused(
    table: str, column: str, rule: str, value: object, as_cell: bool
) -> None:
    record = as_json(getattr(bundled(), table)[0])
    broken = {k: v for k, v in record.items() if k != column}
    if value is not ...:
        broken[column] = value
    assert list(validator(f"{table}.record.schema.json").iter_errors(broken)) != []
    # the same breakage inside a dataset
    assert list(validator("dataset.schema.json").iter_errors({table: [broken]})) != []
    if as_cell:
        with pytest.raises(ValidationError) as caught:
            RECORD_MODELS[table].model_validate(broken)
        assert [e["type"] for e in caught.value.errors()] == [rule]
