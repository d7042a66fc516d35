"""Span overlap and one-to-one greedy matching between gold and predicted items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

G = TypeVar("G")
P = TypeVar("P")
Span = tuple[int, int]


def overlap(a: Span | None, b: Span | None) -> int:
    """Characters shared by two half-open spans (0 when disjoint or either is missing).

    An empty span (start == end) overlaps a span that strictly contains its position,
    so a zero-width gold or prediction can still be matched.
    """
    if a is None or b is None:
        return 0
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if hi > lo:
        return hi - lo
    if a[0] == a[1] and b[0] <= a[0] < b[1] or b[0] == b[1] and a[0] <= b[0] < a[1]:
        return 1
    return 0


def match_one_to_one(
    gold: Sequence[G],
    pred: Sequence[P],
    rank: Callable[[G, P], tuple | None],
) -> list[tuple[int, int]]:
    """Pair gold and predicted items, each used at most once, as many pairs as possible.

    ``rank(g, p)`` returns None when the pair may not match, else a sort key
    (smaller is better).  Gold items are served in order of their best key and
    try their candidates best first; when a candidate is taken, the holder is
    moved to another of its candidates if it has one (augmenting paths), so a
    long prediction overlapping two gold items cannot cost a match.
    Deterministic: ties go to the earlier item.
    """
    edges: dict[int, list[tuple[tuple, int]]] = {}
    for gi, g in enumerate(gold):
        cands = []
        for pi, p in enumerate(pred):
            key = rank(g, p)
            if key is not None:
                cands.append((key, pi))
        if cands:
            cands.sort()
            edges[gi] = cands
    holder: dict[int, int] = {}  # prediction -> gold

    def assign(gi: int, seen: set[int]) -> bool:
        for _, pi in edges[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in holder or assign(holder[pi], seen):
                holder[pi] = gi
                return True
        return False

    for gi in sorted(edges, key=lambda i: (edges[i][0][0], i)):
        assign(gi, set())
    return sorted((gi, pi) for pi, gi in holder.items())
