"""actbook's own interface strings (cite block, downloads, exercise labels, tooltips).

They are translated like Sphinx's: through the ``sphinx`` message catalog, whose
project part lives in ``book/locales/<language>/LC_MESSAGES/sphinx.po`` and takes
precedence over Sphinx's own. Strings that a template shows are written in the
template as ``{{ _("…") }}``; strings that Python code shows are listed in
``templates/actbook-messages.html``, because Sphinx's gettext builder extracts
messages from templates only. ``tests/test_sphinxext.py`` checks that every
string passed to :func:`message` in this package is listed there. The strings of Sphinx
and of the theme that the book translates itself are listed in
``templates/actbook-theme-messages.html`` (see :mod:`actbook.sphinxext.page_language`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sphinx.locale import get_translation

MESSAGES_TEMPLATE = Path(__file__).parent / "templates" / "actbook-messages.html"

_translate = get_translation("sphinx")


def message(text: str, **fields: object) -> str:
    """Return ``text`` in the language of the build, with ``{name}`` fields filled in.

    Outside a Sphinx build (no catalog loaded) the English text comes back.

    >>> message("{count} of {total} (not in any catalog)", count=1, total=3)
    '1 of 3 (not in any catalog)'
    """
    return pattern(text).format(**fields)


def pattern(text: str) -> str:
    """Return ``text`` in the language of the build with its ``{name}`` fields unfilled.

    For code that takes the translation apart rather than filling it in.

    >>> pattern("{first} and {second} (not in any catalog)")
    '{first} and {second} (not in any catalog)'
    """
    return str(_translate(text))


def catalog_files(
    srcdir: str | Path, locale_dirs: Iterable[str], language: str, domain: str
) -> list[Path]:
    """The book's catalogs ``<domain>.po`` of ``language``, in the order of ``locale_dirs``.

    Sphinx looks for a catalog in each of ``locale_dirs`` under ``srcdir``; the first
    one found takes precedence.

    >>> catalog_files("/nonexistent", ["locales"], "it", "sphinx")
    []
    """
    paths = (Path(srcdir) / d / language / "LC_MESSAGES" / f"{domain}.po" for d in locale_dirs)
    return [path for path in paths if path.is_file()]
