"""JUnit XML: one test case per rule of the catalogue, failed with its problems."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TYPE_CHECKING

from ._common import plural, shown

if TYPE_CHECKING:
    from conflict_claims.contract.problems import Problem
    from conflict_claims.report.report import Report

# Characters XML 1.0 cannot carry at all, even escaped: a cell may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render_junit(
    report: Report,
    *,
    target: str,
    max_errors: int | None = None,
    skipped: frozenset[str] = frozenset(),
) -> str:
    from conflict_claims.contract.rules import RULES

    problems, hidden = shown(report, max_errors)
    skipped = skipped | set(report.skipped)
    counted = Counter(p.rule for p in report.errors if p.severity == "error")
    warned = Counter(p.rule for p in report.errors if p.severity == "warning")
    listed: dict[str, list[Problem]] = {}
    for problem in problems:
        listed.setdefault(problem.rule, []).append(problem)
    known = [r.slug for r in RULES]
    slugs = known + sorted((set(counted) | set(warned)) - set(known))
    suite = ET.Element(
        "testsuite",
        name=_xml_text(f"conflict-claims validate {target}"),
        tests=str(len(slugs)),
        failures=str(sum(1 for s in slugs if counted[s])),
        errors="0",
        skipped=str(sum(1 for s in slugs if s in skipped and not counted[s] and not warned[s])),
    )
    for slug in slugs:
        case = ET.SubElement(suite, "testcase", classname="conflict-claims", name=slug)
        mine = listed.get(slug, [])
        total = counted[slug] + warned[slug]
        if not total:
            if slug in skipped:
                ET.SubElement(case, "skipped", message="not checked in this run")
            continue
        message = plural(total, "warning" if not counted[slug] else "problem")
        if len(mine) < total:
            message += f" ({total - len(mine)} not shown, see --max-errors)"
        body = _xml_text("\n".join(p.sentence() for p in mine))
        if counted[slug]:
            failure = ET.SubElement(case, "failure", message=message, type=slug)
            failure.text = body
        else:  # warnings only: the case passes, and says what it saw
            ET.SubElement(case, "system-out").text = f"{message}\n{body}"
    if hidden:
        out = ET.SubElement(suite, "system-out")
        out.text = f"{plural(hidden, 'problem')} not shown (see --max-errors)"
    suites = ET.Element(
        "testsuites", tests=suite.get("tests", "0"), failures=suite.get("failures", "0")
    )
    suites.append(suite)
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
