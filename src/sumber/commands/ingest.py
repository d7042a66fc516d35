"""``sumber ingest SOURCE...``: read, analyze and store articles (files, directories, feeds, WARC, URLs)."""

from __future__ import annotations

import argparse
import json
import sys

from sumber.errors import SumberError
from sumber.ingest.files import DEFAULT_MAX_BYTES
from sumber.ingest.items import Failure
from sumber.ingest.pipeline import IngestOptions, ingest
from sumber.store import DEFAULT_DB, open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="read, analyze and store articles from files, directories, feeds, WARC archives or URLs",
                       description="Ingest articles into a store. Sources: .txt, .html, .json (also news-please and "
                       "trafilatura JSON), .jsonl, RSS/Atom feeds (.rss, .atom, .xml), WARC archives (.warc, .warc.gz), "
                       "directories of these, and http(s) URLs of pages or feeds. Inputs and articles already stored "
                       "are skipped, so rerunning an interrupted ingest completes it.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, directory or URL")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--errors", metavar="FILE", help="write one JSON line per failed item to FILE")
    p.add_argument("--workers", type=int, default=0, help="analysis processes (default: one per CPU; 1: no pool)")
    p.add_argument("--batch-size", type=int, default=200, help="articles per transaction (default: 200)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help="refuse files, records and downloads larger than this (default: 20 MB)")
    p.add_argument("--allow-private", action="store_true",
                   help="allow URLs that resolve to loopback or private addresses (refused by default)")
    p.add_argument("--language", help="analyze every article as this language (default: metadata, else detect)")
    p.add_argument("--replace", action="store_true", help="re-read and re-analyze inputs and articles already stored")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: only on a terminal)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.batch_size < 1 or args.max_bytes < 1 or args.workers < 0:
        raise SumberError("--batch-size and --max-bytes must be positive, --workers zero or more")
    errors_fh = open(args.errors, "w", encoding="utf-8") if args.errors else None  # noqa: SIM115

    def on_failure(f: Failure) -> None:
        if errors_fh:
            errors_fh.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
            errors_fh.flush()

    opts = IngestOptions(max_bytes=args.max_bytes, allow_private=args.allow_private, workers=args.workers,
                         batch_size=args.batch_size, replace=args.replace, language=args.language)
    try:
        with open_store(args.db) as store:
            report = ingest(args.sources, store, opts, on_failure=on_failure, progress=args.progress)
    finally:
        if errors_fh:
            errors_fh.close()
    print(f"ingest: {report.summary()}", file=sys.stderr)
    for f in report.failures[:10]:
        print(f"  {f.code} {f.message}", file=sys.stderr)
    if report.failed > 10:
        more = f"; all in {args.errors}" if args.errors else "; use --errors FILE to list them all"
        print(f"  ... and {report.failed - 10:,} more{more}", file=sys.stderr)
    return 1 if report.failed else 0
