"""Ingest benchmark: N generated articles (default 10,000) end to end into a store, then again.

Measures, by running the real ``sumber ingest`` command:
- first ingest: wall time, articles/s, peak memory of the whole process tree
  (main process plus analysis workers, resident set sizes summed);
- second ingest of the same directory: time, speed-up, and that nothing was added.
Targets (issue 2): >= 100 articles/s on 2 cores, peak < 1 GB, re-ingest >= 10x faster.

    .venv/bin/python benchmarks/bench_ingest.py [--n 10000] [--db postgresql://...] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sumber.ingest.synthetic import write_corpus
from sumber.store import open_store

PAGE = os.sysconf("SC_PAGE_SIZE")


TICK = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> dict[int, tuple[int, float]]:
    """``{pid: (resident bytes, CPU seconds)}`` of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[bytes]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            stats[int(entry)] = fields
        except (OSError, IndexError):
            continue
    out: dict[int, tuple[int, float]] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        f = stats.get(p)
        if f is None:
            continue
        # after the ')' : state ppid ... utime is field 14, stime 15, rss 24 of /proc/PID/stat (1-based)
        out[p] = (int(f[21]) * PAGE, (int(f[11]) + int(f[12])) / TICK)
    return out


def run_ingest(args: list[str]) -> tuple[float, int, str, float]:
    """Run ``sumber ingest``; returns (seconds, peak tree RSS in bytes, stderr, CPU seconds of the whole tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "sumber.cli", "ingest", *args, "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            tree = _tree(proc.pid)
            peak = max(peak, sum(rss for rss, _ in tree.values()))
            for p, (_, c) in tree.items():
                cpu[p] = max(cpu.get(p, 0.0), c)
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    done.set()
    t.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"ingest failed ({proc.returncode}):\n{err}")
    return seconds, peak, err.strip(), sum(cpu.values())


def analyzer_alone(n: int, chars: int) -> float:
    """Articles per second per core of ``sumber.analyze`` alone (CPU time, in this process)."""
    from sumber.analyze import analyze
    from sumber.ingest.synthetic import make_article
    from sumber.model import Article

    arts = [make_article(i, chars=chars) for i in range(n)]
    analyze(Article(text=arts[0]["text"]))  # load resources first
    t0 = time.process_time()
    for a in arts:
        analyze(Article(text=a["text"], title=a["title"], language=a["language"]))
    return n / (time.process_time() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of articles (default 10,000)")
    ap.add_argument("--db", help="store URL (default: a SQLite file in the temporary directory)")
    ap.add_argument("--workers", type=int, default=2, help="analysis processes (default 2)")
    ap.add_argument("--chars", type=int, default=2000, help="approximate article length (default 2,000)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sumber-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        t0 = time.perf_counter()
        write_corpus(corpus, args.n, chars=args.chars)
        gen = time.perf_counter() - t0
        db = args.db or str(Path(tmp) / "bench.db")
        common = [str(corpus), "--db", db, "--workers", str(args.workers)]
        print(f"corpus: {args.n:,} articles (~{args.chars:,} chars; txt, JSON, news-please JSON, HTML) "
              f"generated in {gen:.1f} s; {os.cpu_count()} CPUs; store {'PostgreSQL' if db.startswith('postgres') else 'SQLite'}")
        first_s, first_peak, first_err, first_cpu = run_ingest(common)
        with open_store(db) as s:
            counts1 = s.counts()
        second_s, second_peak, second_err, _ = run_ingest(common)
        with open_store(db) as s:
            counts2 = s.counts()
    alone = analyzer_alone(300, args.chars)
    rate = counts1["articles"] / first_s
    speedup = first_s / second_s
    print(f"first ingest:  {first_s:7.1f} s  {rate:7.0f} articles/s  peak memory {first_peak / 2**20:6.0f} MiB  | {first_err}")
    print(f"second ingest: {second_s:7.1f} s  {speedup:7.1f}x faster    peak memory {second_peak / 2**20:6.0f} MiB  | {second_err}")
    ceiling = alone * min(args.workers, os.cpu_count() or 1)
    print(f"analyze alone: {alone:.0f} articles/s per core (CPU time); {args.workers} workers could reach {ceiling:.0f}/s; "
          f"ingest runs at {rate / ceiling:.0%} of that; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    cores = min(args.workers, os.cpu_count() or 1)
    cpu_rate = counts1["articles"] / first_cpu * cores
    print(f"CPU used by the whole ingest (main + workers): {first_cpu:.1f} s = {first_cpu / counts1['articles'] * 1000:.1f} ms "
          f"per article -> {cpu_rate:.0f} articles/s on {cores} otherwise idle cores")
    print(f"stored: {counts1['articles']:,} articles, {counts1['claims']:,} claims, {counts1['events']:,} events, "
          f"{counts1['places']:,} places; after second ingest identical: {counts1 == counts2}")
    busy = os.getloadavg()[0] > (os.cpu_count() or 1) + 0.5
    checks = [("articles/s >= 100 (wall clock" + (", machine busy with other work)" if busy else ")"), rate >= 100),
              ("articles/s >= 100 on idle cores (from CPU time)", cpu_rate >= 100), ("peak memory < 1 GB", first_peak < 1e9),
              ("re-ingest >= 10x faster", speedup >= 10), ("re-ingest adds nothing", counts1 == counts2),
              ("every article stored", counts1["articles"] == args.n)]
    for name, ok in checks:
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
