"""``sumber export``: write the store as JSON Lines, CSV, GeoJSON, FollowTheMoney or ACLED-style CSV."""

from __future__ import annotations

import argparse
import sys

from sumber.export import FORMATS, WHAT, export
from sumber.export.listing import open_existing
from sumber.store import DEFAULT_DB, ArticleFilter


def register(sub: argparse._SubParsersAction) -> None:
    what_help = "; ".join(f"{f}: {', '.join(w)}" for f, w in WHAT.items())
    p = sub.add_parser("export", help="export the store: jsonl, csv, geojson, ftm (FollowTheMoney) or acled",
                       description="Export a store, streaming (constant memory).")
    p.add_argument("--format", choices=FORMATS, required=True, help="output format")
    p.add_argument("--what", help=f"which records (first is the default) - {what_help}")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--since", metavar="DATE", help="from this date on (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", metavar="DATE", help="up to and including this date")
    p.add_argument("--lang", help="article language code")
    p.add_argument("--status", action="append", choices=("asserted", "denied", "unconfirmed", "hypothetical"),
                   help="acled: event statuses to include (repeatable; default: asserted only)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    flt = ArticleFilter(since=args.since, until=args.until, lang=args.lang)
    statuses = tuple(args.status or ("asserted",))
    with open_existing(args.db) as store:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                n = export(store, args.format, out, args.what, flt, statuses)
        else:
            n = export(store, args.format, sys.stdout, args.what, flt, statuses)
    print(f"export: {n:,} records", file=sys.stderr)
    return 0
