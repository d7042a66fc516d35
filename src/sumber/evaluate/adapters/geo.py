"""Toponym resolution on GeoWebNews, LGL, TR-News and GeoVirus: with gold spans and end to end.

*With gold spans* every gold toponym that has coordinates is handed to
``sumber.analyze.places.resolve(doc, start, end)``; this isolates resolution
from recognition and is what Mordecai 3's "with gold spans" figures measure.
Acc@161 counts an unresolved toponym as a miss; mean error is over resolved
toponyms; the error AUC (Gritta et al. 2018) counts an unresolved toponym as the
largest possible error; coverage is the share resolved at all.

*End to end* scores the places ``analyze()`` returns, plus its country mentions
(these sets count countries as toponyms; Sumber reports them as mentions, placed
here by the same resolver): a gold toponym is found by an overlapping
prediction within 161 km.  Predicted places on annotated
spans that carry no coordinates (GeoWebNews demonyms and expressions, LGL
toponyms without a gazetteer tag) are neither right nor wrong and are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sumber.evaluate.adapters import Options
from sumber.evaluate.metrics import ACC_KM, MAX_ERROR_KM, Tally, error_auc, haversine_km, mean, prf, ratio
from sumber.evaluate.results import SetResult, build_row
from sumber.evaluate.runner import Runner, context, safe_analyze
from sumber.evaluate.scorer import score_places
from sumber.evaluate.spans import overlap

Span = tuple[int, int]


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    geonameid: str | None = None


@dataclass(slots=True)
class GeoItem:
    id: str
    text: str
    title: str | None
    published: str | None
    toponyms: list[Toponym] = field(default_factory=list)
    ignore: list[Span] = field(default_factory=list)  # annotated, without coordinates


# ---------------------------------------------------------------- readers


class Aligner:
    """Checks gold offsets against the text and repairs small constant shifts (GeoVirus is off by one)."""

    def __init__(self) -> None:
        self.ok = self.shifted = self.dropped = 0

    def __call__(self, text: str, start: int, end: int, phrase: str) -> Span | None:
        if text[start:end] == phrase:
            self.ok += 1
            return (start, end)
        for d in (-1, 1, -2, 2, -3, 3):
            if text[start + d:end + d] == phrase:
                self.shifted += 1
                return (start + d, end + d)
        lo = max(0, start - 60)
        pos = text.find(phrase, lo, end + 60) if phrase else -1
        if pos >= 0:
            self.shifted += 1
            return (pos, pos + len(phrase))
        self.dropped += 1
        return None

    def note(self) -> str | None:
        if not self.shifted and not self.dropped:
            return None
        return f"gold offsets: {self.ok} exact, {self.shifted} repaired by a small shift, {self.dropped} dropped"


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WRITTEN_DAY = re.compile(r"([A-Z][a-z]{2,8})\.? (\d{1,2}), (\d{4})")


def parse_dltime(value: str | None) -> str | None:
    """The publication day from a download-time field: ISO, or 'Sat January 3, 2015' style; else None."""
    value = (value or "").strip()
    if _ISO_DAY.match(value):
        return value[:10]
    m = _WRITTEN_DAY.search(value)
    if m:
        for pattern in ("%B %d %Y", "%b %d %Y"):
            try:
                return dt.datetime.strptime(" ".join(m.groups()), pattern).date().isoformat()
            except ValueError:
                continue
    return None


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def read_gwn(path: Path, align: Aligner) -> list[GeoItem]:
    items = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        item = GeoItem(id=f"gwn-{art.get('file')}", text=text, title=art.findtext("title"), published=None)
        for t in art.iter("toponym"):
            span = align(text, int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "")
            if span is None:
                continue
            lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            kind = t.findtext("type") or ""
            if lat is not None and lon is not None:
                item.toponyms.append(Toponym(*span, text[span[0]:span[1]], lat, lon, (t.findtext("geonamesID") or None)))
            elif kind != "Non_Toponym":  # a place predicted on a Non_Toponym is a false hit
                item.ignore.append(span)
        items.append(item)
    return items


def read_lgl(path: Path, align: Aligner) -> list[GeoItem]:
    """LGL and TR-News share one schema."""
    items = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        item = GeoItem(id=f"{path.stem}-{art.get('docid')}", text=text, title=art.findtext("title"),
                       published=parse_dltime(art.findtext("dltime")))
        for t in art.iter("toponym"):
            span = align(text, int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "")
            if span is None:
                continue
            tag = t.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            if lat is not None and lon is not None:
                item.toponyms.append(Toponym(*span, text[span[0]:span[1]], lat, lon, tag.get("geonameid")))
            else:
                item.ignore.append(span)
        items.append(item)
    return items


def read_geovirus(path: Path, align: Aligner) -> list[GeoItem]:
    items = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        item = GeoItem(id=f"geovirus-{i}", text=text, title=None, published=None)
        for loc in art.iter("location"):
            span = align(text, int(loc.findtext("start")), int(loc.findtext("end")), loc.findtext("name") or "")
            lat, lon = _float(loc.findtext("lat")), _float(loc.findtext("lon"))
            if span is None:
                continue
            if lat is not None and lon is not None:
                item.toponyms.append(Toponym(*span, text[span[0]:span[1]], lat, lon))
            else:
                item.ignore.append(span)
        items.append(item)
    return items


# ---------------------------------------------------------------- scoring


def _gn(value: Any) -> str | None:
    if value is None:
        return None
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return digits or None


def score_gold_spans(item: GeoItem, resolved: list[Any], tally: Tally, errors: list[dict[str, Any]]) -> None:
    """``resolved[i]`` is the place dict (or None) returned for ``item.toponyms[i]``."""
    for t, p in zip(item.toponyms, resolved, strict=True):
        tally.add("gs_n")
        if t.geonameid:
            tally.add("gs_gn_n")
        if not p or p.get("lat") is None or p.get("lon") is None:
            tally.dist("gs_km_all", MAX_ERROR_KM)
            errors.append({"kind": "place-gold-span", "category": "unresolved", "severity": 1.0, "start": t.start,
                           "end": t.end, "text": t.text, "detail": f"gold {t.lat:.2f},{t.lon:.2f}"})
            continue
        km = haversine_km(t.lat, t.lon, p["lat"], p["lon"])
        tally.add("gs_resolved")
        tally.dist("gs_km", km)
        tally.dist("gs_km_all", km)
        if km <= ACC_KM:
            tally.add("gs_within")
        else:
            errors.append({"kind": "place-gold-span", "category": "far", "severity": 1.0 + km / 1000.0,
                           "start": t.start, "end": t.end, "text": t.text,
                           "detail": f"{km:.0f} km off: chose {p.get('name')!r} ({p.get('country')}) "
                                     f"at {p['lat']:.2f},{p['lon']:.2f}; gold {t.lat:.2f},{t.lon:.2f}"})
        if t.geonameid and _gn(p.get("gazetteer_id")) == _gn(t.geonameid):
            tally.add("gs_gn_exact")


def score_end_to_end(item: GeoItem, places: list[dict], tally: Tally, errors: list[dict[str, Any]]) -> None:
    gold_spans = [(t.start, t.end) for t in item.toponyms]
    kept = []
    for p in places:
        span = (p.get("start"), p.get("end"))
        if any(overlap(span, s) for s in item.ignore) and not any(overlap(span, s) for s in gold_spans):
            continue
        kept.append(p)
    gold = [{"text": t.text, "start": t.start, "lat": t.lat, "lon": t.lon, "canonical": t.text} for t in item.toponyms]
    score_places(gold, kept, tally, errors)


def country_places(mentions: list[dict], doc: Any, resolve: Any) -> list[dict]:
    """Country mentions as places (these sets count countries as toponyms), placed by the resolver."""
    out = []
    for m in mentions:
        if m.get("kind") != "country":
            continue
        place = resolve(doc, m["start"], m["end"])
        if place is not None and place.lat is not None:
            out.append(place.to_dict())
    return out


def _work(job: tuple[GeoItem, bool]) -> tuple[Tally, list[dict[str, Any]], str | None]:
    item, with_resolver = job
    tally, errors = Tally(), []
    analysis, err = safe_analyze(item.text, "en", item.published, item.title)
    predicted = list(analysis.get("places") or [])
    resolved: list[Any] = [None] * len(item.toponyms)
    if with_resolver:
        from sumber.evaluate.docprep import place_resolver, prepare_doc

        resolve = place_resolver()
        try:
            doc = prepare_doc(item.text, "en", item.published, item.title)
            resolved = [p.to_dict() if (p := resolve(doc, t.start, t.end)) is not None else None
                        for t in item.toponyms]
            taken = {(p["start"], p["end"]) for p in predicted}
            predicted += [p for p in country_places(analysis.get("mentions") or [], doc, resolve)
                          if (p["start"], p["end"]) not in taken]
        except Exception as exc:  # noqa: BLE001 - scored as unresolved, reported in the notes
            err = err or f"resolve: {type(exc).__name__}: {exc}"
    score_end_to_end(item, predicted, tally, errors)
    if with_resolver:
        score_gold_spans(item, resolved, tally, errors)
    for e in errors:
        e["doc"] = item.id
        e["context"] = context(item.text, e["start"], e["end"])
    return tally, errors, err


def geo_metrics(t: Tally) -> dict[str, float | None]:
    m: dict[str, float | None] = {}
    if t["gs_n"]:
        m["gs_acc161"] = ratio(t["gs_within"], t["gs_n"])
        m["gs_auc"] = error_auc(t.dists.get("gs_km_all", []))
        m["gs_mean_km"] = mean(t.dists.get("gs_km", []))
        m["gs_coverage"] = ratio(t["gs_resolved"], t["gs_n"])
        m["gs_geonames_exact"] = ratio(t["gs_gn_exact"], t["gs_gn_n"])
    m["e2e_p"], m["e2e_r"], m["e2e_f1"] = prf(t["place_tp"], t["place_pred"], t["place_gold"])
    m["e2e_acc161"] = ratio(t["place_within"], t["place_resolved"])
    m["e2e_auc"] = error_auc(t.dists.get("place_km", []))
    m["e2e_mean_km"] = mean(t.dists.get("place_km", []))
    m["e2e_coverage"] = ratio(t["place_overlap"], t["place_gold"])
    return m


def _run(name: str, path: Path, reader: Any, runner: Runner, opts: Options) -> list[SetResult]:
    if not path.is_file():
        return [SetResult(name, "en", skipped=f"data file not found: {path.name} is missing in {path.parent}")]
    align = Aligner()
    items = reader(path, align)
    if opts.limit:
        items = items[: opts.limit]
    from sumber.evaluate.docprep import place_resolver

    with_spans = place_resolver() is not None
    t0 = time.perf_counter()
    outcomes = runner.map(_work, [(it, with_spans) for it in items], desc=name)
    row = build_row(name, "en", outcomes, geo_metrics, time.perf_counter() - t0, opts.keep_errors)
    tally = row.tally
    row.support = {"articles": len(items), "toponyms": sum(len(i.toponyms) for i in items),
                   "resolved_with_gold_spans": int(tally["gs_resolved"]),
                   "predicted_places": int(tally["place_pred"])}
    if not with_spans:
        row.notes.append("gold-span resolution skipped: sumber.analyze.places.resolve(doc, start, end) is not available yet")
    if (note := align.note()):
        row.notes.append(note)
    return [row]


def run_geowebnews(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    return _run("geowebnews", folder / "GWN.xml", read_gwn, runner, opts)


def run_lgl(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    return _run("lgl", folder / "lgl.xml", read_lgl, runner, opts)


def run_trnews(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    return _run("tr-news", folder / "TR-News.xml", read_lgl, runner, opts)


def run_geovirus(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    return _run("geovirus", folder / "GeoVirus.xml", read_geovirus, runner, opts)
