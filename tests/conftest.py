"""Shared test configuration: Hypothesis profiles.

``HYPOTHESIS_PROFILE`` picks the profile; by default "ci" when the ``CI``
environment variable is set, else the quicker "dev".
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
