"""Lay out statements and events on a time axis, coloured by stance (or event status).

The page draws the result as a server-side SVG: columns are days (weeks or
months on long ranges); statements stack above the axis, events below, each a
small square linking to its claim or article, with the normalized values as a
tooltip.  No script is needed to read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sumber.web.claimview import claim_key

MAX_STACK = 14
WIDTH = 1100
BAND = 150  # pixels above (statements) and below (events) the axis
STATUS_STANCE = {"asserted": "asserts", "denied": "denies", "unconfirmed": "unconfirmed", "hypothetical": "hypothetical"}


@dataclass(slots=True)
class Item:
    day: date
    band: str  # statement or event
    stance: str  # asserts, denies, unconfirmed, hypothetical
    label: str
    href: str
    title: str


@dataclass
class Column:
    x: float
    label: str
    statements: list[Item] = field(default_factory=list)
    events: list[Item] = field(default_factory=list)


@dataclass
class Layout:
    width: float
    height: float
    axis_y: float
    cell_w: float  # square width
    cell_h: float  # square height
    unit: str
    columns: list[Column]
    ticks: list[tuple[float, str]]
    squares: list[tuple[float, float, Item, int]]  # x, y, item, hidden items after it (overflow)
    items: int


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def items_from(claims: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[Item]:
    out: list[Item] = []
    for c in claims:
        d = _day(c.get("date"))
        if d:
            speaker = c.get("source_name") or c.get("source") or "?"
            out.append(Item(d, "statement", c["stance"], f"{speaker} {c.get('cue') or ''}".strip(),
                            f"/claims/{claim_key(c['article_id'], c['id'])}",
                            f"{d} · {speaker} ({c['stance']}): {c.get('content') or ''}"))
    for e in events:
        d = _day(e.get("date"))
        if d:
            who = " → ".join(x for x in (e.get("actor"), e.get("target")) if x)
            href = (f"/claims/{claim_key(e['article_id'], e['attribution'])}" if e.get("attribution")
                    else f"/articles/{e['article_id']}")
            out.append(Item(d, "event", STATUS_STANCE.get(e["status"], "unconfirmed"), f"{e['type']} {who}".strip(),
                            href, f"{d} · {e['type']} ({e['status']}) “{e.get('trigger')}” {who}"
                            + (f" at {e['place']}" if e.get("place") else "")))
    return out


def _bucket(d: date, unit: str) -> date:
    if unit == "week":
        return d - timedelta(days=d.weekday())
    if unit == "month":
        return d.replace(day=1)
    return d


def _next(d: date, unit: str) -> date:
    if unit == "week":
        return d + timedelta(days=7)
    if unit == "month":
        return (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return d + timedelta(days=1)


def layout(items: list[Item]) -> Layout | None:
    if not items:
        return None
    first, last = min(i.day for i in items), max(i.day for i in items)
    span = (last - first).days
    unit = "day" if span <= 120 else "week" if span <= 900 else "month"
    columns: dict[date, Column] = {}
    d = _bucket(first, unit)
    keys = []
    while d <= last:
        keys.append(d)
        d = _next(d, unit)
    cell = max(4.0, min(18.0, (WIDTH - 40) / len(keys)))
    for n, k in enumerate(keys):
        columns[k] = Column(20 + n * cell, k.isoformat() if unit != "month" else k.isoformat()[:7])
    for it in sorted(items, key=lambda i: (i.day, i.stance)):
        col = columns[_bucket(it.day, unit)]
        (col.statements if it.band == "statement" else col.events).append(it)
    axis_y = BAND + 10
    squares = []
    for col in columns.values():
        for band, stack in (("statement", col.statements), ("event", col.events)):
            shown = stack[:MAX_STACK]
            for j, it in enumerate(shown):
                hidden = len(stack) - MAX_STACK if j == len(shown) - 1 and len(stack) > MAX_STACK else 0
                y = axis_y - (j + 1) * (BAND / MAX_STACK) if band == "statement" else axis_y + 2 + j * (BAND / MAX_STACK)
                squares.append((col.x, y, it, hidden))
    ticks = []
    prev = None
    for k, col in columns.items():
        label = k.isoformat()[:7]
        if label != prev:
            ticks.append((col.x, label))
            prev = label
    width = 80 + len(keys) * cell
    return Layout(max(width, 300), axis_y + BAND + 30, axis_y, max(cell - 1, 3.0), BAND / MAX_STACK - 1, unit,
                  list(columns.values()), ticks, squares, len(items))
