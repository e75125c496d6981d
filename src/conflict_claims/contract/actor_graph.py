"""The parent_id graph of actors: cycles and ancestry."""

from __future__ import annotations

from collections.abc import Mapping


def nodes_in_cycles(parent: Mapping[str, str | None]) -> set[str]:
    """Actors that are their own ancestor through parent_id."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cyclic: set[str] = set()
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            cyclic.update(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return cyclic


def ancestors(actor: str, parent: Mapping[str, str | None]) -> list[str]:
    """The actor, then its parent, grandparent…, stopping at an unknown id or a repeat."""
    chain: list[str] = []
    node: str | None = actor
    while node is not None and node not in chain:
        chain.append(node)
        node = parent.get(node)
    return chain
