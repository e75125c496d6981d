"""Keep one claimant's claims and save them as a derived data package.

    python examples/filter_claimant.py [OUT_FOLDER] [--claimant ACTOR_ID]

OUT_FOLDER defaults to a new temporary folder; the claimant to the Malian Armed Forces. The
derived package passes ``conflict-claims validate OUT_FOLDER``.
"""

from __future__ import annotations

import argparse
import tempfile

import conflict_claims as cc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", help="folder to write (default: a temporary folder)")
    parser.add_argument("--claimant", default="mali-fama", help="actor_id of the claimant")
    args = parser.parse_args()
    dataset = cc.load()
    claimant = dataset.actor(args.claimant)  # KeyError names an unknown id
    claims = tuple(c for c in dataset.claims if c.claimant_id == claimant.actor_id)
    derived = dataset.model_copy(update={"claims": claims})
    out = args.out or tempfile.mkdtemp(prefix="conflict-claims-")
    descriptor = derived.write(f"{out}/{claimant.actor_id}" if not args.out else out)
    print(f"{len(claims)} claims by {claimant.name} written to {descriptor}")


if __name__ == "__main__":
    main()
