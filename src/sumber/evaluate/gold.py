"""Read gold files in Sumber's gold format (``gold-format.md``) and find their article text.

A gold file carries its ``text``, or names an article file (``text_file``), or
sits next to one with the same stem (``07.json`` + ``07.txt``/``07.html``/
``07.article.json``, also in a sibling ``articles/`` or ``texts/`` folder).
When an article file can be read in more than one way (a ``.txt`` whose first
line may be a title), the reading under which the gold spans line up is used.
Attribution content may be given as ``content_len`` + ``content_sha1`` instead
of its text; the hash is checked here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sumber.errors import InputError, SumberError
from sumber.evaluate.scorer import gold_span

GOLD_KEYS = ("attributions", "actors", "places", "dates", "quantities")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".article.json", ".text", ".md")
ARTICLE_DIRS = ("articles", "texts", "text", "articles-text")


@dataclass(slots=True)
class GoldDoc:
    """One gold article with the text its offsets index into."""

    id: str
    path: Path
    gold: dict
    text: str
    language: str | None = None
    published: str | None = None
    title: str | None = None
    problems: list[str] = field(default_factory=list)


def is_gold(obj: object) -> bool:
    return isinstance(obj, dict) and any(isinstance(obj.get(k), list) for k in GOLD_KEYS)


def _gold_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{path}: no such file or directory")
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".json", ".jsonl")
                  and not p.name.endswith(".article.json")
                  and not any(d in p.relative_to(path).parts for d in ARTICLE_DIRS))


def _read_json_objects(path: Path) -> list[dict]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    if path.suffix == ".jsonl":
        out = []
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except ValueError as exc:
                    raise InputError(f"{path}:{n}: not JSON ({exc})") from None
        return out
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"{path}: not JSON ({exc})") from None
    return obj if isinstance(obj, list) else [obj]


def _text_readings(path: Path) -> list[tuple[str, str | None]]:
    """(text, title) pairs an article file may mean: raw, and as Sumber's reader sees it."""
    from sumber.ingest.files import article_from_json, article_from_text, decode_text

    data = path.read_bytes()
    name = str(path)
    if path.suffix == ".json":
        art = article_from_json(json.loads(decode_text(data, name)), name)
        return [(art.text, art.title)]
    if path.suffix in (".html", ".htm"):
        from sumber.ingest.files import read_article

        art = read_article(name)
        return [(art.text, art.title)]
    raw = decode_text(data, name)
    art = article_from_text(raw, name)
    readings = [(raw, None)]
    if art.text != raw:
        readings.append((art.text, art.title))
    return readings


def _candidates(path: Path, gold: dict) -> list[Path]:
    named = [gold.get(k) for k in ("text_file", "article_file", "article_path")]
    out = [path.parent / n for n in named if isinstance(n, str)]
    stems = {path.name.removesuffix(".jsonl").removesuffix(".json").removesuffix(".gold")}
    if isinstance(gold.get("id"), str):
        stems.add(gold["id"])
    folders = [path.parent] + [path.parent / d for d in ARTICLE_DIRS] + [path.parent.parent / d for d in ARTICLE_DIRS]
    for folder in folders:
        for stem in sorted(stems):
            for suffix in ARTICLE_SUFFIXES + (".json",):
                cand = folder / f"{stem}{suffix}"
                if cand != path:
                    out.append(cand)
    return [p for p in out if p.is_file()]


def _checkable(gold: dict) -> list[tuple[int, str | None, int, str | None]]:
    """(start, verbatim text or None, length, sha1 or None) for every gold span."""
    spans = []
    for a in gold.get("attributions") or []:
        for text_key, start_key, prefix in (("source_text", "source_start", "source"), ("cue", "cue_start", "cue"),
                                            ("content", "content_start", "content")):
            span = gold_span(a, text_key, start_key, prefix)
            if span is None:
                continue
            verbatim = a.get(text_key) if isinstance(a.get(text_key), str) else None
            if verbatim and "[...]" in verbatim:  # elided content is not verbatim
                continue
            spans.append((span[0], verbatim, span[1] - span[0], a.get(f"{prefix}_sha1")))
    for key in ("places", "dates", "quantities"):
        for m in gold.get(key) or []:
            span = gold_span(m, "text", "start", "")
            if span is not None:
                spans.append((span[0], m.get("text") if isinstance(m.get("text"), str) else None,
                              span[1] - span[0], m.get("sha1")))
    return spans


def _sha1(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def check_spans(gold: dict, text: str) -> tuple[int, int]:
    """(spans that line up with ``text``, spans checked)."""
    ok = n = 0
    for start, verbatim, length, sha in _checkable(gold):
        piece = text[start:start + length]
        if verbatim is not None:
            n += 1
            ok += piece == verbatim
        elif isinstance(sha, str):
            n += 1
            ok += _sha1(piece) == sha.lower()
    return ok, n


def resolve_text(path: Path, gold: dict) -> tuple[str, str | None, list[str]]:
    """The article text for ``gold`` (and a title), with any problems found."""
    if isinstance(gold.get("text"), str) and gold["text"]:
        return gold["text"], gold.get("title"), []
    best: tuple[int, str, str | None] | None = None
    problems = []
    for cand in _candidates(path, gold):
        try:
            readings = _text_readings(cand)
        except (SumberError, OSError, ValueError) as exc:
            problems.append(f"{cand.name}: {exc}")
            continue
        for text, title in readings:
            ok, _ = check_spans(gold, text)
            if best is None or ok > best[0]:
                best = (ok, text, title or gold.get("title"))
    if best is None:
        raise InputError(f"{path}: gold has no 'text' and no article file was found beside it "
                         f"(looked for {path.stem}.txt/.html/.article.json)")
    return best[1], best[2], problems


def load_gold(path: Path) -> list[GoldDoc]:
    """Every gold article under ``path`` (a gold file or a directory of them)."""
    docs = []
    for f in _gold_files(path):
        objs = _read_json_objects(f)
        for i, obj in enumerate(objs):
            if not is_gold(obj):
                continue
            text, title, problems = resolve_text(f, obj)
            ok, n = check_spans(obj, text)
            if ok < n:
                problems.append(f"{n - ok} of {n} gold spans do not match the text")
            gold = dict(obj)
            gold["text"] = text
            doc_id = str(obj.get("id") or (f.stem if len(objs) == 1 else f"{f.stem}#{i}"))
            docs.append(GoldDoc(
                id=doc_id, path=f, gold=gold, text=text,
                language=obj.get("language") if isinstance(obj.get("language"), str) else None,
                published=obj.get("published") if isinstance(obj.get("published"), str) else None,
                title=title, problems=problems,
            ))
    return docs
