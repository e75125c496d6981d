"""Results computed from an immutable Arrow column, kept as long as that column lives.

Several checks read the same column of one validation (the figures are parsed by the type,
minimum, order, quote and quantifier rules; the ids are numbered by the key, reference and
repeat rules): each result is computed once, even when checks running side by side ask for
it at the same moment (the later ones wait for the first). An entry goes when its array does,
so nothing outlives the frames it came from.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")

_KEPT: dict[tuple[str, int], tuple[weakref.ref[Any], Any]] = {}
_BUSY: dict[tuple[str, int], threading.Lock] = {}
_GUARD = threading.Lock()


def _kept(key: tuple[str, int], values: Any) -> tuple[bool, Any]:
    hit = _KEPT.get(key)
    if hit is not None and hit[0]() is values:
        return True, hit[1]
    return False, None


def _forget(key: tuple[str, int], _: object) -> None:
    _KEPT.pop(key, None)
    _BUSY.pop(key, None)


def per_array(kind: str, values: Any, compute: Callable[[Any], T]) -> T:
    """``compute(values)``, computed once per array and ``kind`` of result."""
    key = (kind, id(values))
    found, result = _kept(key, values)
    if found:
        kept: T = result
        return kept
    with _GUARD:
        busy = _BUSY.setdefault(key, threading.Lock())
    with busy:
        found, result = _kept(key, values)
        if found:
            waited: T = result
            return waited
        computed = compute(values)
        try:
            _KEPT[key] = (weakref.ref(values, partial(_forget, key)), computed)
        except TypeError:  # an array type without weak references: not kept
            _BUSY.pop(key, None)
    return computed
