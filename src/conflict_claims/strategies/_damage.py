"""Random byte-level damage to a written package, for robustness tests of the readers and the
command line: truncated files, bad bytes, shuffled header columns, broken or odd JSON."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from ._cells import Tables
from ._write import package_files

_JSON_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
)
json_values = st.recursive(
    _JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
"""Any JSON value."""


@st.composite
def _odd_descriptor(draw: st.DrawFn, data: bytes) -> bytes:
    """Valid JSON of the wrong shape: a key of the descriptor or of a resource set to any JSON
    value, or a conflictClaims table mapping of any shape."""
    descriptor: dict[str, Any] = json.loads(data)
    resources = descriptor["resources"]
    where = draw(st.sampled_from(("package", "resource", "mapping")))
    if where == "package":
        descriptor[draw(st.sampled_from(("resources", "name", "profile")))] = draw(json_values)
    elif where == "resource":
        resource = draw(st.sampled_from(resources))
        key = draw(st.sampled_from(("name", "path", "schema", "encoding", "dialect", "format")))
        resource[key] = draw(json_values)
    else:
        descriptor["conflictClaims"] = draw(
            json_values | st.dictionaries(st.just("tables"), json_values, min_size=1)
        )
    return json.dumps(descriptor).encode("utf-8")


def _swap_header(data: bytes, i: int, j: int) -> bytes:
    head, sep, rest = data.partition(b"\n")
    names = head.split(b",")
    if len(names) > max(i, j):
        names[i], names[j] = names[j], names[i]
    return b",".join(names) + sep + rest


@st.composite
def damaged_files(draw: st.DrawFn, tables: Tables) -> dict[str, bytes]:
    """The files of the package written from ``tables``, with one to three kinds of damage."""
    files = package_files(tables)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(
            st.sampled_from(
                ("truncate", "bad-bytes", "swap-header", "odd-json", "re-encode", "random-bytes")
            )
        )
        path = "datapackage.json" if how == "odd-json" else draw(st.sampled_from(sorted(files)))
        data = files[path]
        if how == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif how == "bad-bytes":
            at = draw(st.integers(0, len(data)))
            bad = draw(st.binary(min_size=1, max_size=4))
            data = data[:at] + bad + data[at + draw(st.integers(0, 4)) :]
        elif how == "swap-header":
            i, j = draw(st.integers(0, 15)), draw(st.integers(0, 15))
            data = _swap_header(data, i, j)
        elif how == "odd-json":
            try:
                data = draw(_odd_descriptor(data))
            except (ValueError, KeyError, TypeError):
                data = data[: len(data) // 2]  # earlier damage already broke the JSON
        elif how == "re-encode":  # the right text in the wrong encoding
            encoding = draw(st.sampled_from(("utf-16", "latin-1", "cp1252", "utf-32")))
            data = data.decode("utf-8", "replace").encode(encoding, "replace")
        else:
            data = draw(st.binary(max_size=200))
        files[path] = data
    return files
