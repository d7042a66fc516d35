"""Helpers for testing code that uses a store, on both backends.

``store_urls(tmp_dir)`` lists a fresh SQLite path and, when ``SUMBER_TEST_PG``
names a PostgreSQL database, the same database (each test gets its own schema
via ``pg_schema``).  ``sample_analysis(i)`` builds a small, deterministic,
hand-made ``Analysis`` (our own sentences, spans computed, not analysed), so
store tests never depend on what the analyzer currently finds.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from sumber.model import (
    Analysis,
    Article,
    Attribution,
    Cue,
    Event,
    Marker,
    Mention,
    Place,
    Quantity,
    Source,
    Span,
    TimeExpr,
)

PG_ENV = "SUMBER_TEST_PG"
PG_SKIP_REASON = (f"PostgreSQL tests need {PG_ENV}=postgresql://... (set by .ci/setup.d/10-postgres.sh in CI); "
                  "skipped here")


def pg_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@contextmanager
def pg_schema(base_url: str) -> Iterator[str]:
    """A URL of ``base_url`` whose tables live in a new, empty schema, dropped afterwards."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{sep}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


# --- a small synthetic corpus -------------------------------------------------------

_PEOPLE = [("Menteri Pertahanan Ardana", "Ardana", "person"), ("Juru bicara Kemlu", "Kementerian Luar Negeri", "organization"),
           ("Seorang pejabat", None, "anonymous"), ("Kepala polisi Sulastri", "Sulastri", "person")]
_PLACES = [("Pokrovsk", "Pokrovsk", "UA", 48.28, 37.18, "Donetsk", "gn:712451"),
           ("Kursk", "Kursk", "RU", 51.73, 36.19, "Kursk", "gn:538560"),
           ("Surabaya", "Surabaya", "ID", -7.25, 112.75, "Jawa Timur", "gn:1625822")]
_COUNTRIES = [("Korea Utara", "KP", "North Korea"), ("Rusia", "RU", "Russia"), ("Indonesia", "ID", "Indonesia")]
_STANCE_CUE = [("asserts", "mengatakan", "kata"), ("denies", "membantah", "bantah"), ("unconfirmed", "belum memastikan", "pastikan")]


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def sample_analysis(i: int, outlet: str | None = None, language: str | None = None) -> Analysis:
    """A deterministic analysed article ``i``: two claims, a place, a country, a time, a number and an event."""
    src_text, src_name, src_kind = _PEOPLE[i % len(_PEOPLE)]
    place = _PLACES[i % len(_PLACES)]
    country = _COUNTRIES[i % len(_COUNTRIES)]
    stance, cue, lemma = _STANCE_CUE[i % len(_STANCE_CUE)]
    n = 100 + 7 * i
    day = f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}"
    text = (f"{src_text} {cue} bahwa {country[0]} mengirim {n} tentara ke {place[0]} pada {day}. "
            f"Warga di {place[0]} mengatakan suasana tenang pada nomor {i}.")
    first = text.index(". ") + 1
    content1 = Span(text.index(country[0]), first - 1, text[text.index(country[0]):first - 1])
    c2_start = text.index("suasana")
    content2 = Span(c2_start, len(text) - 1, text[c2_start:-1])
    m_country = Mention(*_pos(text, country[0]), country[0], "country", country[1], country[2])
    m_place = Mention(*_pos(text, place[0]), place[0], "place", place[6], place[1])
    m_source = Mention(*_pos(text, src_text), src_text, src_kind if src_kind != "anonymous" else "anonymous",
                       None, src_name)
    p = Place(*_pos(text, place[0]), place[0], place[1], place[2], place[3], place[4], "city", place[5], place[6], 0.9)
    t = TimeExpr(*_pos(text, day), day, day, "day")
    q = Quantity(*_pos(text, str(n)), str(n), n, approximate=i % 2 == 0, unit=_span(text, "tentara"))
    a1 = Attribution("a1", Source(0, len(src_text), src_text, src_kind, src_name, anonymous=src_kind == "anonymous"),
                     Cue(*_pos(text, cue), cue, lemma), stance, stance == "unconfirmed", False, content1)
    warga = _span(text, "Warga di " + place[0])
    cue2 = _span(text, "mengatakan", warga.end)
    a2 = Attribution("a2", Source(warga.start, warga.end, warga.text, "role", None),
                     Cue(cue2.start, cue2.end, cue2.text, "kata"), "asserts", False, False, content2)
    trig = _span(text, "mengirim")
    ev = Event("e1", "MOBILIZE", trig, actor=m_country, target=None, place=p, time=t, quantity=q,
               attribution="a1", status={"asserts": "asserted", "denies": "denied"}.get(stance, "unconfirmed"))
    lang = language or "id"
    article = Article(text=text, title=f"Laporan {i}: {country[0]} dan {place[0]}",
                      url=f"https://berita.example/{i}", outlet=outlet or ("Kabar Contoh" if i % 2 else "Warta Uji"),
                      language=lang, published=day, crawled="2024-12-31T00:00:00Z", extractor="test",
                      provenance=[Marker("outlet", outlet or "Warta Uji", outlet or "Warta Uji")], source=f"sample-{i}")
    return Analysis(article=article, mentions=sorted([m_source, m_country, m_place], key=lambda m: m.start),
                    places=[p], times=[t], quantities=[q], attributions=[a1, a2], events=[ev])


def _pos(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)
