"""One row of the evaluation: a data set in one language, its figures and its worst errors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sumber.evaluate.metrics import Tally

# Figures where smaller is better; the gate treats their floors as ceilings.
LOWER_IS_BETTER = ("_km", "_auc")


def lower_is_better(metric: str) -> bool:
    return metric.endswith(LOWER_IS_BETTER)


@dataclass(slots=True)
class SetResult:
    """Figures for ``set`` in ``language``; ``skipped`` says why a set was not run."""

    set: str
    language: str
    metrics: dict[str, float | None] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)
    items: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_counts: dict[str, int] = field(default_factory=dict)  # "kind/category" -> all errors, before trimming
    tally: Tally | None = None

    def set_errors(self, errors: list[dict[str, Any]], keep: int) -> None:
        counts: dict[str, int] = defaultdict(int)
        for e in errors:
            counts[f"{e['kind']}/{e['category']}"] += 1
        self.error_counts = dict(sorted(counts.items()))
        self.errors = worst(errors, keep)

    @property
    def key(self) -> str:
        return f"{self.set}.{self.language}"

    def to_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "set": self.set,
            "language": self.language,
            "items": self.items,
            "metrics": {k: (None if v is None else round(v, 6)) for k, v in self.metrics.items()},
            "support": self.support,
            "seconds": round(self.seconds, 2),
            "failed": self.failed,
            "notes": self.notes,
            "skipped": self.skipped,
        }
        if with_errors:
            out["error_counts"] = self.error_counts
            out["errors"] = self.errors
        return out


def worst(errors: list[dict[str, Any]], per_group: int) -> list[dict[str, Any]]:
    """Keep the ``per_group`` most severe errors of each (kind, category)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in errors:
        groups[(e["kind"], e["category"])].append(e)
    kept = []
    for key in sorted(groups):
        items = sorted(groups[key], key=lambda e: (-e["severity"], e.get("doc") or "", e.get("start") or 0))
        kept.extend(items[:per_group])
    return kept


def build_row(name: str, language: str, outcomes: list[tuple[Tally, list[dict[str, Any]], str | None]],
              metrics: Callable[[Tally], dict[str, float | None]], seconds: float, keep: int,
              what: str = "article") -> SetResult:
    """Sum per-item outcomes (tally, errors, analyzer failure) into one row."""
    tally = Tally()
    errors: list[dict[str, Any]] = []
    failures: list[str] = []
    for t, errs, err in outcomes:
        tally.merge(t)
        errors.extend(errs)
        if err:
            failures.append(err)
    row = SetResult(name, language, metrics=metrics(tally), items=len(outcomes), seconds=seconds,
                    failed=len(failures), tally=tally)
    row.set_errors(errors, keep)
    if failures:
        row.notes.append(f"{len(failures)} {what}(s) failed in the analyzer and were scored as empty; first: {failures[0]}")
    return row
