"""sumber-dev-gold: hand-annotated English (WikiNews) and Indonesian (Kompas) articles in our format."""

from __future__ import annotations

from pathlib import Path

from sumber.evaluate.adapters import Options
from sumber.evaluate.gold import load_gold
from sumber.evaluate.golddir import evaluate_docs
from sumber.evaluate.results import SetResult
from sumber.evaluate.runner import Runner

NAME = "sumber-dev-gold"


def run(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    docs = load_gold(folder)
    if not docs:
        return [SetResult(NAME, "en+id", skipped=f"no gold files under {folder}")]
    if opts.limit:
        by_lang: dict[str, list] = {}
        for d in docs:
            by_lang.setdefault(d.language or "und", []).append(d)
        docs = [d for ds in by_lang.values() for d in ds[: opts.limit]]
    rows, _ = evaluate_docs(NAME, docs, runner, opts.keep_errors)
    return rows
