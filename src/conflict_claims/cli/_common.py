"""Pieces shared by every command: the parser class, usage errors, common options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

PROG = "conflict-claims"

#: Exit codes used by every command.
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_NOT_WRITTEN = 3
"""The report could not be written (a full disk, an I/O error): the --output file is unchanged."""

FORMATS = ("text", "json", "github", "junit")
TABLE_SUFFIXES = (".csv", ".parquet", ".pq")


class UsageError(Exception):
    """Wrong usage: reported as one line on stderr, exit code 2."""


class NotWrittenError(Exception):
    """The report could not be written (disk full, I/O error): one line on stderr, exit 3."""


class CliParser(argparse.ArgumentParser):
    """ArgumentParser that turns every usage error into a one-line ``UsageError``.

    argparse's default prints the whole usage block and calls ``sys.exit``;
    we want one line on stderr and no traceback, whatever went wrong.
    """

    def error(self, message: str) -> NoReturn:
        text = " ".join(message.split())
        raise UsageError(f"{text} (see {self.prog} --help)")


if TYPE_CHECKING:
    from typing import TypeAlias

    #: What a command's ``register`` function receives.
    Subparsers: TypeAlias = argparse._SubParsersAction[CliParser]


def non_negative_int(text: str) -> int:
    """argparse ``type=`` for an integer >= 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def add_path_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The optional PATH every package command takes (default: the bundled package)."""
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH", help=help_text)


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="report format (default: %(default)s)",
    )


def output_file(text: str) -> Path:
    """argparse ``type=`` for --output: a file that may be written, checked before any work
    (not a folder, device or FIFO; an existing folder; a name the file system takes)."""
    from conflict_claims.io.atomic import TargetError, file_target

    try:
        return file_target(text)
    except TargetError as exc:
        # a UsageError passes through argparse as it is: one line, exit 2
        raise UsageError(f"cannot write --output {text!r}: {exc}") from None


def add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        type=output_file,
        metavar="FILE",
        help="write the report to FILE instead of standard output (a regular file, replaced "
        "whole or left unchanged)",
    )


def emit(text: str, output: Path | None) -> None:
    """Write a rendered report to ``output`` (UTF-8) or to standard output."""
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from conflict_claims.io.atomic import TargetError, write_file

    # A unique name beside the target, then one rename: never half-written, never mixed.
    try:
        write_file(output, text.encode("utf-8"))
    except TargetError as exc:
        raise UsageError(f"cannot write {output}: {exc}") from None
    except OSError as exc:
        raise NotWrittenError(
            f"cannot write {output}: {exc.strerror or exc}; the report was not written "
            "and the file is unchanged"
        ) from None


def resolve_descriptor(path: Path | None) -> Path:
    """The datapackage.json PATH means; a path that does not exist is a usage error."""
    if path is None:
        from conflict_claims.io.bundled import bundled_package_dir

        try:
            return bundled_package_dir() / "datapackage.json"
        except FileNotFoundError as exc:
            raise UsageError(str(exc)) from None
    try:
        if not path.exists():
            raise UsageError(f"path does not exist: {path}")
        is_dir = path.is_dir()
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot use {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if is_dir:
        descriptor = path / "datapackage.json"
        if not descriptor.exists():  # any other kind of file is refused by the reader
            raise UsageError(f"no datapackage.json in folder: {path}")
        return descriptor
    if path.suffix.lower() in TABLE_SUFFIXES:
        raise UsageError(f"{path} is a single table: say which with --table NAME")
    return path
