"""Print pip constraints pinning every dependency to its declared lower bound.

    python .ci/lowest_requirements.py pyproject.toml test polars > lowest.txt

Reads ``[project].dependencies`` and the named optional-dependency groups; every requirement
must declare a lower bound (``>=``), which becomes ``==``. A requirement without one is an
error: its lowest supported version would be untested. Self-references
(``conflict-claims[test]``) are skipped. Needs Python 3.11+ (tomllib).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

_REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(?P<spec>.*)$")


def lowest(requirements: list[str], project: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement.split(";")[0].strip())
        if match is None:
            sys.exit(f"cannot read requirement {requirement!r}")
        name = match["name"].lower()
        if name == project:
            continue
        bound = re.search(r">=\s*([0-9][^,\s]*)", match["spec"])
        if bound is None:
            sys.exit(f"{requirement!r} declares no lower bound (>=)")
        pins[name] = bound[1]
    return pins


def main() -> None:
    pyproject, *extras = sys.argv[1:]
    project = tomllib.loads(Path(pyproject).read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    for name, version in sorted(lowest(requirements, project["name"]).items()):
        print(f"{name}=={version}")


if __name__ == "__main__":
    main()
