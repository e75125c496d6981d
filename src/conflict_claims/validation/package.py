"""``validate()``: every rule over a data package, one report."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from conflict_claims.contract.problems import Problem, describe
from conflict_claims.contract.rules import RULES
from conflict_claims.contract.tables import TABLE_NAMES
from conflict_claims.io.bounds import DEFAULT_LIMITS, Limits
from conflict_claims.io.locate import locate
from conflict_claims.io.read import RawPackage, read_package
from conflict_claims.io.snapshots import read_snapshots
from conflict_claims.report.report import Report
from conflict_claims.validation.selection import Selection, from_settings, given

Engine = Literal["pandera", "pydantic"]
_ORDER = {name: i for i, name in enumerate(("datapackage", *TABLE_NAMES))}


def _sort_key(p: Problem) -> tuple[int, int, str, str]:
    return (_ORDER.get(p.resource, len(_ORDER)), p.row or 0, p.field or "", p.rule)


def sort_problems(problems: list[Problem]) -> tuple[Problem, ...]:
    """Problems in report order: by table, row, column, rule."""
    return tuple(sorted(problems, key=_sort_key))


def validate(
    path: str | Path | None = None,
    *,
    sources_dir: str | Path | None = None,
    strict: bool = False,
    trusted: bool = False,
    allow_remote: bool = False,
    engine: Engine = "pandera",
    limits: Limits = DEFAULT_LIMITS,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    warn: Iterable[str] | None = None,
) -> Report:
    """Check a data package against every rule and return one report; never raises on bad data.

    ``path`` is a ``datapackage.json`` or a folder holding one; ``None`` means the bundled
    package. With ``sources_dir``, quotes are also checked against the source snapshots in that
    folder. ``trusted`` allows resource paths outside the package folder; ``allow_remote``
    fetches resources given as http(s) URLs (by default nothing is fetched). ``engine`` picks
    the vectorised Pandera layer (fast) or the Pydantic layer; both report the same problems.
    ``limits`` bounds what is read (file and descriptor sizes, descriptor depth, remote time).
    ``select`` (run only these rules), ``ignore`` (skip these) and ``warn`` (report these as
    warnings, which leave the package valid) take rule slugs; each one given replaces the
    same setting of the package's ``conflictClaims`` key. Raises ``ValueError`` for a slug
    that names no rule.

    >>> import conflict_claims as cc
    >>> cc.validate().valid
    True
    """
    chosen = given(select, ignore, warn)
    raw = read_package(
        path, strict=strict, trusted=trusted, allow_remote=allow_remote, limits=limits
    )
    problems = list(raw.problems)
    selection, wrong = from_settings(raw.settings)
    problems.extend(describe("package-invalid", "datapackage", None, None, None, w) for w in wrong)
    selection = selection.overridden(**chosen)
    snapshots = None
    if sources_dir is not None:
        try:
            snapshots = read_snapshots(sources_dir, limits.max_file_bytes)
        except (OSError, ValueError) as exc:
            problems.append(
                describe(
                    "snapshot-missing",
                    "sources",
                    None,
                    None,
                    str(sources_dir),
                    f"cannot read the snapshots folder: {exc}",
                )
            )
    # nothing here needs the tables after the engine: it may let each go as it is done
    report = check_raw(raw, snapshots, engine, problems, selection=selection, release=True)
    not_run = set(report.skipped)
    if sources_dir is None:
        not_run |= SNAPSHOT_RULES
    if not strict:
        not_run.add("column-unexpected")
    return dataclasses.replace(report, skipped=tuple(r.slug for r in RULES if r.slug in not_run))


SNAPSHOT_RULES = frozenset({"snapshot-missing", "quote-not-in-snapshot"})
"""Rules checked only with a sources folder."""


def check_raw(
    raw: RawPackage,
    snapshots: dict[str, str] | None = None,
    engine: Engine = "pandera",
    problems: list[Problem] | None = None,
    *,
    selection: Selection | None = None,
    release: bool = False,
) -> Report:
    """Run every rule over a package already read; ``problems`` defaults to the reading ones.

    With ``release`` the caller gives up the tables: the vectorised engine empties
    ``raw.frames`` as it goes, which lowers the peak memory of a package with broken rows."""
    found = list(raw.problems) if problems is None else list(problems)
    used = _snapshots_used(raw, snapshots)
    if engine == "pydantic":
        from conflict_claims.engines.per_record import engine as per_record

        found.extend(per_record.run(raw, snapshots))
    else:
        from conflict_claims.engines.vectorised import engine as vectorised

        found.extend(vectorised.run(raw, snapshots, release=release))
    return finish(raw, found, selection, snapshots=used)


def _snapshots_used(raw: RawPackage, snapshots: dict[str, str] | None) -> int | None:
    """How many of the package's sources have their snapshot in the folder (None: no folder)."""
    if snapshots is None:
        return None
    sources = raw.frames.get("sources")
    if sources is None or "snapshot_sha256" not in sources.columns:
        return 0
    return len(set(sources["snapshot_sha256"].dropna()) & snapshots.keys())


def finish(
    raw: RawPackage,
    problems: list[Problem],
    selection: Selection | None = None,
    *,
    files: dict[str, str] | None = None,
    snapshots: int | None = None,
) -> Report:
    """The report of a package read and checked: problems chosen by ``selection``, located in
    their files, in report order."""
    selection = selection or Selection()
    files = dict(raw.files) if files is None else files
    located = locate(selection.apply(problems), descriptor=raw.path, files=files, names=raw.names)
    return Report(
        path=raw.path,
        errors=sort_problems(located),
        rows=dict(raw.rows),
        files=files,
        snapshots=snapshots,
        skipped=selection.skipped(),
    )
