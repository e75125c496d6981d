"""The bundled descriptor's metadata: release, sources and their licences, sizes and hashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import frictionless
import pytest

from conflict_claims.__about__ import __version__
from conflict_claims.tools.bundled_descriptor import (
    DescriptorError,
    bundled_descriptor,
    source_licences,
)
from pkgtools import REPO

PACKAGE = REPO / "datapackage"


def errors(descriptor: Path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(descriptor))
    return [(task.name, error.type) for task in report.tasks for error in task.errors] + [
        ("package", error.type) for error in report.errors
    ]


def test_the_descriptor_names_the_release_and_its_sources() -> None:
    descriptor = bundled_descriptor(PACKAGE)
    assert descriptor["version"] == __version__
    for key in ("created", "homepage", "keywords", "contributors", "licenses"):
        assert descriptor[key]
    rights = {s["sourceId"]: s["rights"] for s in descriptor["sources"]}
    assert rights["atlas-bourem"].startswith("© the publisher")
    assert rights["wp-bourem"].startswith("CC BY-SA 4.0")
    licensed = {s["sourceId"] for s in descriptor["sources"] if "licenses" in s}
    assert licensed == {source for source, text in rights.items() if "CC BY-SA" in text}
    assert "atlas-bourem" not in licensed


def test_every_resource_has_its_file_size_and_sha256() -> None:
    for resource in bundled_descriptor(PACKAGE)["resources"]:
        data = (PACKAGE / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"].startswith("sha256:")


def test_the_self_reference_of_actors_is_written_as_the_spec_says() -> None:
    actors = next(r for r in bundled_descriptor(PACKAGE)["resources"] if r["name"] == "actors")
    references = {fk["fields"]: fk["reference"] for fk in actors["schema"]["foreignKeys"]}
    assert references["parent_id"] == {"resource": "", "fields": "actor_id"}


def test_frictionless_passes_the_bundled_package_and_checks_bytes_and_hash(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE, copy)
    assert errors(copy / "datapackage.json") == []
    quantifiers = copy / "data" / "quantifiers.csv"
    text = quantifiers.read_text(encoding="utf-8")
    # still a valid table: one more character in a free-text cell
    edited = text.replace("The article: one.", "The article: one!.", 1)
    assert edited != text
    quantifiers.write_text(edited, encoding="utf-8")
    found = errors(copy / "datapackage.json")
    assert ("quantifiers", "hash-count") in found
    assert ("quantifiers", "byte-count") in found


def test_a_source_missing_from_the_licence_table_is_an_error(tmp_path: Path) -> None:
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE, copy)
    readme = copy / "README.md"
    readme.write_text(
        "\n".join(
            line
            for line in readme.read_text(encoding="utf-8").splitlines()
            if not line.startswith("| `atlas-bourem`")
        ),
        encoding="utf-8",
    )
    assert "atlas-bourem" not in source_licences(readme)
    with pytest.raises(DescriptorError, match="'atlas-bourem' has no row"):
        bundled_descriptor(copy)
