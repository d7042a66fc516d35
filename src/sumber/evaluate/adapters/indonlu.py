"""IndoNLU NER (NERGrit, NERP test splits): person, organisation and place mentions in Indonesian.

Each test sentence is joined back into text and analyzed on its own.  Predicted
mentions map to the three gold types: ``person``; ``organization``/``agency``/
``media``/``platform``; places (the ``places`` list plus ``place`` and
``country`` mentions).  Scores are exact-span P/R/F1 per type and micro-averaged
over the three (the CoNLL convention); NERP's event and food labels are not
scored.  NERP is lower-cased, which removes the capitalisation cue most
Indonesian name rules rely on; read its figures with that in mind.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sumber.evaluate.adapters import Options
from sumber.evaluate.conll import decode_spans, detokenize, read_conll
from sumber.evaluate.metrics import Tally, prf
from sumber.evaluate.results import SetResult, build_row
from sumber.evaluate.runner import Runner, context, safe_analyze

TYPES = ("person", "organization", "place")
GOLD_TYPES = {
    "PERSON": "person", "ORGANISATION": "organization", "PLACE": "place",  # NERGrit
    "PPL": "person", "IND": "organization", "PLC": "place",  # NERP
}
PRED_KINDS = {"person": "person", "organization": "organization", "agency": "organization", "media": "organization",
              "platform": "organization", "place": "place", "country": "place"}
SETS = (("indonlu-nergrit", "nergrit"), ("indonlu-nerp", "nerp"))


@dataclass(slots=True)
class NerItem:
    id: str
    text: str
    gold: list[tuple[str, int, int]]  # (type, start, end)


def read_split(path: Path) -> list[NerItem]:
    items = []
    for i, sent in enumerate(read_conll(path)):
        text, offs = detokenize([t for t, _ in sent])
        gold = [(GOLD_TYPES[k], offs[a][0], offs[b - 1][1]) for k, a, b in decode_spans([lab for _, lab in sent])
                if k in GOLD_TYPES]
        items.append(NerItem(f"{path.parent.name}-{i}", text, gold))
    return items


def predicted(analysis: dict[str, Any]) -> set[tuple[str, int, int]]:
    out = set()
    for m in analysis.get("mentions") or []:
        kind = PRED_KINDS.get(m.get("kind"))
        if kind:
            out.add((kind, m["start"], m["end"]))
    for p in analysis.get("places") or []:
        out.add(("place", p["start"], p["end"]))
    return out


def score_item(item: NerItem, pred: set[tuple[str, int, int]], tally: Tally, errors: list[dict[str, Any]]) -> None:
    gold = set(item.gold)
    for kind in TYPES:
        g = {x for x in gold if x[0] == kind}
        p = {x for x in pred if x[0] == kind}
        tally.add(f"{kind}_gold", len(g))
        tally.add(f"{kind}_pred", len(p))
        tally.add(f"{kind}_tp", len(g & p))
        for _, s, e in sorted(g - p):
            errors.append({"kind": kind, "category": "missed", "severity": 1.0, "start": s, "end": e,
                           "text": item.text[s:e], "detail": ""})
        for _, s, e in sorted(p - g):
            errors.append({"kind": kind, "category": "false", "severity": 1.0, "start": s, "end": e,
                           "text": item.text[s:e], "detail": ""})


def _work(item: NerItem) -> tuple[Tally, list[dict[str, Any]], str | None]:
    analysis, err = safe_analyze(item.text, "id")
    tally, errors = Tally(), []
    score_item(item, predicted(analysis), tally, errors)
    for e in errors:
        e["doc"] = item.id
        e["context"] = context(item.text, e["start"], e["end"])
    return tally, errors, err


def ner_metrics(t: Tally) -> dict[str, float | None]:
    m: dict[str, float | None] = {}
    for kind in TYPES:
        m[f"{kind}_p"], m[f"{kind}_r"], m[f"{kind}_f1"] = prf(t[f"{kind}_tp"], t[f"{kind}_pred"], t[f"{kind}_gold"])
    m["micro_p"], m["micro_r"], m["micro_f1"] = prf(sum(t[f"{k}_tp"] for k in TYPES), sum(t[f"{k}_pred"] for k in TYPES),
                                                    sum(t[f"{k}_gold"] for k in TYPES))
    return m


def run(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    rows = []
    for name, sub in SETS:
        path = folder / sub / "test.txt"
        if not path.is_file():
            rows.append(SetResult(name, "id", skipped=f"data file not found: {path}"))
            continue
        items = read_split(path)
        if opts.limit:
            items = items[: opts.limit]
        t0 = time.perf_counter()
        outcomes = runner.map(_work, items, desc=name)
        row = build_row(name, "id", outcomes, ner_metrics, time.perf_counter() - t0, opts.keep_errors, "sentence")
        row.support = {"sentences": len(items), **{k: int(row.tally[f"{k}_gold"]) for k in TYPES}}
        row.notes.insert(0, "test split, exact spans, one sentence per analysis")
        rows.append(row)
    return rows
