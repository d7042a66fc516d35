"""``sumber link``: link the stored corpus - copies, translations, same claims, contradictions, citations."""

from __future__ import annotations

import argparse
import json
import sys

from sumber.errors import SumberError
from sumber.export.listing import open_existing
from sumber.link import KINDS, link_store
from sumber.store import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("link", help="link the corpus: duplicates, syndicated copies, translations, same claims, "
                                     "contradictions, citation chains",
                       description="Link articles ingested since the last run against the whole store "
                                   f"(link kinds: {', '.join(KINDS)}).")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--full", action="store_true", help="drop all links and relink every article")
    p.add_argument("--workers", type=int, default=None, help="processes computing features (default: one per core)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="summary as text or JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 1:
        raise SumberError("--workers must be at least 1")
    with open_existing(args.db) as store:
        s = link_store(store, full=args.full, workers=args.workers, progress=True)
    if args.format == "json":
        json.dump({"articles": s.articles, "indexed": s.indexed, "full": s.full, "last_seq": s.last_seq,
                   "links": dict(s.links)}, sys.stdout)
        sys.stdout.write("\n")
        return 0
    kinds = ", ".join(f"{s.links[k]:,} {k}" for k in KINDS if s.links.get(k)) or "no new links"
    mode = "all" if s.full else "new"
    print(f"linked {s.articles:,} {mode} articles against {s.indexed + s.articles:,}: {kinds}")
    return 0
