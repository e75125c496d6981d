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


_R = Rule
RULES: tuple[Rule, ...] = (
    # reading the package
    _R(
        "package-invalid",
        "datapackage.json exists, is JSON and describes resources.",
        "package",
        False,
        "Point at a datapackage.json or a folder holding one.",
    ),
    _R(
        "path-unsafe",
        "A resource path stays inside the package folder: not absolute, no '..', no URL.",
        "package",
        False,
        "Use a relative path inside the package folder.",
    ),
    _R(
        "table-missing",
        "The package has every table: events, actors, participants, sources, claims, quantifiers.",
        "package",
        False,
        "Add the resource or name it in the profile.",
    ),
    _R("file-unreadable", "Each table's file exists and can be read.", "package", True),
    _R("encoding-invalid", "Each file is valid UTF-8.", "package", True, "Save the file as UTF-8."),
    _R(
        "csv-malformed",
        "Each file parses as CSV with as many cells per row as header columns.",
        "package",
        True,
        "Check quoting and the number of commas on that row.",
    ),
    _R("column-missing", "Every column of the table's schema is present.", "package", True),
    _R("column-unexpected", "No column beyond the schema (only with --strict).", "package", True),
    # cells, in the order they are checked: a cell reports only its first failure
    _R(
        "control-character",
        "No control characters in any cell (tab and newlines allowed).",
        "cell",
        False,
        "Remove the invisible control character.",
    ),
    _R(
        "formula-injection",
        "No cell starts like a spreadsheet formula ('=', '+', '@', or '-' followed by a letter).",
        "cell",
        False,
        "Reword the cell or prefix it with a quote mark.",
    ),
    _R(
        "id-whitespace",
        "No leading or trailing blanks in an id.",
        "cell",
        False,
        "Strip the blanks.",
    ),
    _R(
        "required",
        "A required cell is not empty: every claim names its event, claimant, source and subject.",
        "cell",
        True,
        "Fill the cell.",
    ),
    _R("type", "Integers are whole numbers; dates are real ISO dates (YYYY-MM-DD).", "cell", True),
    _R("pattern", "Ids, country, language, URL and sha256 have the expected form.", "cell", True),
    _R(
        "vocabulary",
        "event_type, actor_type, source_type, category and attribution use the "
        "controlled vocabularies.",
        "cell",
        True,
    ),
    _R("value-negative", "value_low and value_high are not negative.", "cell", True),
    # rows: checked on rows whose cells are all well-formed
    _R("date-order", "An event's date_start is not after its date_end.", "row", False),
    _R(
        "value-order",
        "value_low is not above value_high where value_high is given.",
        "row",
        False,
        "Swap the bounds or empty value_high.",
    ),
    _R(
        "value-text-mismatch",
        "A numeric value_text (digits or number words) equals value_low and value_high.",
        "row",
        False,
    ),
    _R(
        "figure-not-in-quote",
        "The figure appears in its quote, as value_text, digits or number words (English or "
        "French).",
        "row",
        False,
        "Quote the passage that states the figure.",
    ),
    # the dataset: checked on rows that passed their own rules
    _R(
        "unique-key",
        "Primary keys are unique (claim_id, event_id, actor_id, source_id, phrase, "
        "and event_id+actor_id in participants).",
        "dataset",
        True,
    ),
    _R(
        "duplicate-claim",
        "No two claims are identical in every field but their claim_id.",
        "dataset",
        False,
        "Delete the repeated row.",
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
    ),
    _R("parent-cycle", "The parent_id graph of actors has no cycle.", "dataset", False),
    _R(
        "link-cycle",
        "Following restates, part_of and distorts from a claim never leads back to it.",
        "dataset",
        False,
        "Point the link at the original statement or the total, never back down the chain.",
    ),
    _R(
        "restatement-mismatch",
        "A claim that restates another has its event, claimant, subject and category, and an "
        "interval that overlaps its interval.",
        "dataset",
        False,
        "If the passage changes the figure, who said it or what it counts, use distorts "
        "instead of restates.",
    ),
    _R(
        "distortion-mismatch",
        "A claim that distorts another is about the same event and differs from it in "
        "claimant, subject, category or interval.",
        "dataset",
        False,
        "If nothing is changed, use restates instead of distorts.",
    ),
    _R(
        "part-mismatch",
        "A part of a total has the total's event, claimant, subject and category.",
        "dataset",
        False,
    ),
    _R(
        "parts-exceed-total",
        "The parts of a total do not add up to more than the total's value_high.",
        "dataset",
        False,
        "Check the figures, or drop part_of where the figures are not parts of this total.",
    ),
    _R(
        "subject-not-participant",
        "A claim's subject took part in its event (directly or through "
        "a coalition it belongs to), or is civilians or unidentified.",
        "dataset",
        False,
        "Add the subject to participants or fix subject_id.",
    ),
    _R(
        "unattributed-claimant",
        "A figure given in the source's own voice or as 'reportedly' is "
        "claimed by an actor of type outlet.",
        "dataset",
        False,
    ),
    _R(
        "quantifier-unknown",
        "Every vague value_text is a phrase of the quantifiers table.",
        "dataset",
        False,
        "Add the phrase to quantifiers.",
    ),
    _R(
        "quantifier-mismatch",
        "A vague value_text carries exactly its quantifier's interval.",
        "dataset",
        False,
    ),
    _R("claim-before-event", "A claim is not dated before its event starts.", "dataset", False),
    _R(
        "source-before-event",
        "A source is not published before an event it reports starts.",
        "dataset",
        False,
    ),
    _R(
        "snapshot-missing",
        "With a snapshots folder: a file with the source's snapshot_sha256 is in it.",
        "dataset",
        False,
    ),
    _R(
        "quote-not-in-snapshot",
        "With a snapshots folder: the quote occurs verbatim in its source's snapshot.",
        "dataset",
        False,
    ),
)

RULES_BY_SLUG: dict[str, Rule] = {rule.slug: rule for rule in RULES}

CELL_ORDER: tuple[str, ...] = tuple(r.slug for r in RULES if r.scope == "cell")
"""Cell rules in the order a cell is checked; a cell is reported under its first failure only."""
