"""Shared test helpers: where the public gold data lives (skip cleanly when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sumber.paths import shared_dir

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir() or Path(os.environ.get("SUMBER_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder with seeds and gold data; tests using it skip when it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set SUMBER_SHARED)")
    return SHARED
