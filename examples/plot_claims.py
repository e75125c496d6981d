"""Chart the number of people each party said were killed, per event and per side.

    python examples/plot_claims.py [OUT.png]

One row per statement (``Dataset.statements``): a figure an infobox repeats, or the per-day
parts of a total, are drawn once, with the statement they belong to. The figures about each
side are grouped apart, so that the two sides' losses are never read as one disagreement.
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
from conflict_claims.typed.views import subject_sides

COLOURS = {"own side": "tab:blue", "enemy": "tab:red", "not a party": "tab:grey"}
CREDIT = (
    "Source: conflict-claims data package, read from Wikipedia (CC BY-SA 4.0), TheInfoList "
    "and Atlas. Each figure is a claim, not a verified count."
)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "claims.png"
    dataset = cc.load()
    side_of = subject_sides(dataset)
    # the name, or for a long one the first spelling the sources use ("CSP-PSD")
    short = {
        a.actor_id: a.name if len(a.name) <= 24 or not a.aliases else a.aliases.split("|")[0]
        for a in dataset.actors
    }
    for a in dataset.actors:  # a spokesperson, with whom they speak for
        if a.actor_type == "spokesperson" and a.parent_id:
            short[a.actor_id] += f" ({short[a.parent_id]})"
    sides = {(p.event_id, p.side) for p in dataset.participants}
    statements = [s for s in dataset.statements() if s.category == "killed"]
    # rows: per event (in the package's order), per side of the dead, one per statement
    rows: list[tuple[str, object]] = []  # ("header", text) or ("figure", statement)
    for event in dataset.events:
        about = [s for s in statements if s.event_id == event.event_id]
        if not about:
            continue
        rows.append(("event", f"{event.name} ({event.date_start:%d %b %Y})"))
        for side in dict.fromkeys(side_of(s.event_id, s.subject_id) for s in about):
            dead = f"{side} dead" if side in ("civilians", "unidentified") else f"{side} side"
            rows.append(("side", f"— {dead}"))
            rows += [("figure", s) for s in about if side_of(s.event_id, s.subject_id) == side]
    top = max(s.value_high or s.value_low for s in statements)
    fig, ax = plt.subplots(figsize=(10, 0.3 * len(rows) + 1.4))
    labels = []
    for y, (kind, item) in enumerate(rows):
        if kind != "figure":
            labels.append(str(item))
            continue
        s = item  # a Statement
        assert isinstance(s, cc.Statement)
        # a claimant outside the event's sides (an outlet, a witness) is not a party
        claimant_side = side_of(s.event_id, s.claimant_id)
        if (s.event_id, claimant_side) not in sides:
            who = "not a party"
        elif claimant_side == side_of(s.event_id, s.subject_id):
            who = "own side"
        else:
            who = "enemy"
        colour = COLOURS[who]
        labels.append(f"said by {short[s.claimant_id]}")
        if s.value_high is None:  # open-ended: at least value_low, no upper bound
            ax.annotate("", xy=(s.value_low + top * 0.12, y), xytext=(s.value_low, y),
                        arrowprops={"arrowstyle": "->", "color": colour, "lw": 2})  # fmt: skip
            ax.plot(s.value_low, y, "o", color=colour, markerfacecolor="white")
            text, at = f"at least {s.value_low}", s.value_low + top * 0.13
        elif s.value_high > s.value_low:  # an interval ("~30")
            ax.plot([s.value_low, s.value_high], [y, y], color=colour, lw=4)
            text, at = f"{s.value_low} to {s.value_high}", s.value_high
        else:
            ax.plot(s.value_low, y, "o", color=colour)
            text, at = str(s.value_low), s.value_low
        ax.text(at + top * 0.015, y, text, va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    for tick, (kind, _) in zip(ax.get_yticklabels(), rows, strict=True):
        if kind == "event":
            tick.set_fontweight("bold")
            tick.set_fontsize(9)
        elif kind == "side":
            tick.set_fontstyle("italic")
    ax.tick_params(axis="y", length=0)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel("people killed, as claimed")
    ax.grid(axis="x", color="0.9")
    ax.set_axisbelow(True)
    handles = [plt.Line2D([], [], marker="o", ls="", color=c) for c in COLOURS.values()]
    ax.legend(handles, [f"claimed by the {k}" if k != "not a party" else "claimed by an outlet "
                        "or witness" for k in COLOURS], loc="lower right", fontsize=8)  # fmt: skip
    fig.suptitle("Mali, 2023: how many were killed, according to whom", x=0.01, ha="left",
                 fontsize=13, weight="bold")  # fmt: skip
    fig.text(0.01, 0.005, CREDIT, fontsize=7, color="0.35", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    print(f"chart written to {out}")


if __name__ == "__main__":
    main()
