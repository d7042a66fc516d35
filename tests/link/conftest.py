"""Fixture stories for the linker: our own articles, analysed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import sumber
from sumber.model import Analysis, Article

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIX = HERE / "fixtures"

# file, language, outlet, published, story
STORIES = [
    (REPO / "examples" / "en-troops-denial.txt", "en", "Example Wire", "2024-10-22", "troops"),
    (REPO / "examples" / "id-troops-denial.txt", "id", "Kantor Berita Contoh", "2024-10-22", "troops"),
    (FIX / "en-troops-syndicated.txt", "en", "Daily Example", "2024-10-22", "troops"),
    (FIX / "id-troops-own-report.txt", "id", "Warta Contoh", "2024-10-21", "troops"),
    (FIX / "en-flood-dam.txt", "en", "Example Post", "2024-11-06", "flood"),
    (FIX / "id-flood-dam.txt", "id", "Example Post", "2024-11-06", "flood"),
    (FIX / "en-pact-june.txt", "en", "Example Wire", "2024-06-19", "pact"),
]


def analyse(path: Path, lang: str, outlet: str, published: str) -> Analysis:
    art = Article(text=path.read_text(encoding="utf-8"), language=lang, outlet=outlet, published=published,
                  url=f"https://news.example/{outlet.lower().replace(' ', '-')}/{path.stem}")
    return sumber.analyze(art)


@pytest.fixture(scope="session")
def stories() -> list[tuple[str, str, Analysis]]:
    """``(file name, story, analysis)`` in ingest order."""
    return [(p.name, story, analyse(p, lang, outlet, pub)) for p, lang, outlet, pub, story in STORIES]


@pytest.fixture(scope="session")
def analyse_file():
    return analyse
