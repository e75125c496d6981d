"""Show that the properties catch a missing check: disable one rule's check in one layer, run
the properties for that rule, restore the file, and print which tests failed.

    python tests/disable_checks.py            # every mutant below
    python tests/disable_checks.py 0 2        # mutants 0 and 2

Not a test module (pytest does not collect it): each run takes a minute or more.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parent.parent / "src" / "conflict_claims"

# (layer, rule, file, text to remove or replace, replacement)
MUTANTS: list[tuple[str, str, str, str, str]] = [
    ("pandera", "formula-injection", "table_checks.py",
     '        ("formula-injection", formula_injection),\n', ""),
    ("pandera", "parent-cycle", "cross_checks.py", "    yield from _parent_cycles(frames)\n", ""),
    ("pandera", "value-text-mismatch", "table_checks.py",
     '        ("value-text-mismatch", "value_text", value_text_mismatch),\n', ""),
    ("pydantic", "figure-not-in-quote", "models.py",
     "        if not figure_in_quote(self.value_text, self.value_low, self.quote):",
     "        if False:"),
    ("pydantic", "source-before-event", "dataset_checks.py",
     "if s.published_on is not None and reported is not None and s.published_on < reported:",
     "if False:"),
    ("pydantic", "vocabulary", "models.py",
     "    if column.enum and text not in column.enum:", "    if False:"),
]  # fmt: skip


def run(index: int) -> str:
    layer, rule, name, old, new = MUTANTS[index]
    path = SRC / name
    original = path.read_text(encoding="utf-8")
    assert original.count(old) == 1, f"mutant {index}: text not found once in {name}"
    path.write_text(original.replace(old, new), encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header",
             "-k", rule, "tests/test_properties_rules.py", "tests/test_properties_valid.py"],
            capture_output=True, text=True, check=False, cwd=SRC.parent.parent,
            env={**__import__("os").environ, "HYPOTHESIS_PROFILE": "triage"},
        )  # fmt: skip
    finally:
        path.write_text(original, encoding="utf-8")
    failed = [line.split(" ")[1] for line in result.stdout.splitlines()
              if line.startswith("FAILED ")]  # fmt: skip
    return f"{layer} without {rule} ({name}): " + (
        "failed: " + ", ".join(failed) if failed else "NOTHING FAILED"
    )


if __name__ == "__main__":
    chosen = [int(a) for a in sys.argv[1:]] or range(len(MUTANTS))
    for i in chosen:
        print(run(i), flush=True)
