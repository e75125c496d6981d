"""Fetching a resource given as a URL, only when the caller allowed it (``--allow-remote``)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

SCHEMES = ("http", "https")
TIMEOUT_SECONDS = 60


def is_url(path: str) -> bool:
    return "://" in path or urllib.parse.urlparse(path).scheme not in ("", "file")


def fetch(url: str, folder: Path) -> Path | str:
    """Download url into folder; return the file, or a message saying why it could not be."""
    scheme = urllib.parse.urlparse(url).scheme
    if scheme not in SCHEMES:
        return f"only {' and '.join(SCHEMES)} URLs can be fetched, not {scheme}://"
    target = folder / f"resource-{len(list(folder.iterdir()))}.csv"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            target.write_bytes(response.read())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return f"cannot fetch {url}: {reason}"
    return target
