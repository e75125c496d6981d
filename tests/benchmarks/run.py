"""Benchmark: ``conflict-claims validate`` against ``frictionless validate`` on a large package.

Run from the repository root, in an environment with the dev extra installed::

    python -m tests.benchmarks.run --claims 1000000

It writes a valid package of that many claims (and the events, actors and sources they need)
and a copy with a tenth of the claims broken, then times, whole process against whole process
(start-up included), in alternation round after round:

- ``conflict-claims validate`` on the valid package, and on the broken one;
- ``frictionless validate`` on the valid package;
- the floor: a process that only reads the CSV files once (Arrow, all cells as text);
- typed loading: ``load()``, against ``model_validate`` on every row one by one (timed inside
  each process, after its imports; also in alternation).

It prints wall time and peak memory of each, the ratios, and whether the targets are met (exit
status 1 if one is not). ``--check`` is the small in-process version CI runs: it times
``conflict_claims.validate()`` against ``frictionless.validate()`` in one process on 100,000
claims and fails below ``--min-ratio`` (15).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .generate import COPIES, Shape, build_frames, describe_shape, write_package

REPO = Path(__file__).resolve().parents[2]

RATIO_TARGET = 20.0
MEMORY_TARGET_MB = 1500.0
LOAD_TARGET = 8.0


@dataclass
class Run:
    seconds: float
    peak_mb: float
    status: int
    output: str


def measure(command: list[str]) -> Run:
    """Run a command; its wall time and the peak resident memory of that process alone."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO
    ) as child:
        # read the output first so a chatty child never blocks on a full pipe
        output = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    return Run(time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode, output)


def _bin(name: str) -> str:
    """A console script of the running environment."""
    return str(Path(sys.executable).parent / name)


GENERATE = """
import sys
from pathlib import Path
sys.path.insert(0, str(Path.cwd()))
from tests.benchmarks.generate import Shape, build_frames, break_claims, describe_shape
from tests.benchmarks.generate import write_package
shape = Shape(sys.argv[4], float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]))
frames = build_frames(int(sys.argv[2]), shape)
counts = break_claims(frames["claims"]) if sys.argv[3] == "True" else {}
write_package(frames, Path(sys.argv[1]))
print(describe_shape(frames) + (f" ({sum(counts.values())} claims broken)" if counts else ""))
"""

# A process that reads every CSV file of the package once, as validate does, and nothing else.
FLOOR = """
import sys
from pathlib import Path
import pyarrow as pa, pyarrow.csv as pacsv
for path in sorted(Path(sys.argv[1]).glob("data/*.csv")):
    with path.open("rb") as f:
        header = f.readline().decode().strip().split(",")
    pacsv.read_csv(
        pa.memory_map(str(path)),
        read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=16 << 20),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.large_string() for n in header}, null_values=[""],
            strings_can_be_null=True, quoted_strings_can_be_null=True),
    )
"""

# Typed loading, and the baseline it is measured against: every row through model_validate.
LOAD = """
import sys, time
from pathlib import Path
folder = Path(sys.argv[1])
if sys.argv[2] == "load":
    import conflict_claims
    start = time.perf_counter()
    dataset = conflict_claims.load(folder)
    print(f"seconds {time.perf_counter() - start:.3f} claims {len(dataset.claims)}")
else:
    import pandas as pd
    from conflict_claims.engines.per_record.record_models import RECORD_MODELS
    from conflict_claims.io.read import read_package
    raw = read_package(folder)
    start = time.perf_counter()
    count = 0
    for name, frame in raw.frames.items():
        model = RECORD_MODELS[name]
        rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
        count += len([model.model_validate(row) for row in rows])
    print(f"seconds {time.perf_counter() - start:.3f} records {count}")
"""


def _inner_seconds(run: Run) -> float | None:
    for line in run.output.splitlines():
        if line.startswith("seconds "):
            return float(line.split()[1])
    return None


def _row(label: str, runs: list[Run]) -> str:
    seconds = [r.seconds for r in runs]
    peak = max(r.peak_mb for r in runs)
    return (
        f"  {label:<44} median {statistics.median(seconds):8.2f} s   "
        f"min {min(seconds):8.2f} s   peak {peak:7.0f} MB   (n={len(runs)})"
    )


def benchmark(args: argparse.Namespace) -> int:
    work = Path(args.workdir or tempfile.mkdtemp(prefix="cc-bench-"))
    tag = f"{args.shape}-{args.claims}"
    if args.shape == "realistic":
        tag += f"-e{args.events_per_claim:g}-p{args.participants:g}-a{args.actors}"
    valid, broken = work / f"valid-{tag}", work / f"broken-{tag}"
    for folder, is_broken in ((valid, False), (broken, True)):
        if (folder / "datapackage.json").is_file() and args.workdir:
            print(f"reusing {folder}")
            continue
        # in a child process: a large parent would pass its memory high-water mark on to every
        # child it forks, and the peak memory measured below would be the parent's
        shape = [args.shape, str(args.events_per_claim), str(args.participants), str(args.actors)]
        run = measure(
            [sys.executable, "-c", GENERATE, str(folder), str(args.claims), str(is_broken), *shape]
        )
        if run.status != 0:
            raise SystemExit(run.output)
        print(f"wrote {folder} in {run.seconds:.1f} s {run.output.strip()}")
    size = sum(p.stat().st_size for p in valid.glob("data/*.csv")) / 1e6
    print(f"valid package: {args.claims} claims, {size:.0f} MB of CSV; {os.cpu_count()} cores\n")

    ours = [_bin("conflict-claims"), "validate", "--max-errors", "20"]
    theirs = [_bin("frictionless"), "validate"]
    results: dict[str, list[Run]] = {}
    for round_ in range(1, args.rounds + 1):
        plan = [
            ("floor: read the CSV files once", [sys.executable, "-c", FLOOR, str(valid)]),
            ("conflict-claims validate (valid)", [*ours, str(valid)]),
            ("conflict-claims validate (10% broken)", [*ours, str(broken)]),
        ]
        if not args.skip_frictionless:
            plan.insert(2, ("frictionless validate (valid)", [*theirs, str(valid)]))
        for label, command in plan:
            run = measure(command)
            results.setdefault(label, []).append(run)
            print(f"round {round_}: {label}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB")
            if label.startswith("conflict-claims") and "(valid)" in label and run.status != 0:
                print(run.output)
                raise SystemExit("our validator found the generated valid package invalid")
            if label.startswith("frictionless") and run.status != 0:
                print(run.output[-3000:])
                raise SystemExit("frictionless found the generated valid package invalid")
    broken_run = results["conflict-claims validate (10% broken)"][-1]
    head = "\n  ".join(broken_run.output.splitlines()[:3])
    print(f"\nthe broken package, as reported:\n  {head}")

    print(f"\nwhole process, start-up included ({args.claims} claims):")
    for label, runs in results.items():
        print(_row(label, runs))
    ok = True
    floor = statistics.median(r.seconds for r in results["floor: read the CSV files once"])
    mine = statistics.median(r.seconds for r in results["conflict-claims validate (valid)"])
    bad = statistics.median(r.seconds for r in results["conflict-claims validate (10% broken)"])
    peak = max(r.peak_mb for k, v in results.items() if k.startswith("conflict-claims") for r in v)
    print(f"\n  validate / reading floor: {mine / floor:.1f}x the time of reading the CSV once")
    print(f"  broken / valid package:   {bad / mine:.2f}x")
    ok &= _verdict(f"peak memory {peak:.0f} MB", peak < MEMORY_TARGET_MB, f"< {MEMORY_TARGET_MB}")
    if not args.skip_frictionless:
        theirs_s = statistics.median(r.seconds for r in results["frictionless validate (valid)"])
        ratio = theirs_s / mine
        what = f"frictionless / ours = {ratio:.1f}x"
        ok &= _verdict(what, ratio >= RATIO_TARGET, f">= {RATIO_TARGET}")
    if not args.skip_load:
        ok &= _load(valid, args.rounds)
    return 0 if ok else 1


def _verdict(what: str, passed: bool, target: str) -> bool:
    print(f"  {what:<44} target {target:<10} {'met' if passed else 'MISSED'}")
    return passed


def _load(folder: Path, rounds: int) -> bool:
    """Typed loading against row-by-row model_validate, each timed inside its process, in
    alternation; medians."""
    print("\ntyped loading (timed in the process, after imports):")
    times: dict[str, list[float]] = {"baseline": [], "load": []}
    peaks: dict[str, float] = {"baseline": 0.0, "load": 0.0}
    for _ in range(rounds):
        for kind in times:
            run = measure([sys.executable, "-c", LOAD, str(folder), kind])
            inner = _inner_seconds(run)
            if inner is None:
                print(run.output[-2000:])
                return _verdict(f"{kind} failed", False, f">= {LOAD_TARGET}")
            times[kind].append(inner)
            peaks[kind] = max(peaks[kind], run.peak_mb)
    base_s, load_s = statistics.median(times["baseline"]), statistics.median(times["load"])
    for label, kind, median in (
        ("model_validate, row by row (reading excluded)", "baseline", base_s),
        ("load(), reading and validation included", "load", load_s),
    ):
        shown = ", ".join(f"{t:.2f}" for t in times[kind])
        print(f"  {label:<48} median {median:6.2f} s ({shown})   peak {peaks[kind]:6.0f} MB")
    ratio = base_s / load_s
    return _verdict(
        f"model_validate / load() = {ratio:.1f}x", ratio >= LOAD_TARGET, f">= {LOAD_TARGET}"
    )


def check(args: argparse.Namespace) -> int:
    """CI: ours against frictionless in one process, imports excluded from both."""
    import frictionless

    import conflict_claims

    ours = conflict_claims.validate
    with tempfile.TemporaryDirectory(prefix="cc-bench-") as tmp:
        folder = Path(tmp) / "valid"
        frames = build_frames(args.claims, _shape(args))
        write_package(frames, folder)
        print(f"{args.shape} shape: {describe_shape(frames)}")
        descriptor = str(folder / "datapackage.json")
        ours(), frictionless.validate(str(conflict_claims_descriptor()))  # warm both up
        mine: list[float] = []
        theirs: list[float] = []
        # the best of several runs of each, in alternation: a busy moment of the machine
        # slows one run, not the verdict (frictionless is the slow one, so it runs twice)
        for round_ in range(3):
            start = time.perf_counter()
            report = ours(folder)
            mine.append(time.perf_counter() - start)
            if not report.valid:
                raise SystemExit(f"our validator rejected the package: {report.errors[:3]}")
            if round_ < 2:
                start = time.perf_counter()
                their_report = frictionless.validate(descriptor)
                theirs.append(time.perf_counter() - start)
                if not their_report.valid:
                    raise SystemExit("frictionless rejected the generated package")
    ratio = min(theirs) / min(mine)
    print(
        f"{args.claims} claims: conflict_claims.validate() {min(mine):.2f} s, "
        f"frictionless.validate() {min(theirs):.2f} s: {ratio:.1f}x faster "
        f"(required: {args.min_ratio:g}x)"
    )
    return 0 if ratio >= args.min_ratio else 1


def _shape(args: argparse.Namespace) -> Shape:
    if args.shape == "copies":
        return COPIES
    return Shape(args.shape, args.events_per_claim, args.participants, args.actors)


def conflict_claims_descriptor() -> Path:
    from conflict_claims.io.bundled import bundled_package_dir

    return bundled_package_dir() / "datapackage.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--claims", type=int, default=None, help="claims in the package")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of alternation (2)")
    parser.add_argument("--workdir", help="keep (and reuse) the generated packages here")
    parser.add_argument("--skip-frictionless", action="store_true", help="time ours only")
    parser.add_argument("--skip-load", action="store_true", help="leave out typed loading")
    parser.add_argument(
        "--shape",
        choices=("realistic", "copies"),
        default="realistic",
        help="realistic: an event per 10 claims; copies: the first benchmark's (realistic)",
    )
    parser.add_argument("--events-per-claim", type=float, default=0.1, help="realistic (0.1)")
    parser.add_argument("--participants", type=float, default=3.0, help="per event (3)")
    parser.add_argument("--actors", type=int, default=1000, help="realistic: actors (1000)")
    parser.add_argument("--check", action="store_true", help="the in-process CI check")
    parser.add_argument("--min-ratio", type=float, default=15.0, help="for --check (15)")
    args = parser.parse_args(argv)
    if args.check:
        args.claims = args.claims or 100_000
        return check(args)
    args.claims = args.claims or 1_000_000
    return benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
