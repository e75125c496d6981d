"""Physical line numbers of CSV records, for annotations that point into the file.

A record may span several lines (a quoted cell can hold newlines), so the data row number of a
problem is not its line number. This is computed only when problems are rendered, and only for
the files that have problems.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, NamedTuple

import numpy as np

_NL, _CR, _QUOTE, _COMMA = 10, 13, 34, 44
_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 24
"""Bytes scanned at a time: the scan holds one block and the positions it found, never the
whole file (a file of 300 MB would otherwise cost twice that again)."""


class RecordLines(Mapping[int, int]):
    """Data row number (1-based, header excluded) to the line its record starts on, over an
    array: a million rows cost 8 MB, not the hundred of a dict."""

    def __init__(self, lines: np.ndarray) -> None:
        self._lines = lines

    def __getitem__(self, row: int) -> int:
        if not 1 <= row <= len(self._lines):
            raise KeyError(row)
        return int(self._lines[row - 1])

    def __iter__(self) -> Iterator[int]:
        return iter(range(1, len(self._lines) + 1))

    def __len__(self) -> int:
        return len(self._lines)


def record_lines(path: str | Path, chunk: int = _CHUNK) -> Mapping[int, int]:
    """Map each data row number (1-based, header excluded) to the line its record starts on.

    Empty lines are skipped, as the reader skips them. An unreadable or unparsable file gives
    what could be read before the defect (possibly nothing): a problem there is then shown
    without a line, never with a wrong one.
    """
    try:
        with Path(path).open("rb") as handle:
            starts = _well_formed_starts(handle, chunk)
    except OSError:
        return {}
    if starts is None:
        return _parsed_starts(path)
    return RecordLines(starts[1:])


class _Marks(NamedTuple):
    """Where the bytes that decide records are, and the bytes beside them (0 past either end
    of the file)."""

    size: int
    head: bytes  # the first four bytes
    breaks: np.ndarray  # positions of line feeds
    after_breaks: np.ndarray
    returns: np.ndarray  # positions of carriage returns
    after_returns: np.ndarray
    quotes: np.ndarray  # positions of double quotes
    before_quotes: np.ndarray
    after_quotes: np.ndarray


def _scan(handle: BinaryIO, chunk: int) -> _Marks:
    """The marks of a whole file, read block by block."""
    found: dict[int, list[np.ndarray]] = {_NL: [], _CR: [], _QUOTE: []}
    before: dict[int, list[np.ndarray]] = {_QUOTE: []}
    after: dict[int, list[np.ndarray]] = {_NL: [], _CR: [], _QUOTE: []}
    head, offset, previous = b"", 0, 0
    block = handle.read(chunk)
    while block:
        following = handle.read(chunk)
        head += block[: 4 - len(head)]
        data = np.frombuffer(block, dtype=np.uint8)
        # the block with the byte on either side of it, so that neighbours across the edge
        # of a block are seen: padded[at] is the byte before position at, padded[at + 2] after
        padded = np.empty(len(data) + 2, dtype=np.uint8)
        padded[0], padded[1:-1], padded[-1] = previous, data, following[0] if following else 0
        for byte, positions in found.items():
            at = np.flatnonzero(data == byte)
            positions.append(at + offset)
            after[byte].append(padded[at + 2])
            if byte in before:
                before[byte].append(padded[at])
        previous, offset, block = block[-1], offset + len(block), following

    def joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

    return _Marks(
        size=offset,
        head=head,
        breaks=joined(found[_NL], np.int64),
        after_breaks=joined(after[_NL], np.uint8),
        returns=joined(found[_CR], np.int64),
        after_returns=joined(after[_CR], np.uint8),
        quotes=joined(found[_QUOTE], np.int64),
        before_quotes=joined(before[_QUOTE], np.uint8),
        after_quotes=joined(after[_QUOTE], np.uint8),
    )


def _well_formed_starts(handle: BinaryIO, chunk: int = _CHUNK) -> np.ndarray | None:
    """The start line of every non-empty record, header first, or None when the file is not
    plain RFC 4180 CSV (a quote inside an unquoted cell, a lone carriage return, an unclosed
    quote), where only the ``csv`` module's reading is right.

    In well-formed CSV a quote opens a cell, closes it, or doubles inside it, so a line break
    ends a record exactly when an even number of quotes comes before it."""
    marks = _scan(handle, chunk)
    size = marks.size
    if not size:
        return np.zeros(0, dtype=np.int64)
    if len(marks.returns) and bool(np.any(marks.after_returns != _NL)):
        return None  # a line ends at a lone carriage return: the csv module's rules apply
    quotes = marks.quotes
    if len(quotes) % 2:
        return None
    # a doubled quote inside a quoted cell reads as a closing quote and an opening one side
    # by side; every other opening quote starts a cell, every other closing one ends it
    closing = quotes[1::2]
    doubled = closing[:-1] + 1 == quotes[2::2]
    first = len(_BOM) if marks.head[: len(_BOM)] == _BOM else 0
    opening = np.concatenate([[True], ~doubled]) if len(quotes) else np.zeros(0, dtype=bool)
    opens = quotes[0::2][opening]
    before = marks.before_quotes[0::2][opening]
    starts_cell = (opens == first) | (before == _COMMA) | (before == _NL)
    ending = np.concatenate([~doubled, [True]]) if len(quotes) else opening
    ends = closing[ending]
    after = marks.after_quotes[1::2][ending]
    ends_cell = (ends + 1 == size) | (after == _COMMA) | (after == _NL) | (after == _CR)
    if not (starts_cell.all() and ends_cell.all()):
        return None
    # the line breaks that end records: those with an even number of quotes before them
    breaks = marks.breaks
    record_end = np.searchsorted(quotes, breaks) % 2 == 0
    ending_breaks = breaks[record_end]
    record_starts = np.concatenate([[0], ending_breaks + 1])
    length = np.concatenate([ending_breaks, [size]]) - record_starts
    at_start = np.concatenate([[marks.head[0]], marks.after_breaks[record_end]])
    empty = (length == 0) | ((length == 1) & (at_start == _CR))
    if first:
        # a first line that holds only the byte order mark (and a carriage return)
        bare = length[0] - first
        empty[0] = bare == 0 or (bare == 1 and marks.head[first : first + 1] == b"\r")
    starts = record_starts[~empty]
    # the line of a record = the line breaks before its first byte, plus one
    lines: np.ndarray = np.searchsorted(breaks, starts) + 1
    return lines


def _parsed_starts(path: str | Path) -> dict[int, int]:
    """``record_lines`` by the csv module, record by record."""
    starts: dict[int, int] = {}
    try:
        with Path(path).open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            # Python 3.10's csv refuses a NUL ("line contains NUL"); 3.11's reads it. A NUL
            # never ends a line, so standing in for it keeps the line count and the same
            # lines on every supported Python.
            reader = csv.reader(line.replace("\x00", "\ufffd") for line in handle)
            start, record = 1, 0
            for cells in reader:
                if cells:
                    if record > 0:  # record 0 is the header
                        starts[record] = start
                    record += 1
                start = reader.line_num + 1
    except (OSError, csv.Error):
        pass
    return starts
