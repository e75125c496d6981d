"""The rule catalogue as a text table (``conflict-claims rules``) and as Markdown (README)."""

from __future__ import annotations

from conflict_claims.contract.rules import RULES, Rule

#: Why Table Schema (and so ``frictionless validate``) cannot express a rule.
WHY_NOT_TABLE_SCHEMA: dict[str, str] = {
    "package-invalid": "package reading: comes before any schema",
    "path-unsafe": "safety: Table Schema says nothing about where files may live",
    "table-missing": "package structure: which resources a package must have",
    "written-by-pandas": "a diagnosis across the whole file",
    "control-character": "text hygiene beyond patterns",
    "formula-injection": "text hygiene beyond patterns",
    "id-whitespace": "text hygiene beyond patterns",
    "date-order": "cross-column",
    "value-order": "cross-column",
    "value-text-mismatch": "cross-column",
    "figure-not-in-quote": "cross-column",
    "duplicate-claim": "cross-row",
    "parent-cycle": "cross-row (a graph over the rows)",
    "link-cycle": "cross-row (a graph over the rows)",
    "restatement-mismatch": "cross-row",
    "distortion-mismatch": "cross-row",
    "part-mismatch": "cross-row",
    "parts-exceed-total": "cross-row (a sum over the rows)",
    "subject-not-participant": "cross-table",
    "unattributed-claimant": "cross-table",
    "quantifier-unknown": "cross-table",
    "quantifier-mismatch": "cross-table",
    "claim-before-event": "cross-table",
    "source-before-event": "cross-table",
    "snapshot-missing": "outside the package: the source documents",
    "quote-not-in-snapshot": "outside the package: the source documents",
    "file-not-regular": "safety: Table Schema says nothing about kinds of file",
    "limit-exceeded": "safety: the bounds of one run, not a property of the data",
    "column-unexpected": "the contract's columns: a derived schema may declare more",
    "schema-invalid": "partly: unknown types and repeated fields yes, the contract's keys no",
    "resource-unsupported": "the reader's limits: Table Schema allows other dialects",
}


def table_schema_column(rule: Rule) -> str:
    if rule.table_schema:
        return "yes"
    return f"no: {WHY_NOT_TABLE_SCHEMA.get(rule.slug, 'not expressible')}"


def checked_by(rule: Rule) -> str:
    if rule.scope == "package":
        return "reader (before both layers)"
    return "Pandera and Pydantic layers"


def catalogue_text() -> str:
    """One line per rule: slug, scope, whether Table Schema expresses it, description."""
    width = max(len(r.slug) for r in RULES)
    lines = [f"{'rule':<{width}}  {'scope':<8} {'Table Schema':<13} description"]
    for r in RULES:
        schema = "yes" if r.table_schema else "no"
        lines.append(f"{r.slug:<{width}}  {r.scope:<8} {schema:<13} {r.description}")
    lines.append("")
    lines.append(
        f"{len(RULES)} rules; {sum(r.table_schema for r in RULES)} of them can be expressed "
        "in Table Schema (frictionless validate)."
    )
    return "\n".join(lines) + "\n"


def catalogue_markdown() -> str:
    """The README table of rules."""
    lines = [
        "| rule | what it checks | checked by | Table Schema can express it |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{r.slug}` | {r.description} | {checked_by(r)} | {table_schema_column(r)} |"
        for r in RULES
    ]
    return "\n".join(lines) + "\n"
