"""Entity mentions (stage stub)."""

from __future__ import annotations

from sumber.analyze.doc import Doc
from sumber.model import Mention


def extract(doc: Doc) -> list[Mention]:
    return []
