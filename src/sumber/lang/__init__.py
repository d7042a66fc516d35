"""Language packs: one folder per language, one TOML file per topic.

A pack is data, not code: ``lang/<code>/*.toml``; each file becomes one section
(``cues.toml`` -> ``pack["cues"]``).  Components validate the sections they read
(see ``require``), so a broken pack fails at load time with a clear message.
Adding a language means adding a folder (plus tests in that language).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from sumber.errors import LanguageError, PackError

PACK_DIR = Path(__file__).resolve().parent


class Pack:
    """A loaded language pack: ``pack[section][key]``; read-only by convention."""

    __slots__ = ("code", "sections")

    def __init__(self, code: str, sections: dict[str, dict[str, Any]]) -> None:
        self.code = code
        self.sections = sections

    def __getitem__(self, section: str) -> dict[str, Any]:
        try:
            return self.sections[section]
        except KeyError:
            raise PackError(f"language pack '{self.code}' has no section '{section}' (lang/{self.code}/{section}.toml)") from None

    def get(self, section: str, default: Any = None) -> Any:
        return self.sections.get(section, default)

    def require(self, section: str, key: str, kind: type | tuple[type, ...]) -> Any:
        """Return ``pack[section][key]`` after checking its type; raise PackError otherwise."""
        value = self[section].get(key)
        if value is None or not isinstance(value, kind):
            raise PackError(f"language pack '{self.code}': {section}.{key} must be {getattr(kind, '__name__', kind)}")
        return value


def available_languages() -> tuple[str, ...]:
    """Codes of the installed packs (folders with a ``pack.toml``)."""
    return tuple(sorted(p.parent.name for p in PACK_DIR.glob("*/pack.toml")))


@lru_cache(maxsize=None)
def load_pack(code: str) -> Pack:
    """Load (once per process) and return the pack for ``code``."""
    folder = PACK_DIR / code
    if not (folder / "pack.toml").is_file():
        langs = ", ".join(available_languages())
        raise LanguageError(f"no language pack for '{code}' (installed: {langs})")
    sections: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            with path.open("rb") as fh:
                sections[path.stem] = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise PackError(f"{path.name} in pack '{code}' is not valid TOML: {exc}") from None
    meta = sections["pack"]
    if meta.get("code") != code:
        raise PackError(f"lang/{code}/pack.toml must say code = \"{code}\"")
    return Pack(code, sections)
