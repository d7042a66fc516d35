"""``sumber show ARTICLE_ID``: one stored article with its analysis, readable (or as JSON)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from sumber.export.listing import open_existing
from sumber.store import DEFAULT_DB
from sumber.textview import summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="show a stored article and its analysis",
                       description="Show one article (id or a unique prefix of it) with who said what in it.")
    p.add_argument("article_id", metavar="ARTICLE_ID", help="article id, or its first digits")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for people; json: the analysis in its JSON contract")
    p.add_argument("--no-text", action="store_true", help="leave out the article text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        aid = store.resolve_id(args.article_id)
        analysis = store.get_analysis(aid)
        row = store.get_article(aid) or {}
    if analysis is None:
        from sumber.errors import StoreError

        raise StoreError(f"article {aid} has no stored analysis")
    if args.format == "json":
        json.dump(analysis.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    a = analysis.article
    out = [summary(analysis), ""]
    meta = [("id", a.id), ("url", a.url), ("outlet", a.outlet), ("language", a.language), ("published", a.published),
            ("crawled", a.crawled), ("extractor", a.extractor), ("source", a.source), ("ingested", row.get("ingested"))]
    out += [f"{k + ':':11}{v}" for k, v in meta if v]
    if not args.no_text:
        out += ["", "--- text ---"]
        for para in a.text.split("\n"):
            out += textwrap.wrap(para, width=100) or [""]
    sys.stdout.write("\n".join(out) + "\n")
    return 0
