"""Corpus-level links: duplicates, syndicated copies, translations, same claims, contradictions, citations.

``link_store(store)`` links the articles ingested since the last run against the
whole store (``full=True`` relinks everything) and writes ``Link`` records;
``link_analyses(analyses)`` does the same on an in-memory stream (benchmarks,
tests).  See ``linker.py`` for how candidates are found without comparing all pairs.
"""

from __future__ import annotations

from sumber.link.linker import CLAIM_KINDS, COPY_KINDS, KINDS, Linker, Thresholds
from sumber.link.run import LinkSummary, link_analyses, link_store

__all__ = ["link_store", "link_analyses", "LinkSummary", "Linker", "Thresholds", "KINDS", "COPY_KINDS", "CLAIM_KINDS"]
