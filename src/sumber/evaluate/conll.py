"""CoNLL-style token files: read them, join tokens back into text with offsets, decode BIO/BILOU spans.

Joining follows the reconstruction used for the dev gold's Kompas articles: one
space between tokens, none before closing punctuation or after an opening
bracket, ``/`` and ``-`` glued to both neighbours, and quote marks alternating
opening (glued to the next token) and closing (glued to the previous one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NO_SPACE_BEFORE = frozenset(",.):;?!%")
NO_SPACE_AFTER = frozenset("(")
GLUE_BOTH = frozenset("/-")
QUOTES = frozenset("\"“”„«»")


@dataclass(slots=True)
class Token:
    text: str
    label: str
    sentence: int


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, label); blank lines separate sentences."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                parts = line.rsplit(" ", 1)
            token, label = parts[0], parts[-1] if len(parts) > 1 else "O"
            current.append((token, label.strip() or "O"))
    if current:
        sentences.append(current)
    return sentences


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text and each token's (start, end) in it."""
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    quote_open = False
    glue_next = False
    for i, tok in enumerate(tokens):
        is_quote = tok in QUOTES
        opening = is_quote and not quote_open
        closing = is_quote and quote_open
        if is_quote:
            quote_open = not quote_open
        space = i > 0 and not glue_next
        if closing or tok in GLUE_BOTH or (len(tok) == 1 and tok in NO_SPACE_BEFORE):
            space = False
        if space:
            out.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        glue_next = opening or tok in GLUE_BOTH or tok in NO_SPACE_AFTER
    return "".join(out), offsets


def decode_spans(labels: list[str]) -> list[tuple[str, int, int]]:
    """(type, first token, last token + 1) from BIO or BILOU labels; tolerant of broken sequences."""
    spans = []
    cur_type: str | None = None
    cur_start = 0
    for i, label in enumerate(labels + ["O"]):
        tag, _, kind = label.partition("-")
        tag = tag.upper()
        if tag in ("B", "U", "S") or tag == "O" or (tag in ("I", "L", "E") and kind != cur_type):
            if cur_type is not None:
                spans.append((cur_type, cur_start, i))
                cur_type = None
            if tag in ("B", "U", "S", "I", "L", "E") and kind:
                cur_type, cur_start = kind, i
        if tag in ("U", "S", "L", "E") and cur_type is not None:
            spans.append((cur_type, cur_start, i + 1))
            cur_type = None
    return spans
