"""Printing results: a readable table, Markdown for the docs, and the error browser."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sumber.evaluate.results import SetResult


def fmt(metric: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    if metric.endswith("_km"):
        return f"{value:,.0f} km"
    return f"{value:.3f}"


def _families(metrics: dict[str, float | None]) -> list[tuple[str, list[tuple[str, str, float | None]]]]:
    """Group ``place_p, place_r, place_f1`` as ``place: p r f1`` (order kept)."""
    groups: dict[str, list[tuple[str, str, float | None]]] = {}
    for name, value in metrics.items():
        head, _, rest = name.partition("_")
        groups.setdefault(head, []).append((rest or head, name, value))
    return list(groups.items())


def table(results: list[SetResult]) -> str:
    lines: list[str] = []
    for r in results:
        if r.skipped:
            lines.append(f"{r.set} [{r.language}]  skipped: {r.skipped}")
            lines.append("")
            continue
        lines.append(f"{r.set} [{r.language}]  {r.items} items  {r.seconds:.1f} s"
                     + (f"  ({r.failed} failed)" if r.failed else ""))
        for head, items in _families(r.metrics):
            cells = "  ".join(f"{short} {fmt(name, v)}" for short, name, v in items)
            lines.append(f"  {head:<13} {cells}")
        if r.support:
            lines.append("  support       " + ", ".join(f"{k} {v}" for k, v in r.support.items()))
        for note in r.notes:
            lines.append(f"  note: {note}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def markdown(results: list[SetResult]) -> str:
    """One Markdown table per group of rows that report the same metrics (F1s and accuracies;
    precision and recall alone are left to the full table and the JSON)."""
    groups: dict[tuple[str, ...], list[SetResult]] = defaultdict(list)
    skipped = []
    for r in results:
        if r.skipped:
            skipped.append(r)
        else:
            groups[tuple(r.metrics)].append(r)
    out: list[str] = []
    for all_names, rows in groups.items():
        names = tuple(n for n in all_names if not n.endswith(("_p", "_r")))
        out.append("| set | lang | n | " + " | ".join(names) + " |")
        out.append("| --- | --- | ---: | " + " | ".join("---:" for _ in names) + " |")
        for r in rows:
            cells = [fmt(n, r.metrics.get(n)).replace(" km", "") for n in names]
            out.append(f"| {r.set} | {r.language} | {r.items} | " + " | ".join(cells) + " |")
        out.append("")
    for r in skipped:
        out.append(f"- {r.set} [{r.language}]: skipped ({r.skipped})")
    return "\n".join(out).rstrip() + "\n"


def error_browser(results: list[SetResult], n: int, kinds: list[str] | None = None) -> str:
    """The ``n`` worst errors of each kind and category, each with its sentence; ``kinds`` filters."""
    lines: list[str] = []
    for r in results:
        errors = [e for e in r.errors if not kinds or e["kind"] in kinds]
        if r.skipped or not errors:
            continue
        lines.append(f"=== errors: {r.set} [{r.language}]")
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for e in errors:
            groups[(e["kind"], e["category"])].append(e)
        for (kind, category), items in sorted(groups.items()):
            total = r.error_counts.get(f"{kind}/{category}", len(items))
            shown = items[:n]
            lines.append(f"--- {kind} / {category}: showing {len(shown)} of {total}")
            for e in shown:
                text = (e.get("text") or "").replace("\n", " ")
                lines.append(f"  [{e.get('doc')}] {text!r}  {e.get('detail') or ''}".rstrip())
                if e.get("context"):
                    lines.append(f"      {e['context']}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "no errors to show\n"
