"""The JSON Schema of the ``--format json`` report, published as ``schemas/report.schema.json``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from conflict_claims.contract.problems import Problem


class ReportJSON(BaseModel):
    """The report ``conflict-claims validate --format json`` prints."""

    valid: bool
    path: str
    error_count: int
    warning_count: int
    rows: dict[str, int]
    snapshots: int | None
    skipped: list[str]
    errors: list[Problem]
    errors_shown: int
    errors_not_shown: int


_DESCRIPTIONS = {
    "valid": "True when no problem has severity error (warnings leave a package valid).",
    "path": "The datapackage.json (or, with --table, the table file) checked.",
    "error_count": "How many problems of severity error were found (all counted, some may "
    "not be listed: see errors_not_shown).",
    "warning_count": "How many problems of severity warning were found.",
    "rows": "Data rows read, per canonical table.",
    "snapshots": "How many source snapshots the quotes were checked against; null without "
    "--sources-dir.",
    "skipped": "Rule slugs not checked in this run.",
    "errors": "The problems listed, errors and warnings, in report order (capped by --max-errors).",
    "errors_shown": "How many problems the errors list holds.",
    "errors_not_shown": "How many problems --max-errors left out of the list.",
}

_PROBLEM = {
    "rule": "The rule's stable slug (conflict-claims rules).",
    "resource": "The canonical table (claims, events, ...), or datapackage.",
    "row": "The data row number in the file, header excluded (the first data row is 1); "
    "null for a problem of a whole file or table.",
    "field": "The column, when the problem is about one.",
    "value": "The cell's value as text, when the problem is about one.",
    "message": "What is wrong, phrased from the problem's data.",
    "hint": "How to fix it.",
    "file": "The file, relative to the package folder (the datapackage.json for problems "
    "of the descriptor).",
    "line": "The physical line of file where the record starts (1 for the header); null "
    "when no line can be given (a Parquet file).",
    "resource_name": "The package's own name for the resource, when it differs from the "
    "canonical table; else null.",
    "severity": "error (the package is invalid) or warning (chosen with --warn or the "
    "conflictClaims key's warn list).",
}


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON report (draft 2020-12)."""
    schema = ReportJSON.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "conflict-claims validation report"
    for name, text in _DESCRIPTIONS.items():
        schema["properties"][name]["description"] = text
    problem = schema["$defs"]["Problem"]
    problem["description"] = "One broken rule at one place."
    for name, text in _PROBLEM.items():
        problem["properties"][name]["description"] = text
    problem["required"] = list(problem["properties"])  # the report always writes every key
    return schema
