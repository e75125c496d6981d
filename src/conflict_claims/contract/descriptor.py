"""The Frictionless descriptor of the package, generated from the contract."""

from __future__ import annotations

from typing import Any

from conflict_claims.contract.tables import TABLES

PACKAGE_META: dict[str, Any] = {
    "profile": "tabular-data-package",
    "name": "conflict-claims",
    "title": "Contested casualty claims: Mali, 2023",
    "description": "Events of the 2023 fighting in northern Mali and every casualty or materiel "
    "figure that five sources report, one row per figure as one claimant stated it in one "
    "source, each with a verbatim quote.",
    "licenses": [
        {
            "name": "CC-BY-SA-4.0",
            "path": "https://creativecommons.org/licenses/by-sa/4.0/",
            "title": "Creative Commons Attribution-ShareAlike 4.0",
        }
    ],
}
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n",
               "header": True}  # fmt: skip


def resource_descriptor(name: str, path: str) -> dict[str, Any]:
    table = TABLES[name]
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": dict(CSV_DIALECT),
        "schema": table.table_schema(),
    }


def package_descriptor() -> dict[str, Any]:
    resources = [resource_descriptor(name, f"data/{name}.csv") for name in TABLES]
    return {**PACKAGE_META, "resources": resources}
