"""Docs that cannot rot: every command is in the README, and docs/cli.md matches the parser."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sumber.cli import build_parser
from sumber.clidoc import render

REPO = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands() if f"sumber {c}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_cli_reference_is_current():
    os.environ["COLUMNS"] = "100"
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current.strip() == render().strip(), "docs/cli.md is stale: run `python -m sumber.clidoc > docs/cli.md`"
