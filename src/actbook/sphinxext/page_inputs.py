"""What every page shows and Sphinx does not track: each is recorded as an ``html`` setting.

Sphinx writes a page again when its source, a template or an ``html`` config value
changed. Three inputs reach every page without being any of those:

- ``actbook_extension_hash``: this extension's Python, CSS, JavaScript and templates;
- ``actbook_interface_catalog``: the book's ``sphinx.po`` in the build's language (the
  citation joins, labels and the downloads' install cells are on every page);
- ``actbook_built_from``: the commit the book is built from (every footer and every
  download names it), which changes with a commit that touched no book file.

Each is computed at ``config-inited`` and registered as an ``html`` setting, so a change
of any of them makes Sphinx write every page again from its stored doctree, without
reading or executing anything. A change to what reading produces (a role, a read
transform) needs the pages read again: it raises ``ENV_VERSION`` in the package.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

import actbook
from actbook.sphinxext import citation
from actbook.sphinxext.interface import catalog_files

EXTENSION = Path(__file__).parent
PAGE_INPUTS = ("actbook_extension_hash", "actbook_interface_catalog", "actbook_built_from")


def extension_hash(root: Path = EXTENSION) -> str:
    """A hash of the files of this extension (code, templates, CSS and JavaScript)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def interface_catalog_hash(srcdir: str | Path, locale_dirs: Iterable[str], language: str) -> str:
    """A hash of the book's own ``sphinx.po`` of ``language`` (``""`` when it has none).

    >>> interface_catalog_hash("/nonexistent", ["locales"], "it")
    ''
    """
    paths = catalog_files(srcdir, locale_dirs, language, "sphinx")
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16] if paths else ""


def built_from(info: citation.BuildInfo) -> str:
    """The version, commit and date of the build, as one string.

    >>> built_from(citation.BuildInfo("0.1.0", "ab12", "2026-12-01"))
    '0.1.0 ab12 2026-12-01'
    >>> built_from(citation.BuildInfo("0.1.0"))
    '0.1.0'
    """
    return " ".join(str(part) for part in (info.version, info.commit, info.date) if part)


def record_page_inputs(app: Sphinx, config: Any) -> None:
    """Set the three settings of :data:`PAGE_INPUTS` for this build."""
    config.actbook_extension_hash = extension_hash()
    config.actbook_interface_catalog = interface_catalog_hash(
        app.srcdir, config.locale_dirs, config.language or "en"
    )
    config.actbook_built_from = built_from(
        citation.read_build_info(app.confdir, actbook.__version__)
    )


def setup_page_inputs(app: Sphinx) -> None:
    """Register the settings of :data:`PAGE_INPUTS`, filled in when the config is read."""
    for name in PAGE_INPUTS:
        app.add_config_value(name, "", "html", types=[str])
    app.connect("config-inited", record_page_inputs)
