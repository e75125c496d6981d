"""Writing a dataset as a data package: descriptor and CSVs, checked, then put in place at once.

The package is built in a temporary folder beside the target and validated there; only a valid
package is put in place (``io.atomic``), so a failure (bad data, full disk, interrupted run)
leaves any earlier package at the target untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflict_claims.contract.descriptor import PACKAGE_META, resource_descriptor
from conflict_claims.contract.tables import TABLES
from conflict_claims.engines.per_record.record_models import Record
from conflict_claims.io.atomic import recover_folder, replace_folder, staging_folder
from conflict_claims.io.csv_text import csv_text
from conflict_claims.typed.frames import extra_columns

if TYPE_CHECKING:
    from conflict_claims.typed.dataset import Dataset


def _cell(value: object) -> str:
    """A value as CSV text: empty for None, ISO dates, integers in digits, 0 kept as "0"."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_table(path: Path, table: str, records: Sequence[Record]) -> list[str]:
    """Write one table's CSV (UTF-8, "\\n" line ends, minimal quoting); return extra columns."""
    columns = list(TABLES[table].column_names)
    extras = [name for name in extra_columns(records) if name not in columns]
    rows = (
        [_cell(getattr(record, c)) for c in columns]
        + [_cell((record.model_extra or {}).get(c)) for c in extras]
        for record in records
    )
    path.write_text(csv_text(columns + extras, rows), encoding="utf-8", newline="")
    return extras


def descriptor_for(extras: dict[str, list[str]]) -> dict[str, Any]:
    """The package descriptor, with each table's extra columns declared as text fields."""
    resources = []
    for name in TABLES:
        resource = resource_descriptor(name, f"data/{name}.csv")
        resource["schema"]["fields"].extend(
            {"name": column, "type": "string"} for column in extras.get(name, [])
        )
        resources.append(resource)
    return {**PACKAGE_META, "resources": resources}


def _written_by_us(target: Path) -> bool:
    """Whether a folder holds nothing but what :func:`write_dataset` writes: datapackage.json
    and data/ with the tables' CSVs (an empty folder, or a subset, included)."""
    for entry in target.iterdir():
        if entry.name == "datapackage.json" and entry.is_file() and not entry.is_symlink():
            continue
        if entry.name == "data" and entry.is_dir() and not entry.is_symlink():
            names = {f"{name}.csv" for name in TABLES}
            if all(f.name in names and f.is_file() for f in entry.iterdir()):
                continue
        return False
    return True


def _replaceable(target: Path, overwrite: bool) -> None:
    """Refuse to replace anything but a folder holding only a package this writer could have
    written, or an empty one; ``overwrite`` allows any folder."""
    if not target.exists():
        return
    if not target.is_dir():
        raise FileExistsError(f"{target} exists and is not a folder")
    if not overwrite and not _written_by_us(target):
        raise FileExistsError(
            f"{target} holds files besides a data package (datapackage.json and data/*.csv); "
            "not replacing it: write elsewhere, or pass overwrite=True to replace the folder "
            "and everything in it"
        )


def write_dataset(
    dataset: Dataset, folder: str | Path, *, check: bool = True, overwrite: bool = False
) -> Path:
    """Write ``dataset`` as a data package in ``folder`` and return the descriptor's path.

    With ``check`` (the default) the written package is validated before it is put in place
    and :class:`~conflict_claims.InvalidPackageError` is raised if it breaks a rule.
    """
    target = Path(os.path.realpath(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    recover_folder(target)
    _replaceable(target, overwrite)
    staging = staging_folder(target)
    try:
        (staging / "data").mkdir()
        extras = {
            name: write_table(staging / "data" / f"{name}.csv", name, records)
            for name, records in dataset.tables().items()
        }
        text = json.dumps(descriptor_for(extras), indent=2, ensure_ascii=False) + "\n"
        (staging / "datapackage.json").write_text(text, encoding="utf-8")
        if check:
            from conflict_claims.typed.errors import InvalidPackageError
            from conflict_claims.validation.package import validate

            report = validate(staging)
            if not report.valid:
                raise InvalidPackageError(report)
        replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / "datapackage.json"
