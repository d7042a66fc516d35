"""Quality gate on our own annotated articles (tests/data/heldout): runs without ../shared."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from sumber.cli import main

REPO = Path(__file__).resolve().parents[2]
FLOORS = REPO / "src" / "sumber" / "evaluate" / "floors.toml"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_heldout_contract_metrics_stay_above_their_floors(lang, capsys):
    pins = tomllib.loads(FLOORS.read_text(encoding="utf-8"))["heldout"][lang]
    assert main(["eval", str(REPO / "tests" / "data" / "heldout" / lang), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    below = {k: (metrics[k], v) for k, v in pins.items() if metrics[k] < v}
    assert not below, f"below the floor (measured, floor): {below}"
