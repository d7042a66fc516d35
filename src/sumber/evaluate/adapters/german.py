"""German news quotation attribution (test split): a schema check, run only when a German pack exists.

With a ``de`` pack installed, every test article is analyzed and checked: the
output follows the JSON contract (every span's text is ``text[start:end]``,
stances and kinds from the allowed sets), and predicted cues are compared with
the annotated cues by overlap (``cue_f1``).  Without one the row is skipped.
"""

from __future__ import annotations

import json
import tarfile
import time
from pathlib import Path
from typing import Any

from sumber.evaluate.adapters import Options
from sumber.evaluate.metrics import Tally, prf, ratio
from sumber.evaluate.results import SetResult, build_row
from sumber.evaluate.runner import Runner, context, safe_analyze
from sumber.evaluate.spans import match_one_to_one, overlap
from sumber.model import STANCES

NAME = "german-quotes"


def read_articles(path: Path) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, text, annotated cue spans) for each JSON file in the archive."""
    out = []
    with tarfile.open(path, "r:gz") as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if not member.isfile() or not member.name.endswith(".json"):
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            doc = json.loads(fh.read().decode("utf-8"))
            text = doc.get("originalText") or ""
            cues = []
            for ann in doc.get("annotations") or []:
                for sp in ((ann.get("cue") or {}).get("spans") or []):
                    if isinstance(sp, dict) and isinstance(sp.get("charBegin"), int) and isinstance(sp.get("charEnd"), int):
                        cues.append((sp["charBegin"], sp["charEnd"]))
                    elif isinstance(sp, (list, tuple)) and len(sp) >= 4:
                        cues.append((int(sp[2]), int(sp[3])))
            out.append((Path(member.name).name, text, cues))
    return out


def schema_problems(analysis: dict[str, Any], text: str) -> list[str]:
    problems = []

    def span(where: str, d: dict | None) -> None:
        if not d:
            return
        s, e = d.get("start"), d.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)) or text[s:e] != d.get("text"):
            problems.append(f"{where}: span {s}-{e} does not match its text")

    for key in ("mentions", "places", "times", "quantities"):
        for i, d in enumerate(analysis.get(key) or []):
            span(f"{key}[{i}]", d)
    for i, a in enumerate(analysis.get("attributions") or []):
        for part in ("source", "cue", "content", "via", "channel"):
            span(f"attributions[{i}].{part}", a.get(part))
        if a.get("stance") not in STANCES:
            problems.append(f"attributions[{i}]: stance {a.get('stance')!r}")
    return problems


def _work(job: tuple[str, str, list[tuple[int, int]]]) -> tuple[Tally, list[dict[str, Any]], str | None]:
    name, text, gold = job
    analysis, err = safe_analyze(text, "de")
    tally, errors = Tally(), []
    problems = schema_problems(analysis, text)
    tally.add("articles")
    tally.add("schema_ok", 0 if problems else 1)
    pred = [(c["start"], c["end"]) for a in analysis.get("attributions") or [] if (c := a.get("cue"))]
    pairs = match_one_to_one(gold, pred, lambda g, p: (-ov,) if (ov := overlap(g, p)) else None)
    tally.add("cue_gold", len(gold))
    tally.add("cue_pred", len(pred))
    tally.add("cue_tp", len(pairs))
    for p in problems[:3]:
        errors.append({"kind": "schema", "category": "broken", "severity": 3.0, "start": None, "end": None,
                       "text": "", "detail": p, "doc": name, "context": ""})
    got = {gi for gi, _ in pairs}
    for gi, (s, e) in enumerate(gold):
        if gi not in got:
            errors.append({"kind": "cue", "category": "missed", "severity": 1.0, "start": s, "end": e,
                           "text": text[s:e], "detail": "", "doc": name, "context": context(text, s, e)})
    return tally, errors, err


def run(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    from sumber.lang import available_languages

    if "de" not in available_languages():
        return [SetResult(NAME, "de", skipped="no German pack")]
    path = folder / "test.tar.gz"
    if not path.is_file():
        return [SetResult(NAME, "de", skipped=f"data file not found: {path}")]
    jobs = read_articles(path)
    if opts.limit:
        jobs = jobs[: opts.limit]
    t0 = time.perf_counter()
    outcomes = runner.map(_work, jobs, desc=NAME)
    row = build_row(NAME, "de", outcomes, german_metrics, time.perf_counter() - t0, opts.keep_errors)
    row.support = {"articles": len(jobs), "cues": int(row.tally["cue_gold"])}
    return [row]


def german_metrics(t: Tally) -> dict[str, float | None]:
    m: dict[str, float | None] = {"schema_ok": ratio(t["schema_ok"], t["articles"])}
    m["cue_p"], m["cue_r"], m["cue_f1"] = prf(t["cue_tp"], t["cue_pred"], t["cue_gold"])
    return m
