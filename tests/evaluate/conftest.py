"""Fixtures for the evaluation tests."""

from __future__ import annotations

import pytest
from eval_handmade import make_gold


@pytest.fixture
def gold() -> dict:
    return make_gold()
