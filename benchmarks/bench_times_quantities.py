"""Dates and quantities against the dev gold sets: P/R/F1 per language and time per article.

Usage: python benchmarks/bench_times_quantities.py [--errors] [--lang id|en] [--repeat N]

Reads ../shared/data/sumber-dev-gold (or $SUMBER_SHARED/data/...); prints a message and
exits 0 when the shared data is absent.  Scoring follows docs/gold-format.md:
a gold date is found by an overlapping predicted time with the same value (null
gold by a null prediction); a gold quantity by an overlapping prediction whose
value is within 0.5 % (vague gold by an approximate or null-valued prediction).
Precision counts predictions that found a gold item.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from sumber.paths import shared_dir  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir() or Path(os.environ.get("SUMBER_SHARED", REPO.parent / "shared"))
GOLD = SHARED / "data" / "sumber-dev-gold"
SETS = {"en": "en-wikinews", "id": "id-kompas"}


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def date_found(g: dict, p) -> bool:
    gs, ge = g["start"], g["start"] + len(g["text"])
    return _overlap(gs, ge, p.start, p.end) and p.value == g["normalized"]


def quantity_found(g: dict, p) -> bool:
    gs, ge = g["start"], g["start"] + len(g["text"])
    if not _overlap(gs, ge, p.start, p.end):
        return False
    if g.get("value") is None or g.get("vague"):
        return p.approximate or p.value is None
    if p.value is None:
        return False
    return abs(p.value - g["value"]) <= 0.005 * abs(g["value"]) + 1e-12


def score(golds: list[dict], preds: list, found) -> tuple[int, int, int, list, list]:
    """(gold found, predictions that found gold, total predictions, missed gold, wrong predictions)."""
    hit_gold = [any(found(g, p) for p in preds) for g in golds]
    hit_pred = [any(found(g, p) for g in golds) for p in preds]
    missed = [g for g, h in zip(golds, hit_gold) if not h]
    wrong = [p for p, h in zip(preds, hit_pred) if not h]
    return sum(hit_gold), sum(hit_pred), len(preds), missed, wrong


def prf(tp_gold: int, n_gold: int, tp_pred: int, n_pred: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list missed gold items and wrong predictions")
    ap.add_argument("--lang", choices=sorted(SETS), help="only this language")
    ap.add_argument("--repeat", type=int, default=20, help="timing repetitions per article")
    ap.add_argument("--direct", action="store_true", help="run only segmentation, times and quantities (not sumber.analyze)")
    args = ap.parse_args(argv)
    if not GOLD.is_dir():
        print(f"skipped: gold data not found at {GOLD} (set SUMBER_SHARED)")
        return 0
    from sumber.analyze import quantities, times
    from sumber.analyze.doc import Doc
    from sumber.analyze.segment import segmenter_for
    from sumber.lang import load_pack

    def parse_published(value: str | None):
        from datetime import date

        return date.fromisoformat(value[:10]) if value else None

    def make_doc(text: str, lang: str, published: str | None) -> Doc:
        pack = load_pack(lang)
        seg = segmenter_for(pack)
        doc = Doc(text=text, lang=lang, pack=pack, published=parse_published(published))
        doc.paragraphs = seg.paragraphs(text)
        doc.sentences = seg.sentences(text, doc.paragraphs)
        return doc

    if args.direct:

        def run(text: str, lang: str, published: str | None):
            doc = make_doc(text, lang, published)
            doc.times = times.extract(doc)
            doc.quantities = quantities.extract(doc)
            return doc

    else:
        import sumber

        def run(text: str, lang: str, published: str | None):
            return sumber.analyze(text, language=lang, published=published)

    for lang, folder in SETS.items():
        if args.lang and lang != args.lang:
            continue
        files = sorted((GOLD / folder).glob("*.json"))
        tot = {"d": [0, 0, 0, 0], "q": [0, 0, 0, 0]}  # gold found, n gold, pred found, n pred
        chars = 0
        docs = []
        for f in files:
            gold = json.loads(f.read_text(encoding="utf-8"))
            text = gold["text"]
            chars += len(text)
            an = run(text, gold["language"], gold["published"])
            for key, golds, preds, found in (
                ("d", gold.get("dates", []), an.times, date_found),
                ("q", gold.get("quantities", []), an.quantities, quantity_found),
            ):
                hg, hp, n_pred, missed, wrong = score(golds, preds, found)
                t = tot[key]
                t[0] += hg
                t[1] += len(golds)
                t[2] += hp
                t[3] += n_pred
                if args.errors and (missed or wrong):
                    label = "dates" if key == "d" else "quantities"
                    for g in missed:
                        val = g.get("normalized", g.get("value"))
                        near = [(p.text, p.value) for p in preds if _overlap(g["start"], g["start"] + len(g["text"]), p.start, p.end)]
                        print(f"{f.parent.name}/{f.name} {label} MISS {g['text']!r} = {val!r} got {near} | {text[max(0, g['start'] - 40):g['start'] + len(g['text']) + 25]!r}")
                    for p in wrong:
                        print(f"{f.parent.name}/{f.name} {label} WRONG {p.text!r} = {p.value!r} | {text[max(0, p.start - 40):p.end + 25]!r}")
            docs.append(make_doc(text, lang, gold["published"]))
        # time only the two stages on ready Docs (segmentation excluded): CPU time of the
        # fastest of ``repeat`` passes over all articles, so other load on the machine counts least
        passes = []
        for _ in range(args.repeat):
            t0 = time.process_time()
            for doc in docs:
                doc.times = times.extract(doc)
                doc.quantities = quantities.extract(doc)
            passes.append(time.process_time() - t0)
        elapsed = min(passes) * args.repeat
        n = len(files)
        dp, dr, df = prf(tot["d"][0], tot["d"][1], tot["d"][2], tot["d"][3])
        qp, qr, qf = prf(tot["q"][0], tot["q"][1], tot["q"][2], tot["q"][3])
        ms = elapsed / (n * args.repeat) * 1000
        per2k = ms * 2000 / (chars / n)
        print(f"{lang} ({folder}, {n} articles, {chars / n:.0f} chars/article)")
        print(f"  dates       P {dp:.3f} R {dr:.3f} F1 {df:.3f}  (gold {tot['d'][1]}, predicted {tot['d'][3]})")
        print(f"  quantities  P {qp:.3f} R {qr:.3f} F1 {qf:.3f}  (gold {tot['q'][1]}, predicted {tot['q'][3]})")
        print(f"  times+quantities: {ms:.3f} ms/article, {per2k:.3f} ms per 2,000 chars")
    return 0


if __name__ == "__main__":
    sys.exit(main())
