"""Evaluate gold articles in Sumber's own format (a directory, or the dev gold set)."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sumber.evaluate.gold import GoldDoc, load_gold
from sumber.evaluate.metrics import Tally
from sumber.evaluate.results import SetResult, build_row
from sumber.evaluate.runner import Runner, context, safe_analyze, warm_up
from sumber.evaluate.scorer import article_metrics, score_article, support


def _work(doc: GoldDoc) -> tuple[str, Tally, list[dict[str, Any]], str | None]:
    analysis, err = safe_analyze(doc.text, doc.language, doc.published, doc.title)
    tally, errors = score_article(doc.gold, analysis)
    for e in errors:
        e["doc"] = doc.id
        e["context"] = context(doc.text, e["start"], e["end"])
    lang = doc.language or (analysis.get("article") or {}).get("language") or "und"
    return lang, tally, errors, err


def _row(set_name: str, lang: str, outcomes: list, seconds: float, keep: int) -> SetResult:
    row = build_row(set_name, lang, [o[1:] for o in outcomes], article_metrics, seconds, keep)
    row.support = support(row.tally)
    return row


def evaluate_docs(set_name: str, docs: list[GoldDoc], runner: Runner, keep: int = 20) -> tuple[list[SetResult], SetResult]:
    """One row per language, plus the pooled row over all of them."""
    from sumber.lang import available_languages

    warm_up(sorted({d.language for d in docs if d.language} & set(available_languages())))
    t0 = time.perf_counter()
    outcomes = runner.map(_work, docs, desc=set_name)
    seconds = time.perf_counter() - t0
    by_lang: dict[str, list] = defaultdict(list)
    for o in outcomes:
        by_lang[o[0]].append(o)
    rows = [_row(set_name, lang, outs, seconds * len(outs) / max(1, len(outcomes)), keep)
            for lang, outs in sorted(by_lang.items())]
    pooled = _row(set_name, "+".join(sorted(by_lang)) or "none", outcomes, seconds, keep)
    problems = [f"{d.id}: {p}" for d in docs for p in d.problems]
    if problems:
        note = f"gold problems ({len(problems)}): " + "; ".join(problems[:3])
        for r in rows + [pooled]:
            r.notes.append(note)
    return rows, pooled


def evaluate_path(path: Path, runner: Runner, keep: int = 20, limit: int | None = None) -> tuple[list[SetResult], SetResult]:
    docs = load_gold(path)
    if limit:
        docs = docs[:limit]
    name = path.name if path.is_dir() else path.stem
    return evaluate_docs(name, docs, runner, keep)
