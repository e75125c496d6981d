"""Resources given as URLs: refused by default, fetched with allow_remote (from loopback only)."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clitools import run_cli
from conflict_claims.io.bounds import Limits
from conflict_claims.validation.package import validate
from pkgtools import Package


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Package, str]]:
    """A package whose claims table is served over HTTP on 127.0.0.1, and its URL."""
    package = Package(tmp_path / "pkg")
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(package.folder / "data")
    )
    handler.log_message = lambda *_: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield package, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def point_claims_at(package: Package, path: str) -> None:
    descriptor = package.descriptor
    for resource in descriptor["resources"]:  # type: ignore[attr-defined]
        if resource["name"] == "claims":
            resource["path"] = path
    package.write_descriptor(descriptor)


def test_a_url_is_refused_by_default(served: tuple[Package, str]) -> None:
    package, base = served
    point_claims_at(package, f"{base}/claims.csv")
    report = validate(package.folder)
    assert {(p.rule, p.resource, p.row) for p in report.errors} == {("path-unsafe", "claims", None)}


def test_allow_remote_fetches_the_table(served: tuple[Package, str]) -> None:
    package, base = served
    point_claims_at(package, f"{base}/claims.csv")
    report = validate(package.folder, allow_remote=True)
    assert report.errors == ()
    assert report.rows["claims"] == len(package.rows("claims"))


def test_a_missing_remote_file_is_reported(served: tuple[Package, str]) -> None:
    package, base = served
    point_claims_at(package, f"{base}/no-such.csv")
    report = validate(package.folder, allow_remote=True)
    assert {(p.rule, p.resource, p.row) for p in report.errors} == {
        ("file-unreadable", "claims", None)
    }


def test_only_http_urls_are_fetched(served: tuple[Package, str]) -> None:
    package, _ = served
    point_claims_at(package, "ftp://127.0.0.1/claims.csv")
    report = validate(package.folder, allow_remote=True)
    assert {(p.rule, p.resource, p.row) for p in report.errors} == {
        ("file-unreadable", "claims", None)
    }


# Servers that misbehave: each remote bound is shown to hold against one of them.

STOP = threading.Event()


class Misbehaving(http.server.BaseHTTPRequestHandler):
    """GET /drip, /hang, /slow-headers, /endless, /huge, /to-port/N, /to-ftp, /same/…"""

    claims = b""

    def log_message(self, *_: object) -> None:
        pass

    def _headers(self, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path
        try:
            if path == "/drip":
                self._headers()
                while not STOP.wait(0.5):
                    self.wfile.write(b"x")
                    self.wfile.flush()
            elif path == "/hang":
                STOP.wait(120)
            elif path == "/slow-headers":
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 10_000:
                    if STOP.wait(0.2):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            elif path == "/endless":
                self._headers()
                block = b"a," * 32_768
                while not STOP.is_set():
                    self.wfile.write(block)
            elif path == "/huge":
                self._headers(length=1 << 40)
                self.wfile.write(b"event_id\n")
            elif path.startswith("/to-port/"):
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{path.rsplit('/', 1)[1]}/claims")
                self.end_headers()
            elif path == "/to-ftp":
                self.send_response(302)
                self.send_header("Location", "ftp://127.0.0.1/claims.csv")
                self.end_headers()
            elif path == "/same":
                self.send_response(302)
                self.send_header("Location", "/claims")
                self.end_headers()
            elif path == "/claims":
                self._headers(length=len(self.claims))
                self.wfile.write(self.claims)
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _serve(handler: type[http.server.BaseHTTPRequestHandler]) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def misbehaving(tmp_path: Path) -> Iterator[tuple[Package, str, str]]:
    """A package, a misbehaving server's URL, and a second server (another port) serving claims."""
    package = Package(tmp_path / "pkg")
    Misbehaving.claims = package.csv_path("claims").read_bytes()
    STOP.clear()
    first, second = _serve(Misbehaving), _serve(Misbehaving)
    try:
        yield (
            package,
            f"http://127.0.0.1:{first.server_address[1]}",
            str(second.server_address[1]),
        )
    finally:
        STOP.set()
        for server in (first, second):
            server.shutdown()
            server.server_close()


def _timed(package: Package, **options: object) -> tuple[set[tuple[str, str]], float, list[str]]:
    start = time.monotonic()
    report = validate(package.folder, allow_remote=True, **options)  # type: ignore[arg-type]
    elapsed = time.monotonic() - start
    return (
        {(p.rule, p.resource) for p in report.errors},
        elapsed,
        [p.message for p in report.errors],
    )


@pytest.mark.parametrize("path", ["/drip", "/hang", "/slow-headers"])
def test_a_resource_that_never_arrives_meets_its_deadline(
    misbehaving: tuple[Package, str, str], path: str
) -> None:
    package, base, _ = misbehaving
    point_claims_at(package, base + path)
    found, elapsed, messages = _timed(package, limits=Limits(remote_timeout=2))
    assert found == {("limit-exceeded", "claims")}
    assert "--remote-timeout" in messages[0]
    assert elapsed < 10, f"{elapsed:.1f} s against a 2 s deadline"


def test_the_run_has_one_deadline_for_all_remote_resources(
    misbehaving: tuple[Package, str, str],
) -> None:
    package, base, _ = misbehaving
    descriptor = package.descriptor
    for resource in descriptor["resources"]:  # type: ignore[attr-defined]
        resource["path"] = f"{base}/hang"
    package.write_descriptor(descriptor)
    found, elapsed, _ = _timed(package, limits=Limits(remote_timeout=2, remote_deadline=3))
    assert found == {("limit-exceeded", r["name"]) for r in descriptor["resources"]}  # type: ignore[attr-defined]
    assert elapsed < 8, f"{elapsed:.1f} s for six hanging tables and a run deadline of 3 s"


@pytest.mark.parametrize("path", ["/endless", "/huge"])
def test_a_body_beyond_the_size_cap_is_cut_off(
    misbehaving: tuple[Package, str, str], path: str
) -> None:
    package, base, _ = misbehaving
    point_claims_at(package, base + path)
    found, elapsed, messages = _timed(package, limits=Limits(max_file_bytes=1 << 20))
    assert found == {("limit-exceeded", "claims")}
    assert "--max-file-size" in messages[0]
    assert elapsed < 30


def test_a_redirect_to_another_port_is_refused_unless_trusted(
    misbehaving: tuple[Package, str, str],
) -> None:
    package, base, other_port = misbehaving
    point_claims_at(package, f"{base}/to-port/{other_port}")
    found, _, messages = _timed(package)
    assert found == {("path-unsafe", "claims")}
    assert other_port in messages[0]
    assert _timed(package, trusted=True)[0] == set()


@pytest.mark.parametrize("trusted", [False, True])
def test_a_redirect_to_ftp_is_refused(misbehaving: tuple[Package, str, str], trusted: bool) -> None:
    package, base, _ = misbehaving
    point_claims_at(package, f"{base}/to-ftp")
    assert _timed(package, trusted=trusted)[0] == {("path-unsafe", "claims")}


def test_a_redirect_on_the_same_host_is_followed(misbehaving: tuple[Package, str, str]) -> None:
    package, base, _ = misbehaving
    point_claims_at(package, f"{base}/same")
    assert _timed(package)[0] == set()


def test_the_remote_options_of_the_command(misbehaving: tuple[Package, str, str]) -> None:
    package, base, _ = misbehaving
    point_claims_at(package, f"{base}/drip")
    start = time.monotonic()
    result = run_cli(
        "validate", str(package.folder), "--allow-remote", "--remote-timeout", "1.5",
        "--remote-deadline", "60",
    )  # fmt: skip
    assert time.monotonic() - start < 30
    assert result.returncode == 1
    assert "[limit-exceeded]" in result.stdout
    assert Limits().remote_timeout == 60
    assert Limits().remote_deadline == 300
