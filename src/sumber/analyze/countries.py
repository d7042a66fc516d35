"""Country mentions (stage stub; the real extractor replaces this)."""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.model import Mention


def extract(doc: Doc, entities: list[Mention]) -> list[Mention]:
    return []
