"""CSV text as this package writes it: UTF-8, "\\n" line ends, quotes only where needed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def csv_field(text: str) -> str:
    # The csv module leaves a lone carriage return unquoted when lines end in "\n", and readers
    # then take it for a line end: every cell holding a line break of any kind is quoted.
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(header: Sequence[str], records: Iterable[Sequence[str]]) -> str:
    """A whole CSV file, header first."""
    lines = [",".join(map(csv_field, header)) + "\n"]
    lines.extend(",".join(map(csv_field, record)) + "\n" for record in records)
    return "".join(lines)
