"""The fast path of CSV reading: Arrow's parser, every column kept as text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
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
            # a blank line is a row of the file (frictionless reports it as blank-row), never
            # skipped: the careful path then reports it as malformed
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
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
    return text_frame(table, pd.RangeIndex(1, table.num_rows + 1))


def text_frame(table: Any, index: pd.Index) -> pd.DataFrame:
    """An Arrow table of text columns as a frame of text cells with this index, of the dtype
    every frame of raw cells has (what ``str`` means in the pandas at hand)."""
    frame: pd.DataFrame = table.to_pandas()
    for name in table.column_names:
        if frame[name].dtype != "str":
            frame[name] = frame[name].astype("str").where(frame[name].notna(), None)
    frame.index = index
    return frame


def keep_rows(
    frame: pd.DataFrame,
    keep: Any,
    run: Callable[[Sequence[Callable[[], Any]], int], list[Any]] | None = None,
) -> pd.DataFrame:
    """The rows of a frame of text cells where ``keep`` (booleans, one per row) is true.

    Arrow filters each column chunk by chunk; pandas' own row selection on Arrow-backed
    columns joins every chunk of a column into one first, copying it twice. ``run`` (given
    the column filters and the row count, their results in order) may filter the columns
    side by side."""
    from conflict_claims.io.arrow_text import text

    mask = pa.array(keep, type=pa.bool_())
    filters: list[Callable[[], Any]] = [
        partial(text(frame[name]).filter, mask) for name in frame.columns
    ]
    kept = run(filters, len(frame)) if run is not None else [f() for f in filters]
    table = pa.table(dict(zip(frame.columns, kept, strict=True)))
    return text_frame(table, frame.index[keep])


def pick_rows(frame: pd.DataFrame, at: Any) -> pd.DataFrame:
    """The rows at these positions of a frame of text cells, fetched chunk by chunk (see
    ``_arrow.pick``)."""
    from conflict_claims.io.arrow_text import pick, text

    table = pa.table({name: pick(text(frame[name]), at) for name in frame.columns})
    return text_frame(table, frame.index[at])
