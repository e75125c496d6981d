"""Physical line numbers of CSV records, for annotations that point into the file.

A record may span several lines (a quoted cell can hold newlines), so the data row number of a
problem is not its line number. This is computed only when problems are rendered, and only for
the files that have problems.
"""

from __future__ import annotations

import csv
from pathlib import Path


def record_lines(path: str | Path) -> dict[int, int]:
    """Map each data row number (1-based, header excluded) to the line its record starts on.

    Empty lines are skipped, as the reader skips them. An unreadable or unparsable file gives
    what could be read before the defect (possibly nothing): a problem there is then shown
    without a line, never with a wrong one.
    """
    starts: dict[int, int] = {}
    try:
        with Path(path).open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
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
