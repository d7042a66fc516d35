"""The per-article pipeline: a pure function of text + metadata (see ``pipeline``).

The package itself is callable, so ``sumber.analyze(text)`` runs the pipeline while
``import sumber.analyze.attribution`` still reaches the stage modules.
"""

import sys
import types

from sumber.analyze.pipeline import analyze, prepare_doc


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        return analyze(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["analyze", "prepare_doc"]
