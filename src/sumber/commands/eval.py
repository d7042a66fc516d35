"""``sumber eval``: score the analyzer on gold data, print figures, browse errors, keep the quality gate.

- ``sumber eval`` runs every data set found under the shared data folder
  (``--data``, else ``$SUMBER_SHARED/data``, else ``../shared/data``);
- ``sumber eval --set lgl --set pfsa-id`` runs some of them;
- ``sumber eval DIR`` scores a directory of gold files in Sumber's gold format;
  with ``--json`` it prints one object whose ``metrics`` holds exactly
  attribution_p/r/f1, stance_acc, source_acc, denial_recall, country_f1,
  place_f1, date_f1 and quantity_f1;
- ``--check`` fails (exit 1) listing every figure below its floor in the floors
  file; ``--write-floors`` tightens the floors to the figures measured now.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from sumber.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score the analyzer on gold data (tables, JSON, errors, quality gate)",
                       description="Score the analyzer on gold data sets and report per set and language.")
    p.add_argument("paths", nargs="*", metavar="DIR",
                   help="directories (or files) of gold in Sumber's format; default: every known public set")
    p.add_argument("--set", dest="sets", action="append", metavar="NAME",
                   help="run only this data set (repeatable); see --list")
    p.add_argument("--data", metavar="PATH", help="shared data folder (default: $SUMBER_SHARED/data or ../shared/data)")
    p.add_argument("--list", action="store_true", help="list the known data sets and exit")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/accuracy.md)")
    p.add_argument("--show-errors", type=int, default=0, metavar="N",
                   help="print the N worst misses and false hits of each kind, with their sentence")
    p.add_argument("--kind", dest="kinds", action="append", metavar="KIND",
                   help="with --show-errors: only this kind (attribution, place, date, quantity, country, ...)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: 2, or 1 on one core)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="score at most N articles per set (quick runs)")
    p.add_argument("--check", action="store_true", help="exit 1 listing every figure below its floor")
    p.add_argument("--write-floors", action="store_true", help="tighten the floors file to the figures measured now")
    p.add_argument("--floors", metavar="FILE", help="floors file (default: the one shipped in sumber/evaluate)")
    p.add_argument("--margin", type=float, default=None, metavar="X",
                   help="with --write-floors: how far below a measured ratio the floor goes (default 0.02)")
    p.set_defaults(func=run)


def _dir_object(path: Path, rows: list, pooled: Any, with_errors: bool) -> dict[str, Any]:
    from sumber.evaluate.scorer import article_metrics, contract_metrics

    obj: dict[str, Any] = {
        "set": pooled.set,
        "path": str(path),
        "languages": [r.language for r in rows],
        "articles": pooled.items,
        "metrics": contract_metrics(pooled.tally),
        "all_metrics": {k: (None if v is None else round(v, 6)) for k, v in article_metrics(pooled.tally).items()},
        "support": pooled.support,
        "by_language": {
            r.language: {"articles": r.items, "metrics": contract_metrics(r.tally), "support": r.support} for r in rows
        },
        "failed": pooled.failed,
        "notes": pooled.notes,
        "seconds": round(pooled.seconds, 2),
    }
    if with_errors:
        obj["error_counts"] = pooled.error_counts
        obj["errors"] = pooled.errors
    return obj


def _run_paths(args: argparse.Namespace, runner: Any, opts: Any) -> int:
    from sumber.evaluate import report
    from sumber.evaluate.golddir import evaluate_path

    objects, all_rows = [], []
    for raw in args.paths:
        path = Path(raw)
        rows, pooled = evaluate_path(path, runner, opts.keep_errors, args.limit)
        if not pooled.items:
            raise InputError(f"{path}: no gold files in Sumber's gold format found")
        objects.append(_dir_object(path, rows, pooled, args.show_errors > 0))
        all_rows.extend(rows if len(rows) > 1 else [pooled])
    if args.json:
        json.dump(objects[0] if len(objects) == 1 else objects, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.markdown(all_rows) if args.markdown else report.table(all_rows))
        if args.show_errors:
            sys.stdout.write("\n" + report.error_browser(all_rows, args.show_errors, args.kinds))
    return 0


def run(args: argparse.Namespace) -> int:
    from sumber.evaluate import Options, Runner, evaluate_sets, find_data_dir, floors, report
    from sumber.evaluate.adapters import adapters

    if args.list:
        for a in adapters():
            print(f"{a.name:<16} {a.folder:<40} {','.join(a.languages):<6} {a.about}")
        return 0
    if args.jobs is not None and args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    opts = Options(limit=args.limit, keep_errors=max(20, args.show_errors))
    t0 = time.perf_counter()
    with Runner(args.jobs) as runner:
        if args.paths:
            if args.sets or args.check or args.write_floors:
                raise InputError("--set, --check and --write-floors work on the shared data sets, not on DIR arguments")
            return _run_paths(args, runner, opts)
        data = find_data_dir(args.data)
        if data is None:
            raise InputError("shared data not found: pass --data PATH or set SUMBER_SHARED (its data/ folder is used)")
        results = evaluate_sets(data, args.sets, runner, opts)
        jobs = runner.jobs
    seconds = time.perf_counter() - t0
    floors_path = Path(args.floors) if args.floors else floors.FLOORS_FILE
    status = 0
    failures: list[str] = []
    unchecked: list[str] = []
    if args.check:
        failures, unchecked = floors.check(results, floors.load(floors_path))
        status = 1 if failures else 0
    if args.json:
        out = {"date": dt.date.today().isoformat(), "data": str(data), "jobs": jobs, "seconds": round(seconds, 1),
               "results": [r.to_dict(with_errors=args.show_errors > 0) for r in results]}
        if args.check:
            out["gate"] = {"failures": failures, "unchecked": unchecked}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.markdown(results) if args.markdown else report.table(results))
        footer = f"{sum(1 for r in results if not r.skipped)} rows in {seconds:.1f} s with {jobs} process(es); data: {data}"
        print(footer, file=sys.stderr if args.markdown else sys.stdout)
        if args.show_errors:
            sys.stdout.write("\n" + report.error_browser(results, args.show_errors, args.kinds))
        if args.check:
            if failures:
                sys.stdout.write(f"\nquality gate FAILED ({len(failures)}):\n" + "".join(f"  {f}\n" for f in failures))
            else:
                sys.stdout.write("\nquality gate passed\n")
            if unchecked:
                sys.stdout.write("not checked: " + "; ".join(unchecked) + "\n")
    if args.write_floors:
        if args.limit:
            raise InputError("--write-floors needs a full run (drop --limit)")
        margin = floors.DEFAULT_MARGIN if args.margin is None else args.margin
        changes = floors.update(results, floors_path, margin)
        print(f"{floors_path}: {len(changes)} change(s)" + "".join(f"\n  {c}" for c in changes), file=sys.stderr)
    return status
