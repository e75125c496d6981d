"""The vectorised path: Pandera models per table, then cross-table checks over valid rows."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .contract import TABLES
from .cross_checks import cross_findings
from .dataframe_models import FRAME_MODELS
from .read import RawPackage
from .report import Problem, cell_message, describe
from .rules import CELL_ORDER, RULES_BY_SLUG
from .table_checks import row_checks

_RANK = {slug: i for i, slug in enumerate(CELL_ORDER)}


def table_problems(name: str, frame: pd.DataFrame) -> tuple[list[Problem], set[tuple[int, str]]]:
    """Problems of one table's own rules, and the broken cells as (row, column)."""
    try:
        FRAME_MODELS[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return [], set()
    cases = cases[cases["index"].notna()]
    row_field = {slug: field for slug, field, _ in row_checks(TABLES[name])}
    firsts: dict[tuple[int, str], str] = {}
    row_rules: set[tuple[int, str]] = set()
    for check, column, index in zip(cases["check"], cases["column"], cases["index"], strict=True):
        row = int(index)
        if check in row_field:
            row_rules.add((row, check))
        elif check in _RANK:
            seen = firsts.get((row, column))
            # a cell is reported under the first rule it breaks, as the Pydantic layer does
            if seen is None or _RANK[check] < _RANK[seen]:
                firsts[(row, column)] = check
    problems = [
        describe(
            slug,
            name,
            row,
            column,
            frame.at[row, column],
            cell_message(slug, TABLES[name].column(column)),
        )
        for (row, column), slug in firsts.items()
    ]
    broken_cells = {row for row, _ in firsts}
    for row, slug in row_rules:
        if row not in broken_cells:  # row rules count only on rows whose cells are sound
            field = row_field[slug]
            problems.append(
                describe(
                    slug, name, row, field, frame.at[row, field], RULES_BY_SLUG[slug].description
                )
            )
    # Rows that break only a row rule still hold well-typed values: they stay in the dataset
    # checks, so one wrong date does not turn every reference to its event into an error.
    return problems, set(firsts)


def run(raw: RawPackage, snapshots: dict[str, str] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    clean: dict[str, pd.DataFrame] = {}
    keys: dict[str, set[str]] = {}
    for name, frame in raw.frames.items():
        found, broken = table_problems(name, frame)
        problems.extend(found)
        bad_rows = {row for row, _ in broken}
        clean[name] = frame.drop(index=list(bad_rows)) if bad_rows else frame
        key = TABLES[name].primary_key[0]
        bad_keys = [row for row, column in broken if column == key]
        keys[name] = set(frame[key].drop(index=bad_keys).dropna())
    for rule, resource, row, field, value, what in cross_findings(clean, keys, snapshots):
        problems.append(describe(rule, resource, row, field, value, what))
    return problems
