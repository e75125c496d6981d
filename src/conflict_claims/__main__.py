"""``python -m conflict_claims``: the same as the ``conflict-claims`` command."""

from conflict_claims.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
