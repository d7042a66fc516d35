"""Small caches for answers that read much of the store, valid until the next ingest or link run.

``store.places`` counts every place mention (hundreds of thousands on a 10,000
article store) on each call; its answer only changes when articles are added,
which always raises ``store.max_seq()``, so pages are cached under that marker.
(Deleting an article without ingesting anything leaves counts stale until the
next ingest or restart.)  Claim views walk a whole cluster of linked claims and
also change when ``sumber link`` runs, so their key adds the linker's markers.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import astuple
from typing import Any

from sumber.store import Page, PlaceFilter, Store

_SIZE = 128
_lock = threading.Lock()
_pages: OrderedDict[tuple, Page] = OrderedDict()
_views: OrderedDict[tuple, Any] = OrderedDict()


def _remember(table: OrderedDict, key: tuple, value: Any) -> None:
    with _lock:
        table[key] = value
        table.move_to_end(key)
        while len(table) > _SIZE:
            table.popitem(last=False)


def claim(store: Store, article_id: str, item: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` (a claim view) cached until the store gains articles or is linked again."""
    key = (store.url, article_id, item, store.max_seq(), store.get_meta("link.last_seq"), store.get_meta("link.version"))
    with _lock:
        if key in _views:
            _views.move_to_end(key)
            return copy.deepcopy(_views[key])
    value = compute()
    _remember(_views, key, copy.deepcopy(value))
    return value


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
