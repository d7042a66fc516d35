"""Coded, user-facing errors. The CLI prints ``str(error)`` as one line; no tracebacks."""

from __future__ import annotations


class SumberError(Exception):
    """Base class: a problem the user can act on. ``code`` is stable for scripts."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class InputError(SumberError):
    """The input could not be read as an article (empty, binary, bad encoding, too big)."""

    code = "E100"


class LanguageError(SumberError):
    """The article's language has no installed pack."""

    code = "E200"


class PackError(SumberError):
    """A language pack file is missing or does not follow its schema."""

    code = "E300"


class StoreError(SumberError):
    """The store could not be opened, migrated or written."""

    code = "E400"


class FetchError(SumberError):
    """A URL could not be fetched safely."""

    code = "E500"
