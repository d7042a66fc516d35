"""The bundled examples (our own texts): a translation pair and a shortened syndicated copy."""

from __future__ import annotations

from pathlib import Path

from sumber.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_examples_are_linked_as_translation_and_syndicated_copy(tmp_path, capsys):
    db = str(tmp_path / "ex.db")
    assert main(["ingest", str(EXAMPLES), "--db", db]) == 0
    assert main(["link", "--db", db]) == 0
    assert main(["export", "--db", db, "--format", "jsonl", "--what", "links"]) == 0
    out = capsys.readouterr().out
    kinds = [line.split('"kind": "')[1].split('"')[0] for line in out.splitlines() if '"kind": "' in line]
    assert "translation_of" in kinds
    assert "syndicated_from" in kinds
    assert "contradicts" in kinds
