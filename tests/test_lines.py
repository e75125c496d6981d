"""Line numbers of CSV records: the whole-array reading agrees with the csv module's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_claims.io.lines import _parsed_starts, _well_formed_starts, record_lines

# the bytes that decide where records start, and a letter for the rest
_PIECES = ["a", ",", '"', "\n", "\r\n", "\r", '""', "é", " "]


def _write(tmp: Path, content: bytes) -> Path:
    path = tmp / "t.csv"
    path.write_bytes(content)
    return path


@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=60),
    bom=st.booleans(),
)
def test_record_lines_agree_with_the_csv_module(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], bom: bool
) -> None:
    content = ("\ufeff" if bom else "") + "".join(pieces)
    path = _write(tmp_path_factory.mktemp("lines"), content.encode("utf-8"))
    assert record_lines(path) == _parsed_starts(path)


@given(
    pieces=st.lists(st.sampled_from(_PIECES), min_size=4, max_size=40),
    bom=st.booleans(),
    chunk=st.integers(min_value=1, max_value=9),
)
def test_a_file_read_in_small_blocks_gives_the_same_lines(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], bom: bool, chunk: int
) -> None:
    # the scan reads blocks of 16 MB; blocks of a few bytes put every neighbour it compares
    # (a doubled quote, a carriage return and its line feed) across the edge of a block. The
    # fast path must give what it gives in one block (refusing a file would hide a slip
    # behind the csv module's answer)
    content = ("\ufeff" if bom else "") + "".join(pieces)
    path = _write(tmp_path_factory.mktemp("lines"), content.encode("utf-8"))
    with path.open("rb") as whole, path.open("rb") as blocks:
        expected, got = _well_formed_starts(whole), _well_formed_starts(blocks, chunk)
    assert (got is None, [] if got is None else got.tolist()) == (
        expected is None,
        [] if expected is None else expected.tolist(),
    )
    assert record_lines(path, chunk) == _parsed_starts(path)


def test_lines_are_an_array_read_as_a_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, b'id,text\n1,"two\nlines"\n\n2,x\n')
    lines = record_lines(path)
    assert not isinstance(lines, dict)
    assert dict(lines) == {1: 2, 2: 5}
    assert (lines.get(0), lines.get(3), len(lines)) == (None, None, 2)


@given(
    cells=st.lists(
        st.lists(st.text(alphabet='a,"\n\r é', max_size=6), min_size=1, max_size=4),
        max_size=12,
    ),
    blank=st.lists(st.booleans(), max_size=12),
    crlf=st.booleans(),
)
def test_quoted_csv_takes_the_whole_array_path(
    tmp_path_factory: pytest.TempPathFactory,
    cells: list[list[str]],
    blank: list[bool],
    crlf: bool,
) -> None:
    # written as a CSV writer writes: every cell quoted, quotes doubled, blank lines between
    end = "\r\n" if crlf else "\n"
    lines = []
    for number, row in enumerate(cells):
        lines.append(",".join('"' + cell.replace('"', '""') + '"' for cell in row))
        if number < len(blank) and blank[number]:
            lines.append("")
    content = (end.join(lines) + end).encode("utf-8")
    path = _write(tmp_path_factory.mktemp("lines"), content)
    if b"\r" in content.replace(b"\r\n", b""):
        return  # a lone carriage return inside a cell: the csv module's path, checked above
    with path.open("rb") as handle:
        assert _well_formed_starts(handle) is not None
    assert record_lines(path) == _parsed_starts(path)


@pytest.mark.parametrize(
    ("content", "fast"),
    [
        (b'id,text\n1,"two\nlines"\n\n2,x\n', True),
        (b'id,text\n1,ab"c\n2,x\n', False),  # a quote inside an unquoted cell
        (b"id,text\r1,x\r", False),  # lone carriage returns end the lines
        (b'id,text\n1,"open\n', False),  # an unclosed quote
        (b'id,text\n1,"a" b\n', False),  # text after a closing quote
    ],
)
def test_files_the_whole_array_path_refuses_go_to_the_csv_module(
    tmp_path: Path, content: bytes, fast: bool
) -> None:
    path = _write(tmp_path, content)
    with path.open("rb") as handle:
        assert (_well_formed_starts(handle) is not None) is fast
    assert record_lines(path) == _parsed_starts(path)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    assert record_lines(_write(tmp_path, b"")) == {}
    assert record_lines(tmp_path / "missing.csv") == {}
