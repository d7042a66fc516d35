"""The pure scorer: one gold article (our gold format) + one analysis (the JSON contract) -> counts.

No I/O and no analyzer calls here, so every rule can be tested with small
hand-made dicts.  The rules are those of ``gold-format.md`` ("Scoring
conventions"):

- attributions: a prediction matches a gold entry when the cue spans overlap,
  or else when both the source spans and the content spans overlap; matching is
  one-to-one (each prediction and each gold entry is used once);
- countries: per article, the set of gold ISO2 codes against predicted country
  mentions;
- places: span overlap and within 161 km;
- dates: span overlap and the same value (a gold ``normalized: null`` is found
  by a prediction whose value is null);
- quantities: span overlap and value within 0.5 % (a vague gold quantity,
  ``value: null``, is found by a prediction that is approximate or has no value).

Gold spans may give their text (``content``) or only its length
(``content_len``, with ``content_sha1`` checked by the loader); ``*_end`` is
accepted too.
"""

from __future__ import annotations

import re
from typing import Any

from sumber.evaluate.metrics import ACC_KM, Tally, error_auc, haversine_km, mean, prf, ratio
from sumber.evaluate.spans import Span, match_one_to_one, overlap

# The machine contract of `sumber eval DIR --json`: exactly these names, in this order.
CONTRACT_METRICS: tuple[str, ...] = (
    "attribution_p",
    "attribution_r",
    "attribution_f1",
    "stance_acc",
    "source_acc",
    "denial_recall",
    "country_f1",
    "place_f1",
    "date_f1",
    "quantity_f1",
)

QTY_TOLERANCE = 0.005

ErrorItem = dict[str, Any]


# ---------------------------------------------------------------- gold spans


def gold_span(entry: dict, text_key: str, start_key: str, prefix: str) -> Span | None:
    """(start, end) of a gold span given as text, as ``<prefix>_len`` or as ``<prefix>_end``."""
    start = entry.get(start_key)
    if not isinstance(start, int) or isinstance(start, bool):
        return None
    text = entry.get(text_key)
    if isinstance(text, str) and text:
        return (start, start + len(text))
    length = entry.get(f"{prefix}_len" if prefix else "len")
    if isinstance(length, int) and not isinstance(length, bool):
        return (start, start + length)
    end = entry.get(f"{prefix}_end" if prefix else "end")
    if isinstance(end, int) and not isinstance(end, bool):
        return (start, end)
    return None


def pred_span(d: dict | None) -> Span | None:
    if not d or not isinstance(d.get("start"), int) or not isinstance(d.get("end"), int):
        return None
    return (d["start"], d["end"])


def _item(kind: str, category: str, severity: float, span: Span | None, text: str, detail: str) -> ErrorItem:
    start, end = span if span else (None, None)
    return {"kind": kind, "category": category, "severity": severity, "start": start, "end": end,
            "text": text, "detail": detail}


# ---------------------------------------------------------------- attributions

_STANCE_WEIGHT = {"denies": 3.0, "unconfirmed": 2.5, "asserts": 1.0}


def score_attributions(gold: list[dict], pred: list[dict], tally: Tally, errors: list[ErrorItem]) -> None:
    g_spans = [
        (gold_span(g, "source_text", "source_start", "source"),
         gold_span(g, "cue", "cue_start", "cue"),
         gold_span(g, "content", "content_start", "content"))
        for g in gold
    ]
    p_spans = [(pred_span(p.get("source")), pred_span(p.get("cue")), pred_span(p.get("content"))) for p in pred]

    def rank(gi: int, pi: int) -> tuple | None:
        gs, gc, gx = g_spans[gi]
        ps, pc, px = p_spans[pi]
        cue = overlap(gc, pc)
        if cue:
            return (0, -cue)
        src, content = overlap(gs, ps), overlap(gx, px)
        if src and content:
            return (1, -(src + content))
        return None

    pairs = match_one_to_one(range(len(gold)), range(len(pred)), rank)
    tally.add("attr_gold", len(gold))
    tally.add("attr_pred", len(pred))
    tally.add("attr_tp", len(pairs))
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for g in gold:
        stance = g.get("stance")
        tally.add(f"gold_{stance}")
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        gs, gc, gx = g_spans[gi]
        ps, pc, px = p_spans[pi]
        gstance, pstance = g.get("stance"), p.get("stance")
        if gstance == pstance:
            tally.add("stance_ok")
            tally.add(f"found_{gstance}")
        else:
            errors.append(_item(
                "attribution", "stance", 1.5 + _STANCE_WEIGHT.get(gstance, 1.0), gc or pc,
                g.get("cue") or "", f"gold {gstance}, predicted {pstance}"))
        refers = pred_span((p.get("source") or {}).get("refers_to"))
        if overlap(gs, ps) or overlap(gs, refers):
            tally.add("source_ok")
        else:
            errors.append(_item(
                "attribution", "source", 1.0, gs, g.get("source_text") or "",
                f"predicted source {(p.get('source') or {}).get('text')!r}"))
        if overlap(gx, px):
            tally.add("content_ok")
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            stance = g.get("stance")
            errors.append(_item(
                "attribution", "missed", 1.0 + _STANCE_WEIGHT.get(stance, 1.0), g_spans[gi][1],
                g.get("cue") or "", f"{stance}; source {g.get('source_text')!r}"))
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            errors.append(_item(
                "attribution", "false", 1.0 + (1.0 if p.get("stance") == "denies" else 0.0), p_spans[pi][1],
                (p.get("cue") or {}).get("text") or "",
                f"{p.get('stance')}; source {(p.get('source') or {}).get('text')!r}"))
    tally.add("pred_denies", sum(1 for p in pred if p.get("stance") == "denies"))


# ---------------------------------------------------------------- countries


def gold_countries(gold: dict) -> dict[str, list[str]]:
    """ISO2 code -> surface forms, from country actors (or a ``countries`` map/list)."""
    out: dict[str, list[str]] = {}
    for a in gold.get("actors") or []:
        if a.get("type") == "country" and isinstance(a.get("iso2"), str):
            out.setdefault(a["iso2"].upper(), []).extend(a.get("texts") or [])
    extra = gold.get("countries")
    if isinstance(extra, dict):
        for code, texts in extra.items():
            out.setdefault(code.upper(), []).extend(texts if isinstance(texts, list) else [])
    elif isinstance(extra, list):
        for code in extra:
            if isinstance(code, str):
                out.setdefault(code.upper(), [])
    return out


def score_countries(gold: dict, mentions: list[dict], text: str | None, tally: Tally, errors: list[ErrorItem]) -> None:
    want = gold_countries(gold)
    got: dict[str, dict] = {}
    for m in mentions:
        if m.get("kind") == "country" and isinstance(m.get("ref"), str):
            got.setdefault(m["ref"].upper(), m)
    tally.add("country_gold", len(want))
    tally.add("country_pred", len(got))
    tally.add("country_tp", len(want.keys() & got.keys()))
    for code in sorted(want.keys() - got.keys()):
        span = None
        for form in want[code]:
            pos = text.find(form) if text and form else -1
            if pos >= 0:
                span = (pos, pos + len(form))
                break
        errors.append(_item("country", "missed", 1.0, span, code, f"surface forms {want[code][:3]}"))
    for code in sorted(got.keys() - want.keys()):
        m = got[code]
        errors.append(_item("country", "false", 1.0, pred_span(m), m.get("text") or code, code))


# ---------------------------------------------------------------- places


def _coords(d: dict) -> tuple[float, float] | None:
    lat, lon = d.get("lat"), d.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and not isinstance(lat, bool):
        return (float(lat), float(lon))
    return None


def score_places(gold: list[dict], pred: list[dict], tally: Tally, errors: list[ErrorItem]) -> None:
    g_spans = [gold_span(g, "text", "start", "") for g in gold]
    p_spans = [pred_span(p) for p in pred]
    g_xy = [_coords(g) for g in gold]
    p_xy = [_coords(p) for p in pred]

    def dist(gi: int, pi: int) -> float | None:
        if g_xy[gi] is None or p_xy[pi] is None:
            return None
        return haversine_km(*g_xy[gi], *p_xy[pi])

    def rank(gi: int, pi: int) -> tuple | None:
        if not overlap(g_spans[gi], p_spans[pi]):
            return None
        if g_xy[gi] is None:  # a gold place without coordinates: span overlap is enough
            return (0.0,)
        d = dist(gi, pi)
        return (d,) if d is not None and d <= ACC_KM else None

    pairs = match_one_to_one(range(len(gold)), range(len(pred)), rank)
    tally.add("place_gold", len(gold))
    tally.add("place_pred", len(pred))
    tally.add("place_tp", len(pairs))
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    # Resolution quality where a prediction overlaps the gold span (whatever its distance).
    far: set[int] = set()
    for gi, g in enumerate(gold):
        if g_xy[gi] is None:
            continue
        cands = [pi for pi in range(len(pred)) if overlap(g_spans[gi], p_spans[pi])]
        if not cands:
            continue
        tally.add("place_overlap")
        dists = [d for d in (dist(gi, pi) for pi in cands) if d is not None]
        if not dists:
            continue
        best = min(dists)
        tally.add("place_resolved")
        tally.dist("place_km", best)
        if best <= ACC_KM:
            tally.add("place_within")
        elif gi not in matched_g:
            far.add(gi)
            pi = min(cands, key=lambda i: dist(gi, i) if dist(gi, i) is not None else float("inf"))
            errors.append(_item("place", "far", 1.0 + best / 1000.0, g_spans[gi], g.get("text") or "",
                                f"{best:.0f} km off: predicted {pred[pi].get('name')!r} "
                                f"({pred[pi].get('country')}) for gold {g.get('canonical') or g.get('text')!r}"))
    for gi, g in enumerate(gold):
        if gi not in matched_g and gi not in far:
            errors.append(_item("place", "missed", 1.0, g_spans[gi], g.get("text") or "",
                                f"gold {g.get('canonical') or g.get('text')!r} ({g.get('country')})"))
    for pi, p in enumerate(pred):
        if pi not in matched_p and not any(overlap(p_spans[pi], s) for s in g_spans):
            errors.append(_item("place", "false", 1.0, p_spans[pi], p.get("text") or "",
                                f"predicted {p.get('name')!r} ({p.get('country')})"))


# ---------------------------------------------------------------- dates

_ZERO_SECONDS = re.compile(r"(T\d{2}:\d{2}):00(?=$|[+-])")


def normalize_date_value(value: Any) -> str | None:
    """Compare dates as written, up to case, a 'Z' zone and zero seconds."""
    if value is None:
        return None
    s = str(value).strip().upper().replace("Z", "+00:00")
    return _ZERO_SECONDS.sub(r"\1", s) or None


def _score_valued(kind: str, prefix: str, gold: list[dict], pred: list[dict], same: Any,
                  gold_desc: Any, pred_desc: Any, wrong_desc: Any, tally: Tally, errors: list[ErrorItem],
                  count_wrong: bool = False) -> None:
    """Span-overlap matching with a value test (dates, quantities): one-to-one pairs, then the
    unmatched gold items as wrong-value (an overlapping prediction exists) or missed, and the
    predictions overlapping no gold item as false."""
    g_spans = [gold_span(g, "text", "start", "") for g in gold]
    p_spans = [pred_span(p) for p in pred]

    def rank(gi: int, pi: int) -> tuple | None:
        ov = overlap(g_spans[gi], p_spans[pi])
        return (-ov,) if ov and same(gi, pi) else None

    pairs = match_one_to_one(range(len(gold)), range(len(pred)), rank)
    tally.add(f"{prefix}_gold", len(gold))
    tally.add(f"{prefix}_pred", len(pred))
    tally.add(f"{prefix}_tp", len(pairs))
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi in matched_g:
            continue
        near = [pi for pi in range(len(pred)) if pi not in matched_p and overlap(g_spans[gi], p_spans[pi])]
        if near:
            if count_wrong:
                tally.add(f"{prefix}_wrong_value")
            errors.append(_item(kind, "wrong", 1.5, g_spans[gi], g.get("text") or "", wrong_desc(gi, near[0])))
        else:
            errors.append(_item(kind, "missed", 1.0, g_spans[gi], g.get("text") or "", gold_desc(gi)))
    for pi, p in enumerate(pred):
        if pi not in matched_p and not any(overlap(p_spans[pi], s) for s in g_spans):
            errors.append(_item(kind, "false", 1.0, p_spans[pi], p.get("text") or "", pred_desc(pi)))


def score_dates(gold: list[dict], pred: list[dict], tally: Tally, errors: list[ErrorItem]) -> None:
    g_val = [normalize_date_value(g.get("normalized")) for g in gold]
    p_val = [normalize_date_value(p.get("value")) for p in pred]
    _score_valued("date", "date", gold, pred, lambda gi, pi: g_val[gi] == p_val[pi],
                  lambda gi: f"gold {g_val[gi]}", lambda pi: f"predicted {p_val[pi]}",
                  lambda gi, pi: f"gold {g_val[gi]}, predicted {p_val[pi]}", tally, errors, count_wrong=True)


# ---------------------------------------------------------------- quantities


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def quantity_matches(gold_value: Any, pred: dict) -> bool:
    g = _number(gold_value)
    p = _number(pred.get("value"))
    if g is None:  # vague gold ("hundreds"): an approximate or valueless prediction finds it
        return bool(pred.get("approximate")) or p is None
    if p is None:
        return False
    return p == g if g == 0 else abs(p - g) <= QTY_TOLERANCE * abs(g)


def score_quantities(gold: list[dict], pred: list[dict], tally: Tally, errors: list[ErrorItem]) -> None:
    def wrong(gi: int, pi: int) -> str:
        approx = " (approximate)" if pred[pi].get("approximate") else ""
        return f"gold {gold[gi].get('value')}, predicted {pred[pi].get('value')}{approx}"

    _score_valued("quantity", "qty", gold, pred, lambda gi, pi: quantity_matches(gold[gi].get("value"), pred[pi]),
                  lambda gi: f"gold {gold[gi].get('value')} {gold[gi].get('unit') or ''}".rstrip(),
                  lambda pi: f"predicted {pred[pi].get('value')}", wrong, tally, errors)


# ---------------------------------------------------------------- article and metrics


def score_article(gold: dict, analysis: dict) -> tuple[Tally, list[ErrorItem]]:
    """Score one analysis (``Analysis.to_dict()`` form) against one gold article."""
    tally = Tally()
    errors: list[ErrorItem] = []
    text = gold.get("text") if isinstance(gold.get("text"), str) else (analysis.get("article") or {}).get("text")
    tally.add("articles")
    score_attributions(gold.get("attributions") or [], analysis.get("attributions") or [], tally, errors)
    score_countries(gold, analysis.get("mentions") or [], text, tally, errors)
    score_places(gold.get("places") or [], analysis.get("places") or [], tally, errors)
    score_dates(gold.get("dates") or [], analysis.get("times") or [], tally, errors)
    score_quantities(gold.get("quantities") or [], analysis.get("quantities") or [], tally, errors)
    return tally, errors


def article_metrics(t: Tally) -> dict[str, float | None]:
    """All figures of a summed tally; ``None`` where nothing could be measured."""
    m: dict[str, float | None] = {}
    m["attribution_p"], m["attribution_r"], m["attribution_f1"] = prf(t["attr_tp"], t["attr_pred"], t["attr_gold"])
    m["stance_acc"] = ratio(t["stance_ok"], t["attr_tp"])
    m["source_acc"] = ratio(t["source_ok"], t["attr_tp"])
    m["content_acc"] = ratio(t["content_ok"], t["attr_tp"])
    m["denial_recall"] = ratio(t["found_denies"], t["gold_denies"])
    m["unconfirmed_recall"] = ratio(t["found_unconfirmed"], t["gold_unconfirmed"])
    m["country_p"], m["country_r"], m["country_f1"] = prf(t["country_tp"], t["country_pred"], t["country_gold"])
    m["place_p"], m["place_r"], m["place_f1"] = prf(t["place_tp"], t["place_pred"], t["place_gold"])
    m["place_acc161"] = ratio(t["place_within"], t["place_resolved"])
    m["place_mean_km"] = mean(t.dists.get("place_km", []))
    m["place_auc"] = error_auc(t.dists.get("place_km", []))
    m["date_p"], m["date_r"], m["date_f1"] = prf(t["date_tp"], t["date_pred"], t["date_gold"])
    m["quantity_p"], m["quantity_r"], m["quantity_f1"] = prf(t["qty_tp"], t["qty_pred"], t["qty_gold"])
    return m


# Which counts say whether a metric had anything to measure, and whether the
# prediction produced anything of that kind (for the contract's vacuous cases).
_SUPPORT = {
    "attribution_p": ("attr_gold", "attr_pred"),
    "attribution_r": ("attr_gold", "attr_pred"),
    "attribution_f1": ("attr_gold", "attr_pred"),
    "stance_acc": ("attr_gold", "attr_pred"),
    "source_acc": ("attr_gold", "attr_pred"),
    "denial_recall": ("gold_denies", "pred_denies"),
    "country_f1": ("country_gold", "country_pred"),
    "place_f1": ("place_gold", "place_pred"),
    "date_f1": ("date_gold", "date_pred"),
    "quantity_f1": ("qty_gold", "qty_pred"),
}


def contract_metrics(t: Tally) -> dict[str, float]:
    """Exactly ``CONTRACT_METRICS``, all numbers.

    Where a figure is undefined (nothing in gold to find, or no matched pair to
    judge) it is 1.0 when the prediction also has nothing of that kind (nothing
    missed, nothing invented) and 0.0 otherwise.
    """
    full = article_metrics(t)
    out: dict[str, float] = {}
    for name in CONTRACT_METRICS:
        value = full[name]
        if value is None:
            gold_key, pred_key = _SUPPORT[name]
            value = 1.0 if t[gold_key] == 0 and t[pred_key] == 0 else 0.0
        out[name] = round(float(value), 6)
    return out


def support(t: Tally) -> dict[str, int]:
    """Denominators shown next to the figures."""
    return {
        "attributions": int(t["attr_gold"]),
        "predicted_attributions": int(t["attr_pred"]),
        "matched_attributions": int(t["attr_tp"]),
        "denials": int(t["gold_denies"]),
        "unconfirmed": int(t["gold_unconfirmed"]),
        "countries": int(t["country_gold"]),
        "places": int(t["place_gold"]),
        "places_resolved": int(t["place_resolved"]),
        "dates": int(t["date_gold"]),
        "quantities": int(t["qty_gold"]),
    }
