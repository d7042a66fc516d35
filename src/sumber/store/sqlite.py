"""SQLite backend: one file, WAL journal, FTS5 search; opens usefully in Datasette.

Transactions are explicit (``BEGIN IMMEDIATE`` ... ``COMMIT``) so a batch is
all-or-nothing even if the process is killed; WAL lets readers (a web server,
Datasette) query while an ingest writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sumber.errors import StoreError
from sumber.store.base import Store, _chunks
from sumber.store.query import fts5_query
from sumber.store.rows import Prepared


class SQLiteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: str, create: bool = True, migrate: bool = True) -> None:
        self.url = path
        p = Path(path)
        if not create and not p.exists():
            raise StoreError(f"{path}: no such store (run 'sumber ingest --db {path} ...' first)")
        if p.is_dir():
            raise StoreError(f"{path}: is a directory, not a SQLite store")
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a SQLite store ({exc})") from None
        self._depth = 0
        if migrate:
            self.migrate()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            # plain tuples zipped with the column names: a third of the cost of dict(sqlite3.Row)
            cur = self.conn.cursor()
            cur.row_factory = None
            cur.execute(sql, tuple(params))
            names = [d[0] for d in cur.description or ()]
            if len(set(names)) < len(names):  # a repeated name keeps its first column, as sqlite3.Row does
                first = [i for i, n in enumerate(names) if names.index(n) == i]
                return [{names[i]: r[i] for i in first} for r in cur]
            return [dict(zip(names, r)) for r in cur]
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc):
                raise StoreError(f"full-text query not understood ({exc})") from None
            raise StoreError(f"{self.url}: {exc}") from None

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    def _execmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.url}: cannot write ({exc})") from None
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        if getattr(self, "conn", None) is not None:
            self.conn.close()
            self.conn = None

    def _applied_versions(self) -> set[int]:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                          "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)")
        return {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}

    def _text_match(self, table: str, alias: str, query: str) -> tuple[str, list[Any]]:
        key = "seq" if table == "articles" else "cid"
        return f"{alias}.{key} IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", [fts5_query(query)]

    def _insert_search(self, prepared: Sequence[Prepared]) -> None:
        ids = [p.article_id for p in prepared]
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            self.conn.execute("INSERT INTO articles_fts (rowid, title, text, claims_text) "
                              f"SELECT seq, title, text, claims_text FROM articles WHERE id IN ({marks})", chunk)
            self.conn.execute("INSERT INTO claims_fts (rowid, source, content) "
                              f"SELECT cid, source, content FROM claims WHERE article_id IN ({marks})", chunk)

    def _unindex_search(self, article_id: str) -> None:
        self.conn.execute("INSERT INTO articles_fts (articles_fts, rowid, title, text, claims_text) "
                          "SELECT 'delete', seq, title, text, claims_text FROM articles WHERE id = ?", (article_id,))
        self.conn.execute("INSERT INTO claims_fts (claims_fts, rowid, source, content) "
                          "SELECT 'delete', cid, source, content FROM claims WHERE article_id = ?", (article_id,))

    def check(self) -> list[str]:
        """Integrity problems found by SQLite and FTS5 (empty when the store is sound)."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for t in ("articles_fts", "claims_fts"):
            try:
                self.conn.execute(f"INSERT INTO {t} ({t}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"{t}: {exc}")
        return problems
