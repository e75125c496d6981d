"""Inputs on which the two validation layers once disagreed or one of them crashed, found by the
property tests (tests/test_properties_*.py) and kept here as plain examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_claims.contract.numbers import parse_number
from conflict_claims.validation.package import validate
from pkgtools import Package, both_engines


@pytest.mark.parametrize("engine", ["pandera", "pydantic"])
def test_sources_without_claims(engine: str, tmp_path: Path) -> None:
    """No claim, so no source reports an event: the date rules have nothing to compare."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("claims")
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
    assert report.keys() == set()


@pytest.mark.parametrize("engine", ["pandera", "pydantic"])
def test_claims_when_no_event_is_sound(engine: str, tmp_path: Path) -> None:
    """Every event has a broken cell, so no claim's event start is known."""
    package = Package(tmp_path / "pkg")
    rows = package.rows("events")
    package.write_rows("events", [{**r, "name": ""} for r in rows])
    report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
    assert report.keys() == {("required", "events", n) for n in range(1, len(rows) + 1)}


@pytest.mark.parametrize(
    ("key", "value"),
    [("name", {"a": 1}), ("name", ["claims"]), ("mapping", ["x"]), ("mapping", {"x": 1})],
)
def test_odd_resource_names_are_a_missing_table(key: str, value: object, tmp_path: Path) -> None:
    """Valid JSON with a resource name or a table mapping that is no string: no crash."""
    package = Package(tmp_path / "pkg")
    descriptor = package.descriptor
    resources: list[dict[str, object]] = descriptor["resources"]  # type: ignore[assignment]
    claims = next(r for r in resources if r["name"] == "claims")
    if key == "name":
        claims["name"] = value
    else:
        descriptor["conflictClaims"] = {"tables": {"claims": value}}
    package.write_descriptor(descriptor)
    for engine in ("pandera", "pydantic"):
        report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
        # a mapping that is no string is a malformed descriptor; a resource whose name is no
        # string cannot be the claims table, which is then missing
        rule = "table-missing" if key == "name" else "package-invalid"
        assert report.keys() == {(rule, "claims", None)}


def test_a_csv_dialect_other_than_commas_is_reported_not_misread(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    descriptor = package.descriptor
    resources: list[dict[str, object]] = descriptor["resources"]  # type: ignore[assignment]
    next(r for r in resources if r["name"] == "events")["dialect"] = {"delimiter": ";"}
    package.write_descriptor(descriptor)
    for engine in ("pandera", "pydantic"):
        report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
        assert report.keys() == {("resource-unsupported", "events", None)}


# ---------------------------------------------------------------- engines that disagreed (#14)
# Each case once split the engines (or crashed one): both must now report the same whole
# problems, (rule, resource, row, field, value) and how many, and these exact ones.


def _claim(package: Package, **cells: str) -> dict[str, str]:
    """The first claim of the bundled package, with some cells changed."""
    return {**package.rows("claims")[0], **cells}


def test_a_repeated_claim_is_found_when_its_figure_is_written_010(tmp_path: Path) -> None:
    """Integers are compared as integers: 010 is the figure 10."""
    package = Package(tmp_path / "pkg")
    first = package.rows("claims")[0]
    assert first["value_low"] == first["value_high"] == "10"
    row = package.append("claims", _claim(package, claim_id="wp-bourem-99", value_low="010"))
    assert both_engines(package.folder) == {
        ("duplicate-claim", "claims", row, "claim_id", "wp-bourem-99"): 1
    }


def test_a_no_break_space_in_a_url_breaks_its_pattern(tmp_path: Path) -> None:
    """The URL pattern says "no whitespace" in characters both regex engines read alike."""
    package = Package(tmp_path / "pkg")
    url = "https://example.org/battle\u00a0of-bourem"
    package.set("sources", 1, "url", url)
    assert both_engines(package.folder) == {("pattern", "sources", 1, "url", url): 1}


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u3000", "\u202f", " ", "\t"])
def test_no_url_holds_whitespace_of_any_kind(space: str, tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    package.set("sources", 2, "url", f"https://example.org/a{space}b")
    assert {(rule, row) for rule, _, row, _, _ in both_engines(package.folder)} == {("pattern", 2)}


def test_integers_above_2_to_the_53_are_compared_exactly(tmp_path: Path) -> None:
    """2**53 + 1 and 2**53 are one float64: compared as integers they differ."""
    package = Package(tmp_path / "pkg")
    big, bigger = str(2**53), str(2**53 + 1)
    quote = f"the army counted {bigger} losses"
    row = package.append(
        "claims",
        _claim(package, claim_id="wp-bourem-98", value_low=bigger, value_high=big,
               value_text=bigger, quote=quote),
    )  # fmt: skip
    found = both_engines(package.folder)
    assert set(found) == {
        ("value-order", "claims", row, "value_high", big),
        ("value-text-mismatch", "claims", row, "value_text", bigger),
    }


def test_the_largest_64_bit_integers_are_read_exactly(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    top = str(2**63 - 1)
    quote = f"the army counted {top} losses"
    package.append(
        "claims",
        _claim(package, claim_id="wp-bourem-97", value_low=top, value_high=top,
               value_text=top, quote=quote),
    )  # fmt: skip
    assert both_engines(package.folder) == {}
    package.set("claims", len(package.rows("claims")), "value_high", str(2**63))
    assert {rule for rule, *_ in both_engines(package.folder)} == {"type"}


@pytest.mark.parametrize(
    "text",
    ["1" + "0" * 400, " ".join(["hundred"] * 160), "1" + "0" * 5000, "9" * 20, "~" + "7" * 30],
)
def test_a_huge_stated_figure_is_reported_not_raised(text: str, tmp_path: Path) -> None:
    """Beyond 64-bit integers a figure equals no value_low: value-text-mismatch, no crash."""
    package = Package(tmp_path / "pkg")
    row = package.append(
        "claims",
        _claim(package, claim_id="wp-bourem-96", value_text=text, quote=f"they said {text} died"),
    )
    # (number words are text2num's to read: a pile of "hundred" is no number, so vague)
    rule = "value-text-mismatch" if parse_number(text) is not None else "quantifier-unknown"
    assert both_engines(package.folder) == {(rule, "claims", row, "value_text", _clipped(text)): 1}


def _clipped(text: str) -> str:
    from conflict_claims.contract.problems import describe

    return describe("type", "claims", 1, "value_text", text, "").value or ""


def test_load_and_the_command_line_report_a_huge_figure(tmp_path: Path) -> None:
    from conflict_claims import InvalidPackageError, load
    from conflict_claims.cli import main

    package = Package(tmp_path / "pkg")
    text = "1" + "0" * 400
    package.append(
        "claims",
        _claim(package, claim_id="wp-bourem-95", value_text=text, quote=f"they said {text}"),
    )
    with pytest.raises(InvalidPackageError) as raised:
        load(package.folder)
    assert {p.rule for p in raised.value.report.errors} == {"value-text-mismatch"}
    assert main(["validate", str(package.folder), "--format", "json"]) == 1


@pytest.mark.parametrize(
    ("extra", "repeated"),
    [(("a", "a"), True), (("a", "b"), False), (("", ""), True), (("", "b"), False)],
)
def test_a_repeated_claim_counts_its_added_columns(
    extra: tuple[str, str], repeated: bool, tmp_path: Path
) -> None:
    """Two claims that differ only in an added column are two claims, in both engines."""
    package = Package(tmp_path / "pkg")
    rows = package.rows("claims")
    rows = [{**r, "coder": "x"} for r in rows]
    rows.append({**rows[0], "claim_id": "wp-bourem-94", "coder": extra[1]})
    rows[0]["coder"] = extra[0]
    package.write_rows("claims", rows)
    descriptor = package.descriptor
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")  # type: ignore[attr-defined]
    claims["schema"]["fields"].append({"name": "coder", "type": "string"})  # declared, as #13 asks
    package.write_descriptor(descriptor)
    expected = {("duplicate-claim", "claims", len(rows), "claim_id", "wp-bourem-94"): 1}
    assert both_engines(package.folder) == (expected if repeated else {})


@pytest.mark.parametrize(
    ("column", "cell", "first"),
    [
        ("name", "=\x01x", "control-character"),  # control before formula
        ("claim_id", "=a ", "formula-injection"),  # formula before id-whitespace
        ("claim_id", " \x01", "control-character"),
        ("claim_id", "Bad Id ", "id-whitespace"),  # id-whitespace before pattern
        ("value_low", "-1.5", "type"),  # type before value-negative
        ("value_low", "=-1", "formula-injection"),
        ("category", "\x7fkilled", "control-character"),  # control before vocabulary
        ("category", "+killed", "formula-injection"),
        ("category", "-killed", "formula-injection"),
        ("name", "@name", "formula-injection"),
    ],
)
def test_a_cell_is_reported_under_its_first_rule_in_both_engines(
    column: str, cell: str, first: str, tmp_path: Path
) -> None:
    """The cell rules run in the catalogue's order (CELL_ORDER) in both engines."""
    from conflict_claims.contract.rules import CELL_ORDER

    assert first in CELL_ORDER
    package = Package(tmp_path / "pkg")
    table = "events" if column == "name" else "claims"
    row = 2 if table == "events" else _unreferenced_claim(package)
    package.set(table, row, column, cell)
    assert [(rule, at, field) for rule, _, at, field, _ in both_engines(package.folder)] == [
        (first, row, column)
    ]


def _unreferenced_claim(package: Package) -> int:
    """The row of a claim no other claim refers to (restates, part_of, distorts)."""
    rows = package.rows("claims")
    referred = {r.get(c) for r in rows for c in ("restates", "part_of", "distorts")}
    return next(i for i, r in enumerate(rows, 1) if r["claim_id"] not in referred)


def test_number_words_with_and_and_hyphens_are_exact(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    text = "One Hundred and Five"
    row = package.append(
        "claims",
        _claim(package, claim_id="wp-bourem-93", value_low="105", value_high="105",
               value_text=text, quote=f"about {text.lower()} soldiers"),
    )  # fmt: skip
    assert both_engines(package.folder) == {}
    package.set("claims", row, "value_low", "100")
    package.set("claims", row, "value_high", "100")
    assert both_engines(package.folder) == {
        ("value-text-mismatch", "claims", row, "value_text", text): 1
    }


# ---------------------------------------------------------------- bugs a reviewer planted (#14)
# Each of these mutations of the rule code once passed the whole suite.


@pytest.mark.parametrize("attribution", ["own_voice", "reportedly"])
def test_an_unattributed_figure_needs_an_outlet_as_claimant(
    attribution: str, tmp_path: Path
) -> None:
    package = Package(tmp_path / "pkg")
    row = package.row_of("claims", "attribution", attribution)
    package.set("claims", row, "claimant_id", "mali-fama")
    assert both_engines(package.folder) == {
        ("unattributed-claimant", "claims", row, "claimant_id", "mali-fama"): 1
    }


def test_every_quote_is_checked_verbatim_and_case_counts(tmp_path: Path, seeds: Path) -> None:
    """Two bad quotes are two problems; a quote that differs only in case is not verbatim."""
    package = Package(tmp_path / "pkg")
    rows = package.rows("claims")
    shouted = rows[0]["quote"].upper()
    rows[0]["quote"] = shouted
    rows[2]["quote"] = rows[2]["quote"] + " and more"
    package.write_rows("claims", rows)
    assert both_engines(package.folder, sources_dir=seeds) == {
        ("quote-not-in-snapshot", "claims", 1, "quote", shouted): 1,
        ("quote-not-in-snapshot", "claims", 3, "quote", rows[2]["quote"]): 1,
    }


@pytest.mark.parametrize(
    "path", ["../claims.csv", "data/../../claims.csv", "data/../data/../../x/claims.csv"]
)
def test_a_path_that_climbs_out_anywhere_is_unsafe(path: str, tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    descriptor = package.descriptor
    descriptor["resources"][4]["path"] = path  # type: ignore[index]
    package.write_descriptor(descriptor)
    assert {(rule, resource) for rule, resource, *_ in both_engines(package.folder)} == {
        ("path-unsafe", "claims")
    }


@pytest.mark.parametrize("times", [2, 3])
def test_a_column_named_twice_or_more_in_a_header_is_malformed(times: int, tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    rows = package.rows("quantifiers")
    path = package.csv_path("quantifiers")
    header = ",".join([*rows[0], *["reading"] * (times - 1)])
    lines = [",".join([*r.values(), *["x"] * (times - 1)]) for r in rows]
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    assert {(rule, resource) for rule, resource, *_ in both_engines(package.folder)} == {
        ("csv-malformed", "quantifiers")
    }


def test_a_row_rule_raises_when_a_record_is_validated_alone() -> None:
    from pydantic import ValidationError

    from conflict_claims.engines.per_record.record_models import Quantifier

    with pytest.raises(ValidationError) as raised:
        Quantifier.model_validate(
            {"phrase": "a few", "value_low": "5", "value_high": "2", "reading": "x"}
        )
    assert [e["type"] for e in raised.value.errors()] == ["value-order"]


# ---------------------------------------------------------------- boundaries of the date rules


@pytest.mark.parametrize(("published_on", "early"), [("2023-08-10", True), ("2023-08-11", False)])
def test_a_source_may_be_published_the_day_its_latest_event_starts(
    published_on: str, early: bool, tmp_path: Path
) -> None:
    """wp-ber reports events up to 2023-08-11 (the second battle of Ber)."""
    package = Package(tmp_path / "pkg")
    row = package.row_of("sources", "source_id", "wp-ber")
    package.set("sources", row, "published_on", published_on)
    expected = {("source-before-event", "sources", row, "published_on", published_on): 1}
    assert both_engines(package.folder) == (expected if early else {})


@pytest.mark.parametrize(("claimed_on", "early"), [("2023-06-08", True), ("2023-06-09", False)])
def test_a_claim_may_be_dated_the_day_its_event_starts(
    claimed_on: str, early: bool, tmp_path: Path
) -> None:
    package = Package(tmp_path / "pkg")
    row = package.row_of("claims", "claim_id", "wp-ber-01")
    package.set("claims", row, "claimed_on", claimed_on)
    expected = {("claim-before-event", "claims", row, "claimed_on", claimed_on): 1}
    assert both_engines(package.folder) == (expected if early else {})


def test_an_empty_string_is_an_empty_cell_to_a_record_model() -> None:
    from pydantic import ValidationError

    from conflict_claims.engines.per_record.record_models import Quantifier

    with pytest.raises(ValidationError) as raised:
        Quantifier.model_validate({"phrase": "", "value_low": "5", "reading": "x"})
    assert [(e["type"], e["loc"]) for e in raised.value.errors()] == [("required", ("phrase",))]


# ---------------------------------------------------------------- repeated keys


def test_a_repeated_composite_key_shows_both_parts(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    first = package.rows("participants")[0]
    row = package.append("participants", {**first, "notes": "again"})
    assert both_engines(package.folder) == {
        ("unique-key", "participants", row, "event_id,actor_id", "2023-06-09-ber,jnim"): 1
    }


def test_an_actor_is_what_its_first_row_says(tmp_path: Path) -> None:
    """An actor_id given twice: the dataset rules read its first row, in both engines."""
    package = Package(tmp_path / "pkg")
    militia = {"actor_id": "militia", "name": "A militia", "parent_id": "", "aliases": ""}
    package.append("actors", {**militia, "actor_type": "armed_group"})
    again = package.append("actors", {**militia, "actor_type": "civilians"})
    claim = package.append("claims", _claim(package, claim_id="wp-bourem-92", subject_id="militia"))
    assert both_engines(package.folder) == {
        ("unique-key", "actors", again, "actor_id", "militia"): 1,
        ("subject-not-participant", "claims", claim, "subject_id", "militia"): 1,
    }


# ---------------------------------------------------------------- quantifiers and events by value


@pytest.mark.parametrize(
    ("claim_id", "low", "high", "mismatch"),
    [
        ("wp-bourem-15", "24", "24", True),  # "dozens" sets no upper bound, the claim does
        ("wp-bourem-13", "1", "", True),  # "a" is 1..1, the claim leaves the bound empty
        ("til-dioura-11", "0", "", True),  # "denied" is 0..0
        ("wp-bourem-13", "01", "001", False),  # integers compared as integers
        ("wp-bourem-15", "024", "", False),
    ],
)
def test_a_vague_figure_carries_its_quantifiers_bounds(
    claim_id: str, low: str, high: str, mismatch: bool, tmp_path: Path
) -> None:
    package = Package(tmp_path / "pkg")
    row = package.row_of("claims", "claim_id", claim_id)
    package.set("claims", row, "value_low", low)
    package.set("claims", row, "value_high", high)
    expected = {("quantifier-mismatch", "claims", row, "value_low", low): 1}
    assert both_engines(package.folder) == (expected if mismatch else {})


def test_an_event_is_what_its_first_row_says(tmp_path: Path) -> None:
    """An event_id given twice with two start dates: the dataset rules read the first row."""
    package = Package(tmp_path / "pkg")
    first = package.rows("events")[0]
    assert (first["event_id"], first["date_start"]) == ("2023-06-09-ber", "2023-06-09")
    again = package.append(
        "events", {**first, "date_start": "2023-06-01", "date_end": "2023-06-01"}
    )
    claim = package.row_of("claims", "claim_id", "wp-ber-01")
    package.set("claims", claim, "claimed_on", "2023-06-05")
    assert both_engines(package.folder) == {
        ("unique-key", "events", again, "event_id", "2023-06-09-ber"): 1,
        ("claim-before-event", "claims", claim, "claimed_on", "2023-06-05"): 1,
    }


@pytest.mark.parametrize("column", ["value_text", "quote", "value_low"])
def test_a_claim_missing_its_figure_or_quote_breaks_only_required(
    column: str, tmp_path: Path
) -> None:
    """The row rules that read figure and quote skip a row with an empty one."""
    package = Package(tmp_path / "pkg")
    package.set("claims", 3, column, "")
    assert both_engines(package.folder) == {("required", "claims", 3, column, None): 1}


def test_a_repeated_claim_id_beside_a_link_cycle_is_reported_not_raised() -> None:
    """A second row with the id of a claim on a link cycle, whose own links lead elsewhere,
    raised StopIteration inside the link rules (an internal error on both engines)."""
    from conflict_claims.contract.claim_links import Linked, link_findings

    def claim(row: int, claim_id: str, restates: str | None) -> Linked:
        return Linked(row, claim_id, "e", "c", "s", "killed", 1, 1, restates, None, None)

    found = list(link_findings([claim(1, "a", "b"), claim(2, "b", "a"), claim(3, "a", None)]))
    assert found == [
        (
            "link-cycle",
            "claims",
            1,
            "restates",
            "b",
            "following restates from 'a' leads back to it",
        ),
        (
            "link-cycle",
            "claims",
            2,
            "restates",
            "a",
            "following restates from 'b' leads back to it",
        ),
    ]


def test_a_repeated_actor_on_a_parent_cycle_keeps_its_first_rows_parent(tmp_path: Path) -> None:
    """An actor on a parent cycle repeated with no parent: the cycle follows the first row,
    whose key it is, and the repeated row's empty parent_id is reported empty (the vectorised
    engine once gave the text 'nan')."""
    package = Package(tmp_path / "pkg")
    psd = package.row_of("actors", "actor_id", "csp-psd")
    cma = package.row_of("actors", "actor_id", "cma")
    package.set("actors", psd, "parent_id", "cma")
    repeated = package.append("actors", {**package.rows("actors")[cma - 1], "parent_id": ""})
    assert both_engines(package.folder) == {
        ("unique-key", "actors", repeated, "actor_id", "cma"): 1,
        ("parent-cycle", "actors", psd, "parent_id", "cma"): 1,
        ("parent-cycle", "actors", cma, "parent_id", "csp-psd"): 1,
        ("parent-cycle", "actors", repeated, "parent_id", None): 1,
    }
