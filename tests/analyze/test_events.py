"""Events: PLOVER typing, status from the claiming attribution, negation and refusal."""

from __future__ import annotations

import sumber


def _events(text: str, lang: str):
    return sumber.analyze(text, language=lang).events


def test_denied_claim_gives_denied_event_not_affirmative():
    text = "The foreign ministry denied that the army had deployed troops to the border with Chad."
    evs = _events(text, "en")
    assert evs, "expected the deployment event"
    assert all(e.status != "asserted" for e in evs if e.type == "MOBILIZE")
    denial = [e for e in evs if e.type == "MOBILIZE"][0]
    assert denial.status == "denied" and denial.attribution is not None


def test_asserted_claim_links_event_to_attribution():
    text = "Kementerian Pertahanan Jepang mengatakan Rusia mengerahkan 3.000 tentara ke Pulau Sakhalin."
    res = sumber.analyze(text, language="id")
    mob = [e for e in res.events if e.type == "MOBILIZE"]
    assert mob and mob[0].status == "asserted"
    assert mob[0].attribution == res.attributions[0].id
    assert mob[0].quantity is not None and mob[0].quantity.value == 3000


def test_negated_trigger_is_not_affirmative():
    evs = _events("Police did not arrest the protest leaders in Lagos.", "en")
    assert all(e.status != "asserted" for e in evs if e.type == "COERCE")


def test_refusal_becomes_reject():
    evs = _events("Serbia refused to withdraw its soldiers from the disputed village near Kosovo.", "en")
    assert any(e.type == "REJECT" and e.mode == "retreat" for e in evs)


def test_plan_is_hypothetical():
    evs = _events("Pemerintah Malaysia akan menangkap para penyelundup di perbatasan Kalimantan.", "id")
    assert any(e.type == "COERCE" and e.status == "hypothetical" for e in evs)


def test_event_spans_point_at_their_words():
    text = "Kenya and Uganda signed an agreement in Nairobi on Friday, officials said."
    for e in _events(text, "en"):
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        for m in (e.actor, e.target):
            if m is not None:
                assert text[m.start:m.end] == m.text
