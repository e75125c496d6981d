"""Every rule of the catalogue: a package that breaks exactly that rule is reported under it,
at that row and field, by both validation layers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conflict_claims.contract.problems import describe
from conflict_claims.contract.rules import RULES, RULES_BY_SLUG
from conflict_claims.validation.package import validate
from pkgtools import SEEDS, Package, both_engines, need_seeds

Key = tuple[str, str, "int | None", "str | None"]
Case = Callable[[Package], tuple[set[Key], dict[str, Any]]]
CASES: dict[str, Case] = {}


def case(slug: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        CASES[slug] = fn
        return fn

    return register


def claim_row(p: Package, claim_id: str) -> int:
    return p.row_of("claims", "claim_id", claim_id)


@case("package-invalid")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    (p.folder / "datapackage.json").write_text("{not json", encoding="utf-8")
    return {("package-invalid", "datapackage", None, None)}, {}


@case("path-unsafe")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d = p.descriptor
    d["resources"][4]["path"] = "../claims.csv"  # type: ignore[index]
    p.write_descriptor(d)
    return {("path-unsafe", "claims", None, None)}, {}


@case("table-missing")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d = p.descriptor
    d["resources"] = [r for r in d["resources"] if r["name"] != "quantifiers"]  # type: ignore[attr-defined]
    p.write_descriptor(d)
    return {("table-missing", "quantifiers", None, None)}, {}


@case("file-unreadable")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    p.csv_path("sources").unlink()
    return {("file-unreadable", "sources", None, None)}, {}


@case("encoding-invalid")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    data = p.csv_path("claims").read_bytes()
    lines = data.split(b"\n")
    lines[3] = lines[3].replace(b"killed", b"kill\xffed", 1)
    p.csv_path("claims").write_bytes(b"\n".join(lines))
    return {("encoding-invalid", "claims", 3, None)}, {}


@case("csv-malformed")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    with p.csv_path("events").open("a", encoding="utf-8") as f:
        f.write("2023-10-01-x,too few cells\n")
    return {("csv-malformed", "events", 8, None)}, {}


@case("written-by-pandas")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    import pandas as pd

    path = p.csv_path("claims")
    pd.read_csv(path).to_csv(path)  # both with pandas' defaults
    return {("written-by-pandas", "claims", None, None)}, {}


@case("column-missing")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    rows = p.rows("claims")
    for r in rows:
        del r["notes"]
    p.write_rows("claims", rows)
    return {("column-missing", "claims", None, "notes")}, {}


def _resource(p: Package, table: str) -> tuple[dict[str, Any], dict[str, Any]]:
    d = p.descriptor
    return d, next(r for r in d["resources"] if r["name"] == table)  # type: ignore[attr-defined]


def _declare_column(p: Package, table: str, field: dict[str, Any], cells: dict[int, str]) -> None:
    """Append a column declared by ``field``; row n (1-based) holds cells.get(n, "x")."""
    d, resource = _resource(p, table)
    resource["schema"]["fields"].append(field)
    p.write_descriptor(d)
    rows = p.rows(table)
    p.write_rows(table, [{**r, field["name"]: cells.get(n, "x")} for n, r in enumerate(rows, 1)])


@case("column-unexpected")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    _declare_column(p, "sources", {"name": "reviewer", "type": "string"}, {})
    return {("column-unexpected", "sources", None, "reviewer")}, {"strict": True}


@case("schema-missing")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d, resource = _resource(p, "actors")
    del resource["schema"]
    p.write_descriptor(d)
    return {("schema-missing", "actors", None, None)}, {}


@case("schema-invalid")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d, resource = _resource(p, "events")
    resource["schema"]["fields"][-1]["type"] = "geojson"
    p.write_descriptor(d)
    return {("schema-invalid", "events", None, None)}, {}


@case("resource-unsupported")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d, resource = _resource(p, "events")
    resource["encoding"] = "latin-1"
    p.write_descriptor(d)
    return {("resource-unsupported", "events", None, None)}, {}


@case("header-mismatch")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d, resource = _resource(p, "events")
    fields = resource["schema"]["fields"]
    fields[5], fields[6] = fields[6], fields[5]  # place and admin1
    p.write_descriptor(d)
    return {("header-mismatch", "events", None, "place")}, {}


@case("file-stats")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d, resource = _resource(p, "quantifiers")
    resource["bytes"] = p.csv_path("quantifiers").stat().st_size + 1
    p.write_descriptor(d)
    return {("file-stats", "quantifiers", None, None)}, {}


@case("field-type")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    _declare_column(p, "claims", {"name": "pages", "type": "integer"}, {3: "three"} | {
        n: str(n) for n in (1, 2, *range(4, 200))})  # fmt: skip
    return {("field-type", "claims", 3, "pages")}, {}


@case("field-constraint")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    field = {"name": "team", "type": "string", "constraints": {"enum": ["x", "y"]}}
    _declare_column(p, "claims", field, {5: "z"})
    return {("field-constraint", "claims", 5, "team")}, {}


def cell_case(slug: str, table: str, find: tuple[str, str], column: str, value: str) -> None:
    def build(p: Package) -> tuple[set[Key], dict[str, Any]]:
        row = p.row_of(table, *find)
        p.set(table, row, column, value)
        return {(slug, table, row, column)}, {}

    CASES[slug] = build


cell_case("control-character", "claims", ("claim_id", "wp-ber-03"), "notes", "bell\x07here")
cell_case("formula-injection", "claims", ("claim_id", "wp-ber-05"), "statement", "=HYPERLINK(1)")
cell_case("id-whitespace", "claims", ("claim_id", "wp-lere-02"), "claimant_id", "mali-fama ")
cell_case("required", "claims", ("claim_id", "wp-lere-03"), "claimant_id", "")
cell_case("type", "claims", ("claim_id", "wp-bourem-01"), "value_low", "ten")
cell_case("pattern", "sources", ("source_id", "wp-ber"), "language", "english")
cell_case("vocabulary", "claims", ("claim_id", "wp-bourem-02"), "category", "dead")
cell_case("value-negative", "claims", ("claim_id", "wp-bourem-03"), "value_low", "-1")
cell_case("date-order", "events", ("event_id", "2023-06-09-ber"), "date_end", "2023-06-08")
cell_case("value-text-mismatch", "claims", ("claim_id", "wp-bourem-01"), "value_text", "eleven")
cell_case("figure-not-in-quote", "claims", ("claim_id", "wp-bourem-01"), "quote",
          "The Malian army stated that soldiers were killed")  # fmt: skip
cell_case("foreign-key", "claims", ("claim_id", "wp-bourem-02"), "source_id", "no-such-source")
cell_case("subject-not-participant", "claims", ("claim_id", "wp-bourem-13"), "subject_id", "jnim")
cell_case("unattributed-claimant", "claims", ("claim_id", "wp-bourem-15"), "claimant_id",
          "mali-fama")  # fmt: skip
# the links between claims
cell_case("restatement-mismatch", "claims", ("claim_id", "wp-bourem-16"), "restates",
          "wp-bourem-02")  # fmt: skip


@case("part-mismatch")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    # one day's dead at Ber made injured, still a part of the total of the dead
    row = claim_row(p, "wp-ber-06")
    p.set("claims", row, "category", "injured")
    return {("part-mismatch", "claims", row, "part_of")}, {}


cell_case("quantifier-mismatch", "claims", ("value_text", "several dozen"), "value_low", "30")
cell_case("claim-before-event", "claims", ("claim_id", "wp-lere-01"), "claimed_on", "2023-09-01")
cell_case("source-before-event", "sources", ("source_id", "wp-ber"), "published_on", "2023-01-01")


@case("value-order")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    row = p.append("quantifiers", {"phrase": "a handful", "value_low": "5", "value_high": "2",
                                   "reading": "unused"})  # fmt: skip
    return {("value-order", "quantifiers", row, "value_high")}, {}


@case("unique-key")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    row = p.append("quantifiers", {"phrase": "a", "value_low": "1", "value_high": "1",
                                   "reading": "again"})  # fmt: skip
    return {("unique-key", "quantifiers", row, "phrase")}, {}


@case("duplicate-claim")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    first = p.rows("claims")[0]
    row = p.append("claims", {**first, "claim_id": "copy-01"})
    return {("duplicate-claim", "claims", row, "claim_id")}, {}


@case("parent-cycle")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    p.set("actors", p.row_of("actors", "actor_id", "csp-psd"), "parent_id", "cma")
    rows = {p.row_of("actors", "actor_id", a) for a in ("csp-psd", "cma")}
    return {("parent-cycle", "actors", r, "parent_id") for r in rows}, {}


@case("link-cycle")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    # the total of the army's dead at Ber made a part of one of its own parts
    p.set("claims", claim_row(p, "wp-ber-04"), "part_of", "wp-ber-06")
    rows = {claim_row(p, c) for c in ("wp-ber-04", "wp-ber-06")}
    return {("link-cycle", "claims", r, "part_of") for r in rows}, {}


@case("distortion-mismatch")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    # the infobox's damaged plane made a destroyed one: then it changes nothing of wp-lere-18
    row = claim_row(p, "wp-lere-19")
    p.set("claims", row, "category", "aircraft_destroyed")
    return {("distortion-mismatch", "claims", row, "distorts")}, {}


@case("parts-exceed-total")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    # a total of 5 dead at Ber, below its parts (1 and 6)
    row = claim_row(p, "wp-ber-04")
    for column, value in (("value_low", "5"), ("value_high", "5"), ("value_text", "5"),
                          ("quote", "5 killed, 8 injured (per Mali)")):  # fmt: skip
        p.set("claims", row, column, value)
    return {("parts-exceed-total", "claims", row, "value_high")}, {}


@case("quantifier-unknown")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    p.delete("quantifiers", "phrase", "lots of")
    rows = [n for n, r in enumerate(p.rows("claims"), 1) if r["value_text"] == "lots of"]
    assert rows
    return {("quantifier-unknown", "claims", r, "value_text") for r in rows}, {}


@case("snapshot-missing")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    row = p.row_of("sources", "source_id", "atlas-bourem")
    p.set("sources", row, "snapshot_sha256", "0" * 64)
    return {("snapshot-missing", "sources", row, "snapshot_sha256")}, {"sources_dir": SEEDS}


@case("quote-not-in-snapshot")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    row = claim_row(p, "wp-bourem-01")
    p.set("claims", row, "quote", "The Malian army said that ten soldiers were killed")
    return {("quote-not-in-snapshot", "claims", row, "quote")}, {"sources_dir": SEEDS}


@case("file-not-regular")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d = p.descriptor
    d["resources"][3]["path"] = "data"  # type: ignore[index]
    p.write_descriptor(d)
    return {("file-not-regular", "sources", None, None)}, {}


@case("limit-exceeded")
def _(p: Package) -> tuple[set[Key], dict[str, Any]]:
    d = p.descriptor
    d["notes"] = json.loads("[" * 100 + "]" * 100)
    p.write_descriptor(d)
    return {("limit-exceeded", "datapackage", None, None)}, {}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {r.slug for r in RULES}


@pytest.mark.parametrize("engine", ["pandera", "pydantic"])
@pytest.mark.parametrize("slug", sorted(CASES))
def test_breaking_one_rule_reports_exactly_it(slug: str, engine: str, tmp_path: Path) -> None:
    needs_seeds = slug in ("snapshot-missing", "quote-not-in-snapshot")
    if needs_seeds:
        need_seeds()
    package = Package(tmp_path / "pkg")
    expected, options = CASES[slug](package)
    report = validate(package.folder, engine=engine, **options)  # type: ignore[arg-type]
    found = {(p.rule, p.resource, p.row, p.field) for p in report.errors}
    assert found == expected
    for problem in report.errors:
        assert problem.message not in ("", RULES_BY_SLUG[problem.rule].description)
        assert problem.hint == RULES_BY_SLUG[problem.rule].hint or slug == "package-invalid"
        assert problem.file is not None
        assert problem.line is not None
        assert f"[{problem.rule}]" in problem.sentence()
        assert problem.resource in problem.sentence()


def test_every_rule_has_a_message_template_and_a_fix() -> None:
    lacking = [r.slug for r in RULES if not r.template.strip() or not r.hint.strip()]
    assert lacking == []


def test_a_template_quotes_the_row_it_is_about() -> None:
    problem = describe(
        "date-order",
        "events",
        4,
        "date_end",
        "2023-10-02",
        cells={"date_start": "2023-10-05", "date_end": "2023-10-02"},
    )
    assert problem.message == "date_end 2023-10-02 is before date_start 2023-10-05"
    negative = describe("value-negative", "claims", 3, "value_low", "-5")
    assert negative.message == "value_low is negative: -5"
    blank = describe("id-whitespace", "actors", 1, "actor_id", "mali-fama ")
    assert blank.message == "actor_id has leading or trailing blanks: 'mali-fama '"


@pytest.mark.parametrize("engine", ["pandera", "pydantic"])
def test_bundled_package_is_valid(engine: str) -> None:
    report = validate(engine=engine)  # type: ignore[arg-type]
    assert report.errors == ()
    assert report.valid


@pytest.mark.parametrize("engine", ["pandera", "pydantic"])
def test_bundled_package_is_valid_against_its_snapshots(engine: str, seeds: Path) -> None:
    report = validate(engine=engine, sources_dir=seeds)  # type: ignore[arg-type]
    assert report.errors == ()


def test_a_date_that_is_no_calendar_day_is_a_type_problem(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    row = package.row_of("events", "event_id", "2023-06-09-ber")
    package.set("events", row, "date_start", "2023-02-30")
    assert both_engines(package.folder) == {("type", "events", row, "date_start", "2023-02-30"): 1}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_both_engines_give_the_same_whole_problems(slug: str, tmp_path: Path) -> None:
    """Message, hint, file and line included: one meaning per rule, said the same way."""
    if slug in ("snapshot-missing", "quote-not-in-snapshot"):
        need_seeds()
    package = Package(tmp_path / "pkg")
    _, options = CASES[slug](package)
    reports = [
        validate(package.folder, engine=engine, **options)  # type: ignore[arg-type]
        for engine in ("pandera", "pydantic")
    ]
    assert reports[0].errors == reports[1].errors


def test_a_repeated_key_of_two_columns_names_both(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    first = package.rows("participants")[0]
    row = package.append("participants", first)
    for engine in ("pandera", "pydantic"):
        (problem,) = validate(package.folder, engine=engine).errors  # type: ignore[arg-type]
        assert (problem.rule, problem.resource, problem.row, problem.field) == (
            "unique-key",
            "participants",
            row,
            "event_id,actor_id",
        )
        assert (problem.value, problem.message) == (
            f"{first['event_id']},{first['actor_id']}",
            f"event_id,actor_id repeats an earlier row: '{first['event_id']},{first['actor_id']}'",
        )


def test_a_source_first_named_by_the_last_claim_is_dated_against_its_event(
    tmp_path: Path,
) -> None:
    """source-before-event for the source the claims name last, through a single claim: the
    latest start per source is read off the end of one sorted array, whose last entry is it."""
    p = Package(tmp_path / "pkg")
    last = p.rows("claims")[-1]
    source = next(s for s in p.rows("sources") if s["source_id"] == last["source_id"])
    row = p.append("sources", {**source, "source_id": "copy-source", "published_on": "2023-01-01"})
    p.append("claims", {**last, "claim_id": "copy-claim", "source_id": "copy-source"})
    assert both_engines(p.folder) == {
        ("source-before-event", "sources", row, "published_on", "2023-01-01"): 1
    }
