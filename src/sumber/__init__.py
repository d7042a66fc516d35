"""Sumber: who said what, about whom, where and when - and who denies it.

``sumber.analyze(text_or_article, language=None, published=None)`` returns an
``Analysis`` whose ``to_dict()`` is the JSON contract other tools read.
"""

__version__ = "0.1.0"

from sumber import analyze  # noqa: E402  (a callable module: sumber.analyze(text))
from sumber.model import Analysis, Article  # noqa: E402
from sumber.store import open_store  # noqa: E402

__all__ = ["analyze", "open_store", "Analysis", "Article", "__version__"]
