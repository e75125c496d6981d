"""conflict-claims: 2023 battles in Mali and the casualty figures each party claimed.

Importing this package stays light (no pandas, no pyarrow) so that the ``conflict-claims``
command starts fast; each public name is imported from its layer on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from conflict_claims.__about__ import __version__

if TYPE_CHECKING:
    from conflict_claims.contract.problems import Problem
    from conflict_claims.contract.rules import RULES, Rule
    from conflict_claims.engines.per_record.record_models import (
        Actor,
        Claim,
        Event,
        Participant,
        Quantifier,
        Source,
    )
    from conflict_claims.report.report import Report
    from conflict_claims.typed.dataset import Dataset
    from conflict_claims.typed.errors import InvalidPackageError
    from conflict_claims.typed.frames import Frames
    from conflict_claims.typed.loading import frames, load
    from conflict_claims.typed.statements import Statement
    from conflict_claims.typed.views import SpreadRow, spread
    from conflict_claims.validation.package import validate

__all__ = [
    "RULES",
    "Actor",
    "Claim",
    "Dataset",
    "Event",
    "Frames",
    "InvalidPackageError",
    "Participant",
    "Problem",
    "Quantifier",
    "Report",
    "Rule",
    "Source",
    "SpreadRow",
    "Statement",
    "__version__",
    "frames",
    "load",
    "spread",
    "validate",
]

# Public name -> the module that defines it. No submodule of this package shares a name with
# a public function, so importing a submodule never shadows one.
_LAZY = {
    "Problem": "contract.problems",
    "RULES": "contract.rules",
    "Rule": "contract.rules",
    "Actor": "engines.per_record.record_models",
    "Claim": "engines.per_record.record_models",
    "Event": "engines.per_record.record_models",
    "Participant": "engines.per_record.record_models",
    "Quantifier": "engines.per_record.record_models",
    "Source": "engines.per_record.record_models",
    "Report": "report.report",
    "Dataset": "typed.dataset",
    "InvalidPackageError": "typed.errors",
    "Frames": "typed.frames",
    "frames": "typed.loading",
    "load": "typed.loading",
    "SpreadRow": "typed.views",
    "Statement": "typed.statements",
    "spread": "typed.views",
    "validate": "validation.package",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"conflict_claims.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'conflict_claims' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
