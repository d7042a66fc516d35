"""A small pool of store connections shared by the server's request threads.

FastAPI runs plain ``def`` endpoints in a thread pool; a SQLite connection (or
a psycopg one) must not serve two threads at once, so each request borrows one
store for its duration.  Stores are opened lazily, up to ``size``; a request
beyond that waits for one to come back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sumber.store import Store, open_store


class StorePool:
    def __init__(self, url: str, size: int = 4) -> None:
        self.url = url
        self.size = max(1, size)
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        self._all: list[Store] = []
        # Open one now: a missing or unreadable store fails at start-up, not on the first request.
        self._opened = 1
        self._idle.put(self._open())

    def _open(self) -> Store:
        """Open a store for a slot already counted in ``_opened`` (released again on failure)."""
        try:
            store = open_store(self.url, create=False)
        except BaseException:
            with self._lock:
                self._opened -= 1
            raise
        with self._lock:
            self._all.append(store)
        return store

    @contextmanager
    def store(self) -> Iterator[Store]:
        try:
            s = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                room = self._opened < self.size
                if room:
                    self._opened += 1  # reserve the slot, then open outside the lock
            if room:
                s = self._open()
            else:
                s = self._idle.get(timeout=60)
        try:
            yield s
        finally:
            self._idle.put(s)

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for s in stores:
            s.close()
