"""conflict-claims: 2023 battles in Mali and the casualty figures each party claimed.

Importing this package stays light (no pandas, no frictionless) so that the
``conflict-claims`` command starts fast; heavy modules are imported on first use.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from conflict_claims.__about__ import __version__

if TYPE_CHECKING:
    from conflict_claims.dataset import Dataset
    from conflict_claims.load import InvalidPackageError, load
    from conflict_claims.models import Actor, Claim, Event, Participant, Quantifier, Source
    from conflict_claims.report import Problem, Report
    from conflict_claims.rules import RULES, Rule
    from conflict_claims.typed_frames import Frames, frames
    from conflict_claims.validate import validate
    from conflict_claims.views import SpreadRow, spread

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
    "__version__",
    "frames",
    "load",
    "spread",
    "validate",
]

_LAZY = {
    "Dataset": "dataset",
    "InvalidPackageError": "load",
    "load": "load",
    "Actor": "models",
    "Claim": "models",
    "Event": "models",
    "Participant": "models",
    "Quantifier": "models",
    "Source": "models",
    "Problem": "report",
    "Report": "report",
    "RULES": "rules",
    "Rule": "rules",
    "validate": "validate",
    "Frames": "typed_frames",
    "frames": "typed_frames",
    "SpreadRow": "views",
    "spread": "views",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"conflict_claims.{_LAZY[name]}")
        value = getattr(module, name)
        # Importing the submodule bound its name here (``validate``, ``load``: the module, not
        # the function); bind the public object instead, so the next lookup finds it.
        globals()[name] = value
        return value
    raise AttributeError(f"module 'conflict_claims' has no attribute {name!r}")


class _Package(types.ModuleType):
    """Keeps ``conflict_claims.load`` and ``conflict_claims.validate`` the functions.

    Importing a submodule binds it as an attribute of its package, so once anything imports
    the module ``conflict_claims.validate`` the name would shadow the function of the same name
    (``cc.validate()`` would fail on its second call). Bind the function instead; the module
    stays importable by its dotted name (``from conflict_claims.validate import ...``).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if (
            isinstance(value, types.ModuleType)
            and _LAZY.get(name) == name
            and value.__name__ == f"{__name__}.{name}"
        ):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
