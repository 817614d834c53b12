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

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
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


def interface_catalog_hash(srcdir: str | Path, locale_dirs: Iterable[str], language: str) -> str:
    """A hash of the book's own ``sphinx.po`` of ``language`` (``""`` when it has none).

    >>> interface_catalog_hash("/nonexistent", ["locales"], "it")
    ''
    """
    digest = hashlib.sha256()
    found = False
    for folder in locale_dirs:
        path = Path(srcdir) / folder / language / "LC_MESSAGES" / "sphinx.po"
        if path.is_file():
            digest.update(path.read_bytes())
            found = True
    return digest.hexdigest()[:16] if found else ""


def _record_catalog_hash(app: Sphinx, config: Any) -> None:
    config.actbook_interface_catalog = interface_catalog_hash(
        app.srcdir, config.locale_dirs, config.language or "en"
    )


def setup_interface(app: Sphinx) -> None:
    """Make an edit of the interface catalog write every page again.

    Sphinx re-reads a page when its own catalog changes, not when ``sphinx.po`` does;
    the interface strings (citation joins, labels, the downloads' install cells) are on
    every page, so the catalog's hash is an ``html`` setting.
    """
    app.add_config_value("actbook_interface_catalog", "", "html", types=[str])
    app.connect("config-inited", _record_catalog_hash)
