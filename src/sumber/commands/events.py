"""``sumber events``: what happened (or was said to, or denied) — events in the store, filtered."""

from __future__ import annotations

import argparse
from typing import Any

from sumber.export.listing import add_common, run_listing
from sumber.store import EventFilter

COLUMNS = ("date", "type", "status", "actor", "target", "place", "country", "trigger", "article")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("events", help="list events (PLOVER types) with actor, target, place, time and status",
                       description="List events in a store, newest first (event date, else publication date).")
    p.add_argument("--type", help="PLOVER event type, e.g. MOBILIZE, ASSAULT")
    p.add_argument("--status", choices=("asserted", "denied", "unconfirmed", "hypothetical"))
    p.add_argument("--about", metavar="ACTOR", help="actor or target name (any case) or country code (e.g. RU)")
    p.add_argument("--country", help="country (ISO code) of the event's place")
    add_common(p, "full-text search in the events' articles (words; \"quoted phrase\")")
    p.set_defaults(func=run)


def _shape(r: dict[str, Any]) -> dict[str, Any]:
    return {**r, "article": r["article_id"]}


def run(args: argparse.Namespace) -> int:
    flt = EventFilter(since=args.since, until=args.until, lang=args.lang, text=args.text, type=args.type,
                      status=args.status, about=args.about, country=args.country)
    return run_listing(args, "events", flt, COLUMNS, ("actor", "target", "trigger"),
                       _shape if args.format == "table" else None)
