"""Evaluation: how good is the analyzer, per data set, language and item type.

- ``scorer``: the pure scorer for gold in Sumber's format (gold dict + analysis dict -> counts);
- ``gold``: reading gold files and finding their article text;
- ``adapters``: the public data sets in their own formats;
- ``floors``: the quality gate (pinned floors per set, language and metric);
- ``report``: tables, JSON and the error browser behind ``sumber eval``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sumber.errors import InputError
from sumber.evaluate.adapters import Options, adapters, find_adapter
from sumber.evaluate.results import SetResult
from sumber.evaluate.runner import Runner, warm_up
from sumber.evaluate.scorer import CONTRACT_METRICS, contract_metrics, score_article

__all__ = ["CONTRACT_METRICS", "Options", "Runner", "SetResult", "contract_metrics", "evaluate_sets",
           "find_data_dir", "score_article"]


def find_data_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """``--data``, else ``$SUMBER_SHARED/data``, else ``../shared/data`` beside the repository or the working folder."""
    if explicit:
        path = Path(explicit)
        if not path.is_dir():
            raise InputError(f"{path}: data folder not found")
        return path
    from sumber.paths import shared_dir

    shared = shared_dir()
    return shared / "data" if shared is not None else None


def evaluate_sets(data_dir: Path, names: list[str] | None, runner: Runner, opts: Options) -> list[SetResult]:
    """Run the named adapters (all when ``names`` is empty) on the data under ``data_dir``."""
    chosen = []
    for name in names or []:
        adapter = find_adapter(name)
        if adapter is None:
            known = ", ".join(a.name for a in adapters())
            raise InputError(f"unknown data set '{name}' (known: {known})")
        if adapter not in chosen:
            chosen.append(adapter)
    chosen = chosen or adapters()
    from sumber.lang import available_languages

    installed = set(available_languages())
    warm_up(sorted({lang for a in chosen for lang in a.languages} & installed))
    results: list[SetResult] = []
    for adapter in chosen:
        folder = data_dir / adapter.folder
        if not folder.is_dir():
            for lang in adapter.languages:
                results.append(SetResult(adapter.name, lang, skipped=f"folder not found: {folder}"))
            continue
        t0 = time.perf_counter()
        rows = adapter.run(folder, runner, opts)
        for row in rows:
            if not row.seconds and not row.skipped:
                row.seconds = time.perf_counter() - t0
        results.extend(rows)
    return results
