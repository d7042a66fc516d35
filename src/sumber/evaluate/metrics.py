"""Counting helpers shared by every scorer: P/R/F1, distances, error AUC.

Scores are micro-averaged: scorers return raw counts (a ``Tally``) per article,
tallies are summed over a data set, and only then turned into ratios.  A ratio
whose denominator is zero is ``None`` ("nothing to measure"), never a guess.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error
ACC_KM = 161.0  # 100 miles, the customary toponym-resolution threshold


@dataclass(slots=True)
class Tally:
    """Raw counts plus lists of distances (km) for error statistics."""

    n: Counter = field(default_factory=Counter)
    dists: dict[str, list[float]] = field(default_factory=dict)

    def add(self, key: str, value: int | float = 1) -> None:
        self.n[key] += value

    def dist(self, key: str, km: float) -> None:
        self.dists.setdefault(key, []).append(km)

    def merge(self, other: Tally) -> Tally:
        self.n.update(other.n)
        for key, values in other.dists.items():
            self.dists.setdefault(key, []).extend(values)
        return self

    def __getitem__(self, key: str) -> float:
        return self.n.get(key, 0)


def ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1; ``None`` where undefined (both sides empty)."""
    p = ratio(tp, n_pred)
    r = ratio(tp, n_gold)
    if p is None and r is None:
        return None, None, None
    p = 0.0 if p is None else p  # nothing predicted while gold exists
    r = 0.0 if r is None else r  # predictions while gold is empty
    f = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return p, r, f


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_auc(errors_km: list[float]) -> float | None:
    """Area under the sorted, log-scaled error curve (Gritta et al. 2018): 0 is perfect, 1 worst.

    Each error becomes ln(1 + km) / ln(1 + 20039); the curve through the sorted
    values is integrated with the trapezoid rule over [0, 1].
    """
    if not errors_km:
        return None
    top = math.log1p(MAX_ERROR_KM)
    ys = sorted(min(1.0, math.log1p(max(0.0, e)) / top) for e in errors_km)
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (len(ys) - 1)


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
