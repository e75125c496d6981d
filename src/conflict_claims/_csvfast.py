"""The fast path of CSV reading: Arrow's parser, every column kept as text."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv


def parse_csv(text: str, header: list[str]) -> pd.DataFrame | None:
    """Parse a whole CSV (header included) into text columns; None when Arrow refuses it."""
    data = text.encode("utf-8")
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
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
