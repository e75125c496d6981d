"""Resources given as URLs: refused by default, fetched with allow_remote (from loopback only)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

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
