"""The Spark engine on a million claims: CSV and Parquet, on local[1] and local[2].

Builds the ``copies`` package of ``generate`` (CSV), and the same tables as Parquet (claims as
a folder of part files, so that it splits into partitions; the other tables one file each),
then validates each in a fresh process per master, after a warm-up run on the bundled package
(JVM start and imports excluded), and prints the measured figures: wall time, claims per
second, claims per core per second, and the speed-up from one core to two.

    python -m tests.benchmarks.spark --claims 1000000 --workdir /tmp/spark-bench

A script that prints figures, not a timed test: the README's "Spark" section quotes its output.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARTS = 8
"""Part files of the Parquet claims table."""


def parquet_package(csv_descriptor: Path, folder: Path) -> Path:
    """The package at ``csv_descriptor`` rewritten as Parquet into ``folder``; the descriptor."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    descriptor = json.loads(csv_descriptor.read_text(encoding="utf-8"))
    (folder / "data").mkdir(parents=True, exist_ok=True)
    for resource in descriptor["resources"]:
        source = csv_descriptor.parent / resource["path"]
        names = pacsv.read_csv(source, read_options=pacsv.ReadOptions(block_size=1 << 20))
        text = pacsv.read_csv(
            source,
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names.column_names}
            ),
        )
        name = resource["name"]
        if name == "claims":
            target = folder / "data" / "claims"
            target.mkdir(exist_ok=True)
            step = -(-text.num_rows // PARTS)
            for part in range(PARTS):
                piece = text.slice(part * step, step)
                pq.write_table(piece, target / f"part-{part:03d}.parquet")
            resource["path"] = "data/claims"
        else:
            pq.write_table(text, folder / "data" / f"{name}.parquet")
            resource["path"] = f"data/{name}.parquet"
        resource["format"] = "parquet"
        resource.pop("mediatype", None)
        resource.pop("encoding", None)
        resource.pop("dialect", None)
    target = folder / "datapackage.json"
    target.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return target


def one(package: Path, master: str) -> dict[str, object]:
    """Validate ``package`` on ``master`` in this process; the figures as a dict."""
    from conflict_claims.engines.spark.session import spark_session
    from conflict_claims.validation.spark import validate_spark

    spark = spark_session(master)
    validate_spark(None, spark=spark)  # warm-up: the JVM, the Python workers, the imports
    start = time.perf_counter()
    result = validate_spark(package, spark=spark)
    seconds = time.perf_counter() - start
    spark.stop()
    return {
        "seconds": seconds,
        "claims": result.report.rows.get("claims", 0),
        "rows": sum(result.report.rows.values()),
        "errors": result.report.error_count,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, help="keep the generated packages here")
    parser.add_argument("--cores", default="1,2", help="local[N] masters to time (1,2)")
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument("--one", nargs=2, metavar=("PACKAGE", "MASTER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(Path(args.one[0]), args.one[1])))
        return 0
    from tests.benchmarks.generate import generate

    work = args.workdir or Path(tempfile.mkdtemp(prefix="spark-bench-"))
    csv_package = work / f"csv-{args.claims}" / "datapackage.json"
    if not csv_package.exists():
        generate(csv_package.parent, args.claims)
    parquet = work / f"parquet-{args.claims}" / "datapackage.json"
    if not parquet.exists():
        parquet_package(csv_package, parquet.parent)
    packages = {"csv": csv_package, "parquet": parquet}
    cores = [int(c) for c in args.cores.split(",")]
    print(f"{args.claims:,} claims; Python {sys.version.split()[0]}; figures after a warm-up")
    print("| format | master | wall time | claims/s | claims per core per s | speed-up | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for fmt in args.formats.split(","):
        first: float | None = None
        for n in cores:
            command = [sys.executable, "-m", "tests.benchmarks.spark", "--one",
                       str(packages[fmt]), f"local[{n}]"]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            seconds = float(figures["seconds"])  # type: ignore[arg-type]
            rate = int(figures["claims"]) / seconds  # type: ignore[call-overload]
            first = first or seconds
            print(f"| {fmt} | local[{n}] | {seconds:.1f} s | {rate:,.0f} | {rate / n:,.0f} | "
                  f"{first / seconds:.2f}x | {figures['errors']} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
