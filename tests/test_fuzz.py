"""Fuzzing the reader: random descriptors and random bytes as tables never reach ``internal
error``, never hang and never use memory beyond a bound; ``validate()`` never raises and
``load()`` raises only ``InvalidPackageError``."""

from __future__ import annotations

import contextlib
import io
import json
import resource
import signal
import tempfile
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflict_claims as cc
from conflict_claims.cli import main
from conflict_claims.contract.tables import TABLE_NAMES, TABLES
from hyputil import scaled

SECONDS_PER_EXAMPLE = 60
PYTHON_PEAK_BYTES = 256 << 20
"""Python allocations of one run over a package of at most a few kilobytes."""
PROCESS_PEAK_BYTES = 3 << 30
"""The whole test process (pandas, Arrow, Hypothesis), at its highest."""

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
paths = st.sampled_from(
    [f"data/{name}.csv" for name in TABLE_NAMES]
    + ["data", ".", "", "../x.csv", "/etc/passwd", "C:/x.csv", "http://127.0.0.1:9/x.csv",
       "data/\x00.csv", "data/\x1b[31m.csv", "datapackage.json", "data/missing.csv"]
) | st.text(max_size=30)  # fmt: skip
resources = st.fixed_dictionaries(
    {"name": st.sampled_from(TABLE_NAMES) | st.text(max_size=10), "path": paths | json_values},
    optional={
        "dialect": json_values
        | st.fixed_dictionaries({}, optional={"delimiter": st.sampled_from([",", ";", "\t"])}),
        "schema": json_values,
    },
)
descriptor_objects = st.fixed_dictionaries(
    {"resources": st.lists(resources, max_size=8)},
    optional={
        "conflictClaims": json_values
        | st.fixed_dictionaries(
            {"tables": st.dictionaries(st.sampled_from(TABLE_NAMES), paths | json_values)}
        ),
        "name": json_values,
    },
)


def _descriptor_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


descriptors = (
    descriptor_objects.map(_descriptor_bytes)
    | json_values.map(_descriptor_bytes)
    | st.binary(max_size=200)
    | st.sampled_from([b"NaN", b'{"resources": [NaN]}', b"[" * 5000, b"{" * 3000])
)


@st.composite
def table_bytes(draw: st.DrawFn, name: str) -> bytes:
    """Random bytes, or a real header followed by random bytes, or random cells in CSV form."""
    header = ",".join(TABLES[name].column_names).encode()
    how = draw(st.sampled_from(["bytes", "header+bytes", "cells"]))
    if how == "bytes":
        return draw(st.binary(max_size=600))
    if how == "header+bytes":
        return (
            header
            + draw(st.sampled_from([b"\n", b"\r\n", b"\r", b""]))
            + draw(st.binary(max_size=600))
        )
    cell = st.text(st.characters(codec="utf-8"), max_size=12).map(
        lambda t: '"' + t.replace('"', '""') + '"' if any(c in t for c in ',"\r\n') else t
    )
    width = len(TABLES[name].column_names) + draw(st.integers(-2, 2))
    rows = draw(
        st.lists(st.lists(cell, min_size=max(width, 1), max_size=max(width, 1)), max_size=5)
    )
    return (
        header + b"\n" + "".join(",".join(r) + "\n" for r in rows).encode("utf-8", "surrogatepass")
    )


@st.composite
def packages(draw: st.DrawFn) -> dict[str, bytes]:
    files = {"datapackage.json": draw(descriptors)}
    for name in draw(st.lists(st.sampled_from(TABLE_NAMES), unique=True, max_size=6)):
        files[f"data/{name}.csv"] = draw(table_bytes(name))
    return files


@contextmanager
def bounded(seconds: int) -> Iterator[None]:
    """Fail, instead of hanging, when the block runs longer than ``seconds``."""

    def hung(*_: object) -> None:
        raise TimeoutError(f"a run took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _write(files: dict[str, bytes], folder: Path) -> None:
    (folder / "data").mkdir()
    for relative, data in files.items():
        (folder / relative).write_bytes(data)


@settings(max_examples=scaled(100, minimum=20))
@given(packages(), st.sampled_from(["text", "json", "github", "junit"]), st.booleans())
def test_random_packages_never_reach_internal_error(
    files: dict[str, bytes], fmt: str, strict: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp, bounded(SECONDS_PER_EXAMPLE):
        folder = Path(tmp)
        _write(files, folder)
        tracemalloc.start()
        try:
            args = ["validate", str(folder), "--format", fmt, *(["--strict"] if strict else [])]
            err = io.StringIO()
            out = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                code = main(args)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert "internal error" not in err.getvalue(), err.getvalue()
        assert code in (0, 1), err.getvalue()
        assert peak < PYTHON_PEAK_BYTES
        for engine in ("pandera", "pydantic"):
            report = cc.validate(folder, engine=engine)  # type: ignore[arg-type]
            assert report.valid == (code == 0)
        try:
            cc.load(folder)
        except cc.InvalidPackageError:
            assert code == 1
        else:
            assert code == 0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 < PROCESS_PEAK_BYTES
    assert pa.default_memory_pool().max_memory() < PROCESS_PEAK_BYTES


@settings(max_examples=scaled(50, minimum=10))
@given(st.sampled_from(TABLE_NAMES), st.data())
def test_random_bytes_as_a_single_table_never_reach_internal_error(
    name: str, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp, bounded(SECONDS_PER_EXAMPLE):
        file = Path(tmp) / f"{name}.csv"
        file.write_bytes(data.draw(table_bytes(name)))
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["validate", str(file), "--table", name])
        assert "internal error" not in err.getvalue(), err.getvalue()
        assert code in (0, 1)


@pytest.mark.parametrize(
    "path", ["pkg\x00", "\x00", "/proc/self/mem", "/dev/zero", "/", "", "no/such/folder"]
)
def test_odd_paths_are_problems_for_validate_and_load(path: str) -> None:
    report = cc.validate(path)
    assert not report.valid
    with pytest.raises(cc.InvalidPackageError):
        cc.load(path)
