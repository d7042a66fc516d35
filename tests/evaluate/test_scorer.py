"""The pure scorer on hand-made gold and predictions (our own sentences, hand-computed figures)."""

from __future__ import annotations

import copy
import hashlib

import pytest

from sumber.evaluate.metrics import Tally, haversine_km
from sumber.evaluate.scorer import (
    CONTRACT_METRICS,
    article_metrics,
    contract_metrics,
    quantity_matches,
    score_article,
)

from eval_handmade import at, empty_analysis, make_gold, perfect_analysis, span


def metrics_of(gold: dict, analysis: dict) -> tuple[dict, Tally, list]:
    tally, errors = score_article(gold, analysis)
    return article_metrics(tally), tally, errors


def test_perfect_prediction_scores_one(gold):
    tally, errors = score_article(gold, perfect_analysis(gold))
    assert contract_metrics(tally) == {name: 1.0 for name in CONTRACT_METRICS}
    assert errors == []


def test_empty_prediction_scores_zero(gold):
    tally, errors = score_article(gold, empty_analysis(gold))
    assert contract_metrics(tally) == {name: 0.0 for name in CONTRACT_METRICS}
    kinds = {(e["kind"], e["category"]) for e in errors}
    assert ("attribution", "missed") in kinds and ("place", "missed") in kinds and ("country", "missed") in kinds


def test_contract_has_exactly_the_agreed_names(gold):
    tally, _ = score_article(gold, perfect_analysis(gold))
    assert list(contract_metrics(tally)) == [
        "attribution_p", "attribution_r", "attribution_f1", "stance_acc", "source_acc", "denial_recall",
        "country_f1", "place_f1", "date_f1", "quantity_f1",
    ]


def partial_prediction(gold: dict) -> dict:
    text = gold["text"]
    pred = perfect_analysis(gold)
    a1, a2, _a3 = pred["attributions"]
    a1["source"].update(span(text, at(text, "mayor"), "mayor"))  # shorter source, still overlapping
    a2["stance"] = "asserts"  # the denial is read as an assertion
    false_hit = copy.deepcopy(a1)
    false_hit["cue"] = {**span(text, at(text, "left"), "left"), "lemma": None}
    false_hit["source"].update(span(text, at(text, "300 families"), "300 families"))
    false_hit["content"] = span(text, at(text, "Springfield"), "Springfield on Monday")
    pred["attributions"] = [a1, a2, false_hit]  # the spokesman's no-comment is missed
    pred["mentions"].append({**span(text, at(text, "Springfield"), "Springfield"), "kind": "country", "ref": "US",
                             "name": None})
    pred["places"][0].update(lat=40.5, lon=-89.0)  # 55.6 km off: still right
    pred["places"][1].update(lat=45.0, lon=-75.0)  # far off
    pred["times"][1]["value"] = "2019-01-01"  # a bare year must stay a year
    pred["quantities"][0]["value"] = 301  # 0.33 % off: right
    pred["quantities"][1].update(value=24, approximate=False)  # a vague gold needs an approximate prediction
    return pred


def test_partial_prediction_gives_hand_computed_figures(gold):
    m, tally, errors = metrics_of(gold, partial_prediction(gold))
    # attributions: 3 gold, 3 predicted, 2 matched (by cue); one false hit, one miss
    assert m["attribution_p"] == pytest.approx(2 / 3)
    assert m["attribution_r"] == pytest.approx(2 / 3)
    assert m["attribution_f1"] == pytest.approx(2 / 3)
    assert m["stance_acc"] == pytest.approx(1 / 2)
    assert m["source_acc"] == pytest.approx(1.0)
    assert m["denial_recall"] == 0.0
    assert m["unconfirmed_recall"] == 0.0
    # countries: gold {CA}, predicted {CA, US}
    assert (m["country_p"], m["country_r"]) == (0.5, 1.0)
    assert m["country_f1"] == pytest.approx(2 / 3)
    # places: one within 161 km, one far
    assert (m["place_p"], m["place_r"], m["place_f1"]) == (0.5, 0.5, 0.5)
    assert m["place_acc161"] == 0.5
    far = haversine_km(39.4, -88.8, 45.0, -75.0)
    assert m["place_mean_km"] == pytest.approx((55.6 + far) / 2, abs=0.1)
    # dates: Monday right, 2019 wrong
    assert (m["date_p"], m["date_r"], m["date_f1"]) == (0.5, 0.5, 0.5)
    # quantities: 300 ~ 301 right, dozens wrong
    assert (m["quantity_p"], m["quantity_r"], m["quantity_f1"]) == (0.5, 0.5, 0.5)
    cats = sorted((e["kind"], e["category"]) for e in errors)
    assert cats == sorted([
        ("attribution", "stance"), ("attribution", "missed"), ("attribution", "false"),
        ("country", "false"), ("place", "far"), ("date", "wrong"), ("quantity", "wrong"),
    ])
    worst = max(errors, key=lambda e: e["severity"])
    assert worst["kind"] == "attribution" and worst["category"] == "stance"  # a denial read as an assertion


def test_source_and_content_overlap_match_when_cues_do_not(gold):
    text = gold["text"]
    pred = perfect_analysis(gold)
    a = pred["attributions"][0]
    a["cue"] = {**span(text, at(text, "The mayor"), "The"), "lemma": None}  # a wrong cue span
    pred["attributions"] = [a]
    m, tally, _ = metrics_of(gold, pred)
    assert tally["attr_tp"] == 1 and m["attribution_p"] == 1.0
    a["content"] = None  # without content the fallback cannot apply
    m, tally, _ = metrics_of(gold, pred)
    assert tally["attr_tp"] == 0


def test_each_prediction_and_gold_entry_is_used_once(gold):
    pred = perfect_analysis(gold)
    pred["attributions"] = [pred["attributions"][0], copy.deepcopy(pred["attributions"][0])]
    m, tally, _ = metrics_of(gold, pred)
    assert tally["attr_tp"] == 1
    assert m["attribution_p"] == 0.5 and m["attribution_r"] == pytest.approx(1 / 3)


def test_content_given_as_length_and_hash():
    gold = make_gold()
    text = gold["text"]
    for a in gold["attributions"]:
        content = a.pop("content")
        a["content_len"] = len(content)
        a["content_sha1"] = hashlib.sha1(content.encode()).hexdigest()
    pred = perfect_analysis(make_gold())
    for a in pred["attributions"]:  # cues off by a word: only source + content can match
        a["cue"] = {**span(text, a["source"]["start"], a["source"]["text"][:1]), "lemma": None}
    tally, _ = score_article(gold, pred)
    assert contract_metrics(tally)["attribution_f1"] == 1.0


@pytest.mark.parametrize("gold_value,pred,ok", [
    (300, {"value": 301.5}, True),  # exactly 0.5 %
    (300, {"value": 301.6}, False),
    (0, {"value": 0}, True),
    (300, {"value": None}, False),
    (None, {"value": None}, True),  # vague gold, valueless prediction
    (None, {"value": 100, "approximate": True}, True),
    (None, {"value": 100, "approximate": False}, False),
])
def test_quantity_tolerance(gold_value, pred, ok):
    assert quantity_matches(gold_value, pred) is ok


def test_unresolved_gold_date_is_found_only_by_a_null_value():
    text = "They met last week and again on Friday."
    gold = {"text": text, "dates": [{"text": "last week", "start": at(text, "last week"), "normalized": None}]}
    pred = {"times": [{**span(text, at(text, "last week"), "last week"), "value": None}]}
    assert article_metrics(score_article(gold, pred)[0])["date_f1"] == 1.0
    pred["times"][0]["value"] = "2024-W10"
    assert article_metrics(score_article(gold, pred)[0])["date_f1"] == 0.0


def test_undefined_contract_figures_are_one_only_when_nothing_was_predicted():
    text = "Nothing happened here."
    gold = {"text": text, "attributions": [], "places": [], "dates": [], "quantities": [], "actors": []}
    tally, _ = score_article(gold, {"attributions": []})
    assert contract_metrics(tally) == {name: 1.0 for name in CONTRACT_METRICS}
    pred = {"quantities": [{**span(text, 0, "Nothing"), "value": 0}]}
    tally, _ = score_article(gold, pred)
    assert contract_metrics(tally)["quantity_f1"] == 0.0
    assert article_metrics(tally)["quantity_f1"] == 0.0
    assert article_metrics(tally)["place_f1"] is None  # nothing to measure: no number is invented


def test_tallies_are_micro_averaged(gold):
    total = Tally()
    total.merge(score_article(gold, perfect_analysis(gold))[0])
    total.merge(score_article(gold, empty_analysis(gold))[0])
    m = article_metrics(total)
    assert m["attribution_p"] == 1.0 and m["attribution_r"] == 0.5
    assert m["place_r"] == 0.5 and m["country_r"] == 0.5
