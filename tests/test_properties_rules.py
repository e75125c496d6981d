"""Properties of the rule catalogue over drawn data: every breakage is reported under its rule and
row by both validation layers (and by frictionless where Table Schema can say it), and the two
layers always report the same (rule, resource, row) set."""

from __future__ import annotations

import copy
import tempfile

import frictionless
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_claims.contract.rules import RULES, RULES_BY_SLUG
from conflict_claims.contract.tables import TABLES
from conflict_claims.strategies import (
    Broken,
    Tables,
    bad_value,
    breakages,
    datasets,
    rules_without_breakage,
    write_package,
)
from conflict_claims.validation.package import validate
from hyputil import scaled

SLUGS = [r.slug for r in RULES]
TABLE_SCHEMA_SLUGS = [r.slug for r in RULES if r.table_schema]

# frictionless error types that stand for each rule Table Schema can express
FRICTIONLESS_ERRORS: dict[str, set[str]] = {
    "file-unreadable": {"scheme-error", "resource-error", "source-error", "format-error"},
    "encoding-invalid": {"encoding-error", "source-error"},
    "csv-malformed": {
        "extra-cell",
        "missing-cell",
        "duplicate-label",
        "source-error",
        "blank-label",
        "blank-row",
        "missing-label",
        "extra-label",
    },
    "column-missing": {"missing-label", "incorrect-label"},
    "required": {"constraint-error", "primary-key"},
    "type": {"type-error"},
    "pattern": {"constraint-error"},
    "vocabulary": {"constraint-error"},
    "value-negative": {"constraint-error"},
    "unique-key": {"primary-key", "unique-error"},
    "foreign-key": {"foreign-key"},
    "schema-missing": {"resource-error", "schema-error"},
    "header-mismatch": {"incorrect-label", "extra-label", "missing-label"},
    "file-stats": {"byte-count", "hash-count"},
    "field-type": {"type-error"},
    "field-constraint": {"constraint-error", "unique-error"},
}


def test_every_rule_has_a_breakage_strategy() -> None:
    assert rules_without_breakage() == set()
    assert set(FRICTIONLESS_ERRORS) == set(TABLE_SCHEMA_SLUGS)


def _both_layers(broken: Broken) -> None:
    with tempfile.TemporaryDirectory() as folder:
        options = broken.write(folder)
        for engine in ("pandera", "pydantic"):
            report = validate(folder, engine=engine, **options)
            assert report.keys() == broken.expected, (engine, [p.message for p in report.errors])


@pytest.mark.parametrize("slug", SLUGS)
def test_each_breakage_is_reported_by_both_layers(slug: str) -> None:
    @settings(max_examples=scaled(8))
    @given(breakages(slug))
    def check(broken: Broken) -> None:
        _both_layers(broken)

    check()


@pytest.mark.parametrize("slug", TABLE_SCHEMA_SLUGS)
def test_frictionless_reports_what_table_schema_can_express(slug: str) -> None:
    @settings(max_examples=scaled(4))
    @given(breakages(slug, table_schema_only=True))
    def check(broken: Broken) -> None:
        assert broken.table_schema
        with tempfile.TemporaryDirectory() as folder:
            broken.write(folder)
            report = frictionless.validate(f"{folder}/datapackage.json")
        found = {e.type for task in report.tasks for e in task.errors} | {
            e.type for e in report.errors
        }
        assert found & FRICTIONLESS_ERRORS[slug], found

    check()


# ---------------------------------------------------------------- parity on messy input


@st.composite
def messy(draw: st.DrawFn) -> Tables:
    """A valid dataset with a few cells set to anything (often something that breaks a rule),
    rows repeated and rows dropped: any mix of rules, broken at once."""
    tables = copy.deepcopy(draw(datasets()))
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from([n for n in TABLES if tables[n]]))
        rows = tables[name]
        i = draw(st.integers(0, len(rows) - 1))
        how = draw(st.sampled_from(("cell", "cell", "cell", "copy", "drop", "swap")))
        if how == "copy":
            rows.insert(draw(st.integers(0, len(rows))), dict(rows[i]))
        elif how == "drop":
            del rows[i]
        elif how == "swap":  # a value from another row or column of the same table
            a, b = (
                draw(st.sampled_from(TABLES[name].column_names)),
                draw(st.sampled_from(TABLES[name].column_names)),
            )
            rows[i][a] = draw(st.sampled_from(rows))[b]
        else:
            column = draw(st.sampled_from(TABLES[name].columns))
            slug = draw(st.sampled_from([r.slug for r in RULES if r.scope == "cell"]))
            value = rows[i][column.name]
            rows[i][column.name] = draw(
                bad_value(slug, column, value).map(lambda pair: pair[0])
                | st.text(max_size=8)
                | st.sampled_from(["0", "-0", "007", "1", "2023-01-01", "dozens", "x", " "])
            )
    return tables


@settings(max_examples=scaled(80))
@given(
    st.one_of(
        datasets(), messy(), st.sampled_from(SLUGS).flatmap(breakages).map(lambda b: b.tables)
    )
)
def test_both_layers_report_the_same_problems(tables: Tables) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_package(tables, folder)
        pandera = validate(folder, engine="pandera")
        pydantic = validate(folder, engine="pydantic")
    assert pandera.keys() == pydantic.keys()
    assert all(p.rule in RULES_BY_SLUG for p in pandera.errors)
