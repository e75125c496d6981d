"""``conflict-claims info``: what a package holds, in a few numbers."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from conflict_claims.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_output_option,
    add_path_argument,
    emit,
    resolve_descriptor,
)

if TYPE_CHECKING:
    from conflict_claims.cli._common import Subparsers

NAME = "info"


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="summarise a data package: claims per event and claimant, the figures by side",
        description="Summarise a valid data package (default: the bundled one): rows per "
        "table, claims per event and per claimant, and the figures: for each event, by the "
        "side whose losses they count, then by category, each claimant's statement.",
        epilog="examples:\n  conflict-claims info\n  conflict-claims info path/to/derived",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_path_argument(
        parser, "a datapackage.json or a folder holding one (default: the bundled package)"
    )
    add_output_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from conflict_claims.report.formats._common import display_path
    from conflict_claims.typed.errors import InvalidPackageError
    from conflict_claims.typed.loading import load
    from conflict_claims.typed.summary import render_summary, summarize

    descriptor = resolve_descriptor(args.path)
    target = "the bundled package" if args.path is None else display_path(descriptor)
    try:
        dataset = load(descriptor)
    except InvalidPackageError as exc:
        count = len(exc.report.errors)
        print(
            f"invalid: {target} breaks {count} rule(s); run 'conflict-claims validate' to see them",
            file=sys.stderr,
        )
        return EXIT_INVALID
    emit(render_summary(summarize(dataset), target), args.output)
    return EXIT_OK
