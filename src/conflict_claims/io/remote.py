"""Fetching a resource given as a URL, only when the caller allowed it (``--allow-remote``).

Every fetch is bounded: a deadline per resource and one for the whole run (a server that drips
a byte at a time or never answers cannot hold the run), a size cap (an endless body cannot fill
memory or disk: it is streamed to a file and cut off), and redirects that stay on the same
http(s) host and port unless ``trusted``.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPException, HTTPMessage
from pathlib import Path
from typing import IO, Any

from conflict_claims.io.bounds import DEFAULT_LIMITS, Deadline, Limits, Refusal, size_text

SCHEMES = ("http", "https")
_CHUNK = 1 << 16


def is_url(path: str) -> bool:
    """Whether a resource path is a URL; 'C:/data/x.csv' is a Windows path, not a URL."""
    scheme = urllib.parse.urlparse(path).scheme
    if len(scheme) == 1:
        return False  # a drive letter
    return "://" in path or scheme not in ("", "file")


class _Refused(urllib.error.URLError):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s) on the URL's own host and port, unless trusted."""

    def __init__(self, origin: str, trusted: bool) -> None:
        self.origin = urllib.parse.urlparse(origin).netloc.lower()
        self.trusted = trusted

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:  # fmt: skip
        target = urllib.parse.urlparse(newurl)
        if target.scheme not in SCHEMES:
            raise _Refused(
                Refusal("path-unsafe", f"the server redirects to {newurl}, which is not http(s)")
            )
        if not self.trusted and target.netloc.lower() != self.origin:
            raise _Refused(
                Refusal(
                    "path-unsafe",
                    f"the server redirects to {newurl}, another host or port; "
                    "pass --trusted to follow it",
                )
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _socket_timeout(response: Any, seconds: float) -> None:
    # http.client reads the body through sock.makefile(): reach the socket to shorten its
    # timeout to what is left of the deadline
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))


def _download(
    url: str, target: Path, limits: Limits, budget: Deadline, trusted: bool, stop: threading.Event
) -> Refusal | None:
    opener = urllib.request.build_opener(_Redirects(url, trusted))
    cap = limits.max_file_bytes
    too_large = Refusal(
        "limit-exceeded",
        f"{url} sends more than the limit of {size_text(cap)}; "
        "raise it with --max-file-size if the file is meant to be this large",
    )
    try:
        with opener.open(url, timeout=max(budget.left(), 0.001)) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                return too_large
            received = 0
            with target.open("wb") as out:
                while not stop.is_set():
                    _socket_timeout(response, budget.left())
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        return None
                    received += len(chunk)
                    if received > cap:
                        return too_large
                    out.write(chunk)
    except _Refused as exc:
        return exc.refusal
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Refusal("file-unreadable", f"cannot fetch {url}: {reason}")
    return None


def fetch(
    url: str,
    folder: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    deadline: Deadline | None = None,
    trusted: bool = False,
) -> Path | Refusal:
    """Download url into folder; return the file, or why it could not be fetched.

    The fetch gets ``limits.remote_timeout`` seconds, or what is left of the run's ``deadline``
    if less; it runs in a worker thread that is abandoned (and told to stop) when time is up, so
    no server behaviour, headers included, can hold the caller beyond it.
    """
    scheme = urllib.parse.urlparse(url).scheme
    if scheme not in SCHEMES:
        return Refusal(
            "file-unreadable", f"only {' and '.join(SCHEMES)} URLs can be fetched, not {scheme}://"
        )
    run = deadline if deadline is not None else Deadline(limits.remote_deadline)
    seconds = min(limits.remote_timeout, run.left())
    timed_out = Refusal(
        "limit-exceeded",
        f"{url} did not arrive within {seconds:g} s (per resource: --remote-timeout, "
        f"{limits.remote_timeout:g} s; per run: --remote-deadline, {limits.remote_deadline:g} s)",
    )
    if seconds <= 0:
        return timed_out
    target = folder / f"resource-{len(list(folder.iterdir()))}.csv"
    budget = Deadline(seconds)
    stop = threading.Event()
    outcome: list[Refusal | None] = []

    def work() -> None:
        outcome.append(_download(url, target, limits, budget, trusted, stop))

    worker = threading.Thread(target=work, name=f"fetch {url}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        stop.set()
        return timed_out
    if not outcome:  # the worker ended without a word: nothing trustworthy was fetched
        return Refusal("file-unreadable", f"cannot fetch {url}")
    result = outcome[0]
    if result is not None and result.rule == "file-unreadable" and budget.left() <= 0:
        return timed_out  # the socket timed out at the deadline
    return target if result is None else result
