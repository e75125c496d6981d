"""A folder of source snapshots, found by the sha256 of their bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conflict_claims.io.bounds import DEFAULT_LIMITS


def read_snapshots(
    folder: str | Path, max_bytes: int = DEFAULT_LIMITS.max_file_bytes
) -> dict[str, str]:
    """Map sha256 to text for every readable UTF-8 file in the folder (not recursive); only
    regular files within ``max_bytes`` are read (a FIFO or a device is never opened)."""
    found: dict[str, str] = {}
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.stat().st_size > max_bytes:
            continue
        try:
            data = path.read_bytes()
            found[hashlib.sha256(data).hexdigest()] = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not a text snapshot: it simply matches no source
    return found
