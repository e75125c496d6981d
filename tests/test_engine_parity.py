"""The two engines report the same whole problems, (rule, resource, row, field, value), as
often each, on drawn breakages of every rule and on random single edits of the bundled package.

Run at any size with PARITY_EXAMPLES (examples per property), e.g.
``PARITY_EXAMPLES=2000 python -m pytest tests/test_engine_parity.py``; by default each property
draws a share of the Hypothesis profile's examples.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_claims.contract.rules import RULES
from conflict_claims.strategies import Broken, Tables, breakages, edited, write_package
from hyputil import scaled
from pkgtools import BUNDLED, both_engines

EXAMPLES = int(os.environ.get("PARITY_EXAMPLES") or 0) or scaled(60)


def _bundled() -> Tables:
    tables: Tables = {}
    for path in sorted((BUNDLED / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        tables[path.stem] = [{c: (v if v != "" else None) for c, v in r.items()} for r in rows]
    return tables


BUNDLED_TABLES = _bundled()


def test_the_bundled_tables_are_read_whole() -> None:
    assert set(BUNDLED_TABLES) == {"events", "actors", "participants", "sources", "claims",
                                   "quantifiers"}  # fmt: skip
    assert len(BUNDLED_TABLES["claims"]) >= 70


@settings(max_examples=EXAMPLES)
@given(st.sampled_from([r.slug for r in RULES]).flatmap(breakages))
def test_engines_agree_on_drawn_breakages(broken: Broken) -> None:
    with tempfile.TemporaryDirectory() as folder:
        options = broken.write(folder)
        found = both_engines(Path(folder), **options)
    assert {(rule, resource, row) for rule, resource, row, _, _ in found} == broken.expected


@settings(max_examples=EXAMPLES)
@given(edited(BUNDLED_TABLES, 1, 1))
def test_engines_agree_on_single_edits_of_the_bundled_package(tables: Tables) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_package(tables, folder)
        both_engines(Path(folder))
