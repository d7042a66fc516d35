"""``sumber claim CLAIM_ID``: one proposition, who asserts and who denies it, and where it came from."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from sumber.export.listing import open_existing
from sumber.link.views import claim_view
from sumber.store import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("claim", help="show a claim: every source asserting or denying it, independent sources, "
                                     "citation chain",
                       description="Show one claim (ARTICLE_ID:ITEM, e.g. 91e321eb:a6 - the article and claim ids "
                                   "of `sumber claims`) with the claims linked to it by `sumber link`.")
    p.add_argument("claim_id", metavar="CLAIM_ID", help="ARTICLE_ID:ITEM (the article id may be a unique prefix)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json for machines")
    p.set_defaults(func=run)


def _row(r: dict[str, Any]) -> list[str]:
    meta = ", ".join(x for x in (r["outlet"], r["date"], r["language"]) if x)
    lines = [f"  - {r['source']} [{meta}] {r['claim']}"]
    if r["content"]:
        lines += textwrap.wrap(f'"{r["content"]}"', width=96, initial_indent="      ", subsequent_indent="      ")
    for step in r["relayed_by"]:
        lines.append(f"      relayed by: {step['source']} ({step['evidence']})")
    if r["chain"]:
        lines.append("      citation chain: " + " <- ".join([r["source"]] + [s["source"] for s in r["chain"]]))
    return lines


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        view = claim_view(store, args.claim_id)
    if args.format == "json":
        json.dump(view, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    ind = view["independent_sources"]
    out = [f"claim {view['claim']}",
           f"proposition: {'; '.join(view['proposition']) or '(no event: compared by content)'}"]
    if view["content"]:
        out += textwrap.wrap(f'content: "{view["content"]}"', width=100)
    out.append(f"{view['reports']} reports in {view['articles']} articles; independent sources: "
               f"{ind['asserts']} asserting, {ind['denies']} denying (syndicated and translated copies counted once)")
    for title, key in (("asserted by", "asserted_by"), ("denied by", "denied_by"), ("other", "other")):
        if view[key]:
            out.append(f"{title}:")
            for r in view[key]:
                out += _row(r)
    sys.stdout.write("\n".join(out) + "\n")
    return 0
