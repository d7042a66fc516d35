"""Shared plumbing of the query commands (claims, events, places): options and output.

The commands only build a filter and hand it to the store; this module adds
the common options and prints one page as a table or streams every row for
machines.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from sumber.errors import SumberError
from sumber.export.rows import FORMATS, write_rows
from sumber.store import DEFAULT_DB, Store, open_store

TABLE_LIMIT = 50


def add_common(p: argparse.ArgumentParser, text_help: str) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--since", metavar="DATE", help="from this date on (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", metavar="DATE", help="up to and including this date")
    p.add_argument("--lang", help="article language code (e.g. id, en)")
    p.add_argument("--text", metavar="QUERY", help=text_help)
    p.add_argument("--format", choices=FORMATS, default="table", help="table for people; json, jsonl or csv for machines")
    p.add_argument("--limit", type=int, help=f"at most this many rows (default: {TABLE_LIMIT} as a table, all otherwise)")
    p.add_argument("--cursor", help="continue a listing where the previous page stopped")


def open_existing(db: str) -> Store:
    return open_store(db, create=False)


def run_listing(args: argparse.Namespace, listing: str, flt: Any, columns: Sequence[str], wide: Sequence[str],
                shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> int:
    """Print one page (table, or when --limit/--cursor is given) or stream every row."""
    if args.limit is not None and args.limit < 1:
        raise SumberError("--limit must be at least 1")
    shape = shape or (lambda r: r)
    with open_existing(args.db) as store:
        method = getattr(store, listing)
        if args.format == "table" or args.limit is not None or args.cursor:
            remaining = args.limit or (TABLE_LIMIT if args.format == "table" else None)
            page = method(flt, min(remaining, 10_000) if remaining else 1000, args.cursor)
            rows = [shape(r) for r in page.rows]
            write_rows(rows, args.format, sys.stdout, columns if args.format == "table" else None, wide)
            if page.next_cursor:
                print(f"more: add --cursor {page.next_cursor}", file=sys.stderr)
        else:
            write_rows((shape(r) for r in store.iterate(listing, flt)), args.format, sys.stdout)
    return 0
