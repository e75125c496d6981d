"""Build a large package from the bundled one: valid, or with about a tenth of its claims broken.

The bundled claims are replicated in copies. Copy ``c`` belongs to group ``c % groups``; each
group has its own copy of the events, participants and sources (ids suffixed ``-g<group>``), so
the foreign keys point into tables of realistic size. Every claim gets a new ``claim_id`` and its
``notes`` name its copy, so that no two claims repeat each other (the duplicate-claim rule
compares every field but ``claim_id``). Actors and quantifiers are kept as they are.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
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
    out: np.ndarray = np.char.add(values.to_numpy().astype(str), suffix)
    return out


def _grouped(frame: pd.DataFrame, columns: tuple[str, ...], groups: int) -> pd.DataFrame:
    """``groups`` copies of a table, the given id columns suffixed with their group number."""
    out = frame.loc[np.tile(frame.index.to_numpy(), groups)].reset_index(drop=True)
    tag = np.repeat([f"-g{g}" for g in range(groups)], len(frame))
    for column in columns:
        out[column] = _suffix(out[column], tag)
    return out


def build_frames(claims: int) -> dict[str, pd.DataFrame]:
    """The tables of a valid package with exactly ``claims`` claims."""
    base = {t: _read(t) for t in ("events", "actors", "participants", "sources", "claims")}
    base["quantifiers"] = _read("quantifiers")
    groups = max(1, claims // CLAIMS_PER_GROUP)
    template = base["claims"]
    copies = -(-claims // len(template))
    index = np.tile(template.index.to_numpy(), copies)[:claims]
    copy = np.repeat(np.arange(copies), len(template))[:claims]
    group_tag = np.char.add("-g", (copy % groups).astype(str))
    out = template.loc[index].reset_index(drop=True)
    out["claim_id"] = _suffix(out["claim_id"], np.char.add("-c", copy.astype(str)))
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


def generate(folder: Path, claims: int, *, broken: bool = False) -> tuple[Path, Counter[str]]:
    """Write a package of ``claims`` claims into ``folder``: valid, or with a tenth broken."""
    frames = build_frames(claims)
    counts = break_claims(frames["claims"]) if broken else Counter()
    return write_package(frames, folder), counts
