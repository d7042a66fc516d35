"""Durable storage of articles, analyses and links: SQLite (default) or PostgreSQL.

``open_store(url)`` takes a file path (or ``sqlite:///path``) or a
``postgresql://`` URL and returns a ``Store`` with the schema migrated to the
latest version.  All query logic lives in ``Store`` (see ``base.py``); the CLI,
exporters, linker and web API only call it.

    store = open_store("sumber.db")
    store.write([analysis, ...])                      # one transaction; known ids kept
    page = store.claims(ClaimFilter(about="KP", stance="denies"), limit=50)
    more = store.claims(flt, limit=50, cursor=page.next_cursor)   # stable keyset cursor
    store.events(EventFilter(...)); store.places(PlaceFilter(...)); store.articles(ArticleFilter(text="..."))
    store.get_analysis(article_id); store.get_article(article_id)

Linking (incremental): remember ``store.max_seq()`` in ``store.set_meta("...", str(seq))``
and later read only newer articles with ``store.iter_analyses(after_seq=seq)``; store
results with ``store.put_links(links)`` and read them with ``store.links(...)`` /
``iter_links``; ``ClaimFilter(linked="contradicts")`` lists claims at either end of
such links.  ``sumber.store.testing`` runs a test on both backends.
"""

from __future__ import annotations

from sumber.errors import StoreError
from sumber.store.base import SourceMark, Store, WriteResult
from sumber.store.query import ArticleFilter, ClaimFilter, EventFilter, Page, PlaceFilter
from sumber.store.rows import Prepared, prepare

DEFAULT_DB = "sumber.db"

__all__ = [
    "open_store", "Store", "StoreError", "SourceMark", "WriteResult", "Prepared", "prepare", "Page",
    "ArticleFilter", "ClaimFilter", "EventFilter", "PlaceFilter", "DEFAULT_DB", "is_postgres",
]


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str = DEFAULT_DB, create: bool = True) -> Store:
    """Open (and migrate) a store. ``create=False`` refuses a SQLite file that does not exist yet."""
    if not url:
        raise StoreError("no store given (--db PATH or postgresql://...)")
    if is_postgres(url):
        from sumber.store.postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    elif "://" in url:
        raise StoreError(f"unsupported store URL '{url.split('://')[0]}://' (use a file path or postgresql://...)")
    from sumber.store.sqlite import SQLiteStore

    return SQLiteStore(url, create=create)
