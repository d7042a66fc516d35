"""The per-article working context passed from stage to stage of the pipeline."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from sumber.lang import Pack
from sumber.model import Mention, Place, Quantity, TimeExpr


@dataclass(slots=True)
class Doc:
    """Text, pack, segmentation and the results of earlier stages.

    Stages read what earlier stages wrote and append their own results; nothing
    here is shared between articles.  Offsets index ``text``.
    """

    text: str
    lang: str
    pack: Pack
    published: date | None = None
    title: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # (open_mark_start, inner_start, inner_end, close_mark_end); close_mark_end == inner_end when unclosed
    quotes: list[tuple[int, int, int, int]] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # entities and countries, sorted by start
    places: list[Place] = field(default_factory=list)
    publishers: frozenset[str] = frozenset()  # refs of the outlets publishing this article
    name_runs: list = field(default_factory=list)  # capitalized runs (entities), computed once
    body_start: int = 0  # where the story starts after a dateline ("SEOUL, KOMPAS — ")
    _sent_starts: list[int] = field(default_factory=list)

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the previous one if in a gap)."""
        if not self._sent_starts:
            self._sent_starts = [s for s, _ in self.sentences]
        return max(0, bisect_right(self._sent_starts, offset) - 1)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self.sentence_index(offset)]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]
