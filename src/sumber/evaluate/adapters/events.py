"""Event typing and, above all, negation: PLOVER gold-standard records and PETRARCH2 unit tests.

- typing: per record, the set of gold PLOVER categories (PETRARCH's CAMEO codes
  mapped with ``CAMEO2PLOVER-2021.txt``; the 2016 PLOVER names mapped to the
  current ones) against the set of predicted event types, micro P/R/F1;
- ``noevents_clean``: PETRARCH records coded ``noevents`` that yield no event with
  status ``asserted``;
- ``negated_clean``: records whose event verb is negated or refused
  (``negated.toml``) that yield no asserted event triggered by that verb (an
  asserted REJECT is the refusal itself and is allowed).
"""

from __future__ import annotations

import json
import re
import time
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sumber.evaluate.adapters import Options
from sumber.evaluate.metrics import Tally, prf, ratio
from sumber.evaluate.results import SetResult, build_row
from sumber.evaluate.runner import Runner, context, safe_analyze
from sumber.evaluate.spans import overlap

# PLOVER 2016 draft names -> current names (PLOVER 0.8+ / POLECAT).
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass(slots=True)
class EventItem:
    id: str
    text: str
    published: str | None
    types: set[str] = field(default_factory=set)  # gold PLOVER categories (empty: none known)
    noevents: bool = False
    negated: list[str] = field(default_factory=list)  # negated verbs as written


def plover_name(value: Any) -> str:
    name = str(value or "").strip().upper()
    return RENAMED.get(name, name)


@lru_cache(maxsize=1)
def negated_records() -> dict[str, dict[str, list[str]]]:
    with (Path(__file__).with_name("negated.toml")).open("rb") as fh:
        data = tomllib.load(fh)
    return {s: {k: ([v] if isinstance(v, str) else list(v)) for k, v in recs.items()} for s, recs in data.items()}


def read_cameo_map(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER category, from ``CODE: EVENT, mode, context # description`` lines."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        code, sep, rest = line.partition(":")
        if sep and code.strip().isdigit():
            event = rest.split(",", 1)[0].strip()
            if event:
                out[code.strip()] = plover_name(event)
    return out


def cameo_to_plover(code: str, table: dict[str, str]) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def read_plover(path: Path) -> list[EventItem]:
    records = json.loads(path.read_text(encoding="utf-8"))
    negated = negated_records().get("plover-gsr", {})
    by_text: dict[str, EventItem] = {}
    for r in records:
        if not isinstance(r, dict) or r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        item = by_text.setdefault(r["text"], EventItem(str(r.get("id")), r["text"], None))
        item.types.add(plover_name(r["event"]))
        item.negated.extend(negated.get(str(r.get("id")), []))
    return list(by_text.values())


def read_petrarch(path: Path, cameo: dict[str, str]) -> list[EventItem]:
    negated = negated_records().get("petrarch2", {})
    items = []
    for s in ET.parse(path).getroot().iter("Sentence"):
        text = " ".join((s.findtext("Text") or "").split())
        if not text:
            continue
        date = (s.get("date") or "").strip()
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 and date.isdigit() else None
        item = EventItem(str(s.get("id")), text, published)
        for coding in s.findall("EventCoding"):
            if (coding.get("noevents") or "").strip().lower() == "true":
                item.noevents = True
            elif coding.get("eventcode"):
                mapped = cameo_to_plover(coding.get("eventcode").strip(), cameo)
                if mapped:
                    item.types.add(mapped)
        item.negated = negated.get(item.id, [])
        items.append(item)
    return items


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)]


def score_item(item: EventItem, events: list[dict], tally: Tally, errors: list[dict[str, Any]]) -> None:
    pred_types = {plover_name(e.get("type")) for e in events if e.get("type")}
    asserted = [e for e in events if e.get("status", "asserted") == "asserted"]
    if item.types:
        tally.add("records_typed")
        tally.add("type_gold", len(item.types))
        tally.add("type_pred", len(pred_types))
        tally.add("type_tp", len(item.types & pred_types))
        if events:
            tally.add("records_with_event")
        for t in sorted(item.types - pred_types):
            errors.append({"kind": "event-type", "category": "missed", "severity": 1.0, "start": 0, "end": 0,
                           "text": t, "detail": f"predicted {sorted(pred_types) or 'nothing'}"})
    if item.noevents:
        tally.add("noevents_n")
        if not asserted:
            tally.add("noevents_ok")
        else:
            e = asserted[0]
            trig = e.get("trigger") or {}
            errors.append({"kind": "negation", "category": "affirmative-on-noevents", "severity": 2.0,
                           "start": trig.get("start"), "end": trig.get("end"), "text": trig.get("text") or "",
                           "detail": f"asserted {e.get('type')} on a record coded as having no event"})
    if item.negated:
        tally.add("negated_n")
        spans = [sp for w in item.negated for sp in _occurrences(item.text, w)]
        bad = [e for e in asserted if plover_name(e.get("type")) != "REJECT"  # the refusal itself is affirmative
               and any(overlap(((e.get("trigger") or {}).get("start", -1), (e.get("trigger") or {}).get("end", -1)), sp)
                      for sp in spans)]
        if not bad:
            tally.add("negated_ok")
        else:
            trig = bad[0].get("trigger") or {}
            errors.append({"kind": "negation", "category": "affirmative-on-negated", "severity": 3.0,
                           "start": trig.get("start"), "end": trig.get("end"), "text": trig.get("text") or "",
                           "detail": f"asserted {bad[0].get('type')} although {item.negated[0]!r} is negated/refused"})


def _work(item: EventItem) -> tuple[Tally, list[dict[str, Any]], str | None]:
    analysis, err = safe_analyze(item.text, "en", item.published)
    tally, errors = Tally(), []
    score_item(item, analysis.get("events") or [], tally, errors)
    for e in errors:
        e["doc"] = item.id
        e["context"] = context(item.text, e["start"], e["end"]) if e["end"] else item.text[:200]
    return tally, errors, err


def event_metrics(t: Tally) -> dict[str, float | None]:
    m: dict[str, float | None] = {}
    m["type_p"], m["type_r"], m["type_f1"] = prf(t["type_tp"], t["type_pred"], t["type_gold"])
    m["event_recall"] = ratio(t["records_with_event"], t["records_typed"])
    m["noevents_clean"] = ratio(t["noevents_ok"], t["noevents_n"])
    m["negated_clean"] = ratio(t["negated_ok"], t["negated_n"])
    return m


def _score(name: str, items: list[EventItem], runner: Runner, opts: Options, notes: list[str]) -> list[SetResult]:
    if opts.limit:
        items = items[: opts.limit]
    t0 = time.perf_counter()
    outcomes = runner.map(_work, items, desc=name)
    row = build_row(name, "en", outcomes, event_metrics, time.perf_counter() - t0, opts.keep_errors, "record")
    row.notes[:0] = notes
    tally = row.tally
    row.support = {"records": len(items), "typed": int(tally["records_typed"]), "noevents": int(tally["noevents_n"]),
                   "negated": int(tally["negated_n"])}
    return [row]


def run_plover(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    path = folder / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        return [SetResult("plover-gsr", "en", skipped=f"data file not found: {path}")]
    return _score("plover-gsr", read_plover(path), runner, opts,
                  ["records with the same sentence are merged; 2016 category names mapped to PLOVER 0.8"])


def run_petrarch(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    path = folder / "PETR.UnitTest.records.xml"
    table_path = folder.parent / "plover_gsr" / "CAMEO2PLOVER-2021.txt"
    if not path.is_file():
        return [SetResult("petrarch2", "en", skipped=f"data file not found: {path}")]
    cameo = read_cameo_map(table_path) if table_path.is_file() else {}
    notes = ["CAMEO codes mapped to PLOVER with CAMEO2PLOVER-2021.txt; validation-only codes (9xx) are not typed"]
    if not cameo:
        notes.append("typing skipped: plover_gsr/CAMEO2PLOVER-2021.txt not found")
    return _score("petrarch2", read_petrarch(path, cameo), runner, opts, notes)
