"""Shared test configuration: Hypothesis profiles, and the source snapshots.

``HYPOTHESIS_PROFILE`` picks the profile: "ci" (the default when the ``CI`` environment
variable is set), the quicker "dev" (the default otherwise), or "triage" (dev without shrinking,
to see a failure at once). Slow properties ask for a share of the profile's examples through
``hyputil.scaled``. Failing examples are kept in the example database under ``.hypothesis/``
and replayed first on the next run; ``print_blob`` prints how to reproduce one.

The tests that check quotes against the source snapshots (``../shared/seeds``, or
``CONFLICT_CLAIMS_SEEDS``) skip without them, and the run ends with one loud banner saying so;
under CI (the ``CI`` variable set) they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase

_DATABASE = DirectoryBasedExampleDatabase(Path(__file__).parent.parent / ".hypothesis" / "examples")
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci", max_examples=100, deadline=None, print_blob=True, database=_DATABASE,
    suppress_health_check=_SLOW,
)  # fmt: skip
settings.register_profile(
    "dev", max_examples=10, deadline=None, print_blob=True, database=_DATABASE,
    suppress_health_check=_SLOW,
)  # fmt: skip
# "triage": like dev, but reports a failure at once instead of shrinking it first
settings.register_profile("triage", settings.get_profile("dev"),
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # fmt: skip
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session (a JVM) for every Spark test of the run (``sparktools``)."""
    from sparktools import local_session

    yield from local_session()


@pytest.fixture
def seeds() -> Path:
    """The folder of source snapshots (the test skips without it, and fails under CI)."""
    from pkgtools import need_seeds

    return need_seeds()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from pkgtools import SEEDS

    if SEEDS.is_dir():
        return
    skipped = terminalreporter.stats.get("skipped", [])
    skipped = [r for r in skipped if "source snapshots" in str(r.longrepr)]
    terminalreporter.write_sep(
        "!",
        f"{len(skipped)} tests SKIPPED: no source snapshots at {SEEDS}; "
        "the quotes were not checked, and CI fails without them",
        red=True,
        bold=True,
    )
