"""The rule catalogue: every rule the validators enforce, with a stable slug.

Slugs are the contract: reports, tests and users' CI match on them, never on message prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Scope = Literal["package", "cell", "row", "dataset"]


@dataclass(frozen=True)
class Rule:
    """One rule: its slug, what it says, at which level it is checked."""

    slug: str
    description: str
    scope: Scope
    table_schema: bool
    """Whether Table Schema (and so `frictionless validate`) can express it."""
    hint: str = ""
    """How to fix it, in words a person deriving a package can act on."""
    template: str = ""
    """The problem, phrased from its data (see ``contract.problems.describe``): ``{field}`` and
    ``{value}`` are the cell reported, ``{detail}`` what the check found, and any other name is
    a cell of the same row (``{date_start}``)."""


_R = Rule
RULES: tuple[Rule, ...] = (
    # reading the package
    _R(
        "package-invalid",
        "datapackage.json exists, is JSON and describes resources.",
        "package",
        False,
        "Point at a datapackage.json or a folder holding one, and check that it is JSON with a "
        "'resources' list.",
        "{detail}",
    ),
    _R(
        "path-unsafe",
        "A resource path stays inside the package folder, symlinks followed: not absolute, "
        "no '..', no URL; a redirect stays on its host.",
        "package",
        False,
        "Use a relative path inside the package folder (or pass --trusted, or --allow-remote "
        "for a URL).",
        "{detail}: {value}",
    ),
    _R(
        "table-missing",
        "The package has every table: events, actors, participants, sources, claims, quantifiers.",
        "package",
        False,
        "Add the resource, or map the table to your resource's name under the conflictClaims "
        'key: "conflictClaims": {"tables": {"claims": "my-claims"}}.',
        "{detail}",
    ),
    _R(
        "file-unreadable",
        "Each table's file exists and can be read.",
        "package",
        True,
        "Check the resource's path in datapackage.json and that the file is there.",
        "{detail}",
    ),
    _R(
        "encoding-invalid",
        "Each file is valid UTF-8.",
        "package",
        True,
        "Save the file as UTF-8.",
        "{detail}",
    ),
    _R(
        "csv-malformed",
        "Each file parses as CSV with as many cells per row as header columns.",
        "package",
        True,
        "Check quoting and the number of commas on that row.",
        "{detail}",
    ),
    _R(
        "column-missing",
        "Every column of the table's schema is present.",
        "package",
        True,
        "Add the column to the header (it may stay empty where the schema allows it), or check "
        "its spelling.",
        "column {field} is missing from the header",
    ),
    _R(
        "column-unexpected",
        "No column beyond the contract's (only with --strict).",
        "package",
        False,
        "Drop the column, or validate without --strict: declared extra columns are allowed by "
        "default.",
        "column {field} is not in the contract's schema",
    ),
    _R(
        "written-by-pandas",
        "A table does not bear the marks of a pandas read_csv/to_csv round trip with default "
        "options (an index column, integers written as 10.0).",
        "package",
        False,
        "Read with pd.read_csv(path, dtype=str, keep_default_na=False) and write with "
        "to_csv(path, index=False).",
        "{detail}",
    ),
    # cells, in the order they are checked: a cell reports only its first failure
    _R(
        "control-character",
        "No control characters in any cell (tab and newlines allowed).",
        "cell",
        False,
        "Remove the invisible control character.",
        "{field} holds a control character: {value!r}",
    ),
    _R(
        "formula-injection",
        "No cell starts like a spreadsheet formula ('=', '+', '@', or '-' followed by a letter).",
        "cell",
        False,
        "Reword the cell or prefix it with a quote mark.",
        "{field} starts like a spreadsheet formula: {value!r}",
    ),
    _R(
        "id-whitespace",
        "No leading or trailing blanks in an id.",
        "cell",
        False,
        "Strip the blanks.",
        "{field} has leading or trailing blanks: {value!r}",
    ),
    _R(
        "required",
        "A required cell is not empty: every claim names its event, claimant, source and subject.",
        "cell",
        True,
        "Fill the cell.",
        "{field} is empty, but required",
    ),
    _R(
        "type",
        "Integers are whole numbers; dates are real ISO dates (YYYY-MM-DD).",
        "cell",
        True,
        "Write whole numbers as digits only (10, not 10.0 or ten) and dates as YYYY-MM-DD.",
        "{field} is {detail}: {value!r}",
    ),
    _R(
        "pattern",
        "Ids, country, language, URL and sha256 have the expected form.",
        "cell",
        True,
        "Write the value in the form the pattern describes (see the table's schema in schemas/).",
        "{field} {detail}: {value!r}",
    ),
    _R(
        "vocabulary",
        "event_type, actor_type, source_type, category and attribution use the "
        "controlled vocabularies.",
        "cell",
        True,
        "Use one of the listed values, spelled exactly (lower case, underscores).",
        "{field} is {value!r}, {detail}",
    ),
    _R(
        "value-negative",
        "value_low and value_high are not negative.",
        "cell",
        True,
        "Write the count without a sign: a figure counts people, never below 0.",
        "{field} is negative: {value}",
    ),
    # rows: checked on rows whose cells are all well-formed
    _R(
        "date-order",
        "An event's date_start is not after its date_end.",
        "row",
        False,
        "Swap date_start and date_end, or correct the one that is wrong.",
        "date_end {date_end} is before date_start {date_start}",
    ),
    _R(
        "value-order",
        "value_low is not above value_high where value_high is given.",
        "row",
        False,
        "Swap the bounds or empty value_high.",
        "value_low {value_low} is above value_high {value_high}",
    ),
    _R(
        "value-text-mismatch",
        "A numeric value_text (digits or number words) equals value_low and value_high.",
        "row",
        False,
        "Make value_low and value_high both the number value_text states.",
        "value_text {value_text!r} states a figure other than value_low {value_low} and "
        "value_high {value_high}",
    ),
    _R(
        "figure-not-in-quote",
        "The figure appears in its quote, as value_text, digits or number words (English or "
        "French).",
        "row",
        False,
        "Quote the passage that states the figure.",
        "the quote states neither value_text {value_text!r} nor value_low {value_low} "
        "in digits or words",
    ),
    # the dataset: checked on rows that passed their own rules
    _R(
        "unique-key",
        "Primary keys are unique (claim_id, event_id, actor_id, source_id, phrase, "
        "and event_id+actor_id in participants).",
        "dataset",
        True,
        "Give this row a key of its own, or delete it if it repeats the earlier one.",
        "{detail}: {value!r}",
    ),
    _R(
        "duplicate-claim",
        "No two claims are identical in every field but their claim_id.",
        "dataset",
        False,
        "Delete the repeated row.",
        "{detail}: {value!r}",
    ),
    _R(
        "foreign-key",
        "Every reference exists: a claim's event, claimant, source and subject, the claims "
        "it restates, is part of or distorts, a participant's event and actor, an actor's "
        "parent.",
        "dataset",
        True,
        "Keep the row it refers to, or drop this row too: a derived package may be any subset "
        "of rows, as long as what remains keeps its references.",
        "{detail}: {value!r}",
    ),
    _R(
        "parent-cycle",
        "The parent_id graph of actors has no cycle.",
        "dataset",
        False,
        "Empty or correct parent_id on one actor of the cycle: a coalition contains its "
        "members, never the other way round.",
        "{detail}: {value!r}",
    ),
    _R(
        "link-cycle",
        "Following restates, part_of and distorts from a claim never leads back to it.",
        "dataset",
        False,
        "Point the link at the original statement or the total, never back down the chain.",
        "{detail} (through {value!r})",
    ),
    _R(
        "restatement-mismatch",
        "A claim that restates another has its event, claimant, subject and category, and an "
        "interval that overlaps its interval.",
        "dataset",
        False,
        "If the passage changes the figure, who said it or what it counts, use distorts "
        "instead of restates.",
        "{detail}: {value!r}",
    ),
    _R(
        "distortion-mismatch",
        "A claim that distorts another is about the same event and differs from it in "
        "claimant, subject, category or interval.",
        "dataset",
        False,
        "If nothing is changed, use restates instead of distorts.",
        "{detail}: {value!r}",
    ),
    _R(
        "part-mismatch",
        "A part of a total has the total's event, claimant, subject and category.",
        "dataset",
        False,
        "Point part_of at a total of the same statement (same event, claimant, subject and "
        "category), or empty it.",
        "{detail}: {value!r}",
    ),
    _R(
        "parts-exceed-total",
        "The parts of a total do not add up to more than the total's value_high.",
        "dataset",
        False,
        "Check the figures, or drop part_of where the figures are not parts of this total.",
        "{detail}: {value}",
    ),
    _R(
        "subject-not-participant",
        "A claim's subject took part in its event (directly or through "
        "a coalition it belongs to), or is civilians or unidentified.",
        "dataset",
        False,
        "Add the subject to participants or fix subject_id.",
        "{detail}: {value!r}",
    ),
    _R(
        "unattributed-claimant",
        "A figure given in the source's own voice or as 'reportedly' is "
        "claimed by an actor of type outlet.",
        "dataset",
        False,
        "Make the outlet that published it the claimant, or set attribution to who is named.",
        "{detail}: {value!r}",
    ),
    _R(
        "quantifier-unknown",
        "Every vague value_text is a phrase of the quantifiers table.",
        "dataset",
        False,
        "Add the phrase to quantifiers.",
        "{detail}: {value!r}",
    ),
    _R(
        "quantifier-mismatch",
        "A vague value_text carries exactly its quantifier's interval.",
        "dataset",
        False,
        "Copy value_low and value_high from the phrase's row in quantifiers.",
        "{detail}",
    ),
    _R(
        "claim-before-event",
        "A claim is not dated before its event starts.",
        "dataset",
        False,
        "Correct claimed_on, or the event's date_start.",
        "{detail}: claimed_on {value}",
    ),
    _R(
        "source-before-event",
        "A source is not published before an event it reports starts.",
        "dataset",
        False,
        "Correct published_on, or the date of the event the source's claims are about.",
        "{detail}: published_on {value}",
    ),
    _R(
        "snapshot-missing",
        "With a snapshots folder: a file with the source's snapshot_sha256 is in it.",
        "dataset",
        False,
        "Put the source document in the snapshots folder, or correct snapshot_sha256 "
        "(sha256sum FILE).",
        "{detail}: {value}",
    ),
    _R(
        "quote-not-in-snapshot",
        "With a snapshots folder: the quote occurs verbatim in its source's snapshot.",
        "dataset",
        False,
        "Copy the quote from the snapshot character for character (spaces and quote marks "
        "included).",
        "{detail}: {value!r}",
    ),
    # the declared schema: what a resource says about its file, held to Table Schema
    _R(
        "schema-missing",
        "Each resource declares a Table Schema: a 'schema' object with a list of 'fields'.",
        "package",
        True,
        "Declare the table's schema (copy the bundled descriptor's and add your own columns).",
        "{detail}",
    ),
    _R(
        "schema-invalid",
        "The declared schema is one this validator can check: fields with a string name, a "
        "known type, format and constraints; the contract's primary key.",
        "package",
        False,
        "Correct the field, or declare it as a plain string.",
        "{detail}",
    ),
    _R(
        "resource-unsupported",
        "A resource's declared format, encoding, dialect and missingValues are what the reader "
        "honours: CSV in UTF-8, comma-separated, double quotes, one header row, empty cells "
        "among the missing values.",
        "package",
        False,
        "Write the file as UTF-8, comma-separated, with double quotes and one header row, and "
        'drop the setting (pandas: to_csv(path, index=False)); missingValues must keep "".',
        "{detail}: {value}",
    ),
    _R(
        "header-mismatch",
        "The file's header names the declared schema's fields, one by one and in order.",
        "package",
        True,
        "Reorder the columns, or the fields, so that the two agree; declare any added column.",
        "{detail}",
    ),
    _R(
        "file-stats",
        "A resource's declared bytes and hash match its file.",
        "package",
        True,
        "Recompute the size and hash of the file, or drop them from the descriptor.",
        "{detail}",
    ),
    _R(
        "field-type",
        "A cell of a declared field has the field's declared type and format (added columns, "
        "and contract columns declared otherwise).",
        "cell",
        True,
        "Fix the cell, or declare the field's type as it is.",
        "{field} is {detail}: {value!r}",
    ),
    _R(
        "field-constraint",
        "A cell of a declared field meets the field's declared constraints (required, unique, "
        "minimum, maximum, minLength, maxLength, pattern, enum).",
        "cell",
        True,
        "Fix the cell, or relax the declared constraint.",
        "{field} {detail}: {value!r}",
    ),
    # what a run may read (containment and bounds, checked before a file is opened)
    _R(
        "file-not-regular",
        "A table or descriptor is a regular file, never a folder, FIFO, device or socket.",
        "package",
        False,
        "Point the resource at the file itself, not at a folder, pipe or device.",
        "{detail}",
    ),
    _R(
        "limit-exceeded",
        "Each file, the descriptor and each remote fetch stay within the run's bounds: size, "
        "descriptor depth, time.",
        "package",
        False,
        "Raise the bound named in the message if the package really is that large or slow.",
        "{detail}",
    ),
)

RULES_BY_SLUG: dict[str, Rule] = {rule.slug: rule for rule in RULES}

CELL_ORDER: tuple[str, ...] = tuple(r.slug for r in RULES if r.scope == "cell")
"""Cell rules in the order a cell is checked; a cell is reported under its first failure only."""
