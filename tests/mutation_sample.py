"""Mutation testing of the rule code with mutmut: a sample of mutants drawn with a fixed seed
(see ``drawn``), each run against the deterministic tests that reach it; prints the score and
the survivors, and exits 1 below the bar.

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
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent
SEEDS = REPO.parent / "shared" / "seeds"

KILLED = {1, 3, 24, -24, 36, 37, 152, 255}  # failed, errored, timed out, or type-checked out
EQUIVALENT: dict[str, tuple[str, str]] = {
    # mutant name -> (the line as the mutant writes it, why no test can tell it from the
    # original); the line is checked against mutmut's mutant, so a name that comes to mean
    # another mutation after the code changes is counted, not excused (README "Testing")
    "conflict_claims.contract.numbers.x_to_words__mutmut_33": (
        'raise AssertionError("UNREACHABLE")',
        "the message of an assertion no input reaches (every n >= 100 has a scale)",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__unattributed__mutmut_35": (
        "for row in _rows(bad.fillna(None).astype(bool)):",
        "fillna(None) instead of fillna(False) on a mask that never holds a missing value",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__quantifiers__mutmut_26": (
        'table = quantifiers.drop_duplicates(None).set_index("phrase")',
        "rows of one phrase kept twice: Arrow's is_in and index_in find its first row either way",
    ),
    "conflict_claims.engines.vectorised.repeats.x_distinct_keys__mutmut_5": (
        "if span > 4 * len(keys) + 1025:",
        "where to stop marking keys in a table and sort them instead: both give the same groups",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__none__mutmut_3": (
        "out: pd.Series = pd.Series(False, index=None, dtype=bool)",
        "an all-False mask without the frame's index: no row is ever taken from it",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__none__mutmut_4": (
        "out: pd.Series = pd.Series(False, index=s.index, dtype=None)",
        "pd.Series(False, dtype=None) is bool anyway",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__search_where__mutmut_23": (
        "fails[at] = pc.fill_null(found, True).to_numpy(zero_copy_only=False)",
        "fill_null(True): an empty cell is never a candidate (its first byte reads as 0)",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__integers__mutmut_8": (
        "if hit is not None and hit[0]() is not values:",
        "the parsing cache never hits: the same integers, parsed again (speed only)",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__integers__mutmut_15": (
        "_PARSED[key] = None",
        "nothing cached: the same integers, parsed again (speed only)",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_row_codes__mutmut_14": (
        "key = pd.factorize(key * (len(distinct) + 1) - codes)[0]",
        "key * (n + 1) - code is as one-to-one as key * (n + 1) + code for codes 0..n",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_figure_not_in_quote__mutmut_19": (
        "fails = np.zeros(len(frame), dtype=None)",
        "a float array of 0/1 turned into the same bool Series",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_figure_not_in_quote__mutmut_43": (
        "strict=None,",
        "zip(strict=None) over three lists taken at the same positions",
    ),
    "conflict_claims.engines.vectorised.engine.x__labels__mutmut_5": (
        "labels: np.ndarray = fails.index.to_numpy()[fails.to_numpy(dtype=bool, )]",
        "na_value dropped: the checks return plain bool masks, with no missing value",
    ),
    "conflict_claims.engines.vectorised.engine.x__labels__mutmut_6": (
        "labels: np.ndarray = fails.index.to_numpy()[fails.to_numpy(dtype=bool, na_value=True)]",
        "na_value=True: the checks return plain bool masks, with no missing value",
    ),
    "conflict_claims.engines.vectorised.pool.x_run_all__mutmut_8": (
        "workers = min(_cores(), len(tasks), 5)",
        "at most 5 threads instead of 4: the same results in the same order (speed only)",
    ),
    "conflict_claims.engines.vectorised.pool.x_run_all__mutmut_9": (
        "if rows < MIN_ROWS and workers < 2:",
        "a small table checked in threads too: the same results in the same order",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__integers__mutmut_20": (
        "_PARSED[key] = (weakref.ref(values, lambda _: None), parsed)",
        "stale cache entries are kept: a hit still requires the very same Arrow array",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__parse_integers__mutmut_46": (
        "out = np.array(pc.fill_null(numbers, 0).to_numpy(zero_copy_only=None), dtype=np.int64)",
        "zero_copy_only=None is as false as False",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__parse_integers__mutmut_75": (
        "for i, cell in zip(at, _arrow.pick(values, at).to_pylist(), ):",
        "zip(strict) dropped over positions and the cells picked at them",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__dates__mutmut_40": (
        "for row in _rows(early.fillna(None).astype(bool)):",
        "fillna(None) on a mask of 'str' comparisons, which give False, never missing",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__dates__mutmut_78": (
        "for row in _rows(early.fillna(True).astype(bool)):",
        "fillna(True) on a mask of 'str' comparisons, which give False, never missing",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_vocabulary__mutmut_3": (
        "allowed = pa.array(values, type=None)",
        "the vocabulary as Arrow string instead of large_string: is_in matches the same",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_stated_figures__mutmut_9": (
        "exact = np.array([n is not None for n in read] + [False], )",
        "dtype=bool dropped from an array of Python bools, which numpy makes bool anyway",
    ),
    "conflict_claims.io.read.x__read_sound__mutmut_19": (
        "if end <= 0 and len(data) == _HEAD:",
        "end <= 0: a first line that is empty (end 0) has no header, refused on either branch",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__integers_by_value__mutmut_28": (
        "if pc.all(pc.equal(canonical, text(claims[column.name])), skip_nulls=False).as_py():",
        "skip_nulls=False rewrites a column holding empty cells into the same text: the rows "
        "here are sound, each integer cell an integer or empty",
    ),
    "conflict_claims.engines.vectorised.engine.x_table_problems__mutmut_51": (
        "for row, value in zip(rows.tolist(), values, strict=False):",
        "zip(strict=False) over rows and the cells fetched for exactly those rows",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_stated_figures__mutmut_27": (
        "[0 if n is None or n > cells.INT64_MAX else n for n in read] + [0], )",
        "dtype=int64 dropped from a list of Python ints within int64, which numpy makes int64",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__parse_integers__mutmut_3": (
        "ok = pc.fill_null(_arrow.fullmatch(values, cells.INTEGER), None)",
        "fill_null(None) leaves an empty cell's flag null, and every later use reads null as "
        "False (np.array(dtype=bool), pc.any, fill_null(False))",
    ),
    "conflict_claims.engines.vectorised.table_checks.x__parse_integers__mutmut_80": (
        "for i, cell in zip(at, _arrow.pick(values, at).to_pylist(), strict=False):",
        "zip(strict=False) over positions and the cells picked at them",
    ),
    "conflict_claims.io.read.x__read_sound__mutmut_37": (
        'header = next(csv.reader([first.decode("utf-8")]), )',
        "next() without a default over a reader of one line, which always yields a row",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__integers_by_value__mutmut_24": (
        "if pc.all(pc.equal(canonical, None), skip_nulls=True).as_py():",
        "the shortcut never taken: a column already written canonically is rewritten into "
        "the same text (speed only)",
    ),
    "conflict_claims.engines.vectorised.pool.x_run_all__mutmut_13": (
        'with ThreadPoolExecutor(max_workers=None, thread_name_prefix="conflict-claims") as pool:',
        "more threads than cores: the same results, gathered in the order of the tasks",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_figure_not_in_quote__mutmut_61": (
        "found = np.array([figure_in_quote(t, int(v), q) for t, v, q in picked], dtype=None)",
        "dtype=bool dropped from a list of Python bools, never empty here (usable.any()), "
        "which numpy makes bool anyway",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_vocabulary__mutmut_5": (
        "allowed = pa.array(values, )",
        "the vocabulary as Arrow string instead of large_string: is_in matches the same",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_minimum__mutmut_9": (
        "out: pd.Series = pd.Series(ok & (values < bound), index=s.index, )",
        "dtype=bool dropped from a NumPy bool array, which stays bool",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_figure_not_in_quote__mutmut_79": (
        "out: pd.Series = pd.Series(fails, index=frame.index, )",
        "dtype=bool dropped from a NumPy bool array, which stays bool",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_date_ok__mutmut_5": (
        "shaped = _arrow.flags(_arrow.fullmatch(values, cells.DATE), None).to_numpy()",
        "the flags without the frame's index, which to_numpy() drops anyway",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_date_ok__mutmut_56": (
        "lengths = np.array([1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])",
        "the length of month 0, which good_month already refuses",
    ),
    "conflict_claims.engines.vectorised.engine.x_table_problems__mutmut_47": (
        "for row, value in zip(rows.tolist(), values, strict=None):",
        "zip(strict=None) over rows and the cells fetched for exactly those rows",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__links__mutmut_25": (
        "pairs = zip(high_values[at].tolist(), has_high[at].tolist(), )",
        "zip(strict) dropped over the values and flags of one parsed column",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__link_suspects__mutmut_42": (
        "targets = dict(zip(LINKS, np.split(named, len(LINKS)), ))",
        "zip(strict) dropped over LINKS and an array split into len(LINKS) parts",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__repeats__mutmut_39": (
        "return pd.Series(repeated, index=None)",
        "an all-False mask (no row left with a twin) without the frame's index: no row is "
        "ever taken from it",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__numbers__mutmut_14": (
        "numbers: np.ndarray = np.asarray(found.to_numpy(zero_copy_only=False), )",
        "index_in's int32 positions, nulls filled, kept as int32: NumPy indexes alike below "
        "2^31 claims",
    ),
    "conflict_claims.contract.numbers.x_to_words__mutmut_32": (
        'raise AssertionError("XXunreachableXX")',
        "the message of an assertion no input reaches (every n >= 100 has a scale)",
    ),
    "conflict_claims.io.read.x__no_field_ceiling__mutmut_4": (
        "csv.field_size_limit(len(text) + 2)",
        "a csv field ceiling one byte higher: still above every field of the text",
    ),
    "conflict_claims.engines.per_record.engine.x_table_records__mutmut_54": (
        'slug = "required" if (error["type"] == "missing") and False else error["type"]',
        "Pydantic's 'missing' never arises: a table lacking a column is never read",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__link_suspects__mutmut_225": (
        "kept = np.zeros(firsts + 2, dtype=bool)",
        "one slot beyond every id number and the empty cell's slot: never set, never read",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__link_suspects__mutmut_235": (
        "out: pd.Series = pd.Series(index=claims.index)",
        "an all-NaN mask, which keeps every row: the exact link rules then find the same "
        "(the pre-filter may keep too much; speed only)",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__link_suspects__mutmut_87": (
        "other_event = None",
        "set again in the loop over the compared fields, which always holds event_id",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__named__mutmut_1": (
        "if len(cells.distinct) < len(keys):",
        "which side is hashed when both sides are the same size: the same membership",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_figure_not_in_quote__mutmut_14": (
        "fails = np.zeros(len(frame), dtype=None)",
        "a float array of 0/1 turned into the same bool Series",
    ),
    "conflict_claims.engines.vectorised.table_checks.x_integer_values__mutmut_1": (
        "return per_array(None, values, _parse_integers)",
        "the name the parsed integers are kept under: no other result is kept under None",
    ),
    "conflict_claims.io.read.x__read_sound__mutmut_5": (
        "data = f.read(None)",
        "the whole file read to find its first line instead of the first 64 KiB: the same "
        "header, or (one longer than 64 KiB) the same problems from the careful path",
    ),
    "conflict_claims.io.read.x__read_sound__mutmut_33": (
        'if b\'"\' in first or b"\\r" in first[:-2]:',
        "a carriage return one byte before the header's end: csv.reader refuses such a header "
        "(the careful path either way), or a header ending in two of them gives the same blank "
        "first row on both paths",
    ),
    "conflict_claims.engines.vectorised.cross_checks.x__links__mutmut_67": (
        "claims.index[at].tolist(), low, high, *cells.values(), )",
        "zip(strict) dropped over the linked rows and their cells, all picked at the same rows",
    ),
}
"""Survivors judged equivalent: the same behaviour under every input."""


def _mutmut(*args: str) -> int:
    env = {**os.environ, "CONFLICT_CLAIMS_SEEDS": os.environ.get("CONFLICT_CLAIMS_SEEDS")
           or str(SEEDS)}  # fmt: skip
    return subprocess.run(["mutmut", *args], cwd=REPO, env=env, check=False).returncode


def _still_equivalent(name: str) -> bool:
    """Whether mutmut's mutant of that name still writes the line EQUIVALENT records for it."""
    shown = subprocess.run(
        ["mutmut", "show", name], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout
    added = [line[1:].split("  #")[0].strip() for line in shown.splitlines()
             if line.startswith("+") and not line.startswith("+++")]  # fmt: skip
    return EQUIVALENT[name][0] in added


def _outcomes() -> dict[str, int | None]:
    """Every mutant's name and exit code (None: not run yet), from mutmut's records."""
    found: dict[str, int | None] = {}
    for meta in sorted((REPO / "mutants" / "src").rglob("*.py.meta")):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def drawn(names: list[str], size: int, seed: int) -> list[str]:
    """The ``size`` names ranked first by a hash of the seed and the name, in name order.

    A mutant's rank depends on its own name alone, so a change to one function redraws only
    that function's mutants (mutmut numbers them per function), and new functions add only
    their own. A sample drawn by position from the sorted list of every name, as before, was
    drawn anew by any change that added or removed a single mutant anywhere."""
    ranked = sorted(names, key=lambda n: hashlib.sha256(f"{seed}:{n}".encode()).hexdigest())
    return sorted(ranked[:size])


def fresh(folder: Path) -> None:
    """Remove mutmut's work folder, so that a run starts from the code and tests as they are.

    mutmut keeps which tests reach which function in that folder; left from an earlier run,
    it maps a new function to no test, and the function's mutants then survive unrun."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=300, help="mutants to run (0: all)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--min-score", type=float, default=90.0, help="percent")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep mutmut's records of an earlier run (mutants/) instead of starting afresh",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="run nothing: score the sample from mutmut's records of earlier runs",
    )
    args = parser.parse_args(argv)

    if not args.report_only and not args.reuse:
        fresh(REPO / "mutants")
    if not args.report_only:
        # Generates the mutants and maps each function to the tests that reach it; the filter
        # matches no mutant, so mutmut then stops (with an error, expected here).
        _mutmut("run", "--max-children", str(args.max_children), "no-mutant-is-called-this*")
    names = sorted(_outcomes())
    if not names:
        print("mutmut generated no mutants", file=sys.stderr)
        return 1
    chosen = names if args.sample <= 0 else drawn(names, args.sample, args.seed)
    if not args.report_only:
        print(f"running {len(chosen)} of {len(names)} mutants (seed {args.seed})", flush=True)
        _mutmut("run", "--max-children", str(args.max_children), *chosen)

    outcomes = _outcomes()
    unchecked = [n for n in chosen if outcomes.get(n) is None]
    if unchecked:
        print(f"{len(unchecked)} of the {len(chosen)} sampled mutants were never run: left out")
        chosen = [n for n in chosen if n not in unchecked]
    stale = [n for n in chosen if n in EQUIVALENT and not _still_equivalent(n)]
    for name in stale:
        print(f"  stale: {name} no longer writes {EQUIVALENT[name][0]!r}: counted, not excused")
    excused = {n for n in chosen if n in EQUIVALENT and n not in stale}
    counted = [n for n in chosen if n not in excused]
    killed = [n for n in counted if outcomes.get(n) in KILLED]
    survivors = [n for n in counted if outcomes.get(n) not in KILLED]
    score = 100.0 * len(killed) / max(len(counted), 1)
    for name in survivors:
        print(f"  survived ({outcomes.get(name)}): {name}")
    for name in sorted(excused):
        print(f"  equivalent: {name}: {EQUIVALENT[name][1]}")
    print(
        f"mutation score {score:.1f}% ({len(killed)} killed of {len(counted)}; "
        f"{len(chosen) - len(counted)} judged equivalent; bar {args.min_score:.0f}%)"
    )
    return 0 if score >= args.min_score else 1


if __name__ == "__main__":
    sys.exit(main())
