"""Claim view benchmark: ``claim_view`` on the largest claim clusters of a store of N generated articles.

Builds the store like ``bench_web.py`` (generated articles, ingested, linked) unless
``--db`` names one, finds the claim clusters (components of ``same_claim`` and
``contradicts`` links), and times ``sumber.link.views.claim_view`` for a claim of
each of the largest ones: the first view on a freshly opened store and the median
of ``--repeat`` more.  Target: the largest cluster's first view under 300 ms.
``--reference`` also times the first implementation (whole analyses, one links
query per node; kept in tests/link/test_views_fast.py) and checks both agree.

    .venv/bin/python benchmarks/bench_claim_view.py [--n 10000] [--db existing.db] [--clusters 4] [--reference]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MS = 300.0


def clusters(store) -> list[tuple[int, str]]:
    """(size, a claim id) per claim cluster, largest first (union-find over every claim link)."""
    parent: dict[tuple, tuple] = {}

    def find(x: tuple) -> tuple:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for kind in ("same_claim", "contradicts"):
        for link in store.iter_links(kind):
            a, b = find((link.a["article"], link.a["item"])), find((link.b["article"], link.b["item"]))
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[tuple, list[tuple]] = {}
    for node in list(parent):
        members.setdefault(find(node), []).append(node)
    stored = store.articles_by_id(a for a, _ in parent)
    out = []
    for root, nodes in members.items():
        start = next((n for n in sorted(nodes) if n[0] in stored and n[1]), None)
        if start:
            out.append((len(nodes), f"{start[0]}:{start[1]}"))
    return sorted(out, reverse=True)


def reference():
    spec = importlib.util.spec_from_file_location("views_reference", HERE.parent / "tests" / "link" / "test_views_fast.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.reference_view


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10,000)")
    ap.add_argument("--db", help="use this existing store instead of building one")
    ap.add_argument("--keep", help="build the store at this path and keep it")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clusters", type=int, default=4, help="largest clusters to time (default 4)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reference", action="store_true", help="also time the first implementation and compare")
    args = ap.parse_args()
    from sumber.link import views
    from sumber.store import open_store

    with tempfile.TemporaryDirectory(prefix="sumber-bench-claim-") as tmp:
        db = args.db or args.keep or str(Path(tmp) / "claims.db")
        if not args.db:
            if os.path.exists(db):
                sys.exit(f"{db} exists; pass it with --db to reuse it")
            sys.path.insert(0, str(HERE))
            from bench_web import build

            build(db, args.n, args.workers)
        with open_store(db, create=False) as store:
            counts = store.counts()
            found = clusters(store)
        print(f"store: {counts['articles']:,} articles, {counts['claims']:,} claims, {counts['links']:,} links; "
              f"{len(found):,} claim clusters, largest {found[0][0] if found else 0:,} claims (MAX_NODES {views.MAX_NODES})")
        ref = reference() if args.reference else None
        head = f"{'cluster':>8} {'reports':>8} {'first ms':>9} {'median ms':>10}"
        print(head + (f" {'reference ms':>13} {'same':>5}" if ref else "") + "  claim")
        worst = 0.0
        ok = True
        for size, cid in found[:args.clusters]:
            with open_store(db, create=False) as store:
                t0 = time.perf_counter()
                view = views.claim_view(store, cid)
                first = (time.perf_counter() - t0) * 1000
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    views.claim_view(store, cid)
                    times.append((time.perf_counter() - t0) * 1000)
            line = f"{size:8,} {view['reports']:8,} {first:9.1f} {statistics.median(times):10.1f}"
            if ref:
                with open_store(db, create=False) as store:
                    t0 = time.perf_counter()
                    old = ref(store, cid, views.MAX_NODES)
                    line += f" {(time.perf_counter() - t0) * 1000:13.1f} {'yes' if old == view else 'NO':>5}"
                    ok = ok and old == view
            print(f"{line}  {cid}")
            worst = max(worst, first)
    ok = ok and worst < TARGET_MS
    print(f"slowest first view: {worst:.1f} ms; target < {TARGET_MS:.0f} ms: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
