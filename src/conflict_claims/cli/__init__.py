"""The ``conflict-claims`` command line.

Kept thin: only argparse is imported at start-up; each command imports what it
needs (pandas, frictionless, ...) inside its run function.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from conflict_claims.__about__ import __version__
from conflict_claims.cli import info, rules, validate
from conflict_claims.cli._common import (
    EXIT_INVALID,
    EXIT_NOT_WRITTEN,
    EXIT_USAGE,
    PROG,
    CliParser,
    NotWrittenError,
    UsageError,
)

if TYPE_CHECKING:
    from conflict_claims.cli._common import Subparsers

__all__ = ["build_parser", "command_names", "main"]

#: One entry per command module; each registers its own subparser.
_COMMANDS: tuple[Callable[[Subparsers], None], ...] = (
    validate.register,
    rules.register,
    info.register,
)

_EPILOG = """\
example:
  conflict-claims validate            # validate the bundled data package
  conflict-claims validate path/to/derived --format github
  conflict-claims rules               # the rules, by slug
  conflict-claims info                # what the bundled package holds

run 'conflict-claims COMMAND --help' for a command's options and examples.
"""


def build_parser() -> CliParser:
    parser = CliParser(
        prog=PROG,
        description=(
            "Armed-conflict events (2023 battles in Mali) and the casualty figures\n"
            "each party claimed: validate data packages derived from them."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    # Not required=True: argparse would then report a missing command before an
    # unrecognized option; main() reports the missing command itself.
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for register in _COMMANDS:
        register(subparsers)
    return parser


def command_names() -> list[str]:
    """Names of every command (subparser) of the CLI."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _tolerant_stdout() -> None:
    # A report must not crash on a console that cannot encode, say, an em dash.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _tolerant_stdout()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.error(f"missing COMMAND (one of: {', '.join(command_names())})")
        code: int = args.func(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except NotWrittenError as exc:
        _error(str(exc))
        return EXIT_NOT_WRITTEN
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python from complaining at exit
        _silence_stdout()
        return EXIT_INVALID
    except Exception as exc:  # never a traceback: a bug still gets a one-line report
        _error(f"internal error, please report it: {exc!r}")
        return EXIT_INVALID
    return code


def _error(message: str) -> None:
    from conflict_claims.report.formats._common import printable

    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
