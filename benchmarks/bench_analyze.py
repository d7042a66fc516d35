"""Analyzer speed, start-up and memory, printed (a benchmark measures; it asserts nothing).

    python benchmarks/bench_analyze.py [--n 2000] [--real]

- start-up: a fresh interpreter imports sumber and analyzes one short article (cold, then warm
  with the gazetteer cache in place);
- throughput on ~2,000-character articles generated from our own templates
  (sumber.ingest.synthetic: every sentence carries a statement, a place or a number, denser
  than real news), one core, after start-up, in CPU time of the process;
- the same on the real dev-gold texts when ../shared/data/sumber-dev-gold exists (--real);
- the ratio of analyze time to a plain regex word-tokenization pass over the same texts;
- peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from sumber.paths import shared_dir  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir() or Path(os.environ.get("SUMBER_SHARED", REPO.parent / "shared"))
_WORD = re.compile(r"\w+")


def startup_seconds() -> float:
    code = "import time; t=time.perf_counter(); import sumber; sumber.analyze('Menurut polisi, jalan ditutup.', language='id'); print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def throughput(texts: list[tuple[str, str]], repeat: int = 1) -> tuple[float, float]:
    import sumber

    t = time.process_time()  # CPU time of this process: other load on the machine does not count
    for _ in range(repeat):
        for text, lang in texts:
            sumber.analyze(text, language=lang)
    analyze_s = time.process_time() - t
    t = time.process_time()
    for _ in range(repeat):
        for text, _ in texts:
            _WORD.findall(text)
    regex_s = time.process_time() - t
    return analyze_s, regex_s


def report(label: str, texts: list[tuple[str, str]], repeat: int = 1) -> None:
    n = len(texts) * repeat
    chars = sum(len(t) for t, _ in texts) * repeat
    analyze_s, regex_s = throughput(texts, repeat)
    per2k = chars / 2000 / analyze_s
    print(f"{label}: {n} articles, mean {chars / n:.0f} chars, one core (CPU time): {n / analyze_s:.0f} articles/s, "
          f"{analyze_s / n * 1000:.2f} ms/article, {per2k:.0f} 2,000-char articles/s; "
          f"analyze / regex tokenization = {analyze_s / regex_s:.0f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="synthetic articles (default 2000)")
    ap.add_argument("--real", action="store_true", help="also time the dev-gold texts in ../shared")
    args = ap.parse_args()

    print(f"start-up (import + first article, fresh process): {startup_seconds():.2f} s (first run builds caches),"
          f" {startup_seconds():.2f} s (warm)")
    sys.path.insert(0, str(REPO / "src"))
    from sumber.ingest.synthetic import make_article

    import sumber

    sumber.analyze("Warm-up: the minister said the road was closed.", language="en")
    texts = []
    for i in range(args.n):
        art = make_article(i)
        texts.append((art["text"], art.get("language") or "en"))
    report("synthetic", texts)
    gold = sorted(glob.glob(str(SHARED / "data" / "sumber-dev-gold" / "*" / "*.json")))
    if args.real and gold:
        real = []
        for path in gold:
            g = json.loads(Path(path).read_text(encoding="utf-8"))
            real.append((g["text"], g["language"]))
        report("dev-gold (real news)", real, repeat=5)
    elif args.real:
        print("dev-gold: skipped (../shared/data/sumber-dev-gold not found)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
