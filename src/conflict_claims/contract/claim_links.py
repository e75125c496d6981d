"""The links between claims (restates, part_of, distorts): their rules, and how they fold.

Both engines hand their claims to :func:`link_findings`, so the link rules have one meaning;
``typed.statements`` folds the same links with :func:`fold_root`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from conflict_claims.contract.tables import LINKS

Finding = tuple[str, str, int, str, object, str]
"""(rule, resource, row, field, value, what is wrong)."""

_SAME = ("event_id", "claimant_id", "subject_id", "category")


@dataclass(frozen=True)
class Linked:
    """What the link rules need of one claim row."""

    row: int
    claim_id: str
    event_id: str
    claimant_id: str
    subject_id: str
    category: str
    value_low: int
    value_high: int | None
    restates: str | None
    part_of: str | None
    distorts: str | None

    def target(self, link: str) -> str | None:
        value: str | None = getattr(self, link)
        return value


def agree(a: Linked, b: Linked) -> bool:
    """Whether two intervals overlap (an empty value_high is no upper bound)."""
    return (a.value_high is None or b.value_low <= a.value_high) and (
        b.value_high is None or a.value_low <= b.value_high
    )


def _differences(claim: Linked, target: Linked) -> list[str]:
    found = [f for f in _SAME if getattr(claim, f) != getattr(target, f)]
    if not agree(claim, target):
        found.append("interval")
    return found


def claims_in_cycles(links: Mapping[str, Iterable[str]]) -> set[str]:
    """Claims that lead back to themselves through their links (a claim -> its targets)."""
    # iterative Tarjan: a node is on a cycle when its strongly connected component has more
    # than one node, or it links to itself
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cyclic: set[str] = set()
    for root in links:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(links.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in links:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(links.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in links.get(node, ()):
                    cyclic.update(component)
    return cyclic


def link_findings(claims: Iterable[Linked]) -> Iterator[Finding]:
    """Findings of the link rules over claims whose cells are sound.

    A link whose target is not among these claims is left to ``foreign-key`` (or to the
    target's own defect); links of claims on a cycle are reported only as ``link-cycle``."""
    rows = list(claims)
    first: dict[str, Linked] = {}
    for claim in rows:
        first.setdefault(claim.claim_id, claim)
    graph = {
        claim_id: [t for link in LINKS if (t := c.target(link)) is not None and t in first]
        for claim_id, c in first.items()
    }
    cyclic = claims_in_cycles(graph)
    parts: dict[str, list[Linked]] = {}
    for claim in rows:
        # the cycle is judged on each id's first row; a repeated row whose own links lead
        # nowhere near it (a unique-key problem already) is checked like any other row
        field = (
            next((link for link in LINKS if claim.target(link) in cyclic), None)
            if claim.claim_id in cyclic
            else None
        )
        if field is not None:
            yield (
                "link-cycle",
                "claims",
                claim.row,
                field,
                claim.target(field),
                f"following {field} from {claim.claim_id!r} leads back to it",
            )
            continue
        restated = first.get(claim.restates or "")
        if restated is not None:
            differ = _differences(claim, restated)
            if differ:
                yield (
                    "restatement-mismatch",
                    "claims",
                    claim.row,
                    "restates",
                    claim.restates,
                    f"the claim differs from the claim it restates in {', '.join(differ)}",
                )
        distorted = first.get(claim.distorts or "")
        if distorted is not None:
            differ = _differences(claim, distorted)
            if "event_id" in differ or not differ:
                what = "is about another event than" if differ else "changes nothing of"
                yield (
                    "distortion-mismatch",
                    "claims",
                    claim.row,
                    "distorts",
                    claim.distorts,
                    f"the claim {what} the claim it distorts",
                )
        total = first.get(claim.part_of or "")
        if total is not None:
            differ = [f for f in _SAME if getattr(claim, f) != getattr(total, f)]
            if differ:
                yield (
                    "part-mismatch",
                    "claims",
                    claim.row,
                    "part_of",
                    claim.part_of,
                    f"the part differs from its total in {', '.join(differ)}",
                )
            elif first[claim.claim_id] is claim:
                parts.setdefault(total.claim_id, []).append(claim)
    for total_id, members in parts.items():
        total = first[total_id]
        least = sum(p.value_low for p in members)
        if total.value_high is not None and least > total.value_high:
            yield (
                "parts-exceed-total",
                "claims",
                total.row,
                "value_high",
                total.value_high,
                f"its parts ({', '.join(p.claim_id for p in members)}) add up to at least "
                f"{least}, more than this total",
            )


def fold_root(claim_id: str, links: Mapping[str, tuple[str | None, str | None]]) -> str:
    """The claim a claim folds into: follow restates and distorts (each claim -> (restates,
    distorts)) to the original statement. Assumes no cycle (the package validated)."""
    seen = {claim_id}
    node = claim_id
    while True:
        restates, distorts = links.get(node, (None, None))
        nxt = restates or distorts
        if nxt is None or nxt not in links or nxt in seen:
            return node
        seen.add(nxt)
        node = nxt
