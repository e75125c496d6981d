"""Helpers for the property tests: example budgets and writing drawn packages."""

from __future__ import annotations

from hypothesis import settings


def scaled(ci_examples: int, minimum: int = 2) -> int:
    """Examples for a slow property: ``ci_examples`` under the "ci" profile (100 examples),
    the same share of any other profile's ``max_examples``."""
    return max(minimum, round(ci_examples * settings.default.max_examples / 100))
