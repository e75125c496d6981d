"""The fast path of CSV reading: Arrow's parser, every column kept as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv


def parse_csv_file(path: Path, header: list[str]) -> pd.DataFrame | None:
    """Parse a CSV file (header included) into text columns; None when Arrow refuses it (a
    malformed row, bytes that are not UTF-8) or cannot read it. The file is memory-mapped:
    Arrow reads the operating system's cached pages, and no copy of the file is made."""
    try:
        with pa.memory_map(str(path)) as source:
            return _parse(source, header)
    except (OSError, pa.ArrowException):
        return None


def parse_csv(data: memoryview, header: list[str]) -> pd.DataFrame | None:
    """Parse a whole CSV (UTF-8 bytes, header included) into text columns; None when Arrow
    refuses it (a malformed row, or bytes that are not UTF-8)."""
    return _parse(pa.py_buffer(data), header)


def _parse(source: Any, header: list[str]) -> pd.DataFrame | None:
    try:
        table = pacsv.read_csv(
            source,
            # Blocks of 16 MB: fewer, larger chunks for the checks to walk (Arrow's default of
            # 1 MB makes hundreds of chunks per column), still enough to keep every core busy.
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=16 << 20),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                # large_string is what pandas keeps Arrow text in: no conversion afterwards
                column_types={name: pa.large_string() for name in header},
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                null_values=[""],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    frame: pd.DataFrame = table.to_pandas()
    for name in header:
        if frame[name].dtype != "str":
            frame[name] = frame[name].astype("str").where(frame[name].notna(), None)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame
