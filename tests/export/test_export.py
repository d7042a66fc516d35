"""Exports: FollowTheMoney entities validate, ACLED columns and precisions, GeoJSON, JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pytest

from sumber.errors import SumberError
from sumber.export import export
from sumber.export.acled import COLUMNS, event_date
from sumber.export.ftm import entities
from sumber.store import open_store
from sumber.store.testing import sample_analysis


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "e.db"))
    s.write([sample_analysis(i) for i in range(9)])
    yield s
    s.close()


def run(store, fmt, what=None, **kw):
    out = io.StringIO()
    n = export(store, fmt, out, what, **kw)
    return n, out.getvalue()


def test_ftm_entities_validate(store):
    model = pytest.importorskip("followthemoney").model
    n, text = run(store, "ftm")
    ents = [json.loads(x) for x in text.splitlines()]
    assert n == len(ents) > 0
    schemata = {e["schema"] for e in ents}
    assert {"Article", "Person", "Organization", "Address", "Event", "Mention", "Documentation"} <= schemata
    ids = {e["id"] for e in ents}
    for e in ents:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract
        unknown = set(e["properties"]) - set(schema.properties)
        assert not unknown, (e["schema"], unknown)
        assert schema.validate(e) is None
        proxy = model.get_proxy(e, cleaned=False)
        for prop, values in e["properties"].items():
            assert proxy.get(prop) == values, (e["schema"], prop)  # nothing dropped as invalid
            if schema.properties[prop].type.name == "entity":
                assert set(values) <= ids, f"dangling reference {prop} in {e['schema']}"
    arts = [e for e in ents if e["schema"] == "Article"]
    assert len(arts) == 9 and arts[0]["properties"]["language"] == ["ind"]
    addresses = [e for e in ents if e["schema"] == "Address"]
    assert any(a["properties"].get("latitude") == ["48.28"] for a in addresses)


def test_ftm_ids_merge_across_articles():
    a, b = sample_analysis(0).to_dict(), sample_analysis(12).to_dict()  # same speaker and place
    ids_a = {e["id"]: e["schema"] for e in entities(a)}
    ids_b = {e["id"]: e["schema"] for e in entities(b)}
    shared = {i for i in ids_a.keys() & ids_b.keys()}
    assert {ids_a[i] for i in shared} == {"Person", "Address"}


def test_acled_csv(store):
    n, text = run(store, "acled")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == COLUMNS and len(rows) == n == 3  # only asserted events by default
    r = rows[0]
    assert r["time_precision"] == "1" and r["geo_precision"] == "1"
    assert r["event_type"] and r["disorder_type"] and r["admin1"] and r["source"] and r["notes"]
    assert r["country"] and r["iso"].isdigit() and r["latitude"] and "status: asserted" in r["tags"]
    _, denied = run(store, "acled", statuses=("denied",))
    assert all("status: denied" in r["tags"] for r in csv.DictReader(io.StringIO(denied)))


@pytest.mark.parametrize("time,published,expected", [
    ({"value": "2024-10-21", "granularity": "day"}, "2024-10-22", ("2024-10-21", 1)),
    ({"value": "2024-W43", "granularity": "week"}, "2024-10-22", ("2024-10-22", 2)),
    ({"value": "2024-10", "granularity": "month"}, "2024-10-22", ("2024-10-01", 3)),
    (None, "2024-10-22T08:00:00", ("2024-10-22", 2)),
    (None, None, (None, None)),
])
def test_acled_time_precision(time, published, expected):
    assert event_date({"time": time}, published) == expected


def test_geojson(store):
    n, text = run(store, "geojson")
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == n == 3 + 9
    kinds = {f["properties"]["kind"] for f in doc["features"]}
    assert kinds == {"place", "event"}
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    _, only = run(store, "geojson", "places")
    assert len(json.loads(only)["features"]) == 3


def test_jsonl_and_csv(store):
    n, text = run(store, "jsonl")
    first = json.loads(text.splitlines()[0])
    assert n == 9 and set(first) == {"article", "mentions", "places", "times", "quantities", "attributions", "events"}
    n, text = run(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == 18 and rows[0]["stance"] in ("asserts", "denies", "unconfirmed")
    n, text = run(store, "jsonl", "events")
    assert n == 9
    with pytest.raises(SumberError, match="not available"):
        run(store, "acled", "claims")


def test_export_streams_in_constant_memory(tmp_path):
    """Peak Python memory does not grow with the number of articles exported."""
    peaks = []
    for n in (500, 1500):
        with open_store(str(tmp_path / f"m{n}.db")) as s:
            s.write([sample_analysis(i) for i in range(n)])
            for fmt in ("jsonl", "ftm", "acled", "geojson", "csv"):
                tracemalloc.start()
                export(s, fmt, _Sink())
                peaks.append((n, fmt, tracemalloc.get_traced_memory()[1]))
                tracemalloc.stop()
    small = {fmt: p for n, fmt, p in peaks if n == 500}
    for n, fmt, p in peaks:
        if n == 1500:  # three times the articles (both well past one read batch): about the same peak
            assert p < small[fmt] * 1.3 + 100_000, (fmt, small[fmt], p)


class _Sink(io.TextIOBase):
    def write(self, s):
        return len(s)
