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
    """Pair gold and predicted items, each used at most once.

    ``rank(g, p)`` returns None when the pair may not match, else a sort key:
    smaller keys are better and are taken first (greedy, deterministic: ties go
    to the earlier gold item, then the earlier prediction).
    """
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            key = rank(g, p)
            if key is not None:
                cands.append((key, gi, pi))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return pairs
