"""How long the whole evaluation takes (the budget: 10 minutes on 2 cores), per set and in total.

Usage: python benchmarks/bench_eval.py [--jobs 1 2] [--data PATH]
Prints wall-clock seconds per row and in total for each worker count.
"""

from __future__ import annotations

import argparse
import resource
import time

from sumber.evaluate import Options, Runner, evaluate_sets, find_data_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, nargs="+", default=[2])
    ap.add_argument("--data")
    args = ap.parse_args()
    data = find_data_dir(args.data)
    if data is None:
        raise SystemExit("shared data not found (use --data or SUMBER_SHARED)")
    for jobs in args.jobs:
        t0 = time.perf_counter()
        with Runner(jobs, progress=False) as runner:
            results = evaluate_sets(data, None, runner, Options(keep_errors=1))
        total = time.perf_counter() - t0
        print(f"== {jobs} process(es): {total:.1f} s in total (budget 600 s)")
        for r in results:
            state = f"skipped ({r.skipped})" if r.skipped else f"{r.items:5d} items {r.seconds:7.1f} s"
            print(f"   {r.key:<26} {state}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the parent process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
