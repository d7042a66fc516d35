"""Time expressions (stage stub; the real extractor replaces this)."""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.model import TimeExpr


def extract(doc: Doc) -> list[TimeExpr]:
    return []
