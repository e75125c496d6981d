"""Build a large package from the bundled one, in one of two shapes: valid, or a tenth broken.

``copies`` (the first benchmark's shape): the bundled claims are replicated in copies; copy ``c``
belongs to group ``c % groups``, one group of the 7 events, their participants and the sources
per 1,000 claims (ids suffixed ``-g<group>``). Every claim gets a new ``claim_id`` and its
``notes`` name its copy, so no two claims repeat each other. Few events for many claims.

``realistic`` (merged event data): one group per copy of the 74 bundled claims, each with its
own events, participants and sources, and as many further events (copies of the bundled ones,
with their participants, and no claims) as ``--events-per-claim`` asks; ``--participants``
adds participants from a pool of ``--actors`` generated actors until each event has that many
on average. Columns that refer to a copied table (found through the descriptor's keys, so
relation columns added later follow) carry their group's suffix.

    python -m tests.benchmarks.generate OUT --claims 100000 --shape realistic
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

BUNDLED = Path(__file__).resolve().parents[2] / "datapackage"
CLAIMS_PER_GROUP = 1000
"""One group of events and sources per this many claims (1,000 groups for a million claims)."""


def _read(table: str) -> pd.DataFrame:
    return pd.read_csv(
        BUNDLED / "data" / f"{table}.csv", dtype=object, keep_default_na=False, na_filter=False
    )


def _suffix(values: pd.Series, suffix: np.ndarray) -> np.ndarray:
    """Each id with its suffix; an empty cell (no reference) stays empty."""
    text = values.to_numpy().astype(str)
    out: np.ndarray = np.where(text == "", "", np.char.add(text, suffix))
    return out


def _grouped(frame: pd.DataFrame, columns: tuple[str, ...], groups: int) -> pd.DataFrame:
    """``groups`` copies of a table, the given id columns suffixed with their group number."""
    out = frame.loc[np.tile(frame.index.to_numpy(), groups)].reset_index(drop=True)
    tag = np.repeat([f"-g{g}" for g in range(groups)], len(frame))
    for column in columns:
        out[column] = _suffix(out[column], tag)
    return out


@dataclass(frozen=True)
class Shape:
    """How a generated package is shaped, beyond its number of claims."""

    kind: str = "realistic"
    """``realistic`` or ``copies`` (see the module docstring)."""
    events_per_claim: float = 0.1
    participants_per_event: float = 3.0
    actors: int = 1000
    """Actors in the actors table (the bundled ones, then generated ones)."""


COPIES = Shape(kind="copies")
REALISTIC = Shape()


def build_frames(claims: int, shape: Shape = COPIES) -> dict[str, pd.DataFrame]:
    """The tables of a valid package with ``claims`` claims (``realistic``: rounded up to
    whole copies of the bundled claims)."""
    if shape.kind == "realistic":
        return _realistic(claims, shape)
    if shape.kind != "copies":
        raise ValueError(f"unknown shape {shape.kind!r}")
    base = {t: _read(t) for t in ("events", "actors", "participants", "sources", "claims")}
    base["quantifiers"] = _read("quantifiers")
    groups = max(1, claims // CLAIMS_PER_GROUP)
    template = base["claims"]
    copies = -(-claims // len(template))
    index = np.tile(template.index.to_numpy(), copies)[:claims]
    copy = np.repeat(np.arange(copies), len(template))[:claims]
    group_tag = np.char.add("-g", (copy % groups).astype(str))
    out = template.loc[index].reset_index(drop=True)
    copy_tag = np.char.add("-c", copy.astype(str))
    # a claim's links point at claims of its own copy
    for column in ("claim_id", "restates", "part_of", "distorts"):
        out[column] = _suffix(out[column], copy_tag)
    out["event_id"] = _suffix(out["event_id"], group_tag)
    out["source_id"] = _suffix(out["source_id"], group_tag)
    notes = out["notes"].to_numpy().astype(str)
    label = np.char.add("Copy ", copy.astype(str))
    out["notes"] = np.where(notes == "", label, np.char.add(np.char.add(notes, " "), label))
    return {
        "events": _grouped(base["events"], ("event_id",), groups),
        "actors": base["actors"],
        "participants": _grouped(base["participants"], ("event_id",), groups),
        "sources": _grouped(base["sources"], ("source_id",), groups),
        "claims": out,
        "quantifiers": base["quantifiers"],
    }


# How each kind of breakage is made; the key is the rule it should trip first.
BREAKS = (
    "type",
    "vocabulary",
    "required",
    "pattern",
    "control-character",
    "foreign-key",
    "figure-not-in-quote",
    "claim-before-event",
    "duplicate-claim",
    "value-order",
)


def break_claims(claims: pd.DataFrame, share: float = 0.1, seed: int = 8) -> Counter[str]:
    """Break ``share`` of the claims in place, spread over several rules; count per rule."""
    rng = np.random.default_rng(seed)
    # never row 0: a duplicate copies the row before it
    rows = rng.choice(np.arange(1, len(claims)), size=int(len(claims) * share), replace=False)
    kinds = np.arange(len(rows)) % len(BREAKS)
    counts: Counter[str] = Counter()
    for number, rule in enumerate(BREAKS):
        at = np.sort(rows[kinds == number])
        counts[rule] = len(at)
        if rule == "type":
            claims.loc[at, "value_low"] = "ten"
        elif rule == "vocabulary":
            claims.loc[at, "category"] = "dead"
        elif rule == "required":
            claims.loc[at, "claimant_id"] = ""
        elif rule == "pattern":
            claims.loc[at, "claim_id"] = "Bad_" + claims.loc[at, "claim_id"]
        elif rule == "control-character":
            claims.loc[at, "statement"] = "bell\x07here"
        elif rule == "foreign-key":
            claims.loc[at, "event_id"] = "2099-01-01-nowhere"
        elif rule == "figure-not-in-quote":
            claims.loc[at, "quote"] = "The army gave no figure"
        elif rule == "claim-before-event":
            claims.loc[at, "claimed_on"] = "2000-01-01"
        elif rule == "duplicate-claim":
            others = [c for c in claims.columns if c != "claim_id"]
            claims.loc[at, others] = claims.loc[at - 1, others].to_numpy()
        elif rule == "value-order":
            claims.loc[at, "value_low"] = "7"
            claims.loc[at, "value_high"] = "3"
    return counts


def write_package(frames: dict[str, pd.DataFrame], folder: Path) -> Path:
    """Write the tables and the bundled descriptor into ``folder``; return the descriptor."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "data").mkdir(parents=True)
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        frame = frames[resource["name"]]
        frame.to_csv(folder / resource["path"], index=False, lineterminator="\n")
    target = folder / "datapackage.json"
    target.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    return target


def generate(
    folder: Path, claims: int, *, broken: bool = False, shape: Shape = COPIES
) -> tuple[Path, Counter[str]]:
    """Write a package of ``claims`` claims into ``folder``: valid, or with a tenth broken."""
    frames = build_frames(claims, shape)
    counts = break_claims(frames["claims"]) if broken else Counter()
    return write_package(frames, folder), counts


def _descriptor() -> dict[str, object]:
    loaded: dict[str, object] = json.loads((BUNDLED / "datapackage.json").read_text("utf-8"))
    return loaded


COPIED = ("events", "participants", "sources", "claims")
"""The tables each group has its own copy of; actors and quantifiers are shared."""


def _group_columns() -> dict[str, list[str]]:
    """Per copied table, the columns that hold ids of copied tables: suffixed per group."""
    keyed = {"events", "sources", "claims"}
    out: dict[str, list[str]] = {}
    for resource in _descriptor()["resources"]:  # type: ignore[attr-defined]
        name, schema = resource["name"], resource["schema"]
        if name not in COPIED:
            continue
        columns = list(_fields(schema.get("primaryKey", []))) if name in keyed else []
        for key in schema.get("foreignKeys", []):
            target = key["reference"].get("resource") or name
            if target in keyed:
                columns.extend(_fields(key["fields"]))
        out[name] = list(dict.fromkeys(columns))
    return out


def _fields(value: str | list[str]) -> Iterable[str]:
    return [value] if isinstance(value, str) else value


def _realistic(claims: int, shape: Shape) -> dict[str, pd.DataFrame]:
    base = {t: _read(t) for t in ("events", "actors", "participants", "sources", "claims")}
    groups = max(1, -(-claims // len(base["claims"])))
    per_group = max(len(base["events"]), round(len(base["claims"]) * shape.events_per_claim))
    # further events of a group: copies of the bundled ones, cycling, with their participants
    extra = per_group - len(base["events"])
    cycle = np.resize(np.arange(len(base["events"])), extra)
    spare = base["events"].iloc[cycle].reset_index(drop=True)
    spare["event_id"] = _suffix(spare["event_id"], np.char.add("-e", np.arange(extra).astype(str)))
    renamed = dict(zip(spare["event_id"], base["events"]["event_id"].iloc[cycle], strict=True))
    spare_participants = pd.concat(
        [base["participants"][base["participants"]["event_id"] == old].assign(event_id=new)
         for new, old in renamed.items()],
        ignore_index=True,
    ) if extra else base["participants"].iloc[:0]  # fmt: skip
    one_group = {
        "events": pd.concat([base["events"], spare], ignore_index=True),
        "participants": pd.concat([base["participants"], spare_participants], ignore_index=True),
        "sources": base["sources"],
        "claims": base["claims"],
    }
    columns = _group_columns()
    frames = {name: _grouped(one_group[name], tuple(columns[name]), groups) for name in COPIED}
    frames["actors"], frames["participants"] = _more_actors(
        base["actors"], frames["participants"], frames["events"], shape
    )
    frames["quantifiers"] = _read("quantifiers")
    return frames


def _more_actors(
    actors: pd.DataFrame, participants: pd.DataFrame, events: pd.DataFrame, shape: Shape
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Generated actors up to ``shape.actors``, and participants drawn from them until the
    events have ``shape.participants_per_event`` on average."""
    count = max(0, shape.actors - len(actors))
    ids = np.char.add("bench-actor-", np.arange(count).astype(str))
    generated = pd.DataFrame(
        {
            "actor_id": ids,
            "name": np.char.add("Generated armed group ", np.arange(count).astype(str)),
            "actor_type": "armed_group",
            "parent_id": None,
            "aliases": None,
        }
    ).reindex(columns=actors.columns)
    wanted = round(shape.participants_per_event * len(events)) - len(participants)
    if wanted <= 0 or count == 0:
        return pd.concat([actors, generated], ignore_index=True), participants
    per_event = min(count, -(-wanted // len(events)))
    at = np.repeat(np.arange(len(events)), per_event)[:wanted]
    slot = np.tile(np.arange(per_event), len(events))[:wanted]
    added = pd.DataFrame(
        {
            "event_id": events["event_id"].to_numpy()[at],
            "actor_id": ids[(at * per_event + slot) % count],
            "side": np.char.add("side-", (slot % 2).astype(str)),
        }
    ).reindex(columns=participants.columns)
    return (
        pd.concat([actors, generated], ignore_index=True),
        pd.concat([participants, added], ignore_index=True),
    )


def describe_shape(frames: dict[str, pd.DataFrame]) -> str:
    """The figures of a generated package's shape, for the benchmark's report."""
    events, claims = len(frames["events"]), len(frames["claims"])
    participants, actors = len(frames["participants"]), len(frames["actors"])
    return (
        f"{claims:,} claims, {events:,} events ({events / claims:.2f} per claim), "
        f"{participants:,} participants ({participants / events:.1f} per event), "
        f"{actors:,} actors, {len(frames['sources']):,} sources"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.generate",
        description="Write a generated data package for the benchmarks and print its shape.",
        epilog="example: python -m tests.benchmarks.generate /tmp/pkg --claims 100000 "
        "--shape realistic --events-per-claim 0.2",
    )
    parser.add_argument("folder", type=Path, help="where to write the package (replaced)")
    parser.add_argument("--claims", type=int, default=100_000, help="claims (100000)")
    parser.add_argument(
        "--shape", choices=("realistic", "copies"), default="realistic", help="(realistic)"
    )
    parser.add_argument(
        "--events-per-claim", type=float, default=REALISTIC.events_per_claim, help="(0.1)"
    )
    parser.add_argument(
        "--participants",
        type=float,
        default=REALISTIC.participants_per_event,
        help="participants per event, on average (3)",
    )
    parser.add_argument("--actors", type=int, default=REALISTIC.actors, help="actors (1000)")
    parser.add_argument("--broken", action="store_true", help="break a tenth of the claims")
    args = parser.parse_args(argv)
    shape = Shape(args.shape, args.events_per_claim, args.participants, args.actors)
    frames = build_frames(args.claims, shape)
    counts = break_claims(frames["claims"]) if args.broken else Counter()
    write_package(frames, args.folder)
    print(f"{args.folder}: {describe_shape(frames)}")
    if counts:
        print(f"broken: {sum(counts.values()):,} claims over {len(counts)} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
