"""Measure countries and places: quality on the dev gold sets, toponym resolution
with gold spans on GeoWebNews / LGL / TR-News / GeoVirus, start-up, memory and speed.

    python benchmarks/bench_geo.py                 # everything
    python benchmarks/bench_geo.py --only gold     # gold | resolve | speed
    python benchmarks/bench_geo.py --errors        # also list misses and false hits

Reads ../shared (or $SUMBER_SHARED); prints figures only (no texts are stored).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from sumber.paths import shared_dir  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir() or Path(os.environ.get("SUMBER_SHARED", REPO.parent / "shared"))
KM = 161.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold(errors: bool) -> None:
    import sumber

    for folder in ("en-wikinews", "id-kompas"):
        files = sorted((SHARED / "data" / "sumber-dev-gold" / folder).glob("*.json"))
        if not files:
            print(f"{folder}: not found")
            continue
        ctp = cfp = cfn = 0
        ptp = pfp = pfn = 0
        for f in files:
            d = json.loads(f.read_text(encoding="utf-8"))
            a = sumber.analyze(d["text"], language=d["language"], published=d.get("published"))
            gc = {x["iso2"] for x in d["actors"] if x["type"] == "country"}
            pc = {m.ref for m in a.mentions if m.kind == "country"}
            ctp += len(gc & pc)
            cfp += len(pc - gc)
            cfn += len(gc - pc)
            if errors and gc != pc:
                print(f"  {folder}/{f.stem} countries missed {sorted(gc - pc)} extra {sorted(pc - gc)}",
                      [m.text for m in a.mentions if m.kind == "country" and m.ref in pc - gc][:6])
            used = set()
            for g in d["places"]:
                gs, ge = g["start"], g["start"] + len(g["text"])
                hit = None
                for i, p in enumerate(a.places):
                    if i in used or p.lat is None or not (p.start < ge and gs < p.end):
                        continue
                    if km(g["lat"], g["lon"], p.lat, p.lon) <= KM:
                        hit = i
                        break
                if hit is None:
                    pfn += 1
                    if errors:
                        near = [(p.text, p.name, p.country) for p in a.places if p.start < ge and gs < p.end]
                        print(f"  {folder}/{f.stem} place missed {g['text']!r} ({g.get('country')}) got {near}")
                else:
                    used.add(hit)
                    ptp += 1
            for i, p in enumerate(a.places):
                if i not in used:
                    pfp += 1
                    if errors:
                        print(f"  {folder}/{f.stem} place extra {p.text!r} -> {p.name} {p.country} {p.precision}")
        cp, cr, cf = prf(ctp, cfp, cfn)
        pp, pr, pf = prf(ptp, pfp, pfn)
        print(f"{folder}: countries P {cp:.3f} R {cr:.3f} F1 {cf:.3f} (tp {ctp} fp {cfp} fn {cfn}); "
              f"places P {pp:.3f} R {pr:.3f} F1 {pf:.3f} (tp {ptp} fp {pfp} fn {pfn})")


def _xml_sets() -> dict[str, list[tuple[str, list[tuple[int, int, float, float]]]]]:
    """Each set: articles as (text, [(start, end, lat, lon)]), only spans with coordinates."""
    out: dict[str, list] = {}
    for name, path in (("GeoWebNews", "geowebnews/GWN.xml"), ("LGL", "lgl/lgl.xml"),
                       ("TR-News", "tr-news/TR-News.xml"), ("GeoVirus", "geovirus/GeoVirus.xml")):
        file = SHARED / "data" / path
        if not file.is_file():
            continue
        root = ET.parse(file).getroot()
        arts = []
        for art in root.iter("article"):
            text = art.findtext("text") or ""
            spans = []
            if name == "GeoWebNews":
                for t in art.iter("toponym"):
                    lat, lon = t.findtext("latitude"), t.findtext("longitude")
                    if lat and lon and t.findtext("start"):
                        spans.append((int(t.findtext("start")), int(t.findtext("end")), float(lat), float(lon)))
            elif name == "GeoVirus":
                for t in art.iter("location"):
                    s, e = int(t.findtext("start")), int(t.findtext("end"))
                    if text[s:e] != t.findtext("name") and text[s - 1:e - 1] == t.findtext("name"):
                        s, e = s - 1, e - 1  # GeoVirus offsets are one past the name
                    spans.append((s, e, float(t.findtext("lat")), float(t.findtext("lon"))))
            else:
                for t in art.iter("toponym"):
                    gz = t.find("gaztag")
                    if gz is not None and gz.findtext("lat"):
                        spans.append((int(t.findtext("start")), int(t.findtext("end")), float(gz.findtext("lat")), float(gz.findtext("lon"))))
            arts.append((text, spans))
        out[name] = arts
    return out


def resolve_sets(errors: bool) -> None:
    from sumber.analyze import places
    from sumber.analyze.doc import Doc
    from sumber.analyze.segment import segmenter_for
    from sumber.lang import load_pack

    pack = load_pack("en")
    seg = segmenter_for(pack)
    for name, arts in _xml_sets().items():
        n = ok = none = 0
        errs = []
        t0 = time.perf_counter()
        for text, spans in arts:
            doc = Doc(text=text, lang="en", pack=pack)
            doc.paragraphs = seg.paragraphs(text)
            doc.sentences = seg.sentences(text, doc.paragraphs)
            for s, e, lat, lon in spans:
                n += 1
                p = places.resolve(doc, s, e)
                if p is None or p.lat is None:
                    none += 1
                    errs.append((text[s:e], "none"))
                elif km(lat, lon, p.lat, p.lon) <= KM:
                    ok += 1
                else:
                    errs.append((text[s:e], f"{p.name} {p.country} {km(lat, lon, p.lat, p.lon):.0f} km"))
        dt = time.perf_counter() - t0
        print(f"{name}: Acc@161 {ok / max(n, 1):.3f} on {n} gold spans (unresolved {none}); {dt:.1f} s")
        if errors:
            from collections import Counter

            for (t, why), c in Counter(errs).most_common(25):
                print(f"    {c:3d} {t!r} -> {why}")


def speed(cold: bool = False) -> None:
    if cold:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            code0 = (
                "import time,resource;t=time.perf_counter();from sumber.geo.gazetteer import gazetteer;g=gazetteer();"
                "print(round(time.perf_counter()-t,1), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024,"
                " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss//1024)"
            )
            env = dict(os.environ, SUMBER_CACHE=tmp)
            out = subprocess.run([sys.executable, "-c", code0], capture_output=True, text=True, check=True, env=env).stdout.split()
            size = sum(f.stat().st_size for f in Path(tmp).iterdir()) // (1 << 20)
            print(f"gazetteer cold build: {out[0]} s, peak RSS {out[1]} MB (build child process: {out[2]} MB), cache file {size} MB")
    code = (
        "import time,resource;t=time.perf_counter();import sumber;"
        "sumber.analyze('Pasukan Korea Utara tiba di Pokrovsk, Ukraina.', language='id');"
        "print(round(time.perf_counter()-t,3), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    print(f"start-up (import + first analysis, warm gazetteer cache): {out[0]} s, peak RSS {out[1]} MB")
    code2 = (
        "import time,resource;t=time.perf_counter();from sumber.geo.gazetteer import gazetteer;g=gazetteer();"
        "print(round(time.perf_counter()-t,3), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024, len(g))"
    )
    out = subprocess.run([sys.executable, "-c", code2], capture_output=True, text=True, check=True).stdout.split()
    print(f"gazetteer load (warm cache): {out[0]} s, peak RSS {out[1]} MB, {out[2]} entries")
    from sumber.analyze import countries, places
    from sumber.analyze.doc import Doc
    from sumber.analyze.segment import segmenter_for
    from sumber.geo import scan as scan_mod
    from sumber.lang import load_pack

    texts = []
    for folder in ("en-wikinews", "id-kompas"):
        for f in sorted((SHARED / "data" / "sumber-dev-gold" / folder).glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            texts.append((d["language"], d["text"]))
    if not texts:
        return
    docs = []
    for lang, text in texts:
        pack = load_pack(lang)
        seg = segmenter_for(pack)
        doc = Doc(text=text, lang=lang, pack=pack)
        doc.paragraphs = seg.paragraphs(text)
        doc.sentences = seg.sentences(text, doc.paragraphs)
        docs.append(doc)
    for doc in docs:  # warm the lexicons
        countries.extract(doc, [])
    chars = sum(len(d.text) for d in docs)
    rounds = 5
    t = time.process_time()  # CPU time: other processes on the machine do not count
    for _ in range(rounds):
        for doc in docs:
            scan_mod._last = (None, None, None)  # no reuse across rounds: a fresh article each time
            doc.mentions = []
            doc.mentions = countries.extract(doc, [])
            places.extract(doc)
    dt = (time.process_time() - t) / (rounds * len(docs))
    per2k = dt * 2000 / (chars / len(docs))
    print(f"countries+places (CPU): {dt * 1000:.2f} ms per article (mean {chars // len(docs)} chars), "
          f"{per2k * 1000:.2f} ms per 2,000 chars; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["gold", "resolve", "speed"])
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--cold", action="store_true", help="also time a gazetteer build into an empty cache")
    args = ap.parse_args()
    if not (SHARED / "data").is_dir():
        print(f"shared data not found at {SHARED} (set SUMBER_SHARED)")
        return
    if args.only in (None, "speed"):
        speed(args.cold)
    if args.only in (None, "gold"):
        gold(args.errors)
    if args.only in (None, "resolve"):
        resolve_sets(args.errors)


if __name__ == "__main__":
    main()
