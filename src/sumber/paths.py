"""Where the shared public data lives: one answer for the CLI, tests and benchmarks."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path | None:
    """``$SUMBER_SHARED``, else ``../shared`` beside the repository or the working folder;
    None when none of them has a ``data`` folder."""
    candidates = []
    if os.environ.get("SUMBER_SHARED"):
        candidates.append(Path(os.environ["SUMBER_SHARED"]))
    candidates += [REPO.parent / "shared", Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "data").is_dir():
            return c
    return None
