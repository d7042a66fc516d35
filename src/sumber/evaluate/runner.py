"""Run analyses over many items, in a small process pool, without letting one failure stop the run.

Resources are warmed up in the parent before the pool forks, so workers share
the loaded packs and gazetteer copy-on-write instead of loading them again.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from sumber.model import Article

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_ITEMS = 16

EMPTY_ANALYSIS: dict[str, Any] = {
    "article": {}, "mentions": [], "places": [], "times": [], "quantities": [], "attributions": [], "events": [],
}


def safe_analyze(text: str, language: str | None = None, published: str | None = None,
                 title: str | None = None) -> tuple[dict[str, Any], str | None]:
    """``analyze(...).to_dict()``, or an empty analysis and the error's one-line text."""
    from sumber.analyze import analyze

    try:
        result = analyze(Article(text=text, title=title), language=language, published=published)
        return result.to_dict(), None
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop an evaluation
        empty = dict(EMPTY_ANALYSIS)
        empty["article"] = {"text": text}
        return empty, f"{type(exc).__name__}: {exc}"


def context(text: str, start: int | None, end: int | None, width: int = 150) -> str:
    """The sentence around ``text[start:end]``, with the span marked ⟦like this⟧."""
    if start is None or end is None or not text:
        return ""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo = start
    while lo > 0 and start - lo < width:
        ch = text[lo - 1]
        if ch == "\n" or (ch in ".!?" and lo < len(text) and text[lo].isspace() and lo < start - 1):
            break
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < width:
        ch = text[hi]
        hi += 1
        if ch == "\n" or (ch in ".!?" and (hi >= len(text) or text[hi].isspace())):
            break
    left = ("…" if lo > 0 and text[lo - 1] not in ".!?\n" else "") + text[lo:start].lstrip()
    right = text[end:hi].rstrip() + ("…" if hi < len(text) and text[hi - 1] not in ".!?\n" else "")
    return " ".join(f"{left}⟦{text[start:end]}⟧{right}".split())


def warm_up(languages: Iterable[str]) -> None:
    """Load every language's resources once in this process (before forking workers)."""
    for lang in languages:  # names of places, people and numbers make every stage load its data
        safe_analyze('Officials in London and Jakarta said on Monday, 3 March 2024, that 12 people met. '
                     '"We deny it," Budi Santoso told Reuters.', language=lang, published="2024-03-05")


class Runner:
    """Maps a function over items, in ``jobs`` processes when that helps."""

    def __init__(self, jobs: int | None = None, progress: bool | None = None) -> None:
        self.jobs = max(1, jobs if jobs is not None else min(2, os.cpu_count() or 1))
        self.progress = sys.stderr.isatty() if progress is None else progress
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = mp.get_all_start_methods()
            ctx = mp.get_context("fork") if "fork" in methods else mp.get_context()
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx)
        return self._pool

    def map(self, fn: Callable[[T], R], items: list[T], desc: str = "") -> list[R]:
        if self.jobs > 1 and len(items) >= PARALLEL_MIN_ITEMS:
            chunk = max(1, min(32, len(items) // (self.jobs * 8)))
            results = self._executor().map(fn, items, chunksize=chunk)
        else:
            results = map(fn, items)
        if self.progress:
            from tqdm import tqdm

            results = tqdm(results, total=len(items), desc=desc, file=sys.stderr, leave=False)
        return list(results)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
