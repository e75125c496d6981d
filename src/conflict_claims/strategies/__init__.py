"""Hypothesis strategies for conflict-claims data: valid datasets, and datasets that break one rule.

Install with ``pip install 'conflict-claims[strategies]'``. Datasets are plain rows of text cells,
as a CSV file holds them (table name -> list of ``{column: str | None}``), so that a breakage can
hold any malformed cell; :func:`write_package` writes them as a data package folder.

>>> from hypothesis import given
>>> from conflict_claims.strategies import datasets
>>> @given(datasets())
... def test_every_claim_has_a_source(tables):
...     sources = {s["source_id"] for s in tables["sources"]}
...     assert all(c["source_id"] in sources for c in tables["claims"])
>>> test_every_claim_has_a_source()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(
        "conflict_claims.strategies needs Hypothesis: pip install 'conflict-claims[strategies]'"
    ) from exc

from ._breakages import Broken, Key, bad_value, breakages, rules_without_breakage
from ._cells import Row, Tables, figure_texts, free_text, phrases, slugs
from ._damage import damaged_files, json_values
from ._datasets import (
    actors,
    datasets,
    eligible_subjects,
    events,
    participants,
    quantifiers,
    snapshot_files,
    snapshot_text,
)
from ._messy import edited, messy_datasets, tricky_cells
from ._write import csv_bytes, package_files, write_files, write_package, write_snapshots

__all__ = [
    "Broken",
    "Key",
    "Row",
    "Tables",
    "actors",
    "bad_value",
    "breakages",
    "csv_bytes",
    "damaged_files",
    "datasets",
    "edited",
    "eligible_subjects",
    "events",
    "figure_texts",
    "free_text",
    "json_values",
    "messy_datasets",
    "package_files",
    "participants",
    "phrases",
    "quantifiers",
    "rules_without_breakage",
    "slugs",
    "snapshot_files",
    "snapshot_text",
    "tricky_cells",
    "write_files",
    "write_package",
    "write_snapshots",
]
