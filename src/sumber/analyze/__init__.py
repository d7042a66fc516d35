"""The per-article pipeline: a pure function of text + metadata (see ``pipeline``)."""

from sumber.analyze.pipeline import analyze

__all__ = ["analyze"]
