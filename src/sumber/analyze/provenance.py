"""Provenance markers (stage stub)."""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.model import Marker


def extract(doc: Doc) -> list[Marker]:
    return []
