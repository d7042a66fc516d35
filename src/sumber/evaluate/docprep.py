"""Build the analyzer's working ``Doc`` up to the places stage, for scoring with gold spans.

Toponym resolution with gold spans calls ``sumber.analyze.places.resolve(doc,
start, end)``, which needs the context the pipeline builds first (segmentation,
times, quantities, mentions, countries, the places found).  This mirrors the
first stages of ``sumber.analyze.pipeline.analyze``; if the pipeline offers a
``prepare_doc`` of its own, that is used instead.
"""

from __future__ import annotations

from collections.abc import Callable

from sumber.analyze.doc import Doc
from sumber.model import Place


def place_resolver() -> Callable[[Doc, int, int], Place | None] | None:
    """``sumber.analyze.places.resolve`` if the geo stage provides it, else None."""
    from sumber.analyze import places

    fn = getattr(places, "resolve", None)
    return fn if callable(fn) else None


def prepare_doc(text: str, language: str, published: str | None = None, title: str | None = None) -> Doc:
    from sumber.analyze import countries, entities, pipeline, places, quantities, times
    from sumber.analyze.segment import segmenter_for
    from sumber.lang import load_pack

    own = getattr(pipeline, "prepare_doc", None)
    if callable(own):
        return own(text, language=language, published=published, title=title)
    pack = load_pack(language)
    doc = Doc(text=text, lang=language, pack=pack, published=pipeline.parse_published(published), title=title)
    seg = segmenter_for(pack)
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
    return doc
