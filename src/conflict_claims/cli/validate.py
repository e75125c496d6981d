"""``conflict-claims validate``: check a data package derived from the bundled one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from conflict_claims.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    add_format_option,
    add_output_option,
    emit,
    positive_int,
)
from conflict_claims.cli._report import Issue, ValidationReport, render_json, render_text

if TYPE_CHECKING:
    from conflict_claims.cli._common import Subparsers

NAME = "validate"

EXAMPLES = """\
examples:
  conflict-claims validate
  conflict-claims validate path/to/derived/datapackage.json --format json --output report.json

exit codes: 0 valid, 1 invalid, 2 wrong usage (e.g. PATH does not exist)
"""


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="validate a data package (default: the bundled one)",
        description=(
            "Validate a data package against the rules of conflict-claims.\n"
            "Without PATH, validate the package bundled with this installation."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="a datapackage.json, or a folder containing one (default: the bundled package)",
    )
    add_format_option(parser)
    add_output_option(parser)
    parser.add_argument(
        "--sources-dir",
        type=Path,
        metavar="DIR",
        help="folder with the source documents the claims cite",
    )
    parser.add_argument(
        "--max-errors",
        type=positive_int,
        metavar="N",
        help="list at most N errors (default: all)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt: str = args.format
    if fmt not in ("text", "json"):
        raise UsageError(f"--format {fmt} is not implemented yet")
    descriptor, target = _resolve_descriptor(args.path)
    sources_dir: Path | None = args.sources_dir
    if sources_dir is not None and not sources_dir.is_dir():
        raise UsageError(f"--sources-dir is not a folder: {sources_dir}")
    max_errors: int | None = args.max_errors

    report = _validate_provisional(descriptor, target=target, sources_dir=sources_dir)

    render = render_json if fmt == "json" else render_text
    emit(render(report, max_errors), args.output)
    return EXIT_OK if report.valid else EXIT_INVALID


def _resolve_descriptor(path: Path | None) -> tuple[Path, str]:
    """Return the descriptor to validate and the name to show for it."""
    if path is None:
        from conflict_claims._resources import bundled_package_dir

        try:
            return bundled_package_dir() / "datapackage.json", "datapackage.json"
        except FileNotFoundError as exc:
            raise UsageError(str(exc)) from None
    if not path.exists():
        raise UsageError(f"path does not exist: {path}")
    if path.is_dir():
        descriptor = path / "datapackage.json"
        if not descriptor.is_file():
            raise UsageError(f"no datapackage.json in folder: {path}")
        return descriptor, str(descriptor)
    return path, str(path)


def _validate_provisional(
    descriptor: Path, *, target: str, sources_dir: Path | None
) -> ValidationReport:
    """Run the project's validator and adapt its report for the renderers."""
    from conflict_claims.validate import validate  # lazy: keeps ``--help`` fast

    report = validate(descriptor, sources_dir=sources_dir)
    issues = tuple(
        Issue(code=p.rule, message=p.message, resource=p.resource, row=p.row, field=p.field)
        for p in report.errors
    )
    return ValidationReport(
        target=target,
        valid=report.valid,
        tables=len(report.rows),
        rows=sum(report.rows.values()),
        issues=issues,
    )
