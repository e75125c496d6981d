"""``conflict-claims rules``: the rule catalogue."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from conflict_claims.cli._common import EXIT_OK, add_output_option, emit

if TYPE_CHECKING:
    from conflict_claims.cli._common import Subparsers

NAME = "rules"


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="list the rules a package is checked against",
        description="List every rule: its slug (as reports name it), scope, whether Table "
        "Schema can express it, and what it checks.",
        epilog="example:\n  conflict-claims rules",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_output_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from conflict_claims.report.formats.catalogue import catalogue_text

    emit(catalogue_text(), args.output)
    return EXIT_OK
