"""Write the package descriptor and the JSON Schemas from the code, or check they match it.

python -m conflict_claims.tools.export_schemas          # rewrite datapackage.json and schemas/
python -m conflict_claims.tools.export_schemas --check  # exit 1 if either drifted from the code
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from conflict_claims.contract.descriptor import package_descriptor
from conflict_claims.contract.tables import TABLES


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema: a Table Schema per table, a JSON Schema per record model, and the
    JSON report's schema."""
    from conflict_claims.engines.per_record.record_models import RECORD_MODELS
    from conflict_claims.report.schema import report_schema
    from conflict_claims.typed.dataset import Dataset
    from conflict_claims.typed.statements import Statement
    from conflict_claims.typed.views import SpreadRow

    out = {f"{name}.table-schema.json": table.table_schema() for name, table in TABLES.items()}
    for name, model in RECORD_MODELS.items():
        out[f"{name}.record.schema.json"] = model.model_json_schema()
    out["dataset.schema.json"] = Dataset.model_json_schema()
    # the derived view users rebuild and check in CI
    out["spread.record.schema.json"] = SpreadRow.model_json_schema()
    out["statements.record.schema.json"] = Statement.model_json_schema()
    # what --format json prints, for those who read reports in code
    out["report.schema.json"] = report_schema()
    return out


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def expected_files(root: Path) -> dict[Path, str]:
    files = {root / "datapackage" / "datapackage.json": _dump(package_descriptor())}
    for name, schema in json_schemas().items():
        files[root / "schemas" / name] = _dump(schema)
    return files


def drifted(root: Path) -> list[Path]:
    """Files under root that differ from what the code generates."""
    return [
        path for path, text in expected_files(root).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conflict_claims.tools.export_schemas")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    parser.add_argument("--check", action="store_true", help="only report drift")
    args = parser.parse_args(argv)
    if args.check:
        stale = drifted(args.root)
        for path in stale:
            print(f"out of date: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in expected_files(args.root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
