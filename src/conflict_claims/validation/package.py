"""``validate()``: every rule over a data package, one report."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from conflict_claims.contract.problems import Problem, describe
from conflict_claims.contract.tables import TABLE_NAMES
from conflict_claims.io.bounds import DEFAULT_LIMITS, Limits
from conflict_claims.io.read import RawPackage, read_package
from conflict_claims.io.snapshots import read_snapshots
from conflict_claims.report.report import Report

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
) -> Report:
    """Check a data package against every rule and return one report; never raises on bad data.

    ``path`` is a ``datapackage.json`` or a folder holding one; ``None`` means the bundled
    package. With ``sources_dir``, quotes are also checked against the source snapshots in that
    folder. ``trusted`` allows resource paths outside the package folder; ``allow_remote``
    fetches resources given as http(s) URLs (by default nothing is fetched). ``engine`` picks
    the vectorised Pandera layer (fast) or the Pydantic layer; both report the same problems.
    ``limits`` bounds what is read (file and descriptor sizes, descriptor depth, remote time).

    >>> import conflict_claims as cc
    >>> cc.validate().valid
    True
    """
    raw = read_package(
        path, strict=strict, trusted=trusted, allow_remote=allow_remote, limits=limits
    )
    problems = list(raw.problems)
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
    return check_raw(raw, snapshots, engine, problems)


def check_raw(
    raw: RawPackage,
    snapshots: dict[str, str] | None = None,
    engine: Engine = "pandera",
    problems: list[Problem] | None = None,
) -> Report:
    """Run every rule over a package already read; ``problems`` defaults to the reading ones."""
    found = list(raw.problems) if problems is None else list(problems)
    if engine == "pydantic":
        from conflict_claims.engines.per_record import engine as chosen
    else:
        from conflict_claims.engines.vectorised import engine as chosen  # type: ignore[no-redef]
    found.extend(chosen.run(raw, snapshots))
    return Report(
        path=raw.path,
        errors=sort_problems(found),
        rows=dict(raw.rows),
        files=dict(raw.files),
    )
