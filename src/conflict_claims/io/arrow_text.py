"""Text columns as Arrow arrays, and byte-level pre-filters for the vectorised checks.

The checks in ``table_checks`` take pandas Series (what Pandera hands them) but do their work
with Arrow compute kernels, which run in C++ over the column's bytes. With pandas 3 (or any
Arrow-backed string dtype) the Series already holds an Arrow array and nothing is copied; an
object-dtype Series (pandas 2) is converted once per call.

A pre-filter answers "can this cell possibly break the rule?" from a few bytes; it may say yes
wrongly, never no wrongly, and the exact check then runs on the flagged cells only. So each rule
keeps its one definition (the regular expressions in ``cells``) and costs a byte scan when, as in
a valid package, nothing is flagged.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_claims.io.array_cache import per_array

_TEXT = pa.large_string()


def text(s: pd.Series) -> Any:
    """The cells as a chunked Arrow ``large_string`` array (nulls where cells are empty)."""
    to_arrow = getattr(s.array, "__arrow_array__", None)
    if to_arrow is not None:
        values = to_arrow()
        if isinstance(values, pa.Array):
            values = pa.chunked_array([values])
        if values.type == _TEXT:
            return values
        return values.cast(_TEXT)
    plain = s.astype(object).where(s.notna(), None)
    return pa.chunked_array([pa.array(plain.to_numpy(), type=_TEXT, from_pandas=True)])


def joined(s: pd.Series) -> Any:
    """The cells as one Arrow array (``is_in`` and ``index_in`` take their value set so)."""
    cells = text(s)
    return cells.combine_chunks() if cells.num_chunks else pa.array([], type=cells.type)


def positions(values: Any, keys: Any) -> np.ndarray:
    """Each value's position among ``keys`` (distinct), -1 where it is not one of them."""
    found = pc.index_in(values, value_set=keys)
    out: np.ndarray = np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), np.int64)
    return out


def flags(values: Any, index: pd.Index) -> pd.Series:
    """An Arrow boolean result as a bool Series; null (an empty cell) counts as False."""
    filled = pc.fill_null(values, False)
    if isinstance(filled, pa.ChunkedArray):
        filled = filled.combine_chunks() if filled.num_chunks != 1 else filled.chunk(0)
    out: pd.Series = pd.Series(filled.to_numpy(zero_copy_only=False), index=index, dtype=bool)
    return out


def pick(values: Any, at: np.ndarray) -> Any:
    """The cells at these positions (in this order) as one Arrow array.

    ``ChunkedArray.take`` first joins every chunk into one, copying the whole column, even to
    fetch three cells; here each chunk gives up its own cells and only those are joined."""
    at = np.asarray(at, dtype=np.int64)
    if values.num_chunks == 1:
        return values.chunk(0).take(pa.array(at))
    if not len(at) or not values.num_chunks:
        return pa.array([], type=values.type)
    bounds = np.cumsum([0, *(len(chunk) for chunk in values.chunks)])
    which = np.searchsorted(bounds, at, side="right") - 1
    order = np.argsort(which, kind="stable")
    grouped, chunk_of = at[order], which[order]
    parts = []
    for i in np.unique(chunk_of).tolist():
        lo, hi = np.searchsorted(chunk_of, [i, i + 1])
        parts.append(values.chunk(i).take(pa.array(grouped[lo:hi] - bounds[i])))
    back = np.empty(len(at), dtype=np.int64)
    back[order] = np.arange(len(at))
    return pa.concat_arrays(parts).take(pa.array(back))


def fullmatch(values: Any, regex: str) -> Any:
    """Whether each cell matches the whole ``regex`` (as ``re.fullmatch``); null stays null.

    RE2 reads ``$`` as the end of the text (Python's ``$`` would also accept a final newline),
    so anchoring the pattern this way is exactly a full match.
    """
    return pc.match_substring_regex(values, f"^(?:{regex})$")


def search(values: Any, regex: str) -> Any:
    return pc.match_substring_regex(values, regex)


def _buffers(chunk: Any) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, data bytes) of one large_string chunk, without copying."""
    _, offset_buf, data_buf = chunk.buffers()
    offsets = np.frombuffer(offset_buf, dtype=np.int64)[
        chunk.offset : chunk.offset + len(chunk) + 1
    ]
    data = (
        np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    )
    return offsets, data


def _bytes_of(chunk: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(offsets, data bytes, validity) of one large_string chunk, without copying."""
    offsets, data = _buffers(chunk)
    return offsets, data, chunk.is_valid().to_numpy(zero_copy_only=False)


def _ends(chunk: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(data bytes, start and end offsets, which cells have no bytes) of one chunk: an empty
    cell, or a null one (whose offsets Arrow leaves free)."""
    offsets, data = _buffers(chunk)
    start, end = offsets[:-1], offsets[1:]
    blank = end == start
    if chunk.null_count:
        blank |= ~chunk.is_valid().to_numpy(zero_copy_only=False)
    return data, start, end, blank


def _at(data: np.ndarray, where: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """The byte at each position, 0 where the cell has no bytes."""
    if not len(data):
        return np.zeros(len(where), np.uint8)
    found: np.ndarray = data[np.clip(where, 0, len(data) - 1)]
    found[blank] = 0
    return found


def first_bytes(values: Any) -> np.ndarray:
    """Per cell: its first byte (0 for an empty cell)."""
    parts = [np.zeros(0, np.uint8)]
    for chunk in values.chunks:
        data, start, _, blank = _ends(chunk)
        parts.append(_at(data, start, blank))
    return np.concatenate(parts)


def edge_bytes(values: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per cell: its first byte, its last byte (0 for an empty cell) and its length in bytes."""
    firsts, lasts, lengths = (
        [np.zeros(0, np.uint8)],
        [np.zeros(0, np.uint8)],
        [np.zeros(0, np.int64)],
    )
    for chunk in values.chunks:
        data, start, end, blank = _ends(chunk)
        firsts.append(_at(data, start, blank))
        lasts.append(_at(data, end - 1, blank))
        lengths.append(np.where(blank, 0, end - start))
    return np.concatenate(firsts), np.concatenate(lasts), np.concatenate(lengths)


# Bytes that can start a control character in UTF-8: C0 controls and DEL, and 0xC2 (the lead
# byte of U+0080..U+009F). Tab, line feed and carriage return are allowed in cells.
_ALLOWED = np.frombuffer(b"\t\n\r", dtype=np.uint8)
_SLICE = 1 << 22
"""Bytes scanned at a time: the comparison masks stay in the processor's cache."""


def may_hold_control(values: Any) -> bool:
    """False only when no cell can hold a control character: NumPy compares every byte of the
    column (releasing the GIL, without copying the data); the rare candidates are then
    looked at one by one."""
    for chunk in values.chunks:
        _, data, _ = _bytes_of(chunk)
        for at in range(0, len(data), _SLICE):
            part = data[at : at + _SLICE]
            low = np.flatnonzero((part < 0x20) | (part == 0x7F))
            if len(low) and not np.isin(part[low], _ALLOWED).all():
                return True
            lead = np.flatnonzero(part == 0xC2) + at
            follow = data[lead[lead + 1 < len(data)] + 1]
            if ((follow >= 0x80) & (follow <= 0x9F)).any():
                return True
    return False


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _words(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The 8 bytes starting at each position ``at`` as a little-endian uint64 (0 past the end)."""
    out = np.zeros(len(at), dtype=np.uint64)
    if len(data) >= 8:
        # an overlapping view: element i is bytes i..i+7, read without copying the data
        windows = np.ndarray((len(data) - 7,), "<u8", buffer=data, strides=(1,))
        inside = at <= len(data) - 8
        out[inside] = windows[at[inside]]
        near_end = ~inside
    else:
        near_end = np.ones(len(at), dtype=bool)
    if near_end.any():
        tail = np.zeros(16, np.uint8)
        piece = data[-8:]
        tail[: len(piece)] = piece
        tail_windows = np.ndarray((9,), "<u8", buffer=tail, strides=(1,))
        shift = at[near_end] - (len(data) - len(piece))
        out[near_end] = tail_windows[np.clip(shift, 0, 8)]
    return out


def fingerprints(values: Any) -> np.ndarray:
    """One integer per cell, equal for equal cells (and for empty cells), from the length and
    five 8-byte words (at the start, a quarter, the middle, three quarters, the end): cells with
    different fingerprints certainly differ, so exact comparison is needed only among cells
    that share one. Cells up to 40 bytes long are read whole."""
    parts = [np.zeros(0, np.uint64)]
    with np.errstate(over="ignore"):
        for chunk in values.chunks:
            offsets, data, valid = _bytes_of(chunk)
            start, end = offsets[:-1], offsets[1:]
            length = (end - start).astype(np.uint64)
            short = length < 8
            # keep only the cell's own bytes: a short cell's word also holds its neighbours'
            keep = np.where(
                short, (np.uint64(1) << (length * np.uint64(8) % np.uint64(64))) - np.uint64(1), 0
            )
            keep = np.where(short, keep, ~np.uint64(0)).astype(np.uint64)
            head = _words(data, start) & keep
            mixed = (length * _MIX) ^ head
            span = np.maximum(end - start - 8, 0)
            for at in (start + span // 4, start + span // 2, start + span * 3 // 4, start + span):
                word = np.where(short, 0, _words(data, at)).astype(np.uint64)
                mixed = (mixed * _MIX) ^ word
            parts.append(np.where(valid, mixed * _MIX, np.uint64(0x5EED)).astype(np.uint64))
    return np.concatenate(parts)


def all_distinct(values: Any) -> bool:
    """Whether no two cells are equal and none is empty, proved by sorting the fingerprints:
    cells with different fingerprints differ (False may be wrong, True never is)."""
    if values.null_count:
        return False
    prints = np.sort(fingerprints(values))
    return not bool((prints[1:] == prints[:-1]).any())


class Coded(NamedTuple):
    """A column's cells as numbers: equal cells, equal numbers (exactly, not by hashing)."""

    codes: np.ndarray
    """Each cell's position in ``distinct`` (in the narrowest signed integers that hold it),
    -1 for an empty cell."""
    distinct: Any
    """The distinct cells, in the order first seen, as one Arrow array."""

    def spread(self, per_distinct: np.ndarray, empty: Any) -> np.ndarray:
        """One value per cell from one per distinct cell; an empty cell gets ``empty``."""
        out: np.ndarray = np.append(per_distinct, empty)[self.codes]
        return out

    def cells(self) -> Any:
        """The distinct cells as a chunked array, as the checks take a column."""
        return pa.chunked_array([self.distinct], type=self.distinct.type)


def coded(values: Any) -> Coded:
    """The cells of a text column numbered by Arrow's hash table (once per column: several
    rules compare or look up the same ids)."""
    return per_array("coded", values, _encode)


def _encode(values: Any) -> Coded:
    if _probed(values) == min(len(values), _PROBE) and all_distinct(values):
        # an id column: every cell its own number, in order, with no hash table to build
        codes = np.arange(len(values), dtype=np.int32)
        codes.flags.writeable = False
        return Coded(codes, values.combine_chunks())
    encoded = pc.dictionary_encode(values)
    if not encoded.num_chunks:
        return Coded(np.zeros(0, np.int32), pa.array([], type=values.type))
    # Arrow numbers the values in the order first seen, across the chunks: each chunk's
    # dictionary is a prefix of the last one's, so the last holds every value at its number
    distinct = encoded.chunk(encoded.num_chunks - 1).dictionary
    # the narrowest integers that hold every number and -1: most columns repeat a few values
    kind = next(t for t in (np.int8, np.int16, np.int32) if len(distinct) < np.iinfo(t).max)
    codes = np.concatenate(
        [
            np.asarray(pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False), kind)
            for chunk in encoded.chunks
        ]
    )
    codes.flags.writeable = False
    return Coded(codes, distinct)


_PROBE = 1 << 16
"""Cells of a column's first chunk that tell whether its cells repeat enough to number them."""


def repeating(values: Any) -> Coded | None:
    """``coded(values)`` when the cells repeat (at most one distinct cell for two among the
    first cells), so that work done once per distinct cell pays; None when they do not (ids,
    free text), where numbering them would cost more than it saves."""
    if len(values) < 64 or _probed(values) * 2 > min(len(values), _PROBE):
        return None
    return coded(values)


def _probed(values: Any) -> int:
    """How many distinct cells the column's first cells hold (up to ``_PROBE`` of them)."""
    return per_array("probed", values, lambda v: len(pc.unique(_head(v))) if len(v) else 0)


def _head(values: Any) -> Any:
    return values.slice(0, _PROBE).combine_chunks()
