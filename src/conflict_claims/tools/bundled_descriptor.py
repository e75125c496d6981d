"""The bundled package's descriptor: metadata, sources and their licences, file sizes and hashes.

The descriptor of any package (``contract.descriptor``) says what the tables are. The bundled
package's also says what release it is, who made it, what it was read from and under which
terms (each source's licence as ``datapackage/README.md`` states it, read from that file's
table), and the ``bytes`` and ``hash`` of every data file, which ``frictionless validate``
checks. ``python -m conflict_claims.tools.export_schemas`` writes it; the drift test fails when a
data file changed without it.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from typing import Any

from conflict_claims.__about__ import __version__
from conflict_claims.contract.descriptor import package_descriptor

HOMEPAGE = "https://pypi.org/project/conflict-claims/"
CC_BY_SA = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Creative Commons Attribution-ShareAlike 4.0",
}
BUNDLED_META: dict[str, Any] = {
    "version": __version__,
    # when the package was first published: the data's first commit, 0.1.0
    "created": "2026-11-21T13:13:51Z",
    "homepage": HOMEPAGE,
    "keywords": ["armed conflict", "casualties", "claims", "Mali", "2023", "Mali War"],
    "contributors": [{"title": "The conflict-claims contributors", "role": "author"}],
}
_LICENCES_HEADING = "## Sources, licences and attribution"
_ROW = re.compile(r"^\|\s*`(?P<id>[^`]+)`\s*\|(?P<document>[^|]*)\|(?P<licence>[^|]*)\|\s*$")


class DescriptorError(Exception):
    """The bundled package's files do not give what its descriptor needs."""


def source_licences(readme: Path) -> dict[str, str]:
    """source_id -> licence and attribution, from the data README's table of sources."""
    text = readme.read_text(encoding="utf-8")
    _, found, section = text.partition(_LICENCES_HEADING)
    if not found:
        raise DescriptorError(f"{readme}: no '{_LICENCES_HEADING}' section")
    rows = (_ROW.match(line) for line in section.split("\n## ")[0].splitlines())
    return {row["id"]: row["licence"].strip() for row in rows if row}


def sources(folder: Path) -> list[dict[str, Any]]:
    """One entry per row of sources.csv: title, publisher, author, and its licence."""
    licences = source_licences(folder / "README.md")
    with (folder / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        licence = licences.get(row["source_id"])
        if licence is None:
            raise DescriptorError(
                f"{folder / 'README.md'}: source {row['source_id']!r} has no row in the "
                f"'{_LICENCES_HEADING}' table; add its licence there"
            )
        entry: dict[str, Any] = {"title": f"{row['title']} ({row['publisher']})"}
        if row["author"]:
            entry["author"] = row["author"]
        if row["url"]:
            entry["path"] = row["url"]
        entry["sourceId"] = row["source_id"]
        entry["rights"] = licence
        if licence.startswith("CC BY-SA 4.0"):
            entry["licenses"] = [dict(CC_BY_SA)]
        out.append(entry)
    return out


def file_facts(path: Path) -> dict[str, Any]:
    """``bytes`` and ``hash`` (sha256, in the Data Package ``algorithm:hex`` form) of a file."""
    data = path.read_bytes()
    return {"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def bundled_descriptor(folder: Path) -> dict[str, Any]:
    """The descriptor of the package in ``folder`` (the repository's ``datapackage/``)."""
    descriptor = package_descriptor()
    for resource in descriptor["resources"]:
        resource.update(file_facts(folder / resource["path"]))
    meta = {**BUNDLED_META, "sources": sources(folder)}
    head = {key: descriptor.pop(key) for key in ("profile", "name", "title", "description")}
    return {**head, **meta, **descriptor}
