"""Print the spread of the figures claimed for each event: lowest and highest, and by whom.

python examples/spread.py
"""

from __future__ import annotations

import conflict_claims as cc


def main() -> None:
    dataset = cc.load()
    current = None
    for row in cc.spread(dataset):
        if row.event_id != current:
            current = row.event_id
            print(f"\n{dataset.event(row.event_id).name} ({row.event_id})")
        figures = str(row.low) if row.low == row.high else f"{row.low}..{row.high}"
        figures += "+" if row.open_ended else ""  # some claim set no upper bound
        by = ", ".join(dict.fromkeys(row.low_claimant_ids + row.high_claimant_ids))
        print(f"  {row.side:<13} {row.category:<19} {row.kind:<14} {figures:>7}  ({by})")


if __name__ == "__main__":
    main()
