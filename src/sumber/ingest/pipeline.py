"""Ingest: read sources, analyze in a process pool, store in batches — resumable and idempotent.

Flow: ``sources.plan`` yields items in order; chunks of them go to worker
processes (HTML extraction and ``sumber.analyze`` are the costly parts) while
the main process keeps reading; results come back in order and are written one
transaction per batch, together with the marks of inputs whose every item is
stored.  Killing the process loses at most the uncommitted batch; a rerun skips
stored inputs by fingerprint and stored articles by id before analysing.

Items already stored (same article id) are not analysed again unless
``replace`` is set.  Per-item failures are collected, never fatal.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any

from sumber import __version__
from sumber.errors import InputError, SumberError
from sumber.ingest.fetch import FetchPolicy
from sumber.ingest.files import DEFAULT_MAX_BYTES, article_from_html, read_article
from sumber.ingest.items import Failure, PageFile, RawPage, UnitDone
from sumber.ingest.sources import PlanOptions, plan
from sumber.model import Article
from sumber.store import SourceMark, Store
from sumber.store.rows import Prepared, prepare

ANALYZER = f"sumber {__version__}"


def default_analyzer(article: Article, language: str | None = None):  # noqa: ANN201 - Analysis
    from sumber.analyze import analyze

    return analyze(article, language=language)


@dataclass
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    workers: int = 0  # 0: one per CPU; 1: analyse in this process
    batch_size: int = 200
    chunk_size: int = 32
    replace: bool = False
    language: str | None = None
    analyzer: Callable[..., Any] = default_analyzer
    policy: FetchPolicy | None = None
    flush_seconds: float = 2.0


@dataclass
class IngestReport:
    new: int = 0
    existing: int = 0
    unchanged: int = 0
    ignored: int = 0
    failed: int = 0
    replaced: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.new + self.existing + self.failed

    def summary(self) -> str:
        rate = self.new / self.seconds if self.seconds > 0 else 0.0
        parts = [f"{self.new:,} new article{'s' * (self.new != 1)}"]
        if self.replaced:
            parts.append(f"{self.replaced:,} re-analysed")
        parts.append(f"{self.existing:,} already stored")
        if self.unchanged:
            parts.append(f"{self.unchanged:,} input{'s' * (self.unchanged != 1)} unchanged since last ingest")
        if self.ignored:
            parts.append(f"{self.ignored:,} file{'s' * (self.ignored != 1)} of unknown type ignored")
        parts.append(f"{self.failed:,} failed")
        return ", ".join(parts) + f" ({self.seconds:.1f} s, {rate:,.0f} new articles/s)"


def _warm(analyzer: Callable[..., Any]) -> None:
    """Load packs and resources once per worker, before the first real article."""
    for text in ("The minister said on Monday that talks would resume.",
                 "Menteri mengatakan pada hari Senin bahwa pembicaraan akan dilanjutkan."):
        try:
            analyzer(Article(text=text))
        except Exception:  # noqa: BLE001 - warming is best effort; real errors surface per article
            pass


def work(items: list[Any], analyzer: Callable[..., Any], language: str | None) -> list[Prepared | Failure]:
    """Read (if needed), analyze and flatten each item; failures are returned, not raised."""
    out: list[Prepared | Failure] = []
    for item in items:
        source = getattr(item, "source", None) or "?"
        try:
            if isinstance(item, PageFile):
                article = read_article(item.path, item.max_bytes)
            elif isinstance(item, RawPage):
                article = article_from_html(item.html, item.source, url=item.url, crawled=item.crawled)
            else:
                article = item
            analysis = analyzer(article, language=language) if language else analyzer(article)
            out.append(prepare(analysis, ANALYZER))
        except SumberError as exc:
            out.append(Failure(source, exc.code, exc.message))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            out.append(Failure(source, "E999", f"{source}: internal error ({type(exc).__name__}: {exc})"))
    return out


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


class _Writer:
    """Collects results in input order and writes them a batch per transaction."""

    def __init__(self, store: Store, opts: IngestOptions, report: IngestReport,
                 on_failure: Callable[[Failure], None] | None, bar: Any) -> None:
        self.store, self.opts, self.report, self.on_failure, self.bar = store, opts, report, on_failure, bar
        self.batch: list[Prepared] = []
        self.marks: list[SourceMark] = []
        self.unit_failed = False
        self.unit_items = 0
        self.last_flush = time.monotonic()

    def fail(self, failure: Failure) -> None:
        self.report.failed += 1
        self.unit_failed = True
        if len(self.report.failures) < 20:
            self.report.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)
        self._tick()

    def skip(self) -> None:
        self.report.existing += 1
        self.unit_items += 1
        self._tick()

    def add(self, prepared: Prepared) -> None:
        self.batch.append(prepared)
        self.unit_items += 1
        self._tick()
        if len(self.batch) >= self.opts.batch_size or time.monotonic() - self.last_flush > self.opts.flush_seconds:
            self.flush()

    def unit_done(self, done: UnitDone) -> None:
        if done.remember and not self.unit_failed:
            self.marks.append(SourceMark(done.key, done.fingerprint, done.kind, self.unit_items))
            if len(self.marks) >= self.opts.batch_size:
                self.flush()
        self.unit_failed = False
        self.unit_items = 0

    def flush(self) -> None:
        if self.batch or self.marks:
            result = self.store.write(self.batch, self.marks, replace=self.opts.replace)
            self.report.new += result.new
            self.report.existing += result.existing
            self.report.replaced += result.replaced
            self.batch, self.marks = [], []
            self._tick()
        self.last_flush = time.monotonic()

    def _tick(self) -> None:
        if self.bar is not None:
            r = self.report
            self.bar.n = r.new + r.existing + r.failed + len(self.batch)
            self.bar.set_postfix(new=r.new + len(self.batch), stored=r.existing, unchanged=r.unchanged,
                                 failed=r.failed, refresh=False)
            self.bar.update(0)


def _progress(enabled: bool | None) -> Any:
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, mininterval=0.5, dynamic_ncols=True, desc="ingest")


def ingest(sources: Iterable[str], store: Store, opts: IngestOptions | None = None,
           on_failure: Callable[[Failure], None] | None = None, progress: bool | None = None) -> IngestReport:
    """Ingest every source into ``store``; returns counts and the first failures."""
    opts = opts or IngestOptions()
    policy = opts.policy or FetchPolicy(allow_private=opts.allow_private, max_bytes=opts.max_bytes)
    report = IngestReport()
    counts: Counter = Counter()
    start = time.monotonic()
    bar = _progress(progress)
    writer = _Writer(store, opts, report, on_failure, bar)
    workers = opts.workers or os.cpu_count() or 1
    pool: ProcessPoolExecutor | None = None
    window: deque[tuple[list[Any], list[str], Future | list | None]] = deque()
    items = plan(sources, PlanOptions(opts.max_bytes, policy, opts.replace), store.source_fingerprints, counts)

    def drain() -> None:
        chunk, states, fut = window.popleft()
        try:
            results = iter(fut.result() if isinstance(fut, Future) else (fut or []))
        except BrokenProcessPool:
            raise SumberError("an analysis worker process died (out of memory?); rerun to resume") from None
        for item, state in zip(chunk, states):
            if state == "done":
                writer.unit_done(item)
            elif state == "error":
                writer.fail(Failure(_source_of(item), item.code, item.message))
            elif state == "stored":
                writer.skip()
            else:
                res = next(results)
                if isinstance(res, Failure):
                    writer.fail(res)
                else:
                    writer.add(res)
        report.unchanged, report.ignored = counts["unchanged"], counts["ignored"]

    try:
        for chunk in _chunks(items, opts.chunk_size):
            known = [] if opts.replace else [i.id if isinstance(i, Article) else i.known_id
                                             for i in chunk if isinstance(i, (Article, RawPage))]
            stored = store.existing_ids(k for k in known if k) if known else set()
            states, todo = [], []
            for item in chunk:
                if isinstance(item, UnitDone):
                    states.append("done")
                elif isinstance(item, InputError):
                    states.append("error")
                elif not opts.replace and (item.id if isinstance(item, Article) else getattr(item, "known_id", None)) in stored:
                    states.append("stored")
                else:
                    states.append("work")
                    todo.append(item)
            if not todo:
                fut: Future | list | None = None
            elif workers <= 1:
                fut = work(todo, opts.analyzer, opts.language)
            else:
                if pool is None:
                    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"),
                                               initializer=_warm, initargs=(opts.analyzer,))
                fut = pool.submit(work, todo, opts.analyzer, opts.language)
            window.append((chunk, states, fut))
            while len(window) > workers * 3 or (window and not isinstance(window[0][2], Future)):
                drain()
        while window:
            drain()
        writer.flush()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()
        report.unchanged, report.ignored = counts["unchanged"], counts["ignored"]
        report.seconds = time.monotonic() - start
    return report


def _source_of(err: InputError) -> str:
    """The input an error message names (the text before the first ': ')."""
    msg = err.message
    return msg.split(": ", 1)[0] if ": " in msg else "?"
