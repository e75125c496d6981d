"""Physical line numbers of CSV records, for annotations that point into the file.

A record may span several lines (a quoted cell can hold newlines), so the data row number of a
problem is not its line number. This is computed only when problems are rendered, and only for
the files that have problems.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

_NL, _CR, _QUOTE, _COMMA = 10, 13, 34, 44
_BOM = b"\xef\xbb\xbf"


def record_lines(path: str | Path) -> dict[int, int]:
    """Map each data row number (1-based, header excluded) to the line its record starts on.

    Empty lines are skipped, as the reader skips them. An unreadable or unparsable file gives
    what could be read before the defect (possibly nothing): a problem there is then shown
    without a line, never with a wrong one.
    """
    try:
        data = np.fromfile(Path(path), dtype=np.uint8)
    except OSError:
        return {}
    starts = _well_formed_starts(data)
    if starts is None:
        return _parsed_starts(path)
    return dict(enumerate(starts[1:].tolist(), start=1))


def _well_formed_starts(data: np.ndarray) -> np.ndarray | None:
    """The start line of every non-empty record, header first, read over whole arrays, or
    None when the file is not plain RFC 4180 CSV (a quote inside an unquoted cell, a lone
    carriage return, an unclosed quote), where only the ``csv`` module's reading is right.

    In well-formed CSV a quote opens a cell, closes it, or doubles inside it, so a line break
    ends a record exactly when an even number of quotes comes before it."""
    size = len(data)
    if not size:
        return np.zeros(0, dtype=np.int64)
    breaks = np.flatnonzero(data == _NL)
    returns = np.flatnonzero(data == _CR)
    if len(returns) and (
        returns[-1] + 1 >= size or bool(np.any(data[np.minimum(returns + 1, size - 1)] != _NL))
    ):
        return None  # a line ends at a lone carriage return: the csv module's rules apply
    quotes = np.flatnonzero(data == _QUOTE)
    if len(quotes) % 2:
        return None
    opening, closing = quotes[0::2], quotes[1::2]
    # a doubled quote inside a quoted cell reads as a closing quote and an opening one side
    # by side; every other opening quote starts a cell, every other closing one ends it
    doubled = closing[:-1] + 1 == opening[1:]
    first = len(_BOM) if data[: len(_BOM)].tobytes() == _BOM else 0
    opens = opening[1:][~doubled] if len(opening) else opening
    opens = np.concatenate([opening[:1], opens])
    before = data[np.maximum(opens - 1, 0)]
    starts_cell = (opens == first) | (before == _COMMA) | (before == _NL)
    ends = closing[np.concatenate([~doubled, [True]])] if len(closing) else closing
    after = data[np.minimum(ends + 1, size - 1)]
    ends_cell = (ends + 1 == size) | (after == _COMMA) | (after == _NL) | (after == _CR)
    if not (starts_cell.all() and ends_cell.all()):
        return None
    # the line breaks that end records: those with an even number of quotes before them
    ending = breaks[np.searchsorted(quotes, breaks) % 2 == 0]
    record_starts = np.concatenate([[0], ending + 1])
    record_ends = np.concatenate([ending, [size]])
    length = record_ends - record_starts
    at_start = data[np.minimum(record_starts, size - 1)]
    empty = (length == 0) | ((length == 1) & (at_start == _CR))
    if first:
        # a first line that holds only the byte order mark (and a carriage return)
        bare = length[0] - first
        empty[0] = bare == 0 or (bare == 1 and data[first] == _CR)
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
