"""``conflict-claims validate --engine spark``: the same report in every output format,
``--failures`` writes every problem by key, and a plain message when Java is missing.

In-process (``cli.main``), on the local session the Spark tests share (``sparktools``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from clitools import EXAMPLES, run_cli
from conflict_claims.cli import main
from conflict_claims.cli._common import FORMATS
from conflict_claims.validation.spark import SPARK_UNREAD
from sparktools import NEEDS_SPARK

pytestmark = NEEDS_SPARK
INVALID = str(EXAMPLES / "invalid")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reports_as_the_default_engine(
    spark: Any, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert spark is not None
    code, out, _ = _run(capsys, INVALID, "--engine", "spark", "--format", fmt)
    # Spark reads no bytes of its own, so its report lists the byte-level rules as
    # skipped: the default engine told to ignore exactly those gives the same output.
    unread = ",".join(sorted(SPARK_UNREAD))
    expected_code, expected, _ = _run(capsys, INVALID, "--format", fmt, "--ignore", unread)
    assert (code, out) == (expected_code, expected)
    assert code == 1


def test_failures_holds_every_problem_by_key_however_few_are_printed(
    spark: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    assert spark is not None
    failures = tmp_path / "failures.parquet"
    code, out, _ = _run(capsys, INVALID, "--engine", "spark", "--max-errors", "1",
                        "--failures", str(failures))  # fmt: skip
    assert code == 1
    assert "2 errors" in out.splitlines()[0]
    assert "[value-negative]" in out
    assert "[foreign-key]" not in out
    assert "1 more problem not shown" in out
    rows = pq.read_table(failures).to_pylist()
    found = [(r["rule"], r["resource"], r["key"], r["row"], r["field"], r["value"]) for r in rows]
    assert found == [
        ("value-negative", "claims", "wp-bourem-03", 3, "value_low", "-5"),
        ("foreign-key", "claims", "atlas-bourem-01", 13, "source_id", "atlas-bourem"),
    ]
    assert rows[0]["message"] == "value_low is negative: -5"


def test_failures_works_with_the_default_engine_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    failures = tmp_path / "failures.parquet"
    code, _, _ = _run(capsys, INVALID, "--max-errors", "0", "--failures", str(failures))
    assert code == 1
    rows = pq.read_table(failures).to_pylist()
    assert [(r["rule"], r["row"], r["key"]) for r in rows] == [
        ("value-negative", 3, None),
        ("foreign-key", 13, None),
    ]


def test_a_missing_java_is_a_plain_message(tmp_path: Path) -> None:
    # no java on PATH and a JAVA_HOME without one: a usage error naming the fix, no traceback
    python_dir = str(Path(sys.executable).parent)
    result = run_cli("validate", INVALID, "--engine", "spark",
                     env={"JAVA_HOME": str(tmp_path), "PATH": python_dir})  # fmt: skip
    assert result.returncode == 2
    assert "needs a Java runtime" in result.stderr
    assert "openjdk-17-jre-headless" in result.stderr
    assert "internal error" not in result.stderr


def test_master_goes_with_the_spark_engine(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, INVALID, "--master", "local[1]")
    assert code == 2
    assert "--master goes with --engine spark" in err


def test_a_missing_pyspark_is_a_plain_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from conflict_claims.engines.spark.session import SparkUnavailableError, require_spark

    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails
    with pytest.raises(SparkUnavailableError, match=r"pip install 'conflict-claims\[spark\]'"):
        require_spark()
