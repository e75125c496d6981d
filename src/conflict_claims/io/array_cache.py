"""Results computed from an immutable Arrow column, kept as long as that column lives.

Several checks read the same column of one validation (the figures are parsed by the type,
minimum, order, quote and quantifier rules; the ids are encoded by the key, reference and
repeat rules): each result is computed once. An entry goes when its array does, so nothing
outlives the frames it came from.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_KEPT: dict[tuple[str, int], tuple[weakref.ref[Any], Any]] = {}


def per_array(kind: str, values: Any, compute: Callable[[Any], T]) -> T:
    """``compute(values)``, computed once per array and ``kind`` of result."""
    key = (kind, id(values))
    hit = _KEPT.get(key)
    if hit is not None and hit[0]() is values:
        found: T = hit[1]
        return found
    result = compute(values)
    with contextlib.suppress(TypeError):  # an array type without weak references: not kept
        _KEPT[key] = (weakref.ref(values, lambda _: _KEPT.pop(key, None)), result)
    return result
