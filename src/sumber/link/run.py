"""Running the linker over a store (incremental) or a stream of analyses.

Features are computed in a process pool (one worker per core by default) while
the main process reads; linking itself is one sequential pass that only touches
indexes.  A store remembers the last linked ingest marker (``seq``) in its meta
table, so a later run links only newer articles - against all of them.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sumber.link.features import Features, extract
from sumber.link.linker import COPY_KINDS, Linker, Thresholds
from sumber.model import Link

META_SEQ = "link.last_seq"
META_VERSION = "link.version"
VERSION = "1"  # bump when linking rules change: the next run relinks everything


@dataclass
class LinkSummary:
    articles: int = 0  # articles linked in this run
    indexed: int = 0  # earlier articles they were linked against
    links: Counter = field(default_factory=Counter)
    full: bool = False
    last_seq: int = 0


def _extract(item: tuple[int, dict[str, Any] | str]) -> Features:
    seq, d = item
    return extract(seq, json.loads(d) if isinstance(d, str) else d)


def features(stream: Iterable[tuple[int, dict[str, Any]]], workers: int | None = None,
             progress: bool = False, total: int | None = None) -> Iterator[Features]:
    """Features of ``(seq, analysis)`` pairs (JSON dict or text), in order, computed by ``workers`` processes."""
    if workers is None:
        workers = os.cpu_count() or 1
    bar = None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="art", desc="features", file=sys.stderr)
    try:
        if workers <= 1:
            for item in stream:
                yield _extract(item)
                if bar:
                    bar.update()
            return
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(workers) as pool:
            for f in pool.imap(_extract, stream, chunksize=32):
                yield f
                if bar:
                    bar.update()
    finally:
        if bar:
            bar.close()


def link_analyses(analyses: Iterable[dict[str, Any]], workers: int | None = None,
                  thresholds: Thresholds | None = None) -> list[Link]:
    """Link a stream of analyses (JSON form) among themselves, in the order given."""
    feats = list(features(((i + 1, d) for i, d in enumerate(analyses)), workers))
    lk = Linker(thresholds)
    lk.count(feats)
    out: list[Link] = []
    for f in feats:
        out.extend(lk.link(f))
    return out


def link_store(store: Any, full: bool = False, workers: int | None = None, progress: bool = False,
               thresholds: Thresholds | None = None, batch: int = 2000) -> LinkSummary:
    """Link the articles ingested since the last run (all with ``full``) and store the links."""
    last = int(store.get_meta(META_SEQ) or 0)
    if store.get_meta(META_VERSION) != VERSION:
        full = True
    summary = LinkSummary(full=full)
    if full:
        store.delete_links()
        last = 0
    total = store.counts()["articles"] if progress else None
    stream = ((seq, d) for seq, d in store.iter_analyses(raw=True))
    feats = list(features(stream, workers, progress, total))
    lk = Linker(thresholds)
    lk.count(feats)
    old = [f for f in feats if f.seq <= last]
    new = [f for f in feats if f.seq > last]
    del feats
    for f in old:
        lk.index(f)
    if old:
        for kind in COPY_KINDS:
            for link in store.iter_links(kind):
                lk.join_copies(link.a["article"], link.b["article"])
        for link in store.iter_links("contradicts"):
            lk.contradicted.add((link.a["article"], link.a["item"] or ""))
    summary.indexed = len(old)
    buf: list[Link] = []
    bar = None
    if progress and sys.stderr.isatty() and new:
        from tqdm import tqdm

        bar = tqdm(total=len(new), unit="art", desc="linking", file=sys.stderr)
    max_seq = last
    for f in new:
        links = lk.link(f)
        buf.extend(links)
        summary.links.update(x.kind for x in links)
        summary.articles += 1
        max_seq = max(max_seq, f.seq)
        if bar:
            bar.update()
        if len(buf) >= batch:
            store.put_links(buf)
            buf = []
    if bar:
        bar.close()
    if buf:
        store.put_links(buf)
    summary.last_seq = max_seq
    store.set_meta(META_SEQ, str(max_seq))
    store.set_meta(META_VERSION, VERSION)
    return summary
