"""Mutation testing of the rule code with mutmut: a sample of mutants drawn with a fixed seed,
each run against the deterministic tests that reach it; prints the score and the survivors,
and exits 1 below the bar.

    python tests/mutation_sample.py                  # the documented run (README "Testing")
    python tests/mutation_sample.py --sample 50      # the fast sample .ci/run runs
    python tests/mutation_sample.py --sample 0       # every mutant (hours on two cores)

What is mutated and which tests run is ``[tool.mutmut]`` in ``pyproject.toml``; mutmut works
in a copy of the repository (``mutants/``), so the checkout is never changed. The score is
killed / (sampled - judged equivalent): a mutant no test reaches counts as a survivor.
Not a test module (pytest does not collect it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent
SEEDS = REPO.parent / "shared" / "seeds"

KILLED = {1, 3, 24, -24, 36, 37, 152, 255}  # failed, errored, timed out, or type-checked out
EQUIVALENT: dict[str, str] = {
    # mutant name -> why no test can tell it from the original (README "Testing")
    "conflict_claims.contract.numbers.x_to_words__mutmut_33": (
        "the message of an assertion no input reaches (every n >= 100 has a scale)"
    ),
    "conflict_claims.engines.per_record.engine.x_table_records__mutmut_31": (
        "Pydantic's 'missing' never arises: a table whose file lacks a column is not read"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x_cross_findings__mutmut_56": (
        "each check's findings as a generator instead of a list: the same findings, in order"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__subjects__mutmut_48": (
        "zip(strict=True) dropped over two columns of one frame, always of equal length"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__unattributed__mutmut_35": (
        "fillna(None) instead of fillna(False) on a mask that never holds a missing value"
    ),
    "conflict_claims.engines.vectorised.engine.x_table_problems__mutmut_78": (
        "zip(strict=False) over rows and the cells fetched for exactly those rows"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__none__mutmut_3": (
        "an all-False mask without the frame's index: no row is ever taken from it"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__none__mutmut_4": (
        "pd.Series(False, dtype=None) is bool anyway"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__search_where__mutmut_23": (
        "fill_null(True): an empty cell is never a candidate (its first byte reads as 0)"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__integers__mutmut_8": (
        "the parsing cache never hits: the same integers, parsed again (speed only)"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__integers__mutmut_15": (
        "nothing cached: the same integers, parsed again (speed only)"
    ),
    "conflict_claims.engines.vectorised.table_checks.x_row_codes__mutmut_14": (
        "key * (n + 1) - code is as one-to-one as key * (n + 1) + code for codes 0..n"
    ),
    "conflict_claims.engines.vectorised.table_checks.x_figure_not_in_quote__mutmut_19": (
        "a float array of 0/1 turned into the same bool Series"
    ),
    "conflict_claims.engines.vectorised.table_checks.x_figure_not_in_quote__mutmut_43": (
        "zip(strict=None) over three lists taken at the same positions"
    ),
    "conflict_claims.engines.vectorised.engine.x__labels__mutmut_5": (
        "na_value dropped: the checks return plain bool masks, with no missing value"
    ),
    "conflict_claims.engines.vectorised.engine.x__labels__mutmut_6": (
        "na_value=True: the checks return plain bool masks, with no missing value"
    ),
    "conflict_claims.engines.vectorised.pool.x_run_all__mutmut_8": (
        "at most 5 threads instead of 4: the same results in the same order (speed only)"
    ),
    "conflict_claims.engines.vectorised.pool.x_run_all__mutmut_9": (
        "a small table checked in threads too: the same results in the same order"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__integers__mutmut_20": (
        "stale cache entries are kept: a hit still requires the very same Arrow array"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__parse_integers__mutmut_46": (
        "zero_copy_only=None is as false as False"
    ),
    "conflict_claims.engines.vectorised.table_checks.x__parse_integers__mutmut_75": (
        "zip(strict) dropped over positions and the cells picked at them"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__dates__mutmut_40": (
        "fillna(None) on a mask of 'str' comparisons, which give False, never missing"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__dates__mutmut_78": (
        "fillna(True) on a mask of 'str' comparisons, which give False, never missing"
    ),
    "conflict_claims.engines.vectorised.table_checks.x_vocabulary__mutmut_3": (
        "the vocabulary as Arrow string instead of large_string: is_in matches the same"
    ),
    "conflict_claims.engines.vectorised.table_checks.x_stated_figures__mutmut_9": (
        "dtype=bool dropped from an array of Python bools, which numpy makes bool anyway"
    ),
    "conflict_claims.io.read.x__read_sound__mutmut_19": (
        "end <= 0: a first line that is empty (end 0) has no header, refused on either branch"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__maybe_cyclic__mutmut_11": (
        "ignore_index=False: the edges' labels repeat, but each mask is built on those very "
        "labels, and only the ids are returned"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__maybe_cyclic__mutmut_21": (
        "| for & in the cycle pre-filter: it keeps a superset of the suspects, and the exact "
        "link rules find the same on any superset"
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__integers_by_value__mutmut_28": (
        "skip_nulls=False rewrites a column holding empty cells into the same text: the rows "
        "here are sound, each integer cell an integer or empty"
    ),
}
"""Survivors judged equivalent: the same behaviour under every input."""


def _mutmut(*args: str) -> int:
    env = {**os.environ, "CONFLICT_CLAIMS_SEEDS": os.environ.get("CONFLICT_CLAIMS_SEEDS")
           or str(SEEDS)}  # fmt: skip
    return subprocess.run(["mutmut", *args], cwd=REPO, env=env, check=False).returncode


def _outcomes() -> dict[str, int | None]:
    """Every mutant's name and exit code (None: not run yet), from mutmut's records."""
    found: dict[str, int | None] = {}
    for meta in sorted((REPO / "mutants" / "src").rglob("*.py.meta")):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=400, help="mutants to run (0: all)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--min-score", type=float, default=90.0, help="percent")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="run nothing: score the sample from mutmut's records of earlier runs",
    )
    args = parser.parse_args(argv)

    if not args.report_only:
        # Generates the mutants and maps each function to the tests that reach it; the filter
        # matches no mutant, so mutmut then stops (with an error, expected here).
        _mutmut("run", "--max-children", str(args.max_children), "no-mutant-is-called-this*")
    names = sorted(_outcomes())
    if not names:
        print("mutmut generated no mutants", file=sys.stderr)
        return 1
    chosen = names if args.sample <= 0 else random.Random(args.seed).sample(
        names, min(args.sample, len(names))
    )  # fmt: skip
    if not args.report_only:
        print(f"running {len(chosen)} of {len(names)} mutants (seed {args.seed})", flush=True)
        _mutmut("run", "--max-children", str(args.max_children), *chosen)

    outcomes = _outcomes()
    unchecked = [n for n in chosen if outcomes.get(n) is None]
    if unchecked:
        print(f"{len(unchecked)} of the {len(chosen)} sampled mutants were never run: left out")
        chosen = [n for n in chosen if n not in unchecked]
    counted = [n for n in chosen if n not in EQUIVALENT]
    killed = [n for n in counted if outcomes.get(n) in KILLED]
    survivors = [n for n in counted if outcomes.get(n) not in KILLED]
    score = 100.0 * len(killed) / max(len(counted), 1)
    for name in survivors:
        print(f"  survived ({outcomes.get(name)}): {name}")
    for name in sorted(set(chosen) & set(EQUIVALENT)):
        print(f"  equivalent: {name}: {EQUIVALENT[name]}")
    print(
        f"mutation score {score:.1f}% ({len(killed)} killed of {len(counted)}; "
        f"{len(chosen) - len(counted)} judged equivalent; bar {args.min_score:.0f}%)"
    )
    return 0 if score >= args.min_score else 1


if __name__ == "__main__":
    sys.exit(main())
