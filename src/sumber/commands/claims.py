"""``sumber claims``: who said what — attributed statements in the store, filtered."""

from __future__ import annotations

import argparse
from typing import Any

from sumber.export.listing import add_common, run_listing
from sumber.model import STANCES
from sumber.store import ClaimFilter

COLUMNS = ("claim", "date", "lang", "stance", "source", "cue", "content")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("claims", help="list attributed statements: who said what, asserts or denies",
                       description="List claims (attributions) in a store, newest first.")
    p.add_argument("--source", help="the speaker's name or description contains this (any case)")
    p.add_argument("--about", metavar="ACTOR", help="claims about an actor or place (name, any case) or a country (ISO code, e.g. KP)")
    p.add_argument("--stance", choices=STANCES, help="only claims with this stance")
    p.add_argument("--contradicted", action="store_true",
                   help="only claims at either end of a 'contradicts' link (run `sumber link` first)")
    add_common(p, "full-text search in the claim's source and content (words; \"quoted phrase\")")
    p.set_defaults(func=run)


def _shape(r: dict[str, Any]) -> dict[str, Any]:
    # "claim" is the id `sumber claim` takes: a short article-id prefix and the item id
    return {**r, "lang": r.get("language"), "source": r.get("source_name") or r.get("source"),
            "claim": f"{r['article_id'][:8]}:{r['id']}"}


def run(args: argparse.Namespace) -> int:
    flt = ClaimFilter(since=args.since, until=args.until, lang=args.lang, text=args.text, source=args.source,
                      about=args.about, stance=args.stance, linked="contradicts" if args.contradicted else None)
    shape = _shape if args.format == "table" else None
    return run_listing(args, "claims", flt, COLUMNS, ("source", "content"), shape)
