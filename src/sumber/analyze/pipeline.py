"""segment -> times -> quantities -> entities -> countries -> places -> attributions -> events.

``analyze`` is pure: no I/O after the shared read-only resources are loaded once
per process, no global mutable state, the same input gives the same output.
"""

from __future__ import annotations

from datetime import date, datetime

from sumber.analyze import attribution, countries, entities, events, places, provenance, quantities, times
from sumber.analyze.detect import detect_language
from sumber.analyze.doc import Doc
from sumber.analyze.segment import segmenter_for
from sumber.errors import InputError
from sumber.lang import load_pack
from sumber.model import Analysis, Article


def parse_published(value: str | date | None) -> date | None:
    """Accept ``YYYY-MM-DD``, an ISO date-time, or a date; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"publication date '{value}' is not an ISO date (YYYY-MM-DD)") from None


def prepare_doc(text: str, language: str, published: str | date | None = None, title: str | None = None) -> Doc:
    """The working document up to and including places: segmentation, times, quantities,
    mentions (entities, countries, persons) and places.  Used by ``analyze`` and by the
    evaluation of toponym resolution with gold spans."""
    pack = load_pack(language)
    seg = segmenter_for(pack)
    doc = Doc(text=text, lang=language, pack=pack, published=parse_published(published), title=title)
    doc.paragraphs = seg.paragraphs(text)
    doc.sentences = seg.sentences(text, doc.paragraphs)
    doc.quotes = seg.quotes(text)
    doc.times = times.extract(doc)
    doc.quantities = quantities.extract(doc)
    found = entities.extract(doc)
    found.extend(countries.extract(doc, found))
    found.sort(key=lambda m: (m.start, -m.end))
    doc.mentions = found
    doc.places = places.extract(doc)
    doc.mentions = sorted(doc.mentions + entities.persons(doc), key=lambda m: (m.start, -m.end))
    return doc


def analyze(
    text_or_article: str | Article,
    language: str | None = None,
    published: str | date | None = None,
) -> Analysis:
    """Analyze one article: who said what, about whom, where and when.

    ``language`` overrides the article's own and detection; ``published``
    overrides the article's date (relative dates are resolved against it).
    """
    if isinstance(text_or_article, Article):
        article = text_or_article
    elif isinstance(text_or_article, str):
        article = Article(text=text_or_article)
    else:
        raise InputError(f"analyze() takes a str or an Article, not {type(text_or_article).__name__}")
    text = article.text
    if not isinstance(text, str) or not text.strip():
        raise InputError("the article has no text")
    lang = language or article.language or detect_language(text)
    pub = parse_published(published if published is not None else article.published)
    doc = prepare_doc(text, lang, pub, article.title)
    article.language = lang
    if pub is not None and not article.published:
        article.published = pub.isoformat()
    markers = provenance.extract(doc)
    for marker in markers:
        if all(marker.start != p.start or marker.kind != p.kind for p in article.provenance):
            article.provenance.append(marker)
    doc.publishers = provenance.publisher_refs(doc, markers)
    doc.body_start = max((m.end for m in markers if m.kind in ("dateline", "outlet", "agency") and m.end is not None
                          and m.start is not None and m.start < 120), default=0)
    attrs = attribution.extract(doc)
    evs = events.extract(doc, attrs)
    return Analysis(
        article=article,
        mentions=doc.mentions,
        places=doc.places,
        times=doc.times,
        quantities=doc.quantities,
        attributions=attrs,
        events=evs,
    )
