"""Writing drawn tables as a data package folder, so that the CLI and frictionless can read it.

Only the standard library and the package descriptor: no Hypothesis needed here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conflict_claims.contract.tables import TABLES
from conflict_claims.io.csv_text import csv_text

Cell = str | None
Rows = Sequence[Mapping[str, Cell]]


def header_of(table: str, rows: Rows) -> list[str]:
    """The table's schema columns, then any extra column the rows carry, in first-seen order."""
    header = list(TABLES[table].column_names)
    for row in rows:
        header += [c for c in row if c not in header]
    return header


def csv_records(header: Sequence[str], records: Sequence[Sequence[str]]) -> bytes:
    """A CSV file from a header and lists of cells, as the package writes it."""
    return csv_text(header, records).encode("utf-8")


def csv_bytes(table: str, rows: Rows, header: Sequence[str] | None = None) -> bytes:
    """The CSV file of one table (an empty cell for None), with the given or the usual header."""
    columns = list(header) if header is not None else header_of(table, rows)
    return csv_records(
        columns, [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    )


def descriptor_bytes(
    headers: Mapping[str, Sequence[str]] | None = None,
    declare: Mapping[str, Mapping[str, Any]] | None = None,
) -> bytes:
    """The bundled descriptor; a table's fields follow its ``headers`` entry (as a package's
    schema must name its file's columns in order), an added column declared as a string or as
    ``declare`` says (column name -> field descriptor)."""
    from conflict_claims.contract.descriptor import package_descriptor

    descriptor = package_descriptor()
    for resource in descriptor["resources"]:
        header = (headers or {}).get(resource["name"])
        if header is None:
            continue
        fields = resource["schema"]["fields"]
        own = {f["name"]: f for f in fields}
        extra = declare or {}
        resource["schema"]["fields"] = [
            own.get(c) or {"name": c, "type": "string", **extra.get(c, {})} for c in header
        ] + [f for f in fields if f["name"] not in header]
    return json.dumps(descriptor, indent=2, ensure_ascii=False).encode("utf-8")


def package_files(tables: Mapping[str, Rows]) -> dict[str, bytes]:
    """Relative path -> bytes of every file of the package."""
    headers = {name: header_of(name, rows) for name, rows in tables.items()}
    files = {"datapackage.json": descriptor_bytes(headers)}
    for name, rows in tables.items():
        files[f"data/{name}.csv"] = csv_bytes(name, rows)
    return files


def write_files(files: Mapping[str, bytes | None], folder: str | Path) -> None:
    """Write each file under folder; None deletes it."""
    root = Path(folder)
    for relative, data in files.items():
        target = root / relative
        if data is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_package(tables: Mapping[str, Rows], folder: str | Path) -> Path:
    """Write ``tables`` (table name -> rows of text cells) as a data package in ``folder``:
    ``datapackage.json`` (the bundled descriptor, declaring any added column as a string) and
    ``data/<table>.csv``. Returns the descriptor's path.

    >>> import tempfile
    >>> from conflict_claims import validate
    >>> rows = {"quantifiers": [{"phrase": "dozens", "value_low": "24", "reading": "24+"}]}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_package(rows, folder)
    ...     sorted(p.rule for p in validate(path).errors)[:1]
    ['file-unreadable']
    """
    write_files(package_files(tables), folder)
    return Path(folder) / "datapackage.json"


def write_snapshots(texts: Mapping[str, str], folder: str | Path) -> Path:
    """Write snapshot texts (file name -> text) into folder, for ``sources_dir``."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (root / name).write_bytes(text.encode("utf-8"))
    return root
