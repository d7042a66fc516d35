"""The quality gate: every public set under ../shared/data scored against the pinned floors.

Skips cleanly when the shared data is absent.  On failure the message lists every
figure below its floor (or above its ceiling), so one run shows the whole damage.
To see the figures: `sumber eval`; to pin improvements: `sumber eval --write-floors`.
"""

from __future__ import annotations

import time

from sumber.evaluate import Options, Runner, evaluate_sets, floors


def test_no_metric_below_its_floor(shared_dir):
    pins = floors.load()
    assert pins, "the floors file has no pins"
    t0 = time.perf_counter()
    with Runner(2, progress=False) as runner:
        results = evaluate_sets(shared_dir / "data", None, runner, Options(keep_errors=1))
    seconds = time.perf_counter() - t0
    failures, unchecked = floors.check(results, pins)
    print(f"evaluated {sum(not r.skipped for r in results)} rows in {seconds:.1f} s; not checked: {unchecked}")
    assert not failures, f"{len(failures)} figure(s) on the wrong side of their pin:\n" + "\n".join(failures)
