"""Hand-made gold articles (our own sentences) and analyses built from them."""

from __future__ import annotations

TEXT = (
    "The mayor said 300 families left Springfield on Monday. "
    "The police denied the report since 2019. "
    "A spokesman declined to comment on the damage in Shelbyville, Canada, where dozens of homes flooded."
)


def at(text: str, piece: str, nth: int = 0) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(piece, pos + 1)
    return pos


def make_gold(text: str = TEXT) -> dict:
    """A gold article in Sumber's gold format, built by searching our own sentences."""
    def attr(source, cue, stance, content, kind="role"):
        return {"source_text": source, "source_start": at(text, source), "source_kind": kind,
                "source_canonical": source, "cue": cue, "cue_start": at(text, cue), "stance": stance,
                "content": content, "content_start": at(text, content)}

    return {
        "id": "hand-1",
        "language": "en",
        "published": "2024-03-05",
        "text": text,
        "attributions": [
            attr("The mayor", "said", "asserts", "300 families left Springfield on Monday"),
            attr("The police", "denied", "denies", "the report", "organization"),
            attr("A spokesman", "declined to comment", "unconfirmed", "the damage in Shelbyville"),
        ],
        "actors": [{"type": "country", "canonical": "Canada", "iso2": "CA", "texts": ["Canada"]}],
        "places": [
            {"text": "Springfield", "start": at(text, "Springfield"), "canonical": "Springfield", "country": "US",
             "lat": 40.0, "lon": -89.0},
            {"text": "Shelbyville", "start": at(text, "Shelbyville"), "canonical": "Shelbyville", "country": "US",
             "lat": 39.4, "lon": -88.8},
        ],
        "dates": [
            {"text": "Monday", "start": at(text, "Monday"), "normalized": "2024-03-04"},
            {"text": "2019", "start": at(text, "2019"), "normalized": "2019"},
        ],
        "quantities": [
            {"text": "300", "start": at(text, "300"), "value": 300, "unit": "families"},
            {"text": "dozens", "start": at(text, "dozens"), "value": None, "unit": "homes", "vague": True},
        ],
    }


def span(text: str, start: int, piece: str) -> dict:
    return {"start": start, "end": start + len(piece), "text": piece}


def perfect_analysis(gold: dict) -> dict:
    """The analysis a flawless analyzer would return for ``gold`` (JSON-contract form)."""
    text = gold["text"]
    attributions = []
    for i, a in enumerate(gold["attributions"]):
        attributions.append({
            "id": f"a{i}",
            "source": {**span(text, a["source_start"], a["source_text"]), "kind": a["source_kind"], "name": None,
                       "anonymous": False, "refers_to": None},
            "cue": {**span(text, a["cue_start"], a["cue"]), "lemma": None},
            "stance": a["stance"], "hedged": False, "direct_quote": False,
            "content": span(text, a["content_start"], a["content"]),
            "via": None, "channel": None, "addressee": None, "time": None,
        })
    mentions = []
    for actor in gold["actors"]:
        if actor["type"] == "country":
            form = actor["texts"][0]
            mentions.append({**span(text, text.index(form), form), "kind": "country", "ref": actor["iso2"],
                             "name": actor["canonical"]})
    places = [{**span(text, p["start"], p["text"]), "name": p["canonical"], "country": p["country"],
               "lat": p["lat"], "lon": p["lon"], "precision": "city", "admin1": None, "gazetteer_id": None,
               "score": 1.0} for p in gold["places"]]
    times = [{**span(text, d["start"], d["text"]), "value": d["normalized"], "granularity": "day",
              "anchor": "explicit"} for d in gold["dates"]]
    quantities = [{**span(text, q["start"], q["text"]), "value": q["value"], "approximate": q["value"] is None,
                   "unit": None, "bound": None} for q in gold["quantities"]]
    return {
        "article": {"text": text, "title": None, "url": None, "outlet": None, "language": gold["language"],
                    "published": gold["published"], "crawled": None, "extractor": None, "provenance": [],
                    "source": None, "id": ""},
        "mentions": mentions, "places": places, "times": times, "quantities": quantities,
        "attributions": attributions, "events": [],
    }


def empty_analysis(gold: dict) -> dict:
    return {"article": {"text": gold["text"]}, "mentions": [], "places": [], "times": [], "quantities": [],
            "attributions": [], "events": []}
