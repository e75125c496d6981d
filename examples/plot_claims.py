"""Chart the figures claimed for each event and side (people killed), one bar per claim kind.

    python examples/plot_claims.py [OUT.png]

Needs matplotlib (``pip install "conflict-claims[plot]"``). OUT.png defaults to a file in a
new temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt

import conflict_claims as cc

COLOURS = {"self_reported": "tab:blue", "adversary": "tab:red", "third_party": "tab:grey"}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "claims.png"
    rows = [r for r in cc.spread(cc.load()) if r.category == "killed"]
    groups = list(dict.fromkeys((r.event_id, r.side) for r in rows))
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(groups) + 1.5))
    for y, group in enumerate(groups):
        for offset, kind in zip((-0.25, 0.0, 0.25), COLOURS, strict=True):
            for r in rows:
                if (r.event_id, r.side) == group and r.kind == kind:
                    # a bar from the lowest to the highest figure; a tick where they are equal
                    ax.barh(y + offset, max(r.high - r.low, 0.6), left=r.low, height=0.22,
                            color=COLOURS[kind])  # fmt: skip
    ax.set_yticks(range(len(groups)), [f"{e} · {s}" for e, s in groups])
    ax.invert_yaxis()
    ax.set_xlabel("people killed, as claimed (lowest to highest figure)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in COLOURS.values()]
    ax.legend(handles, [k.replace("_", " ") for k in COLOURS], loc="upper right")
    ax.set_xlim(left=0)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    print(f"chart written to {out}")


if __name__ == "__main__":
    main()
