"""PostgreSQL backend (psycopg 3): a shared store many readers and writers can use.

Same tables as SQLite; full-text search uses ``tsvector`` columns filled with the
words sumber's own tokenizer finds (written as literals, so the server's text
search configuration and locale cannot change what matches).  Connections run
in autocommit mode; writes are grouped in explicit transactions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sumber.errors import StoreError
from sumber.store.base import Store
from sumber.store.query import tsquery, tsvector
from sumber.store.rows import Prepared

_PLACEHOLDER = re.compile(r"\?")


def _sql(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (no literal ``%`` or ``?`` appears in our SQL)."""
    return _PLACEHOLDER.sub("%s", sql)


def _redact(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, url: str, migrate: bool = True) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.url = _redact(url)
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{self.url}: cannot connect to PostgreSQL ({msg})") from None
        if migrate:
            self.migrate()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            with self.conn.cursor() as cur:
                cur.execute(_sql(sql), tuple(params))
                return list(cur.fetchall()) if cur.description else []
        except self._psycopg.errors.SyntaxError as exc:
            if "tsquery" in str(exc) or "tsvector" in str(exc):
                raise StoreError(f"full-text query not understood ({exc})") from None
            raise
        except self._psycopg.OperationalError as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from None

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(_sql(sql), tuple(params))

    def _execmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_sql(sql), [tuple(r) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.conn.transaction():
                yield
        except self._psycopg.OperationalError as exc:
            raise StoreError(f"{self.url}: write failed ({str(exc).strip()})") from None

    def close(self) -> None:
        if getattr(self, "conn", None) is not None:
            self.conn.close()
            self.conn = None

    def _lock_schema(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(7231987)")

    def _applied_versions(self) -> set[int]:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                          "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)")
        return {r["version"] for r in self.conn.execute("SELECT version FROM schema_migrations").fetchall()}

    def _text_match(self, table: str, alias: str, query: str) -> tuple[str, list[Any]]:
        return f"{alias}.search @@ ?::tsquery", [tsquery(query)]

    def _insert_search(self, prepared: Sequence[Prepared]) -> None:
        self._execmany("UPDATE articles SET search = ?::tsvector WHERE id = ?",
                       [(tsvector(p.article["title"], p.article["text"], p.article["claims_text"]), p.article_id)
                        for p in prepared])
        rows = [(tsvector(c[3], c[15]), c[0], c[1]) for p in prepared for c in p.children.get("claims", ())]
        self._execmany("UPDATE claims SET search = ?::tsvector WHERE article_id = ? AND ord = ?", rows)
