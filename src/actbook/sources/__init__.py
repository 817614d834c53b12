"""The source register: every checkable statement of the five source articles, judged.

The book mirrors five short articles (S1-S5, in Simplified Chinese, Traditional
Chinese and Italian). Each :class:`Statement` here records one thing an article says,
where it says it, its own words (a phrase or one sentence, verbatim, in the article's
language), what it claims in English, and the book's verdict, with the claims (numbers
of :mod:`actbook.claims`) that decide it and the book section that checks it.

Verdicts
--------
``confirmed``
    The computation agrees with the statement as written.
``imprecise``
    Close to the truth but not exact as written; ``correction`` says what holds.
``wrong``
    The computation contradicts it; ``correction`` says what holds.
``convention``
    A choice (a name, a default, a notation), not a fact; ``correction`` gives the context.
``unsupported``
    No evidence either way in the article or the book; ``correction`` says what is known.
``pending``
    Its chapter is not written yet; ``chapter`` names the chapter that will decide it,
    and ``correction`` stays empty until then.

Examples
--------
>>> from actbook.sources import REGISTER, ARTICLES
>>> sorted(ARTICLES)
['S1', 'S2', 'S3', 'S4', 'S5']
>>> all(s.article in ARTICLES for s in REGISTER.values())
True
"""

from __future__ import annotations

from actbook.sources import _register
from actbook.sources import s1 as _s1  # noqa: F401  (registers the statements)
from actbook.sources import s2 as _s2  # noqa: F401
from actbook.sources import s3 as _s3  # noqa: F401
from actbook.sources import s4 as _s4  # noqa: F401
from actbook.sources import s5 as _s5  # noqa: F401
from actbook.sources._register import Article, Statement, statements_of

# Assigned rather than imported: autodoc reads a data attribute's docstring from here.
ARTICLES = _register.ARTICLES
"""The five source articles by id (``"S1"`` ... ``"S5"``).

:meta hide-value:
"""

CHAPTERS = _register.CHAPTERS
"""The book's chapters by file name, written or planned.

:meta hide-value:
"""

VERDICTS = _register.VERDICTS
"""The verdicts a statement can receive."""

REGISTER = _register.REGISTER
"""Every statement by id, article by article, each in its article's order.

:meta hide-value:
"""

__all__ = ["ARTICLES", "CHAPTERS", "REGISTER", "VERDICTS", "Article", "Statement", "statements_of"]
