"""The Spark engine reports what the vectorised engine reports, whole problems and keys: on a
drawn breakage of every rule it checks, on the derived examples and on the bundled package.

A local session on one core, shared by the tests (``sparktools``); one example per rule (more
with SPARK_EXAMPLES), since each run of the engine costs a few Spark jobs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from conflict_claims.contract.rules import RULES
from conflict_claims.strategies import Broken, breakages
from conflict_claims.validation.package import validate
from pkgtools import BUNDLED, REPO
from sparktools import NEEDS_SPARK, keyed, spark_keyed

pytestmark = NEEDS_SPARK

ENGINE_RULES = [r.slug for r in RULES if r.scope != "package"]
"""The rules the engines check (the package rules are the reader's, before any engine)."""
EXAMPLES = int(os.environ.get("SPARK_EXAMPLES") or 1)


def _same_report(spark: Any, path: Path, **options: Any) -> set[Any]:
    from conflict_claims.validation.spark import validate_spark

    vectorised = validate(path, **options)
    on_spark = validate_spark(path, spark=spark, **options)
    # whole problems: rule, place, row, line, value, message and hint
    assert on_spark.report.errors == vectorised.errors
    assert on_spark.report.rows == vectorised.rows
    assert on_spark.report.valid == vectorised.valid
    found = spark_keyed(on_spark.keys, on_spark.report)
    assert found == keyed(vectorised, path, **options)
    return found


def test_the_bundled_package(spark: Any) -> None:
    assert _same_report(spark, BUNDLED) == set()


def test_the_rules_on_bytes_spark_reads_itself_are_listed_as_not_checked(spark: Any) -> None:
    from conflict_claims.validation.spark import validate_spark

    skipped = validate_spark(BUNDLED, spark=spark).report.skipped
    default = validate(BUNDLED).skipped
    assert set(skipped) - set(default) == {"encoding-invalid", "written-by-pandas", "file-stats"}


@pytest.mark.parametrize("name", ["valid", "invalid"])
def test_the_derived_examples(spark: Any, name: str) -> None:
    found = _same_report(spark, REPO / "examples" / "derived" / name)
    assert bool(found) == (name == "invalid")


@pytest.mark.parametrize("rule", ENGINE_RULES)
def test_a_drawn_breakage_of_every_rule(spark: Any, rule: str) -> None:
    @settings(max_examples=EXAMPLES, database=None, suppress_health_check=list(HealthCheck))
    @given(breakages(rule))
    def check(broken: Broken) -> None:
        with tempfile.TemporaryDirectory() as folder:
            options = broken.write(folder)
            found = _same_report(spark, Path(folder), **options)
        assert {(r, resource) for r, resource, _, _ in found} >= {
            (r, resource) for r, resource, _ in broken.expected
        }

    check()


def test_validate_frames_takes_dataframes(spark: Any) -> None:
    """Six DataFrames from anywhere: the problems of the package they were read from, with
    rows in DataFrame order and each row's key."""
    import pyarrow as pa

    from conflict_claims.io.read import read_package
    from conflict_claims.validation.spark import validate_frames

    path = REPO / "examples" / "derived" / "invalid"
    raw = read_package(path)
    frames = {}
    for name, frame in raw.frames.items():
        table = pa.Table.from_pandas(frame, preserve_index=False)
        frames[name] = spark.createDataFrame(
            pa.table({c: table[c].cast(pa.string()) for c in table.column_names})
        )
    result = validate_frames(frames)
    vectorised = validate(path)

    def whole(errors: Any) -> list[Any]:
        return [(p.rule, p.resource, p.row, p.field, p.value, p.message) for p in errors]

    assert whole(result.report.errors) == whole(vectorised.errors)
    assert result.keys == ("wp-bourem-03", "atlas-bourem-01")
    assert result.report.rows == vectorised.rows
    with pytest.raises(ValueError, match="no such table: claim"):
        validate_frames({"claim": frames["claims"]})


def test_a_declared_unique_column_repeated_across_batches(spark: Any, tmp_path: Path) -> None:
    """An added column declared unique, its value repeated eleven rows apart (batches of 8
    rows): a field-constraint problem on the later row, as in the vectorised engine."""
    import csv
    import json
    import shutil

    folder = tmp_path / "derived"
    shutil.copytree(REPO / "examples" / "derived" / "valid", folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if field["name"] == "reviewed_by":
                field["constraints"] = {"unique": True}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    claims = folder / "tables" / "claims.csv"
    with claims.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for number, row in enumerate(rows, 1):
        row["reviewed_by"] = f"reviewer-{number}"
    rows[11]["reviewed_by"] = "reviewer-1"
    with claims.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    found = _same_report(spark, folder)
    assert found == {("field-constraint", "claims", rows[11]["claim_id"], "reviewed_by")}
