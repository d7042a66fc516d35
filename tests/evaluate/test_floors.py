"""The quality gate: checking pins and tightening them without losing comments."""

from __future__ import annotations

from sumber.evaluate import floors
from sumber.evaluate.results import SetResult

FILE = """# header we keep
[demo.en]
attribution_f1 = 0.5  # lowered from 0.6: gold revised
place_mean_km = 300

[demo.id]
date_f1 = 0.1
"""


def rows(**metrics):
    return [SetResult("demo", "en", metrics=dict(metrics)), SetResult("demo", "id", metrics={"date_f1": 0.05})]


def test_check_lists_every_figure_on_the_wrong_side(tmp_path):
    path = tmp_path / "floors.toml"
    path.write_text(FILE)
    failures, unchecked = floors.check(rows(attribution_f1=0.4, place_mean_km=350.0), floors.load(path))
    assert len(failures) == 3
    assert any("attribution_f1" in f and "below" in f for f in failures)
    assert any("place_mean_km" in f and "above its ceiling" in f for f in failures)
    assert any("demo.id date_f1" in f for f in failures)
    assert unchecked == []


def test_check_passes_and_skipped_sets_are_not_failures(tmp_path):
    path = tmp_path / "floors.toml"
    path.write_text(FILE)
    results = [SetResult("demo", "en", metrics={"attribution_f1": 0.7, "place_mean_km": 120.0}),
               SetResult("demo", "id", skipped="data file not found")]
    failures, unchecked = floors.check(results, floors.load(path))
    assert failures == []
    assert unchecked and "data file not found" in unchecked[0]


def test_a_pinned_metric_that_is_not_measured_fails(tmp_path):
    path = tmp_path / "floors.toml"
    path.write_text(FILE)
    failures, _ = floors.check(rows(attribution_f1=None, place_mean_km=10.0), floors.load(path))
    assert any("not measured" in f for f in failures)


def test_update_only_tightens_and_keeps_comments(tmp_path):
    path = tmp_path / "floors.toml"
    path.write_text(FILE)
    results = [SetResult("demo", "en", metrics={"attribution_f1": 0.9, "place_mean_km": 100.0, "date_f1": 0.3}),
               SetResult("demo", "id", metrics={"date_f1": 0.05}),  # worse than its floor: left alone
               SetResult("other", "en", metrics={"cue_f1": 0.011, "gs_auc": None})]
    changes = floors.update(results, path)
    text = path.read_text()
    assert "# header we keep" in text and "# lowered from 0.6: gold revised" in text
    pins = {(p.row, p.metric): p.value for p in floors.load(path)}
    assert pins[("demo.en", "attribution_f1")] == 0.88
    assert pins[("demo.en", "place_mean_km")] == 111.0  # 100 km + 10 % + 1, a ceiling
    assert pins[("demo.en", "date_f1")] == 0.28  # a new pin in an existing table
    assert pins[("demo.id", "date_f1")] == 0.1  # never lowered by the tool
    assert pins[("other.en", "cue_f1")] == 0.0  # floor at zero, never negative
    assert ("other.en", "gs_auc") not in pins  # nothing measured, nothing pinned
    assert len(changes) == 4
    assert floors.update(results, path) == []  # idempotent


def test_shipped_floors_file_parses():
    pins = floors.load()
    assert all(0 <= p.value for p in pins)
    assert len({(p.row, p.metric) for p in pins}) == len(pins)
