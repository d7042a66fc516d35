"""The quality gate: pinned floors per data set, language and metric.

``floors.toml`` holds one table per ``[set.language]`` with ``metric = value``.
For most metrics the value is a minimum; for error figures (names ending in
``_km`` or ``_auc``) it is a maximum.  ``check`` lists every figure on the wrong
side of its pin.  ``update`` only ever tightens pins (raises a floor, lowers a
ceiling) and edits the file line by line so its comments stay: lowering a floor
is done by hand, with a comment saying why.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sumber.errors import InputError
from sumber.evaluate.results import SetResult, lower_is_better

FLOORS_FILE = Path(__file__).with_name("floors.toml")
DEFAULT_MARGIN = 0.02  # below the measured ratio
KM_MARGIN = 0.10  # relative, above the measured error in km

_TABLE = re.compile(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_]+)(\s*=\s*)([-+0-9.eE]+|nan|inf)(\s*(#.*)?)$")


@dataclass(slots=True)
class Pin:
    row: str  # "set.language"
    metric: str
    value: float

    @property
    def ceiling(self) -> bool:
        return lower_is_better(self.metric)


def load(path: Path = FLOORS_FILE) -> list[Pin]:
    if not path.is_file():
        return []
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    pins = []
    for set_name, langs in data.items():
        if not isinstance(langs, dict):
            continue
        for lang, metrics in langs.items():
            if not isinstance(metrics, dict):
                continue
            for metric, value in metrics.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    pins.append(Pin(f"{set_name}.{lang}", metric, float(value)))
    return pins


def check(results: list[SetResult], pins: list[Pin]) -> tuple[list[str], list[str]]:
    """(failures, rows not checked because their set was skipped or absent)."""
    rows = {r.key: r for r in results}
    failures: list[str] = []
    unchecked: set[str] = set()
    for pin in pins:
        row = rows.get(pin.row)
        if row is None or row.skipped:
            unchecked.add(pin.row + (f" ({row.skipped})" if row is not None and row.skipped else " (not run)"))
            continue
        value = row.metrics.get(pin.metric)
        if value is None:
            failures.append(f"{pin.row} {pin.metric}: not measured (pinned at {pin.value:g})")
        elif pin.ceiling and value > pin.value + 1e-9:
            failures.append(f"{pin.row} {pin.metric}: {value:.4g} is above its ceiling {pin.value:g}")
        elif not pin.ceiling and value < pin.value - 1e-9:
            failures.append(f"{pin.row} {pin.metric}: {value:.4f} is below its floor {pin.value:g}")
    return failures, sorted(unchecked)


def pinned(metric: str) -> bool:
    """Which figures get pins: F1s, accuracies, recalls of denials and the like, error figures.

    Precision and recall alone are not pinned: trading one for the other while F1
    rises is an improvement the gate must not block.
    """
    return not metric.endswith(("_p", "_r"))


def proposed(metric: str, value: float, margin: float = DEFAULT_MARGIN) -> float:
    """A pin a little on the safe side of a measured figure."""
    if metric.endswith("_km"):
        return float(math.ceil(round(value * (1 + KM_MARGIN) + 1, 6)))
    if lower_is_better(metric):
        return math.ceil(round((value + margin) * 1000, 6)) / 1000
    return max(0.0, math.floor(round((value - margin) * 1000, 6)) / 1000)


def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def update(results: list[SetResult], path: Path = FLOORS_FILE, margin: float = DEFAULT_MARGIN) -> list[str]:
    """Tighten or add pins from ``results``; returns the changes made (the file keeps its comments)."""
    want: dict[str, dict[str, float]] = {}
    for r in results:
        if r.skipped or "+" in r.language:
            continue
        for metric, value in r.metrics.items():
            if value is not None and math.isfinite(value) and pinned(metric):
                want.setdefault(r.key, {})[metric] = proposed(metric, value, margin)
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    changes: list[str] = []
    seen: dict[str, set[str]] = {}
    last_line: dict[str, int] = {}
    table = None
    for i, line in enumerate(lines):
        if (m := _TABLE.match(line)):
            table = m.group(1).strip().replace('"', "")
            seen.setdefault(table, set())
            last_line[table] = i
            continue
        if table is None or not (m := _KEY.match(line)):
            continue
        metric = m.group(2)
        seen[table].add(metric)
        last_line[table] = i
        new = want.get(table, {}).get(metric)
        if new is None:
            continue
        old = float(m.group(4))
        better = new < old if lower_is_better(metric) else new > old
        if better:
            lines[i] = f"{m.group(1)}{metric}{m.group(3)}{_fmt(new)}{m.group(5)}"
            changes.append(f"{table} {metric}: {_fmt(old)} -> {_fmt(new)}")
    inserts: dict[int, list[str]] = {}
    tail: list[str] = []
    for table, metrics in want.items():
        missing = [(k, v) for k, v in sorted(metrics.items()) if k not in seen.get(table, set())]
        if not missing:
            continue
        new_lines = [f"{k} = {_fmt(v)}" for k, v in missing]
        changes.extend(f"{table} {k}: new pin {_fmt(v)}" for k, v in missing)
        if table in last_line:
            inserts.setdefault(last_line[table], []).extend(new_lines)
        else:
            tail.extend(["", f"[{table}]", *new_lines])
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(i, []))
    out.extend(tail)
    if changes:
        path.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
    return changes
