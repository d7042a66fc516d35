"""Places (stage stub; the real extractor replaces this)."""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.model import Place


def extract(doc: Doc) -> list[Place]:
    return []
