"""The JSON report: ``Report.to_dict()``, with the errors capped by ``max_errors``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ._common import shown

if TYPE_CHECKING:
    from conflict_claims.report.report import Report


def render_json(report: Report, *, max_errors: int | None = None) -> str:
    payload = report.to_dict()
    problems, hidden = shown(report, max_errors)
    payload["errors"] = payload["errors"][: len(problems)]
    # error_count stays the total; these two say what the list leaves out.
    payload["errors_shown"] = len(problems)
    payload["errors_not_shown"] = hidden
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
