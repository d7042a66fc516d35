"""Build the analyzer's working ``Doc`` up to the places stage, for scoring with gold spans.

Toponym resolution with gold spans calls ``sumber.analyze.places.resolve(doc,
start, end)``, which needs the context the pipeline builds first (segmentation,
times, quantities, mentions, countries, the places found).  It is the pipeline's
own ``prepare_doc``, so the stage order lives in one place.
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
    """The analyzer's own document preparation (one place for the stage order)."""
    from sumber.analyze.pipeline import prepare_doc as pipeline_prepare

    return pipeline_prepare(text, language, published, title)
