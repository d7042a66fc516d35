"""``sumber places``: where — distinct geocoded places in the store, most mentioned first."""

from __future__ import annotations

import argparse

from sumber.export.listing import add_common, run_listing
from sumber.store import PlaceFilter

COLUMNS = ("name", "country", "admin1", "latitude", "longitude", "precision", "mentions", "articles", "first_date", "last_date")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("places", help="list places mentioned, with coordinates and counts",
                       description="List distinct places in a store, most mentioned first.")
    p.add_argument("--country", help="only places in this country (ISO code)")
    p.add_argument("--name", help="place name contains this (any case)")
    add_common(p, "only places in articles matching this full-text query")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    flt = PlaceFilter(since=args.since, until=args.until, lang=args.lang, text=args.text, country=args.country,
                      name=args.name)
    return run_listing(args, "places", flt, COLUMNS, ("name", "admin1"))
