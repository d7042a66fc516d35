"""Small caches for answers that read much of the store, valid until the next ingest or link run.

``store.places`` counts every place mention (hundreds of thousands on a 10,000
article store) on each call; its answer only changes when articles are added,
which always raises ``store.max_seq()``, so pages are cached under that marker.
(Deleting an article without ingesting anything leaves counts stale until the
next ingest or restart.)  Claim views walk a whole cluster of linked claims and
also change when ``sumber link`` runs, so their key adds the linker's markers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import astuple
from typing import Any

from sumber.store import Page, PlaceFilter, Store

_SIZE = 128
_lock = threading.Lock()
_pages: OrderedDict[tuple, Page] = OrderedDict()


def _remember(table: OrderedDict, key: tuple, value: Any) -> None:
    with _lock:
        table[key] = value
        table.move_to_end(key)
        while len(table) > _SIZE:
            table.popitem(last=False)


class ClaimViews:
    """Claim views computed in the background and kept until the store gains articles or is linked again.

    A claim in a large cluster takes seconds to gather (the link layer walks every
    linked report), so a page asks with a short ``wait`` and shows what it has
    meanwhile; the same request made again finds the finished view.  Views are
    shared, never modified by readers.
    """

    def __init__(self, pool: Any, compute: Callable[[Store, str, str], Any], size: int = _SIZE) -> None:
        self.pool, self.compute, self.size = pool, compute, size
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sumber-claim-view")
        self.futures: OrderedDict[tuple, Future] = OrderedDict()
        self.lock = threading.Lock()

    def _run(self, article_id: str, item: str) -> Any:
        with self.pool.store() as store:
            return self.compute(store, article_id, item)

    def get(self, store: Store, article_id: str, item: str, wait: float | None) -> tuple[Any, bool]:
        """``(view, True)`` when ready within ``wait`` seconds, else ``(None, False)`` (it goes on computing)."""
        key = (article_id, item, store.max_seq(), store.get_meta("link.last_seq"), store.get_meta("link.version"))
        with self.lock:
            fut = self.futures.get(key)
            if fut is None:
                fut = self.futures[key] = self.executor.submit(self._run, article_id, item)
                done = [k for k, f in self.futures.items() if f.done()]
                for k in done[: max(0, len(self.futures) - self.size)]:
                    del self.futures[k]
            self.futures.move_to_end(key)
        try:
            return fut.result(timeout=wait), True
        except FutureTimeout:
            return None, False
        except BaseException:
            with self.lock:  # a failure is not remembered: the next request tries again
                if self.futures.get(key) is fut:
                    del self.futures[key]
            raise

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def places(store: Store, flt: PlaceFilter, limit: int, cursor: str | None = None) -> Page:
    key: tuple[Any, ...] = (store.url, store.max_seq(), astuple(flt), limit, cursor)
    with _lock:
        hit = _pages.get(key)
        if hit is not None:
            _pages.move_to_end(key)
            return Page([dict(r) for r in hit.rows], hit.next_cursor)
    page = store.places(flt, limit, cursor)
    _remember(_pages, key, Page([dict(r) for r in page.rows], page.next_cursor))
    return page
