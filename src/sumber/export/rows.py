"""Write rows (dicts) as a table for people or JSON, JSON Lines or CSV for machines — streaming.

Rows are consumed one at a time, so any number can be written in constant
memory (the table format reads only the page it is given).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("table", "json", "jsonl", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO,
                wide: Sequence[str] = (), width: int | None = None) -> None:
    """Aligned columns; ``wide`` columns share what the terminal width leaves and are clipped with '…'."""
    if not rows:
        out.write("(nothing found)\n")
        return
    width = width or shutil.get_terminal_size((140, 20)).columns
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    sizes = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    fixed = sum(s for c, s in zip(columns, sizes) if c not in wide) + 2 * (len(columns) - 1)
    if wide:
        room = max(12 * len(wide), width - fixed) // len(wide)
        sizes = [min(s, room) if c in wide else s for c, s in zip(columns, sizes)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for v, s in zip(values, sizes):
            v = v if len(v) <= s else v[: max(1, s - 1)] + "…"
            parts.append(v.ljust(s))
        return "  ".join(parts).rstrip() + "\n"

    out.write(line(columns))
    out.write(line(["-" * s for s in sizes]))
    for row in cells:
        out.write(line(row))


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO, columns: Sequence[str] | None = None,
               wide: Sequence[str] = ()) -> int:
    """Write rows in ``fmt``; ``columns`` picks and orders fields (table and CSV). Returns the row count."""
    n = 0
    if fmt == "table":
        rows = list(rows)
        write_table(rows, columns or (list(rows[0]) if rows else []), out, wide)
        return len(rows)
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "json":
        out.write("[")
        for r in rows:
            out.write(("," if n else "") + "\n  " + json.dumps(r, ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
        return n
    if fmt == "csv":
        writer = None
        for r in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(columns or r), extrasaction="ignore", lineterminator="\n")
                writer.writeheader()
            writer.writerow({k: _csv_value(v) for k, v in r.items()})
            n += 1
        if writer is None and columns:
            csv.writer(out, lineterminator="\n").writerow(columns)
        return n
    raise ValueError(f"unknown format {fmt}")


def _csv_value(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v
