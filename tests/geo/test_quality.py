"""Quality floors on the shared dev gold sets (skipped when ../shared is absent).

Floors sit a little under the figures measured with benchmarks/bench_geo.py; lowering
one is a visible, explained change.
"""

from __future__ import annotations

import json
import math

import pytest

import sumber

FLOORS = {  # folder: (country F1, place F1)
    "en-wikinews": (0.95, 0.80),
    "id-kompas": (0.95, 0.89),
}


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def _f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_dev_gold_floors(shared_dir, folder):
    files = sorted((shared_dir / "data" / "sumber-dev-gold" / folder).glob("*.json"))
    if not files:
        pytest.skip(f"no gold files in {folder}")
    c = [0, 0, 0]
    p = [0, 0, 0]
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        a = sumber.analyze(d["text"], language=d["language"])
        gold = {x["iso2"] for x in d["actors"] if x["type"] == "country"}
        pred = {m.ref for m in a.mentions if m.kind == "country"}
        c[0] += len(gold & pred)
        c[1] += len(pred - gold)
        c[2] += len(gold - pred)
        used = set()
        for g in d["places"]:
            gs, ge = g["start"], g["start"] + len(g["text"])
            for i, q in enumerate(a.places):
                if i not in used and q.lat is not None and q.start < ge and gs < q.end and _km(g["lat"], g["lon"], q.lat, q.lon) <= 161:
                    used.add(i)
                    break
        p[0] += len(used)
        p[1] += len(a.places) - len(used)
        p[2] += len(d["places"]) - len(used)
    country_floor, place_floor = FLOORS[folder]
    assert _f1(*c) >= country_floor, f"country F1 {_f1(*c):.3f}"
    assert _f1(*p) >= place_floor, f"place F1 {_f1(*p):.3f}"
