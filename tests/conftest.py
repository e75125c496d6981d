"""Shared test configuration: Hypothesis profiles.

``HYPOTHESIS_PROFILE`` picks the profile: "ci" (the default when the ``CI`` environment
variable is set), the quicker "dev" (the default otherwise), or "triage" (dev without shrinking,
to see a failure at once). Slow properties ask for a share of the profile's examples through
``hyputil.scaled``. Failing examples are kept in the example database under ``.hypothesis/``
and replayed first on the next run; ``print_blob`` prints how to reproduce one.
"""

from __future__ import annotations

import os
from pathlib import Path

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
