"""Which rules run and which only warn: from the command line, or from the package's
``conflictClaims`` key (``{"ignore": [...], "select": [...], "warn": [...]}``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conflict_claims.contract.rules import RULES, RULES_BY_SLUG

if TYPE_CHECKING:
    from conflict_claims.contract.problems import Problem

SETTINGS = ("select", "ignore", "warn")
"""The keys of ``conflictClaims`` (and the command-line options) that choose rules."""


@dataclass(frozen=True)
class Selection:
    """Rules to run alone (``select``; None: all), to skip (``ignore``), to report as warnings
    (``warn``: reported, but the package stays valid)."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    warn: frozenset[str] = frozenset()

    def runs(self, slug: str) -> bool:
        return (self.select is None or slug in self.select) and slug not in self.ignore

    def skipped(self) -> tuple[str, ...]:
        """Rules of the catalogue this selection leaves out."""
        return tuple(r.slug for r in RULES if not self.runs(r.slug))

    def apply(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems of the rules that run, those of ``warn`` marked as warnings."""
        return [
            dataclasses.replace(p, severity="warning") if p.rule in self.warn else p
            for p in problems
            if self.runs(p.rule)
        ]

    def overridden(self, **given: Iterable[str] | None) -> Selection:
        """This selection with each setting given (not None) replaced, as a command line
        overrides the package's settings."""
        changes = {k: frozenset(v) for k, v in given.items() if v is not None}
        return dataclasses.replace(self, **changes)


def unknown_slugs(slugs: Iterable[str]) -> list[str]:
    return sorted(set(slugs) - set(RULES_BY_SLUG))


def given(
    select: Iterable[str] | None, ignore: Iterable[str] | None, warn: Iterable[str] | None
) -> dict[str, list[str] | None]:
    """The settings a caller gave (None: not given); ``ValueError`` for a slug of no rule."""
    chosen = {
        key: None if slugs is None else list(slugs)
        for key, slugs in (("select", select), ("ignore", ignore), ("warn", warn))
    }
    unknown = unknown_slugs(slug for slugs in chosen.values() for slug in slugs or ())
    if unknown:
        raise ValueError(f"no such rule: {', '.join(unknown)}")
    return chosen


def from_settings(settings: Mapping[str, object]) -> tuple[Selection, list[str]]:
    """The selection a package's ``conflictClaims`` object asks for, and what is wrong with it
    (each setting must be a list of rule slugs)."""
    chosen: dict[str, frozenset[str]] = {}
    wrong: list[str] = []
    for key in SETTINGS:
        if key not in settings:
            continue
        value = settings[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            wrong.append(f"conflictClaims.{key} must be a list of rule slugs")
            continue
        unknown = unknown_slugs(value)
        if unknown:
            wrong.append(f"conflictClaims.{key} names no rule {', '.join(unknown)}")
        chosen[key] = frozenset(value) - set(unknown)
    return Selection(**chosen), wrong
