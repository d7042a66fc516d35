"""PFSA-ID (Indonesian Kompas news): direct quotes, their cues and their speakers.

The test split is read token by token, cut into articles at the lead sentence
that carries the ISSUE span, and joined back into text (see ``conll``).  PFSA-ID
labels only direct quotes, so only predicted attributions with
``direct_quote: true`` are compared with it.

- statement P/R/F1: gold STATEMENT spans against predicted quote contents, exact
  after trimming quote marks, spaces and a final comma/full stop (``statement_*``);
  and one-to-one overlap (``statement_overlap_f1``);
- cue P/R/F1: gold CUE and CUECOREF spans against the cues of predicted quotes;
- speaker accuracy: for predicted quotes that overlap a gold statement, the
  predicted source (or its antecedent) overlaps the gold speaker.  The corpus has
  no relation links, so the gold speaker is inferred: the cue right after the
  quote (or shortly before it), and then the PERSON/PERSONCOREF/ROLE/AFFILIATION
  spans next to that cue in its sentence, or the CUECOREF itself ("ujarnya").
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sumber.evaluate.adapters import Options
from sumber.evaluate.conll import Token, decode_spans, detokenize, read_conll
from sumber.evaluate.metrics import Tally, prf, ratio
from sumber.evaluate.results import SetResult, build_row
from sumber.evaluate.runner import Runner, context, safe_analyze
from sumber.evaluate.scorer import pred_span
from sumber.evaluate.spans import match_one_to_one, overlap

Span = tuple[int, int]
TRIM = "\"“”„«»'‘’ \t\n,."
SPEAKER_TYPES = ("PERSON", "PERSONCOREF", "ROLE", "AFFILIATION")
CUE_AFTER_TOKENS = 3  # ”, kata Roland: the cue follows the closing quote within a few tokens
CUE_BEFORE_TOKENS = 8  # Roland mengatakan, ”...
SPEAKER_WINDOW = (15, 6)  # tokens before / after the cue where the speaker may stand


@dataclass(slots=True)
class Statement:
    span: Span
    speakers: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class PfsaDoc:
    id: str
    text: str
    statements: list[Statement]
    cues: list[Span]


def trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return (s, e)


def split_documents(sentences: list[list[tuple[str, str]]]) -> list[list[Token]]:
    """Articles start at each sentence holding the beginning of an ISSUE span."""
    docs: list[list[Token]] = []
    current: list[Token] = []
    for si, sent in enumerate(sentences):
        starts_issue = any(label in ("B-ISSUE", "U-ISSUE") for _, label in sent)
        if starts_issue and current:
            docs.append(current)
            current = []
        current.extend(Token(tok, label, si) for tok, label in sent)
    if current:
        docs.append(current)
    return docs


def build_doc(doc_id: str, tokens: list[Token]) -> PfsaDoc:
    text, offs = detokenize([t.text for t in tokens])
    spans = decode_spans([t.label for t in tokens])

    def chars(a: int, b: int) -> Span:
        return (offs[a][0], offs[b - 1][1])

    cues = [(k, a, b) for k, a, b in spans if k in ("CUE", "CUECOREF")]
    speakers = [(k, a, b) for k, a, b in spans if k in SPEAKER_TYPES]
    statements = []
    for kind, a, b in spans:
        if kind != "STATEMENT":
            continue
        after = [c for c in cues if b <= c[1] <= b + CUE_AFTER_TOKENS]
        before = [c for c in cues if a - CUE_BEFORE_TOKENS <= c[2] <= a]
        cue = min(after, key=lambda c: c[1]) if after else (max(before, key=lambda c: c[2]) if before else None)
        st = Statement(trim(text, chars(a, b)))
        if cue is not None:
            if cue[0] == "CUECOREF":
                st.speakers.append(chars(cue[1], cue[2]))
            else:
                sent = tokens[cue[1]].sentence
                lo, hi = cue[1] - SPEAKER_WINDOW[0], cue[2] + SPEAKER_WINDOW[1]
                for _, sa, sb in speakers:
                    if lo <= sa <= hi and tokens[sa].sentence == sent and not (a <= sa < b):
                        st.speakers.append(chars(sa, sb))
        statements.append(st)
    return PfsaDoc(doc_id, text, statements, [trim(text, chars(a, b)) for _, a, b in cues])


def read_pfsa(path: Path) -> list[PfsaDoc]:
    return [build_doc(f"{path.stem}-{i}", toks) for i, toks in enumerate(split_documents(read_conll(path)))]


def score_doc(doc: PfsaDoc, analysis: dict[str, Any], tally: Tally, errors: list[dict[str, Any]]) -> None:
    quotes = [a for a in analysis.get("attributions") or [] if a.get("direct_quote")]
    p_stmt = [trim(doc.text, s) if (s := pred_span(a.get("content"))) else None for a in quotes]
    p_cues = sorted({trim(doc.text, s) for a in quotes if (s := pred_span(a.get("cue")))})
    g_stmt = [s.span for s in doc.statements]

    exact = set(g_stmt) & {s for s in p_stmt if s}
    tally.add("stmt_gold", len(g_stmt))
    tally.add("stmt_pred", sum(1 for s in p_stmt if s))
    tally.add("stmt_exact", sum(1 for s in g_stmt if s in exact))
    pairs = match_one_to_one(range(len(g_stmt)), range(len(p_stmt)),
                             lambda gi, pi: (-ov,) if (ov := overlap(g_stmt[gi], p_stmt[pi])) else None)
    tally.add("stmt_overlap", len(pairs))
    for gi, pi in pairs:
        st = doc.statements[gi]
        if not st.speakers:
            continue
        tally.add("speaker_n")
        src = quotes[pi].get("source") or {}
        cands = [pred_span(src), pred_span(src.get("refers_to"))]
        if any(overlap(sp, c) for sp in st.speakers for c in cands):
            tally.add("speaker_ok")
        else:
            errors.append({"kind": "speaker", "category": "wrong", "severity": 1.0, "start": st.speakers[0][0],
                           "end": st.speakers[0][1], "text": doc.text[st.speakers[0][0]:st.speakers[0][1]],
                           "detail": f"predicted source {src.get('text')!r}"})
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, s in enumerate(g_stmt):
        if gi not in matched_g:
            errors.append({"kind": "statement", "category": "missed", "severity": 1.0, "start": s[0], "end": s[1],
                           "text": doc.text[s[0]:s[1]][:80], "detail": "gold direct quote not found"})
    for pi, s in enumerate(p_stmt):
        if s and pi not in matched_p:
            errors.append({"kind": "statement", "category": "false", "severity": 1.0, "start": s[0], "end": s[1],
                           "text": doc.text[s[0]:s[1]][:80], "detail": "predicted direct quote not in gold"})

    g_cues = sorted(set(doc.cues))
    tally.add("cue_gold", len(g_cues))
    tally.add("cue_pred", len(p_cues))
    tally.add("cue_exact", len(set(g_cues) & set(p_cues)))
    cue_pairs = match_one_to_one(g_cues, p_cues, lambda g, p: (-ov,) if (ov := overlap(g, p)) else None)
    tally.add("cue_overlap", len(cue_pairs))
    got = {gi for gi, _ in cue_pairs}
    for gi, c in enumerate(g_cues):
        if gi not in got:
            errors.append({"kind": "cue", "category": "missed", "severity": 1.0, "start": c[0], "end": c[1],
                           "text": doc.text[c[0]:c[1]], "detail": "gold quote cue not found"})


def _work(doc: PfsaDoc) -> tuple[Tally, list[dict[str, Any]], str | None]:
    analysis, err = safe_analyze(doc.text, "id")
    tally, errors = Tally(), []
    score_doc(doc, analysis, tally, errors)
    for e in errors:
        e["doc"] = doc.id
        e["context"] = context(doc.text, e["start"], e["end"])
    return tally, errors, err


def pfsa_metrics(t: Tally) -> dict[str, float | None]:
    m: dict[str, float | None] = {}
    m["statement_p"], m["statement_r"], m["statement_f1"] = prf(t["stmt_exact"], t["stmt_pred"], t["stmt_gold"])
    m["statement_overlap_f1"] = prf(t["stmt_overlap"], t["stmt_pred"], t["stmt_gold"])[2]
    m["cue_p"], m["cue_r"], m["cue_f1"] = prf(t["cue_exact"], t["cue_pred"], t["cue_gold"])
    m["cue_overlap_f1"] = prf(t["cue_overlap"], t["cue_pred"], t["cue_gold"])[2]
    m["speaker_acc"] = ratio(t["speaker_ok"], t["speaker_n"])
    return m


def dev_gold_documents(data_dir: Path) -> set[int]:
    """Test-split documents that the dev gold (id-kompas) re-annotates: the analyzer is tuned on those."""
    found: set[int] = set()
    for path in sorted((data_dir / "sumber-dev-gold" / "id-kompas").glob("*.json")):
        try:
            origin = json.loads(path.read_text(encoding="utf-8")).get("origin") or ""
        except (OSError, ValueError):
            continue
        if "test" in origin and (m := re.search(r"document #(\d+)", origin)):
            found.add(int(m.group(1)))
    return found


def run(folder: Path, runner: Runner, opts: Options) -> list[SetResult]:
    path = folder / "test.txt"
    if not path.is_file():
        return [SetResult("pfsa-id", "id", skipped=f"data file not found: {path}")]
    docs = read_pfsa(path)
    if opts.limit:
        docs = docs[: opts.limit]
    t0 = time.perf_counter()
    outcomes = runner.map(_work, docs, desc="pfsa-id")
    seconds = time.perf_counter() - t0
    seen = dev_gold_documents(folder.parent)
    rows = []
    for name, keep in (("pfsa-id", range(len(docs))), ("pfsa-id-heldout", [i for i in range(len(docs)) if i not in seen])):
        part = [outcomes[i] for i in keep]
        row = build_row(name, "id", part, pfsa_metrics, seconds * len(part) / max(1, len(docs)), opts.keep_errors)
        chosen = [docs[i] for i in keep]
        row.support = {"articles": len(chosen), "statements": int(row.tally["stmt_gold"]),
                       "cues": int(row.tally["cue_gold"]),
                       "statements_with_speaker": sum(1 for d in chosen for s in d.statements if s.speakers)}
        row.notes.insert(0, "test split; only direct quotes are gold here, indirect speech is not scored")
        if name.endswith("heldout"):
            row.notes.insert(1, f"without the {len(seen)} test articles that the dev gold (id-kompas) re-annotates")
        rows.append(row)
    return rows
