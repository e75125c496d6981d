"""A folder of source snapshots, found by the sha256 of their bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path


def read_snapshots(folder: str | Path) -> dict[str, str]:
    """Map sha256 to text for every readable UTF-8 file in the folder (not recursive)."""
    found: dict[str, str] = {}
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
            found[hashlib.sha256(data).hexdigest()] = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not a text snapshot: it simply matches no source
    return found
