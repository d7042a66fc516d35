"""Events (stage stub)."""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.model import Attribution, Event


def extract(doc: Doc, attributions: list[Attribution]) -> list[Event]:
    return []
