"""`sumber eval`: the JSON contract on a gold directory, the error browser, the gate (our own gold files)."""

from __future__ import annotations

import importlib
import json

import pytest
from eval_handmade import empty_analysis, make_gold, perfect_analysis

from sumber.cli import main
from sumber.evaluate.scorer import CONTRACT_METRICS
from sumber.model import analysis_from_dict

OTHER_TEXT = (
    "Officials in Surabaya said on Tuesday that 12 bridges were repaired. "
    "The contractor rejected claims of delays, while the ministry declined to comment."
)


def other_gold() -> dict:
    t = OTHER_TEXT
    g = {"id": "hand-2", "language": "en", "published": "2024-03-06", "text": t}
    g["attributions"] = [
        {"source_text": "Officials in Surabaya", "source_start": 0, "source_kind": "role", "source_canonical": "x",
         "cue": "said", "cue_start": t.index("said"), "stance": "asserts",
         "content": "12 bridges were repaired", "content_start": t.index("12 bridges")},
        {"source_text": "The contractor", "source_start": t.index("The contractor"), "source_kind": "organization",
         "source_canonical": "x", "cue": "rejected", "cue_start": t.index("rejected"), "stance": "denies",
         "content": "claims of delays", "content_start": t.index("claims of delays")},
    ]
    g["places"] = [{"text": "Surabaya", "start": t.index("Surabaya"), "canonical": "Surabaya", "country": "ID",
                    "lat": -7.25, "lon": 112.75}]
    g["dates"] = [{"text": "Tuesday", "start": t.index("Tuesday"), "normalized": "2024-03-05"}]
    g["quantities"] = [{"text": "12", "start": t.index("12"), "value": 12, "unit": "bridges"}]
    g["actors"] = [{"type": "country", "canonical": "Indonesia", "iso2": "ID", "texts": ["Surabaya"]}]
    return g


@pytest.fixture
def gold_dir(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(make_gold()))
    g = other_gold()
    text = g.pop("text")
    (folder / "b.json").write_text(json.dumps(g))
    (folder / "b.txt").write_text(text)
    return folder


def fake_analyzer(monkeypatch, build):
    golds = {g["text"]: g for g in (make_gold(), other_gold())}

    def analyze(article, language=None, published=None):
        return analysis_from_dict(build(golds[article.text]))

    monkeypatch.setattr(importlib.import_module("sumber.analyze"), "analyze", analyze)


def run_json(capsys, argv) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_contract_perfect(monkeypatch, capsys, gold_dir):
    fake_analyzer(monkeypatch, perfect_analysis)
    out = run_json(capsys, ["eval", str(gold_dir), "--json", "--jobs", "1"])
    assert out["metrics"] == {name: 1.0 for name in CONTRACT_METRICS}
    assert out["articles"] == 2


def test_contract_empty(monkeypatch, capsys, gold_dir):
    fake_analyzer(monkeypatch, empty_analysis)
    out = run_json(capsys, ["eval", str(gold_dir), "--json", "--jobs", "1"])
    assert list(out["metrics"]) == list(CONTRACT_METRICS)
    assert out["metrics"] == {name: 0.0 for name in CONTRACT_METRICS}


def test_contract_with_the_real_analyzer(capsys, gold_dir):
    out = run_json(capsys, ["eval", str(gold_dir), "--json"])
    assert list(out["metrics"]) == list(CONTRACT_METRICS)
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in out["metrics"].values())


def test_error_browser_shows_the_sentence(monkeypatch, capsys, gold_dir):
    fake_analyzer(monkeypatch, empty_analysis)
    assert main(["eval", str(gold_dir), "--show-errors", "1", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "attribution / missed: showing 1 of 5" in out
    assert "⟦denied⟧" in out  # a missed denial is the worst miss
    assert main(["eval", str(gold_dir), "--show-errors", "2", "--kind", "date", "--jobs", "1"]) == 0
    out = capsys.readouterr().out.split("=== errors")[1]
    assert "date / missed" in out and "attribution /" not in out


def test_gate_fails_listing_metrics_below_floor(monkeypatch, capsys, tmp_path, gold_dir):
    data = tmp_path / "data"
    (data / "sumber-dev-gold").mkdir(parents=True)
    (data / "sumber-dev-gold" / "a.json").write_text(json.dumps(make_gold()))
    pins = tmp_path / "floors.toml"
    pins.write_text("[sumber-dev-gold.en]\nattribution_f1 = 0.5\ndate_f1 = 0.5\n")
    fake_analyzer(monkeypatch, empty_analysis)
    assert main(["eval", "--data", str(data), "--set", "dev-gold", "--check", "--floors", str(pins), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "quality gate FAILED (2)" in out and "attribution_f1" in out and "date_f1" in out
    fake_analyzer(monkeypatch, perfect_analysis)
    assert main(["eval", "--data", str(data), "--set", "dev-gold", "--check", "--floors", str(pins), "--jobs", "1"]) == 0
    assert "quality gate passed" in capsys.readouterr().out


def test_user_errors_are_one_line(capsys, tmp_path):
    assert main(["eval", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sumber: E100") and err.count("\n") == 1
    assert main(["eval", "--set", "no-such-set", "--data", str(tmp_path)]) == 1
    assert "unknown data set" in capsys.readouterr().err


def test_list_names_every_set(capsys):
    assert main(["eval", "--list"]) == 0
    out = capsys.readouterr().out
    for name in ("sumber-dev-gold", "geowebnews", "lgl", "tr-news", "geovirus", "pfsa-id", "plover-gsr",
                 "petrarch2", "indonlu-ner", "german-quotes"):
        assert name in out
