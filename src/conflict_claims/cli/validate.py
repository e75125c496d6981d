"""``conflict-claims validate``: check a data package, or one table, against the rules."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflict_claims.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    add_format_option,
    add_output_option,
    add_path_argument,
    emit,
    non_negative_int,
    resolve_descriptor,
)
from conflict_claims.contract.tables import TABLE_NAMES

if TYPE_CHECKING:
    from conflict_claims.cli._common import Subparsers
    from conflict_claims.io.bounds import Limits
    from conflict_claims.report.report import Report

NAME = "validate"

EXAMPLES = """\
examples:
  conflict-claims validate
  conflict-claims validate path/to/derived --format github
  conflict-claims validate path/to/derived/datapackage.json --format json --output report.json
  conflict-claims validate my-claims.csv --table claims --package path/to/derived
  conflict-claims validate path/to/derived --ignore figure-not-in-quote --warn duplicate-claim

exit codes: 0 valid, 1 the data breaks a rule (unreadable data included),
            2 wrong usage (e.g. PATH does not exist, --output names a folder),
            3 the report could not be written (e.g. a full disk; --output is unchanged)
"""


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="validate a data package (default: the bundled one) or one table",
        description=(
            "Validate a data package against the rules of conflict-claims.\n"
            "Without PATH, validate the package bundled with this installation.\n"
            "With --table, PATH is one CSV or Parquet file holding that table."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_path_argument(
        parser,
        "a datapackage.json, a folder holding one, or with --table a CSV/Parquet file "
        "(default: the bundled package)",
    )
    add_format_option(parser)
    add_output_option(parser)
    parser.add_argument(
        "--sources-dir",
        type=Path,
        metavar="DIR",
        help="folder with the source documents the claims cite (snapshots named by sha256)",
    )
    parser.add_argument(
        "--max-errors",
        type=non_negative_int,
        metavar="N",
        help="print at most N problems (all are still counted; 0 prints the count only; "
        "default: all)",
    )
    for option, meaning in (
        ("--select", "check only these rules"),
        ("--ignore", "do not check these rules"),
        ("--warn", "report these rules as warnings, which leave the exit code at 0"),
    ):
        parser.add_argument(
            option,
            type=_slugs,
            action="extend",
            metavar="RULE[,RULE]",
            help=f"{meaning} (rule slugs, see 'conflict-claims rules'; replaces the package's "
            f"conflictClaims.{option[2:]} setting)",
        )
    parser.add_argument(
        "--table",
        choices=TABLE_NAMES,
        metavar="NAME",
        help=f"PATH is a single table file: one of {', '.join(TABLE_NAMES)}",
    )
    parser.add_argument(
        "--package",
        type=Path,
        metavar="P",
        help="with --table: check the table's references against this package",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse columns beyond the schema (allowed by default)",
    )
    parser.add_argument(
        "--trusted",
        action="store_true",
        help="allow resource paths that are absolute or leave the package folder",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="fetch resources given as http(s) URLs (by default a URL is refused, nothing fetched)",
    )
    parser.add_argument(
        "--engine",
        choices=("pandera", "pydantic", "spark"),
        default="pandera",
        help="pandera: whole columns in this process (default); pydantic: record by record; "
        "spark: on Spark (pip install 'conflict-claims[spark]', and Java)",
    )
    parser.add_argument(
        "--master",
        metavar="URL",
        help="with --engine spark: the Spark master (default: SPARK_MASTER, else local[*])",
    )
    parser.add_argument(
        "--failures",
        type=Path,
        metavar="FILE",
        help="also write every problem to this Parquet file (rule, resource, key, row, field, "
        "value, message, ...), however many --max-errors prints",
    )
    _add_limit_options(parser)
    parser.add_argument(
        "--require-path",
        action="store_true",
        help="refuse to run without PATH instead of validating the bundled package "
        "(the pre-commit hook sets it)",
    )
    parser.set_defaults(func=run)


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _add_limit_options(parser: argparse.ArgumentParser) -> None:
    from conflict_claims.io.bounds import DEFAULT_LIMITS as D
    from conflict_claims.io.bounds import MB

    limits = parser.add_argument_group("bounds (a bound that is hit is reported as limit-exceeded)")
    limits.add_argument(
        "--max-file-size",
        type=_positive_number,
        metavar="MB",
        default=D.max_file_bytes / MB,
        help="largest table file read or fetched, in MB (default: %(default)g)",
    )
    limits.add_argument(
        "--max-descriptor-size",
        type=_positive_number,
        metavar="MB",
        default=D.max_descriptor_bytes / MB,
        help="largest datapackage.json, in MB (default: %(default)g)",
    )
    limits.add_argument(
        "--max-columns",
        type=_positive_number,
        metavar="N",
        default=D.max_columns,
        help="widest table header, in columns (default: %(default)g)",
    )
    limits.add_argument(
        "--remote-timeout",
        type=_positive_number,
        metavar="S",
        default=D.remote_timeout,
        help="seconds one remote resource may take (default: %(default)g)",
    )
    limits.add_argument(
        "--remote-deadline",
        type=_positive_number,
        metavar="S",
        default=D.remote_deadline,
        help="seconds all remote resources of the run may take (default: %(default)g)",
    )


def _limits(args: argparse.Namespace) -> Limits:
    from conflict_claims.io.bounds import MB, Limits

    return Limits(
        max_file_bytes=int(args.max_file_size * MB),
        max_descriptor_bytes=int(args.max_descriptor_size * MB),
        max_columns=int(args.max_columns),
        remote_timeout=args.remote_timeout,
        remote_deadline=args.remote_deadline,
    )


def run(args: argparse.Namespace) -> int:
    fmt: str = args.format
    sources_dir: Path | None = args.sources_dir
    if sources_dir is not None and not sources_dir.is_dir():
        raise UsageError(f"--sources-dir is not a folder: {sources_dir}")
    if args.require_path and args.path is None:
        raise UsageError(
            "no PATH given: name the package to validate (a datapackage.json or its folder); "
            "in a pre-commit hook: args: [path/to/derived]"
        )
    if args.master is not None and args.engine != "spark":
        raise UsageError("--master goes with --engine spark")
    keys: tuple[str | None, ...] = ()
    if args.table is None:
        if args.package is not None:
            raise UsageError("--package goes with --table (checking one table against a package)")
        descriptor = resolve_descriptor(args.path)
        with _progress(fmt, descriptor):
            report, keys = _validate_package(descriptor, args)
        target = "the bundled package" if args.path is None else _shown(report.path)
    else:
        file = _resolve_table_file(args.path, args.table)
        if args.package is not None:
            resolve_descriptor(args.package)
        if sources_dir is not None:
            raise UsageError("--sources-dir checks a whole package, not a single --table")
        if args.engine == "spark":
            raise UsageError("--engine spark checks a whole package, not a single --table")
        report = _validate_table(file, args)
        target = f"{_shown(report.path)} (table {args.table})"
    if args.failures is not None:
        _write_failures(report, args.failures, keys)

    from conflict_claims.report.formats import render

    color = args.output is None and _colour_wanted()
    text = render(report, fmt, target=target, max_errors=args.max_errors, color=color)
    emit(text, args.output)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        _append_summary(Path(summary_file), render(report, "markdown", target=target))
    return EXIT_OK if report.valid else EXIT_INVALID


def _slugs(text: str) -> list[str]:
    """argparse ``type=`` for a comma-separated list of rule slugs."""
    from conflict_claims.validation.selection import unknown_slugs

    slugs = [s.strip() for s in text.split(",") if s.strip()]
    unknown = unknown_slugs(slugs)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"no such rule: {', '.join(unknown)} (see conflict-claims rules)"
        )
    return slugs


def _append_summary(path: Path, markdown: str) -> None:
    """Add the Markdown summary to the job's summary file (GitHub renders it on the run)."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        raise UsageError(
            f"cannot write GITHUB_STEP_SUMMARY {path}: {exc.strerror or exc}"
        ) from None


def _shown(path: str) -> str:
    from conflict_claims.report.formats._common import display_path

    return display_path(path)


def _colour_wanted() -> bool:
    # https://no-color.org: any non-empty NO_COLOR turns colour off
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _progress(fmt: str, descriptor: Path) -> AbstractContextManager[object]:
    if fmt != "text" or not sys.stderr.isatty():
        return nullcontext()
    from conflict_claims.cli._progress import THRESHOLD_BYTES, Progress, package_bytes

    size = package_bytes(descriptor)
    if size < THRESHOLD_BYTES:
        return nullcontext()
    return Progress(f"validating {size / 1e6:.0f} MB")


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments both validations take from the command line."""
    chosen = {"select": args.select, "ignore": args.ignore, "warn": args.warn}
    return {"strict": args.strict, "trusted": args.trusted, "limits": _limits(args), **chosen}


def _validate_package(
    descriptor: Path, args: argparse.Namespace
) -> tuple[Report, tuple[str | None, ...]]:
    """The report, and the key of each problem's row where the engine gives it."""
    if args.engine == "spark":
        return _validate_on_spark(descriptor, args)
    from conflict_claims.validation.package import validate  # lazy: keeps ``--help`` fast

    report = validate(
        descriptor,
        sources_dir=args.sources_dir,
        allow_remote=args.allow_remote,
        engine=args.engine,
        **_options(args),
    )
    return report, ()


def _validate_on_spark(
    descriptor: Path, args: argparse.Namespace
) -> tuple[Report, tuple[str | None, ...]]:
    from conflict_claims.engines.spark.session import SparkUnavailableError, require_spark

    if args.allow_remote:
        raise UsageError("--allow-remote does not go with --engine spark: Spark reads the files")
    try:
        require_spark()
        from conflict_claims.validation.spark import validate_spark

        result = validate_spark(
            descriptor, master=args.master, sources_dir=args.sources_dir, **_options(args)
        )
    except SparkUnavailableError as exc:
        raise UsageError(str(exc)) from None
    return result.report, result.keys


def _write_failures(report: Report, path: Path, keys: tuple[str | None, ...]) -> None:
    from conflict_claims.report.failures import write_failures

    try:
        write_failures(report, path, keys)
    except OSError as exc:
        raise UsageError(f"cannot write --failures {path}: {exc.strerror or exc}") from None


def _validate_table(file: Path, args: argparse.Namespace) -> Report:
    from conflict_claims.validation.table import validate_table

    return validate_table(file, args.table, package=args.package, **_options(args))


def _resolve_table_file(path: Path | None, table: str) -> Path:
    if path is None:
        raise UsageError(f"--table {table} needs PATH, the table's CSV or Parquet file")
    try:
        if not path.exists():
            raise UsageError(f"path does not exist: {path}")
        is_dir = path.is_dir()
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot use {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if is_dir:
        raise UsageError(f"--table expects a CSV or Parquet file, not a folder: {path}")
    if path.suffix.lower() == ".json":
        raise UsageError(
            f"{path} is a package descriptor, not a table: drop --table to validate the "
            f"package, or give --table {table} the table's CSV or Parquet file"
        )
    # any other kind of file (a FIFO, a device) is refused by the reader, as a rule
    return path
