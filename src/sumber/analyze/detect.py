"""Language detection with py3langid, restricted to the installed language packs."""

from __future__ import annotations

from functools import lru_cache

from sumber.errors import LanguageError
from sumber.lang import available_languages

# A text this long whose best guess is an uninstalled language with this much
# probability is refused rather than analyzed with the wrong pack.
_REFUSE_MIN_CHARS = 200
_REFUSE_MIN_PROB = 0.95


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, sample: int = 4000) -> str:
    """Return the code of the installed pack that best fits ``text``.

    Raises LanguageError when the text is clearly in a language with no pack,
    so that an unsupported article is reported instead of silently mis-analyzed.
    """
    langs = set(available_languages())
    snippet = text[:sample]
    ranked = _identifier().rank(snippet)
    best, prob = ranked[0]
    if best in langs:
        return best
    if len(snippet.strip()) >= _REFUSE_MIN_CHARS and prob >= _REFUSE_MIN_PROB:
        raise LanguageError(
            f"text looks like '{best}' (p={prob:.2f}); installed packs: {', '.join(sorted(langs))}; pass --language to force one"
        )
    for code, _ in ranked:
        if code in langs:
            return code
    raise LanguageError("could not detect the language")
