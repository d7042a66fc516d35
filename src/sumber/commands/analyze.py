"""``sumber analyze FILE...``: analyze articles and print JSON, JSON Lines or a readable summary."""

from __future__ import annotations

import argparse
import json
import os
import sys

from sumber.analyze import analyze
from sumber.errors import SumberError
from sumber.ingest.files import DEFAULT_MAX_BYTES, read_article
from sumber.textview import summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyze article files (.txt, .html, .json, or - for stdin)")
    p.add_argument("files", nargs="+", metavar="FILE", help="article files; '-' reads stdin")
    p.add_argument("--language", help="language code (default: detect among installed packs)")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (default: from the input, else none)")
    p.add_argument("--format", choices=("json", "jsonl", "text"), default="json", help="output format (default: json)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse files larger than this")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    failed = 0
    results = []
    for path in args.files:
        try:
            article = read_article(path, args.max_bytes)
            result = analyze(article, language=args.language, published=args.published)
        except SumberError as exc:
            failed += 1
            print(f"sumber: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # a bug in one article must not stop the others
            if os.environ.get("SUMBER_DEBUG"):
                raise
            failed += 1
            print(f"sumber: E999 {path}: internal error: {type(exc).__name__}: {exc} (SUMBER_DEBUG=1 for details)", file=sys.stderr)
            continue
        if args.format == "jsonl":
            sys.stdout.write(result.to_json() + "\n")
        elif args.format == "text":
            sys.stdout.write(summary(result) + "\n")
        else:
            results.append(result.to_dict())
    if args.format == "json" and results:
        out = results[0] if len(args.files) == 1 else results
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 1 if failed else 0
