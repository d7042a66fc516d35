"""Attributions (stage stub)."""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.model import Attribution


def extract(doc: Doc) -> list[Attribution]:
    return []
