"""The bundled dataset, loaded once per test session (records are frozen, so sharing is safe)."""

from __future__ import annotations

from functools import cache

import conflict_claims as cc
from conflict_claims.typed.dataset import Dataset


@cache
def bundled() -> Dataset:
    return cc.load()
