"""Events: PLOVER typing, status from the claiming attribution, negation and refusal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import sumber
from sumber.lang import load_pack


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


def _types(evs, status=None):
    return {e.type for e in evs if status is None or e.status == status}


def _one(evs, type_):
    found = [e for e in evs if e.type == type_]
    assert found, f"expected a {type_} event, got {[(e.type, e.trigger.text) for e in evs]}"
    return found[0]


# --- heads govern what follows them -------------------------------------------------

def test_head_verb_beats_a_noun_in_its_object():
    evs = _events("The Kenyan government condemned the bombing of a bus station in Mombasa.", "en")
    assert _types(evs) == {"ACCUSE"}


def test_signing_an_agreement_is_one_support_event():
    evs = _events("Chile and Peru signed a fisheries agreement in Lima on Tuesday.", "en")
    assert _types(evs) == {"SUPPORT"}


def test_urging_an_action_is_a_request_with_that_mode():
    evs = _events("Norway urged Sri Lanka to release the detained fishermen.", "en")
    req = _one(evs, "REQUEST")
    assert req.mode == "retreat" and "RETREAT" not in _types(evs)


def test_accepting_demands_is_a_concession():
    evs = _events("The Bolivian government accepted the demands of the striking miners.", "en")
    assert "CONCEDE" in _types(evs) and "REQUEST" not in _types(evs)


def test_a_promise_to_strike_is_a_threat():
    evs = _events("Militia commanders in Mali vowed to attack the convoy.", "en")
    threat = _one(evs, "THREATEN")
    assert threat.mode == "assault" and "ASSAULT" not in _types(evs)


# --- operators: what a verb does to the event its object names --------------------------

def test_lifting_a_curfew_is_a_concession_not_a_curfew():
    evs = _events("The Thai army lifted the night curfew in Bangkok on Monday.", "en")
    concede = _one(evs, "CONCEDE")
    assert concede.trigger.text == "lifted" and "COERCE" not in _types(evs)
    assert concede.actor is not None and concede.actor.ref == "TH"


def test_lifting_sanctions_and_restoring_ties():
    assert _types(_events("Canada lifted sanctions on Belarus in March.", "en")) == {"RETREAT"}
    assert _types(_events("Chile and Bolivia restored diplomatic relations on Tuesday.", "en")) == {"SUPPORT"}


def test_cutting_aid_is_a_sanction():
    assert _types(_events("Denmark suspended development aid to Tanzania last week.", "en")) == {"SANCTION"}


def test_granting_asylum_and_opening_fire():
    assert "AID" in _types(_events("Ecuador granted asylum to two Colombian journalists.", "en"))
    assert "ASSAULT" in _types(_events("Soldiers in Myanmar opened fire on villagers near Mandalay.", "en"))


def test_calling_off_a_strike_is_a_concession():
    evs = _events("Dock workers in Rotterdam called off their strike on Friday.", "en")
    assert _types(evs) == {"CONCEDE"}


def test_sending_troops_mobilizes_but_providing_troops_is_aid():
    assert _types(_events("Turkey sent troops to the Syrian border on Sunday.", "en")) == {"MOBILIZE"}
    assert "AID" in _types(_events("Fiji provided troops to the United Nations mission in Lebanon.", "en"))


# --- commitments, futures, obligations, refusals -----------------------------------------

def test_future_cooperation_is_a_hypothetical_agree():
    evs = _events("Norway will provide food aid to Sudan next month.", "en")
    agree = _one(evs, "AGREE")
    assert agree.status == "hypothetical" and agree.mode == "aid" and "AID" not in _types(evs)


def test_readiness_is_an_asserted_commitment():
    evs = _events("Brazil is ready to send peacekeepers to Haiti.", "en")
    agree = _one(evs, "AGREE")
    assert agree.status == "asserted" and agree.mode == "aid"


def test_a_speakers_future_attack_is_a_threat():
    evs = _events("Rebel leaders in Darfur said they would attack the airport.", "en")
    threat = _one(evs, "THREATEN")
    assert threat.status == "hypothetical" and threat.mode == "assault" and threat.attribution is not None


def test_plain_future_of_a_third_party_stays_its_own_category():
    evs = _events("Analysts in London believe the army will arrest the protest leaders.", "en")
    assert all(e.status != "asserted" for e in evs)
    assert "THREATEN" not in _types(evs)


def test_obligation_stated_by_a_source_is_a_request():
    evs = _events("The Albanian foreign minister said Serbia must withdraw its troops from the border.", "en")
    req = _one(evs, "REQUEST")
    assert req.mode == "retreat" and req.actor is not None and "minister" in req.actor.text
    assert req.target is not None and req.target.ref == "RS"


def test_will_not_accept_is_a_refusal():
    evs = _events("Hungary will not accept more refugees from Croatia, its government said.", "en")
    assert _one(evs, "REJECT").mode == "agree"
    assert not [e for e in evs if e.type != "REJECT" and e.status == "asserted"]


def test_declined_to_resign_is_a_refusal():
    evs = _events("The mayor of Naples declined to resign despite the corruption inquiry.", "en")
    assert _one(evs, "REJECT").mode == "retreat"
    assert "RETREAT" not in _types(evs, "asserted")


def test_rejecting_a_proposal_is_an_event_rejecting_accusations_is_not():
    evs = _events("Vietnam rejected a Chinese proposal for joint patrols in the Gulf of Tonkin.", "en")
    assert _one(evs, "REJECT").status == "asserted"
    evs = _events("Peru rejected accusations that its army had burned villages near the border.", "en")
    assert not [e for e in evs if e.status == "asserted"]


# --- actors, clauses, circumstances ----------------------------------------------------

def test_capitalized_subject_is_the_actor_when_nothing_else_is_known():
    evs = _events("Valdoria is about to restore full diplomatic ties with Kestria.", "en")
    agree = _one(evs, "AGREE")
    assert agree.actor is not None and agree.actor.text == "Valdoria"
    assert agree.mode == "support" and agree.status == "hypothetical"


def test_no_invented_actor_inside_a_subordinate_clause():
    evs = _events("Valdoria restored ties with Kestria, five years after Marrowish crowds burned its consulate.", "en")
    assert "ASSAULT" not in _types(evs)


def test_passive_agent_is_the_actor_and_subject_the_target():
    evs = _events("Two journalists were arrested by police in Minsk on Sunday.", "en")
    arrest = _one(evs, "COERCE")
    assert arrest.actor is not None and arrest.actor.text == "police"
    assert arrest.target is not None and arrest.target.text == "journalists"


def test_actor_noun_when_no_name_precedes():
    evs = _events("Riot police dispersed the crowd outside parliament in Tbilisi.", "en")
    assert _one(evs, "COERCE").actor.text.lower() == "riot police"
    assert "PROTEST" not in _types(evs)


def test_background_noun_after_since_is_a_circumstance():
    evs = _events("Peru granted asylum to three officers who fled since the invasion of their country.", "en")
    assert "ASSAULT" not in _types(evs)


def test_hyphenated_compound_is_not_a_trigger():
    evs = _events("A Syrian-backed militia seized the town of Tal Abyad.", "en")
    assert "SUPPORT" not in _types(evs) and "COERCE" in _types(evs)


def test_suspected_action_is_unconfirmed():
    evs = _events("Three men in Karachi are suspected of kidnapping two Chinese engineers.", "en")
    assert _one(evs, "ASSAULT").status == "unconfirmed"


def test_aspect_verb_does_not_make_a_purpose():
    evs = _events("Russia continued to send weapons to Venezuela last year.", "en")
    assert _one(evs, "AID").status == "asserted"


# --- Indonesian ---------------------------------------------------------------------

def test_id_lifting_a_curfew_is_concede():
    evs = _events("Pemerintah Thailand mencabut jam malam di Bangkok pada Senin.", "id")
    assert _types(evs) == {"CONCEDE"}


def test_id_ready_to_give_aid_is_agree():
    evs = _events("Pemerintah Jepang siap memberikan bantuan kemanusiaan kepada Filipina.", "id")
    agree = _one(evs, "AGREE")
    assert agree.mode == "aid" and agree.status == "asserted"


def test_id_refusing_to_withdraw_troops_is_reject():
    evs = _events("Myanmar menolak menarik pasukannya dari perbatasan Bangladesh.", "id")
    reject = _one(evs, "REJECT")
    assert reject.mode == "retreat" and reject.status == "asserted"
    assert "RETREAT" not in _types(evs, "asserted")


def test_id_passive_with_bare_agent():
    evs = _events("Tiga aktivis ditangkap polisi di Makassar pada Sabtu malam.", "id")
    arrest = _one(evs, "COERCE")
    assert arrest.actor is not None and arrest.actor.text == "polisi"
    assert arrest.target is not None and arrest.target.text == "aktivis"


def test_id_protest_demands_belong_to_the_protest():
    evs = _events("Ratusan buruh berunjuk rasa di Bandung menuntut kenaikan upah minimum.", "id")
    assert _types(evs) == {"PROTEST"}


def test_id_denied_claim_and_restored_ties():
    text = "Kementerian Luar Negeri Vietnam membantah bahwa tentara menembaki kapal nelayan Filipina."
    evs = _events(text, "id")
    assert _one(evs, "ASSAULT").status == "denied"
    evs = _events("Indonesia dan Brasil sepakat untuk memulihkan hubungan diplomatik.", "id")
    assert _one(evs, "AGREE").mode == "support"


def test_id_granting_asylum_and_future_visit():
    assert "AID" in _types(_events("Pemerintah Australia memberikan suaka kepada dua wartawan Iran.", "id"))
    evs = _events("Presiden Korea Selatan akan mengunjungi Jakarta bulan depan.", "id")
    agree = _one(evs, "AGREE")
    assert agree.mode == "consult" and agree.status == "hypothetical"


def test_id_two_clauses_two_events_with_their_counts():
    text = ("Badan intelijen Korea Selatan mengatakan Korea Utara telah memutuskan untuk mengirim 8.000 tentara "
            "ke Rusia, dan 900 di antaranya telah dikerahkan ke Vladivostok.")
    mob = [e for e in _events(text, "id") if e.type == "MOBILIZE"]
    assert [e.quantity.value if e.quantity else None for e in mob] == [8000, 900]
    assert mob[0].actor is not None and mob[0].actor.ref == "KP"


def test_relative_clause_describes_the_event_noun():
    evs = _events("Serbia condemned the bombing of a market in Gracanica that killed four people.", "en")
    assert _types(evs) == {"ACCUSE"}


def test_capital_city_acting_as_a_government_is_the_actor():
    evs = _events("Caracas on Tuesday expelled the Spanish ambassador.", "en")
    sanction = _one(evs, "SANCTION")
    assert sanction.actor is not None and sanction.actor.text == "Caracas"


def _pack_words(lang: str) -> list[str]:
    section = load_pack(lang)["events"]
    words = [w for name in ("triggers", "nouns", "objects", "operators") for forms in section[name].values() for w in forms]
    return words + [w for forms in section["words"].values() if isinstance(forms, list) for w in forms]


_FILLERS = ["Valdoria", "Kestria", "the", "police", ",", ".", "said", "by", "(", ")", "1,200", "—", "on Monday"]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_spans_and_labels_hold_for_any_mix_of_pack_words(data):
    """Whatever the words, every event is a PLOVER category with a known status, and its
    trigger, actor and target spans point at their own text."""
    from sumber.analyze.events import CATEGORIES

    for lang in ("en", "id"):
        words = st.sampled_from(_pack_words(lang) + _FILLERS)
        text = " ".join(data.draw(st.lists(words, min_size=1, max_size=30)))
        for e in sumber.analyze("Valdoria " + text, language=lang).events:
            assert e.type in CATEGORIES
            assert e.status in ("asserted", "denied", "unconfirmed", "hypothetical")
            assert ("Valdoria " + text)[e.trigger.start:e.trigger.end] == e.trigger.text
            for m in (e.actor, e.target):
                if m is not None:
                    assert ("Valdoria " + text)[m.start:m.end] == m.text


def test_denied_accusation_keeps_the_accused_act_as_a_denied_event_of_the_denier_side():
    text = "Utusan Malaysia untuk PBB menolak tuduhan Filipina bahwa mereka mengirim pasukan ke Sabah."
    res = sumber.analyze(text, language="id")
    denial = next(a for a in res.attributions if a.stance == "denies")
    mob = [e for e in res.events if e.type == "MOBILIZE"]
    denied = [e for e in mob if e.attribution == denial.id]
    assert denied and denied[0].status == "denied"
    assert denied[0].actor is not None and denied[0].actor.ref == "MY"
    assert all(e.status != "asserted" or e.attribution != denial.id for e in mob)
