"""For every rule of the catalogue, a strategy that takes a valid dataset and breaks exactly that
rule, together with the (rule, resource, row) set a validator must report.

A broken cell takes its row out of the dataset checks (see ``validate``), so cells are only
broken where that cannot surface another rule: in claims (nothing refers to a claim), in the
non-key cells of events and sources, in actors no other actor belongs to, in participants of
events without claims and in quantifiers no claim uses; keys only where nothing refers to them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from conflict_claims.contract.cells import CONTROL_CHARS, WHITESPACE_CHARS
from conflict_claims.contract.numbers import figure_in_quote
from conflict_claims.contract.rules import CELL_ORDER, RULES
from conflict_claims.contract.tables import (
    ANYONE,
    CATEGORIES,
    LINKS,
    OUTLET,
    TABLES,
    UNATTRIBUTED,
    Column,
)

from ._cells import Row, Tables, clean_token, free_text, fresh, phrases, slugs
from ._datasets import ancestors, datasets, snapshot_files, snapshot_text
from ._write import (
    csv_bytes,
    csv_records,
    descriptor_bytes,
    header_of,
    package_files,
    write_files,
    write_snapshots,
)

Key = tuple[str, str, int | None]
"""(rule, resource, row), as ``Report.keys()`` gives it."""


@dataclass(frozen=True)
class Broken:
    """A package that breaks one rule, and what a validator must report about it."""

    rule: str
    tables: Tables
    expected: frozenset[Key]
    files: dict[str, bytes | None] = field(default_factory=dict)
    """Files to write over the package's own (relative path -> bytes; None deletes)."""
    snapshots: dict[str, str] | None = None
    """Snapshot texts for a ``sources_dir`` (file name -> text), when the rule needs one."""
    strict: bool = False
    table_schema: bool = True
    """Whether Table Schema (frictionless) rejects this breakage too; False where the rule is
    stricter than Table Schema (say '2023-1-1', which frictionless reads as a date)."""

    def write(self, folder: str | Path) -> dict[str, Any]:
        """Write the package into folder; return the keyword arguments for ``validate``."""
        root = Path(folder)
        write_files({**package_files(self.tables), **self.files}, root)
        options: dict[str, Any] = {"strict": self.strict}
        if self.snapshots is not None:
            options["sources_dir"] = write_snapshots(self.snapshots, root / "snapshots")
        return options


Breaker = Callable[[st.DrawFn, Tables, bool], Broken]
"""(draw, a copy of a valid dataset, whether only Table Schema-visible breakages may be drawn)."""
_BREAKERS: dict[str, Breaker] = {}


def breaker(*slugs_: str) -> Callable[[Breaker], Breaker]:
    def register(fn: Breaker) -> Breaker:
        for slug in slugs_:
            _BREAKERS[slug] = fn
        return fn

    return register


def breakages(
    rule: str, *, min_claims: int = 1, table_schema_only: bool = False
) -> st.SearchStrategy[Broken]:
    """A valid drawn dataset with exactly ``rule`` broken, and the report it must produce.

    With ``table_schema_only``, only breakages that Table Schema can also see are drawn.
    """
    if rule not in _BREAKERS:
        raise KeyError(f"no breakage strategy for rule {rule!r}")

    @st.composite
    def build(draw: st.DrawFn) -> Broken:
        tables = copy.deepcopy(draw(datasets(min_claims=min_claims)))
        return _BREAKERS[rule](draw, tables, table_schema_only)

    return build()


# ---------------------------------------------------------------- where a cell may be broken


def _referenced(tables: Tables) -> dict[str, set[str]]:
    """Per table, the keys some other row refers to."""
    refs: dict[str, set[str]] = {name: set() for name in TABLES}
    for name, spec in TABLES.items():
        for fk in spec.foreign_keys:
            refs[fk.resource] |= {
                r[fk.field] or "" for r in tables[name] if r[fk.field] is not None
            }
    refs["quantifiers"] = {c["value_text"] or "" for c in tables["claims"]}
    return refs


def _safe_rows(tables: Tables, table: str, column: str) -> list[int]:
    """0-based rows of table whose ``column`` cell can be broken without surfacing another
    rule."""
    refs = _referenced(tables)
    rows = tables[table]
    key = TABLES[table].primary_key[0]
    parents = {a["parent_id"] for a in tables["actors"]}
    claimed_events = {c["event_id"] for c in tables["claims"]}
    out = []
    for i, row in enumerate(rows):
        if table == "participants":
            ok = row["event_id"] not in claimed_events
        elif table == "actors":
            ok = row["actor_id"] not in parents and (
                column != key or row["actor_id"] not in refs["actors"]
            )
        elif table == "quantifiers":
            ok = row["phrase"] not in refs["quantifiers"]
        else:
            ok = column != key or row[key] not in refs[table]
        if ok:
            out.append(i)
    return out


def _applies(slug: str, column: Column) -> bool:
    return {
        "control-character": True,
        "formula-injection": True,
        "id-whitespace": column.is_id,
        "required": column.required,
        "type": column.kind != "string",
        "pattern": column.pattern is not None,
        "vocabulary": column.enum is not None,
        "value-negative": column.minimum is not None,
    }[slug]


_BAD_INTEGERS = ("ten", "1.5", "1e3", "12a", "0x10", "-", "1 000")
_LAX_INTEGERS = (" 12", "12 ", "1_000", "\u0663", str(2**63), str(-(2**63) - 1))
_BAD_DATES = ("2023-02-30", "2023-13-01", "0000-01-01", "20230101", "01/02/2023", "2023-02-29x")
_LAX_DATES = ("2023-1-1", "2023-01-1")
_BAD_PATTERNS = {
    "country": ("ML", "MLII", "M1L", "mli"),
    "language": ("EN", "eng", "e", "e1"),
    "url": ("ftp://example.org", "http://", "www.example.org", "https:// x"),
    "snapshot_sha256": ("0" * 63, "A" * 64, "g" * 64, "0" * 65),
    "event_id": ("bourem", "2023-1-1-x", "2023-01-01", "2023-01-01-Ber"),
}
_BAD_SLUGS = ("Upper", "a--b", "a_b", "-", "a-", "é", "a b")


@st.composite
def bad_value(
    draw: st.DrawFn, slug: str, column: Column, value: str | None, table_schema_only: bool = False
) -> tuple[str | None, bool]:
    """A cell value whose first failing rule (in CELL_ORDER) is ``slug``; and whether Table
    Schema rejects it too."""
    base = value or "x"
    if slug == "control-character":
        at = draw(st.integers(0, len(base)))
        return base[:at] + draw(st.sampled_from(CONTROL_CHARS)) + base[at:], False
    if slug == "formula-injection":
        start = draw(st.sampled_from(("=", "+", "@", "-a", "-Z", "=SUM(A1)")))
        return start + draw(clean_token(0, 8)), False
    if slug == "id-whitespace":
        blank = draw(st.sampled_from([c for c in WHITESPACE_CHARS if c not in CONTROL_CHARS]))
        return (blank + base if draw(st.booleans()) else base + blank), False
    if slug == "required":
        return None, True
    if slug == "type":
        strict, lax = (
            (_BAD_INTEGERS, _LAX_INTEGERS) if column.kind == "integer" else (_BAD_DATES, _LAX_DATES)
        )
        if not table_schema_only and draw(st.booleans()):
            return draw(st.sampled_from(lax)), False
        return draw(st.sampled_from(strict)), True
    if slug == "pattern":
        pool = _BAD_PATTERNS.get(column.name, _BAD_SLUGS)
        candidate = draw(st.sampled_from(pool) | clean_token(1, 10))
        if re.fullmatch(column.pattern or "", candidate):
            candidate = pool[0]
        return candidate, True
    if slug == "vocabulary":
        options = column.enum or ()
        # a column without a vocabulary (drawn by messy inputs) only gets a fresh token
        shouted = [v.upper() for v in options]
        tokens = clean_token(1, 10)
        candidate = draw(st.sampled_from(shouted) | tokens if shouted else tokens)
        return fresh(candidate, set(options), "x"), True
    if slug == "value-negative":
        return f"-{draw(st.integers(1, 10**6))}", True
    if slug in ("field-type", "field-constraint"):
        # only a declared field can break these (see _added_column): any text will do here
        return draw(clean_token(0, 8)), True
    raise AssertionError(slug)  # pragma: no cover


def _cell_breaker(slug: str) -> Breaker:
    def build(draw: st.DrawFn, tables: Tables, table_schema_only: bool) -> Broken:
        spots = [
            (name, i, column)
            for name, spec in TABLES.items()
            for column in spec.columns
            if _applies(slug, column)
            for i in _safe_rows(tables, name, column.name)
        ]
        name, i, column = draw(st.sampled_from(spots))
        value, portable = draw(
            bad_value(slug, column, tables[name][i][column.name], table_schema_only)
        )
        tables[name][i][column.name] = value
        return Broken(slug, tables, frozenset({(slug, name, i + 1)}), table_schema=portable)

    return build


for _slug in CELL_ORDER:
    _BREAKERS[_slug] = _cell_breaker(_slug)


# ---------------------------------------------------------------- row rules


@breaker("date-order")
def _date_order(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    i = draw(st.integers(0, len(tables["events"]) - 1))
    event = tables["events"][i]
    start = dt.date.fromisoformat(event["date_start"] or "")
    event["date_end"] = (start - dt.timedelta(days=draw(st.integers(1, 400)))).isoformat()
    return Broken(
        "date-order", tables, frozenset({("date-order", "events", i + 1)}), table_schema=False
    )


def _new_phrase(draw: st.DrawFn, tables: Tables) -> str:
    taken = {q["phrase"] or "" for q in tables["quantifiers"]}
    taken |= {c["value_text"] or "" for c in tables["claims"]}
    return fresh(draw(phrases()), taken, " x")


@breaker("value-order")
def _value_order(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    unused = _safe_rows(tables, "quantifiers", "value_high")
    choices = [i for i in unused if tables["quantifiers"][i]["value_high"] is not None]
    if draw(st.booleans()) and choices:
        i = draw(st.sampled_from(choices))
        q = tables["quantifiers"][i]
        q["value_low"] = str(int(q["value_high"] or 0) + draw(st.integers(1, 1000)))
    else:
        high = draw(st.integers(0, 1000))
        row: Row = {
            "phrase": _new_phrase(draw, tables),
            "value_low": str(high + draw(st.integers(1, 50))),
            "value_high": str(high),
            "reading": draw(free_text()),
        }
        i = draw(st.integers(0, len(tables["quantifiers"])))
        tables["quantifiers"].insert(i, row)
    return Broken(
        "value-order",
        tables,
        frozenset({("value-order", "quantifiers", i + 1)}),
        table_schema=False,
    )


def _claim(draw: st.DrawFn, tables: Tables, unlink: bool = False) -> tuple[int, Row]:
    """A claim to break; with ``unlink``, cut its links both ways first, for a breakage that
    changes what a link compares (event, claimant, subject, category, figure)."""
    i = draw(st.integers(0, len(tables["claims"]) - 1))
    claim = tables["claims"][i]
    if unlink:
        for other in tables["claims"]:
            for link in LINKS:
                if other is claim or other[link] == claim["claim_id"]:
                    other[link] = None
    return i, claim


def _claim_key(rule: str, i: int) -> frozenset[Key]:
    return frozenset({(rule, "claims", i + 1)})


@breaker("value-text-mismatch")
def _value_text_mismatch(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    i, claim = _claim(draw, tables)
    low = claim["value_low"]
    stated = draw(st.integers(0, 10**6))
    if low is not None and claim["value_high"] == low and stated == int(low):
        stated += 1
    text = str(stated)
    claim["value_text"] = text
    claim["quote"] = f"{claim['quote']} {text}"
    return Broken(
        "value-text-mismatch", tables, _claim_key("value-text-mismatch", i), table_schema=False
    )


@breaker("figure-not-in-quote")
def _figure_not_in_quote(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    i, claim = _claim(draw, tables)
    text, low = claim["value_text"] or "", int(claim["value_low"] or 0)
    # no ASCII letter or digit: number words in any language the parser reads are out too
    forbidden = set(text + text.casefold()) | set("=+@-" + string.ascii_letters + string.digits)

    def allowed(c: str) -> bool:
        return c not in forbidden and not set(c.casefold()) & forbidden

    chars = st.characters(codec="utf-8", exclude_characters=CONTROL_CHARS).filter(allowed)
    quote = draw(st.text(alphabet=chars, min_size=1, max_size=30))
    assert not figure_in_quote(text, low, quote)
    claim["quote"] = quote
    return Broken(
        "figure-not-in-quote", tables, _claim_key("figure-not-in-quote", i), table_schema=False
    )


# ---------------------------------------------------------------- dataset rules


@breaker("unique-key")
def _unique_key(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    name = draw(st.sampled_from([n for n in TABLES if tables[n]]))
    rows = tables[name]
    original = draw(st.integers(0, len(rows) - 1))
    copy_ = dict(rows[original])
    if name == "claims":  # a full copy would also repeat the claim (duplicate-claim)
        copy_["notes"] = f"{copy_['notes'] or ''} (again)"
    at = draw(st.integers(0, len(rows)))
    rows.insert(at, copy_)
    later = max(at, original + 1 if at <= original else original)
    return Broken("unique-key", tables, frozenset({("unique-key", name, later + 1)}))


@breaker("duplicate-claim")
def _duplicate_claim(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    rows = tables["claims"]
    original = draw(st.integers(0, len(rows) - 1))
    rows[original]["part_of"] = None  # a repeated part would count twice towards its total
    ids = {c["claim_id"] or "" for c in rows}
    copy_ = {**rows[original], "claim_id": fresh(draw(slugs()), ids)}
    at = draw(st.integers(0, len(rows)))
    rows.insert(at, copy_)
    later = max(at, original + 1 if at <= original else original)
    return Broken(
        "duplicate-claim", tables, _claim_key("duplicate-claim", later), table_schema=False
    )


@breaker("foreign-key")
def _foreign_key(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    subjects = {c["subject_id"] or "" for c in tables["claims"]}
    parent = {a["actor_id"] or "": a["parent_id"] for a in tables["actors"]}
    chains = {a for s in subjects for a in ancestors(s, parent)}
    claimed_events = {c["event_id"] for c in tables["claims"]}
    # a linked claim's event, claimant or subject is compared with the other end of the link
    linked = {c[link] for c in tables["claims"] for link in LINKS} - {None}
    linked |= {c["claim_id"] for c in tables["claims"] if any(c[link] for link in LINKS)}
    spots = [
        ("claims", i, f)
        for i, c in enumerate(tables["claims"])
        for f in (
            ("source_id", *LINKS)
            if c["claim_id"] in linked
            else ("event_id", "claimant_id", "source_id", "subject_id", *LINKS)
        )
    ]
    spots += [
        ("participants", i, f)
        for i, p in enumerate(tables["participants"])
        if p["event_id"] not in claimed_events
        for f in ("event_id", "actor_id")
    ]
    spots += [
        ("actors", i, "parent_id")
        for i, a in enumerate(tables["actors"])
        if a["actor_id"] not in chains
    ]
    name, i, column = draw(st.sampled_from(spots))
    target = next(fk.resource for fk in TABLES[name].foreign_keys if fk.field == column)
    taken = {r[TABLES[target].primary_key[0]] or "" for r in tables[target]}
    tables[name][i][column] = fresh(draw(slugs()), taken)
    return Broken("foreign-key", tables, frozenset({("foreign-key", name, i + 1)}))


@breaker("parent-cycle")
def _parent_cycle(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    actors = tables["actors"]
    parent = {a["actor_id"] or "": a["parent_id"] for a in actors}
    root = draw(st.sampled_from([a for a, p in parent.items() if p is None]))
    below = [a for a in parent if root in ancestors(a, parent)]  # root included
    member = draw(st.sampled_from(below))
    cycle = ancestors(member, parent)  # member up to root
    row_of = {a["actor_id"]: i for i, a in enumerate(actors)}
    actors[row_of[root]]["parent_id"] = member
    return Broken(
        "parent-cycle",
        tables,
        frozenset({("parent-cycle", "actors", row_of[a] + 1) for a in cycle}),
        table_schema=False,
    )


def _copy_claim(draw: st.DrawFn, tables: Tables, original: Row, **changes: str | None) -> int:
    """Append a copy of a claim, with a fresh claim_id, no links but ``changes``; its row (0-based).

    Appended, it has no incoming link, so no link of it can close a cycle."""
    taken = {c["claim_id"] or "" for c in tables["claims"]}
    claim_id = fresh(draw(slugs()), taken)
    row: Row = {**original, "claim_id": claim_id, "notes": f"copied as {claim_id}"}
    row.update(dict.fromkeys(LINKS))
    row.update(changes)
    tables["claims"].append(row)
    return len(tables["claims"]) - 1


def _exact(value: int, quote: str | None) -> dict[str, str | None]:
    """Cells of an exact figure, worded as digits and added to the quote."""
    text = str(value)
    return {"value_low": text, "value_high": text, "value_text": text, "quote": f"{quote} {text}"}


@breaker("link-cycle")
def _link_cycle(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    claims = tables["claims"]
    size = draw(st.integers(1, min(3, len(claims))))
    members = draw(st.lists(st.integers(0, len(claims) - 1), min_size=size, max_size=size,
                            unique=True))  # fmt: skip
    for at, i in enumerate(members):
        # one link each, so that the cycle is exactly these claims, reported at that link
        claims[i].update(dict.fromkeys(LINKS))
        claims[i][draw(st.sampled_from(LINKS))] = claims[members[(at + 1) % size]]["claim_id"]
    return Broken(
        "link-cycle",
        tables,
        frozenset({("link-cycle", "claims", i + 1) for i in members}),
        table_schema=False,
    )


def _changed(
    draw: st.DrawFn, tables: Tables, original: Row, interval: bool = True
) -> dict[str, str | None]:
    """Cells that make a copy of ``original`` differ in claimant, category or interval."""
    options = ["category"]
    others = [a["actor_id"] for a in tables["actors"] if a["actor_id"] != original["claimant_id"]]
    if others:
        options.append("claimant")
    if interval and original["value_high"] is not None:
        options.append("interval")
    what = draw(st.sampled_from(options))
    if what == "category":
        return {"category": draw(st.sampled_from([c for c in CATEGORIES
                                                   if c != original["category"]]))}  # fmt: skip
    if what == "claimant":
        return {"claimant_id": draw(st.sampled_from(others)), "attribution": "named"}
    return _exact(int(original["value_high"] or 0) + draw(st.integers(1, 1000)), original["quote"])


@breaker("restatement-mismatch")
def _restatement_mismatch(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    original = _claim(draw, tables)[1]
    changes = _changed(draw, tables, original)
    i = _copy_claim(draw, tables, original, restates=original["claim_id"], **changes)
    return Broken(
        "restatement-mismatch", tables, _claim_key("restatement-mismatch", i), table_schema=False
    )


@breaker("distortion-mismatch")
def _distortion_mismatch(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    original = _claim(draw, tables)[1]
    i = _copy_claim(draw, tables, original, distorts=original["claim_id"])
    return Broken(
        "distortion-mismatch", tables, _claim_key("distortion-mismatch", i), table_schema=False
    )


@breaker("part-mismatch")
def _part_mismatch(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    original = _claim(draw, tables)[1]
    # a part of the total's own size: only what the part counts differs
    changes = _changed(draw, tables, original, interval=False)
    i = _copy_claim(draw, tables, original, part_of=original["claim_id"], **changes)
    return Broken("part-mismatch", tables, _claim_key("part-mismatch", i), table_schema=False)


@breaker("parts-exceed-total")
def _parts_exceed_total(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    original = _claim(draw, tables)[1]
    total = draw(st.integers(0, 10**6))
    t = _copy_claim(draw, tables, original, **_exact(total, original["quote"]))
    parts = draw(st.lists(st.integers(0, 10**6), min_size=1, max_size=3))
    if sum(parts) <= total:
        parts[0] += total - sum(parts) + 1
    for value in parts:
        _copy_claim(draw, tables, tables["claims"][t], part_of=tables["claims"][t]["claim_id"],
                    **_exact(value, original["quote"]))  # fmt: skip
    return Broken(
        "parts-exceed-total", tables, _claim_key("parts-exceed-total", t), table_schema=False
    )


def _new_actor(draw: st.DrawFn, tables: Tables, types: list[str]) -> str:
    taken = {a["actor_id"] or "" for a in tables["actors"]}
    actor_id = fresh(draw(slugs()), taken)
    row: Row = {
        "actor_id": actor_id,
        "name": draw(free_text()),
        "actor_type": draw(st.sampled_from(types)),
        "parent_id": None,
        "aliases": None,
    }
    tables["actors"].insert(draw(st.integers(0, len(tables["actors"]))), row)
    return actor_id


@breaker("subject-not-participant")
def _subject_not_participant(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    i, claim = _claim(draw, tables, unlink=True)
    parent = {a["actor_id"] or "": a["parent_id"] for a in tables["actors"]}
    took_part = {
        p["actor_id"] for p in tables["participants"] if p["event_id"] == claim["event_id"]
    }
    outsiders = [
        a["actor_id"] or ""
        for a in tables["actors"]
        if a["actor_type"] not in ANYONE
        and not took_part & set(ancestors(a["actor_id"] or "", parent))
    ]
    fighters = [t for t in TABLES["actors"].column("actor_type").enum or () if t not in ANYONE]
    if draw(st.booleans()) and outsiders:
        subject = draw(st.sampled_from(outsiders))
    else:
        subject = _new_actor(draw, tables, fighters)
    claim["subject_id"] = subject
    return Broken(
        "subject-not-participant",
        tables,
        _claim_key("subject-not-participant", i),
        table_schema=False,
    )


@breaker("unattributed-claimant")
def _unattributed_claimant(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    i, claim = _claim(draw, tables, unlink=True)
    speakers = [a["actor_id"] or "" for a in tables["actors"] if a["actor_type"] != OUTLET]
    others = [t for t in TABLES["actors"].column("actor_type").enum or () if t != OUTLET]
    if draw(st.booleans()) and speakers:
        claim["claimant_id"] = draw(st.sampled_from(speakers))
    else:
        claim["claimant_id"] = _new_actor(draw, tables, others)
    claim["attribution"] = draw(st.sampled_from(UNATTRIBUTED))
    return Broken(
        "unattributed-claimant", tables, _claim_key("unattributed-claimant", i), table_schema=False
    )


@breaker("quantifier-unknown")
def _quantifier_unknown(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    used = [
        q
        for q in tables["quantifiers"]
        if any(c["value_text"] == q["phrase"] for c in tables["claims"])
    ]
    if draw(st.booleans()) and used:
        gone = draw(st.sampled_from(used))
        tables["quantifiers"].remove(gone)
        rows = {i for i, c in enumerate(tables["claims"]) if c["value_text"] == gone["phrase"]}
    else:
        i, claim = _claim(draw, tables)
        phrase = _new_phrase(draw, tables)
        claim["value_text"] = phrase
        claim["quote"] = f"{claim['quote']} {phrase}"
        rows = {i}
    return Broken(
        "quantifier-unknown",
        tables,
        frozenset({("quantifier-unknown", "claims", i + 1) for i in rows}),
        table_schema=False,
    )


@breaker("quantifier-mismatch")
def _quantifier_mismatch(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    i, claim = _claim(draw, tables, unlink=True)
    if draw(st.booleans()) and tables["quantifiers"]:
        q = draw(st.sampled_from(tables["quantifiers"]))
    else:
        high = draw(st.none() | st.integers(0, 1000))
        q = {
            "phrase": _new_phrase(draw, tables),
            "value_low": str(draw(st.integers(0, 1000 if high is None else high))),
            "value_high": None if high is None else str(high),
            "reading": draw(free_text()),
        }
        tables["quantifiers"].insert(draw(st.integers(0, len(tables["quantifiers"]))), q)
    low = draw(st.integers(0, 10**6))
    high = draw(st.none() | st.integers(low, low + 1000))
    if (str(low), None if high is None else str(high)) == (q["value_low"], q["value_high"]):
        high = low if high is None else None
    if claim["value_text"] != q["phrase"]:
        claim["quote"] = f"{claim['quote']} {q['phrase']}"
    claim["value_text"] = q["phrase"]
    claim["value_low"], claim["value_high"] = str(low), None if high is None else str(high)
    return Broken(
        "quantifier-mismatch", tables, _claim_key("quantifier-mismatch", i), table_schema=False
    )


@breaker("claim-before-event")
def _claim_before_event(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    i, claim = _claim(draw, tables)
    start = next(
        dt.date.fromisoformat(e["date_start"] or "")
        for e in tables["events"]
        if e["event_id"] == claim["event_id"]
    )
    claim["claimed_on"] = (start - dt.timedelta(days=draw(st.integers(1, 400)))).isoformat()
    return Broken(
        "claim-before-event", tables, _claim_key("claim-before-event", i), table_schema=False
    )


@breaker("source-before-event")
def _source_before_event(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    start = {e["event_id"]: e["date_start"] or "" for e in tables["events"]}
    latest: dict[str, str] = {}
    for c in tables["claims"]:
        s = c["source_id"] or ""
        latest[s] = max(latest.get(s, ""), start[c["event_id"]])
    i = draw(
        st.sampled_from([i for i, s in enumerate(tables["sources"]) if s["source_id"] in latest])
    )
    day = dt.date.fromisoformat(latest[tables["sources"][i]["source_id"] or ""])
    tables["sources"][i]["published_on"] = (
        day - dt.timedelta(days=draw(st.integers(1, 400)))
    ).isoformat()
    return Broken(
        "source-before-event",
        tables,
        frozenset({("source-before-event", "sources", i + 1)}),
        table_schema=False,
    )


@breaker("snapshot-missing")
def _snapshot_missing(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    files = snapshot_files(tables)
    i = draw(st.integers(0, len(tables["sources"]) - 1))
    source = tables["sources"][i]
    if draw(st.booleans()):
        gone = next(
            n for n, t in files.items() if t == snapshot_text(tables, source["source_id"] or "")
        )
        del files[gone]
    else:
        digest = draw(st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
        known = {s["snapshot_sha256"] for s in tables["sources"]}
        source["snapshot_sha256"] = next(d for d in (digest, "f" * 64, "e" * 64) if d not in known)
    return Broken(
        "snapshot-missing",
        tables,
        frozenset({("snapshot-missing", "sources", i + 1)}),
        snapshots=files,
        table_schema=False,
    )


@breaker("quote-not-in-snapshot")
def _quote_not_in_snapshot(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    files = snapshot_files(tables)
    i, claim = _claim(draw, tables)
    text = snapshot_text(tables, claim["source_id"] or "")
    marker = draw(free_text(1, 10))
    # a character the snapshot lacks keeps the new quote out of it
    absent = next(
        c
        for c in "\u2603\u2604\u2605\u2606\u2607\u2608\u2609\u260a\u260b\u260c\u260d\u260e"
        + "".join(chr(c) for c in range(0x4E00, 0x4E00 + 64))
        if c not in text
    )
    claim["quote"] = f"{claim['quote']} {marker}{absent}"
    return Broken(
        "quote-not-in-snapshot",
        tables,
        _claim_key("quote-not-in-snapshot", i),
        snapshots=files,
        table_schema=False,
    )


# ---------------------------------------------------------------- reading the package


def _descriptor() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(descriptor_bytes())
    return data


def _json(data: object) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def _file_key(rule: str, table: str, row: int | None = None) -> frozenset[Key]:
    return frozenset({(rule, table, row)})


_TABLE_NAMES = tuple(TABLES)


@breaker("package-invalid")
def _package_invalid(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    data = descriptor_bytes()
    how = draw(st.sampled_from(("truncated", "not-a-package", "undecodable", "no-path")))
    if how == "no-path":
        descriptor = _descriptor()
        j = draw(st.integers(0, len(descriptor["resources"]) - 1))
        resource = descriptor["resources"][j]
        value = draw(st.sampled_from(("", 42, None, ["data/a.csv", "data/b.csv"], "missing")))
        if value == "missing":
            del resource["path"]
        else:
            resource["path"] = value
        return Broken(
            "package-invalid",
            tables,
            _file_key("package-invalid", resource["name"]),
            files={"datapackage.json": _json(descriptor)},
            table_schema=False,
        )
    if how == "truncated":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif how == "undecodable":
        data = b"\xff\xfe" + data
    else:
        data = draw(
            st.sampled_from(
                (
                    b"[]",
                    b"{}",
                    b'{"resources": {}}',
                    b'"text"',
                    b"null",
                    b"42",
                    b'{"resources": null}',
                    b"",
                )
            )
        )
    return Broken(
        "package-invalid",
        tables,
        _file_key("package-invalid", "datapackage"),
        files={"datapackage.json": data},
        table_schema=False,
    )


@breaker("path-unsafe")
def _path_unsafe(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    descriptor = _descriptor()
    j = draw(st.integers(0, len(descriptor["resources"]) - 1))
    resource = descriptor["resources"][j]
    resource["path"] = draw(
        st.sampled_from(
            (
                "../data/claims.csv",
                "/tmp/claims.csv",
                "https://example.org/claims.csv",
                "data/../../claims.csv",
                "file:///etc/passwd",
                "C:\\data\\claims.csv",
                "\\\\server\\x.csv",
            )
        )
    )
    return Broken(
        "path-unsafe",
        tables,
        _file_key("path-unsafe", resource["name"]),
        files={"datapackage.json": _json(descriptor)},
        table_schema=False,
    )


@breaker("table-missing")
def _table_missing(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    descriptor = _descriptor()
    table = draw(st.sampled_from(_TABLE_NAMES))
    how = draw(st.sampled_from(("removed", "renamed", "mapped")))
    if how == "removed":
        descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != table]
    elif how == "renamed":
        next(r for r in descriptor["resources"] if r["name"] == table)["name"] = f"{table}-old"
    else:
        descriptor["conflictClaims"] = {"tables": {table: f"no-{table}"}}
    return Broken(
        "table-missing",
        tables,
        _file_key("table-missing", table),
        files={"datapackage.json": _json(descriptor)},
        table_schema=False,
    )


@breaker("file-unreadable")
def _file_unreadable(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    table = draw(st.sampled_from(_TABLE_NAMES))
    files: dict[str, bytes | None] = {f"data/{table}.csv": None}
    return Broken("file-unreadable", tables, _file_key("file-unreadable", table), files=files)


@breaker("file-not-regular")
def _file_not_regular(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    table = draw(st.sampled_from(_TABLE_NAMES))
    descriptor = _descriptor()
    # a folder inside the package: a file of any other kind cannot be written as bytes
    path = draw(st.sampled_from(("data", "data/", ".", "./data")))
    next(r for r in descriptor["resources"] if r["name"] == table)["path"] = path
    return Broken(
        "file-not-regular",
        tables,
        _file_key("file-not-regular", table),
        files={"datapackage.json": _json(descriptor)},
        table_schema=False,
    )


@breaker("limit-exceeded")
def _limit_exceeded(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    descriptor = _descriptor()
    depth = draw(st.integers(65, 20_000))  # the default bound is 64
    opening, closing = draw(st.sampled_from((("[", "]"), ('{"k":', "}"))))
    descriptor["notes"] = "NESTED"
    text = json.dumps(descriptor, ensure_ascii=False)
    # written as text: nesting this deep is beyond what json.dumps itself can write
    data = text.replace('"NESTED"', opening * depth + "0" + closing * depth).encode("utf-8")
    return Broken(
        "limit-exceeded",
        tables,
        _file_key("limit-exceeded", "datapackage"),
        files={"datapackage.json": data},
        table_schema=False,
    )


@breaker("encoding-invalid")
def _encoding_invalid(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    table = draw(st.sampled_from(_TABLE_NAMES))
    data = csv_bytes(table, tables[table])
    at = draw(st.integers(0, len(data)))
    bad = draw(st.sampled_from((b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80\xff")))
    # the reader reports the line of the first bad byte (0, the header line, is no row)
    line = data[:at].count(b"\n") or None
    return Broken(
        "encoding-invalid",
        tables,
        _file_key("encoding-invalid", table, line),
        files={f"data/{table}.csv": data[:at] + bad + data[at:]},
    )


@breaker("csv-malformed")
def _csv_malformed(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    table = draw(st.sampled_from(_TABLE_NAMES))
    rows = tables[table]
    header = header_of(table, rows)
    how = draw(st.sampled_from(("row", "header", "empty")))
    row: int | None = None
    if how == "empty":
        data = draw(st.sampled_from((b"", b"\n", b"\n\n")))
    elif how == "header":
        k, m = draw(st.lists(st.integers(0, len(header) - 1), min_size=2, max_size=2, unique=True))
        data = csv_bytes(table, rows, [header[m] if i == k else c for i, c in enumerate(header)])
    else:
        count = draw(st.integers(1, len(header) + 3).filter(lambda n: n != len(header)))
        cells = draw(st.lists(clean_token(), min_size=count, max_size=count))
        at = draw(st.integers(0, len(rows)))
        records = [["" if r.get(c) is None else str(r.get(c)) for c in header] for r in rows]
        data = csv_records(header, [*records[:at], cells, *records[at:]])
        row = at + 1
    return Broken(
        "csv-malformed",
        tables,
        _file_key("csv-malformed", table, row),
        files={f"data/{table}.csv": data},
    )


@breaker("column-missing")
def _column_missing(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    table = draw(st.sampled_from(_TABLE_NAMES))
    header = header_of(table, tables[table])
    gone = draw(st.lists(st.sampled_from(header), min_size=1, max_size=2, unique=True))
    data = csv_bytes(table, tables[table], [c for c in header if c not in gone])
    return Broken(
        "column-missing",
        tables,
        _file_key("column-missing", table),
        files={f"data/{table}.csv": data},
    )


@breaker("column-unexpected")
def _column_unexpected(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    table = draw(st.sampled_from(_TABLE_NAMES))
    header = header_of(table, tables[table])
    for _n in range(draw(st.integers(1, 2))):
        name = fresh(draw(clean_token(1, 10)), set(header))
        header.insert(draw(st.integers(0, len(header))), name)
        for row in tables[table]:
            row[name] = draw(st.none() | clean_token())
    return Broken(
        "column-unexpected",
        tables,
        _file_key("column-unexpected", table),
        files={
            f"data/{table}.csv": csv_bytes(table, tables[table], header),
            "datapackage.json": descriptor_bytes({table: header}),
        },
        strict=True,
        table_schema=False,  # declared, the added column is sound Table Schema
    )


@breaker("written-by-pandas")
def _written_by_pandas(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    """A table as pandas' read_csv then to_csv with default options writes it: an index column
    first, and (where a column had an empty cell, so became float) integers as ``10.0``."""
    table = draw(st.sampled_from([t for t in ("claims", "quantifiers") if tables[t]]))
    rows = tables[table]
    header = header_of(table, rows)
    marks = draw(st.sampled_from((("index",), ("floats",), ("index", "floats"))))
    if "index" in marks:
        name = draw(st.sampled_from(("", "Unnamed: 0")))
        header.insert(0, name)
        for number, row in enumerate(rows):
            row[name] = str(number)
    if "floats" in marks:
        column = draw(st.sampled_from(("value_low", "value_high")))
        if not any(row.get(column) for row in rows):
            column = "value_low"  # value_high may be empty throughout: value_low never is
        for row in rows:
            if row.get(column):
                row[column] = f"{row[column]}.0"
    return Broken(
        "written-by-pandas",
        tables,
        _file_key("written-by-pandas", table),
        files={f"data/{table}.csv": csv_bytes(table, rows, header)},
        table_schema=False,
    )


# ---------------------------------------------------------------- the declared schema


def _resource_of(descriptor: dict[str, Any], table: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in descriptor["resources"] if r["name"] == table)
    return found


def _descriptor_edit(
    rule: str, table: str, descriptor: dict[str, Any], tables: Tables, table_schema: bool = True
) -> Broken:
    return Broken(
        rule,
        tables,
        _file_key(rule, table),
        files={"datapackage.json": _json(descriptor)},
        table_schema=table_schema,
    )


@breaker("schema-missing")
def _schema_missing(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    descriptor = _descriptor()
    table = draw(st.sampled_from(_TABLE_NAMES))
    resource = _resource_of(descriptor, table)
    how = draw(st.sampled_from(("removed", "no-fields", "fields-null")))
    if how == "removed":
        del resource["schema"]
    elif how == "no-fields":
        del resource["schema"]["fields"]
    else:
        resource["schema"]["fields"] = None
    return _descriptor_edit("schema-missing", table, descriptor, tables)


@breaker("schema-invalid")
def _schema_invalid(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    descriptor = _descriptor()
    table = draw(st.sampled_from(_TABLE_NAMES))
    schema = _resource_of(descriptor, table)["schema"]
    fields = schema["fields"]
    i = draw(st.integers(0, len(fields) - 1))
    how = draw(st.sampled_from(("type", "twice", "key", "foreign", "options")))
    # frictionless refuses an unknown type or a field declared twice; a changed primary key,
    # a foreign key of our own and numeric options are the contract's business, not its
    if how == "type":
        fields[i]["type"] = draw(st.sampled_from(("paragraph", "geojson", "geopoint", 7)))
    elif how == "twice":
        fields.insert(draw(st.integers(0, len(fields))), dict(fields[i]))
    elif how == "key":
        schema["primaryKey"] = [f["name"] for f in fields if f["name"] not in schema["primaryKey"]][
            :1
        ]
    elif how == "foreign":
        schema["foreignKeys"] = [
            *schema.get("foreignKeys", []),
            {
                "fields": fields[i]["name"],
                "reference": {"resource": "", "fields": fields[0]["name"]},
            },
        ]
        if fields[i]["name"] == fields[0]["name"] or any(
            fk.field == fields[i]["name"] for fk in TABLES[table].foreign_keys
        ):
            schema["foreignKeys"][-1]["reference"]["resource"] = "nowhere"
    else:
        fields[i][draw(st.sampled_from(("bareNumber", "groupChar", "missingValues")))] = draw(
            st.sampled_from((False, " ", ["n/a"]))
        )
    portable = how in ("type", "twice")
    return _descriptor_edit("schema-invalid", table, descriptor, tables, portable)


@breaker("resource-unsupported")
def _resource_unsupported(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    descriptor = _descriptor()
    table = draw(st.sampled_from(_TABLE_NAMES))
    resource = _resource_of(descriptor, table)
    key, value = draw(
        st.sampled_from(
            (
                # frictionless refuses the first three too; it reads the others as declared
                ("encoding", "utf-16"),
                ("compression", "gz"),
                ("dialect.delimiter", ";"),
                ("encoding", "latin-1"),
                ("format", "tsv"),
                ("dialect.commentChar", "#"),
                ("dialect.skipInitialSpace", True),
                ("dialect.lineTerminator", "|"),
                ("dialect.escapeChar", "\\"),
                ("dialect.header", False),
                ("schema.missingValues", ["NA"]),
            )
        )
    )
    if "." in key:
        outer, inner = key.split(".")
        resource[outer][inner] = value
    else:
        resource[key] = value
    portable = key in ("encoding", "compression", "dialect.delimiter") and value != "latin-1"
    return _descriptor_edit("resource-unsupported", table, descriptor, tables, portable)


@breaker("header-mismatch")
def _header_mismatch(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    table = draw(st.sampled_from(_TABLE_NAMES))
    header = header_of(table, tables[table])
    i, j = draw(st.lists(st.integers(0, len(header) - 1), min_size=2, max_size=2, unique=True))
    how = draw(st.sampled_from(("columns", "fields", "undeclared", "unfilled")))
    declared = list(header)
    files: dict[str, bytes | None] = {}
    if how == "columns":  # the file's columns in another order than the schema's fields
        header[i], header[j] = header[j], header[i]
        files[f"data/{table}.csv"] = csv_bytes(table, tables[table], header)
    elif how == "fields":
        declared[i], declared[j] = declared[j], declared[i]
    elif how == "undeclared":  # a column of the file the schema does not name
        name = fresh(draw(clean_token(1, 10)), set(header))
        header.insert(i, name)
        for row in tables[table]:
            row[name] = draw(st.none() | clean_token())
        files[f"data/{table}.csv"] = csv_bytes(table, tables[table], header)
    else:  # a field the file has no column for
        declared.insert(i, fresh(draw(clean_token(1, 10)), set(header)))
    files["datapackage.json"] = descriptor_bytes({table: declared})
    return Broken("header-mismatch", tables, _file_key("header-mismatch", table), files=files)


@breaker("file-stats")
def _file_stats(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
    descriptor = _descriptor()
    table = draw(st.sampled_from(_TABLE_NAMES))
    resource = _resource_of(descriptor, table)
    size = len(csv_bytes(table, tables[table]))
    how = draw(st.sampled_from(("bytes", "md5", "sha256")))
    if how == "bytes":
        resource["bytes"] = size + draw(st.integers(1, 1000)) * draw(st.sampled_from((1, -1)))
        if resource["bytes"] < 0:
            resource["bytes"] = size + 1
    else:
        width = 32 if how == "md5" else 64
        digest = draw(st.text(alphabet="0123456789abcdef", min_size=width, max_size=width))
        resource["hash"] = digest if how == "md5" else f"sha256:{digest}"
    return _descriptor_edit("file-stats", table, descriptor, tables)


# An added column's declared field, a sound cell and a cell that breaks it: (field, sound, bad).
_ADDED_TYPES: tuple[tuple[dict[str, Any], str, tuple[str, ...]], ...] = (
    ({"type": "integer"}, "12", ("abc", "1.5", "1e3")),
    ({"type": "number"}, "1.5", ("1,5", "one", "1.2.3")),
    ({"type": "boolean"}, "true", ("yes", "t", "2")),
    ({"type": "date"}, "2023-09-12", ("2023-02-30", "12/09/2023", "2023-13-01")),
    ({"type": "date", "format": "%d/%m/%Y"}, "12/09/2023", ("2023-09-12", "31/02/2023")),
    ({"type": "year"}, "2023", ("23", "year")),
    ({"type": "string", "format": "email"}, "a@b.org", ("nobody", "a b@c.org")),
    ({"type": "object"}, '{"a": 1}', ("[1]", "{")),
)
_ADDED_CONSTRAINTS: tuple[tuple[dict[str, Any], str, tuple[str, ...]], ...] = (
    ({"type": "integer", "constraints": {"minimum": 0}}, "4", ("-1", "-30")),
    ({"type": "integer", "constraints": {"maximum": 10}}, "4", ("11", "300")),
    ({"type": "string", "constraints": {"enum": ["a", "b"]}}, "a", ("c", "A")),
    ({"type": "string", "constraints": {"pattern": "[a-z]+"}}, "ab", ("A1", "a b")),
    ({"type": "string", "constraints": {"maxLength": 3}}, "abc", ("abcd",)),
    ({"type": "string", "constraints": {"minLength": 2}}, "ab", ("a",)),
    ({"type": "string", "constraints": {"required": True}}, "ab", ("",)),
    ({"type": "integer", "constraints": {"unique": True}}, "", ("",)),
)


def _added_column(rule: str) -> Breaker:
    choices = _ADDED_TYPES if rule == "field-type" else _ADDED_CONSTRAINTS

    def build(draw: st.DrawFn, tables: Tables, _: bool) -> Broken:
        field_, sound, bad = draw(st.sampled_from(choices))
        unique = field_.get("constraints", {}).get("unique", False)
        spots = [(n, i) for n in TABLES for i in _safe_rows(tables, n, "") if i or not unique]
        if not spots:  # a single safe row cannot repeat an earlier one: break another way
            field_, sound, bad = choices[0]
            unique = False
            spots = [(n, i) for n in TABLES for i in _safe_rows(tables, n, "")]
        table, i = draw(st.sampled_from(spots))
        name = fresh(draw(clean_token(1, 10)), set(header_of(table, tables[table])))
        for k, row in enumerate(tables[table]):
            row[name] = str(1000 + k) if unique else sound
        if unique:  # an earlier row's value again: frictionless, too, reports the later copy
            tables[table][i][name] = str(1000 + draw(st.integers(0, i - 1)))
        else:
            tables[table][i][name] = draw(st.sampled_from(bad)) or None
        header = header_of(table, tables[table])
        descriptor = descriptor_bytes({table: header}, {name: field_})
        return Broken(
            rule,
            tables,
            frozenset({(rule, table, i + 1)}),
            files={"datapackage.json": descriptor},
        )

    return build


_BREAKERS["field-type"] = _added_column("field-type")
_BREAKERS["field-constraint"] = _added_column("field-constraint")


def rules_without_breakage() -> set[str]:
    """Rules of the catalogue with no breakage strategy (empty when every rule has one)."""
    return {r.slug for r in RULES} - set(_BREAKERS)
