"""A rebuild writes what a clean build writes: two fixes to Sphinx and myst-nb.

``make check-reproducible`` builds the site, rebuilds it with nothing changed, builds
it again from clean, and compares the bytes. Two differences came from upstream:

- **The search index's index entries** (Sphinx 9.0): a rebuild reads the previous
  ``searchindex.js`` back but not its ``indexentries``, and writes the index without
  the entries of the pages it did not write again; with nothing changed, the search
  found no index entry at all. :func:`keep_index_entries` reads them back too (and
  drops those of removed pages), writes each entry's places in one order, and drops
  the words that a rewritten page no longer has (Sphinx kept them with no page).
- **myst-nb's stylesheet link**: myst-nb copies ``mystnb.<hash>.css`` when the build
  finishes, after the pages; Sphinx adds ``?v=<checksum>`` to a stylesheet link only
  when the file is there. :func:`write_mystnb_css_first` copies it before any page
  (and :mod:`.page_language` writes its script before any page for the same reason).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from myst_nb.sphinx_ext import add_global_html_resources
from sphinx.application import Sphinx
from sphinx.search import IndexBuilder

_PATCHED = "_actbook_keeps_index_entries"


def index_entries_by_document(frozen: dict[str, Any]) -> dict[str, list[tuple[str, str, str]]]:
    """The ``_index_entries`` of an :class:`IndexBuilder` that froze into ``frozen``.

    >>> frozen = {"docnames": ["a", "b"], "indexentries": {"relu": [[1, "id-2", True], [0, "id-1", False]]}}
    >>> index_entries_by_document(frozen)
    {'a': [('relu', 'id-1', '')], 'b': [('relu', 'id-2', 'main')]}
    """
    docnames = frozen["docnames"]
    entries: dict[str, list[tuple[str, str, str]]] = {}
    for entry, places in frozen.get("indexentries", {}).items():
        for index, target, main in places:
            entries.setdefault(docnames[index], []).append((entry, target, "main" if main else ""))
    return {docname: sorted(found) for docname, found in sorted(entries.items())}


def _load(original: Callable) -> Callable:
    @functools.wraps(original)
    def load(self: IndexBuilder, stream: Any, format: Any) -> None:  # noqa: A002 (Sphinx's name)
        data = stream.read()
        original(self, io.StringIO(data) if isinstance(data, str) else io.BytesIO(data), format)
        loader = self.formats[format] if isinstance(format, str) else format
        self._index_entries = index_entries_by_document(loader.loads(data))

    return load


def _prune(original: Callable) -> Callable:
    @functools.wraps(original)
    def prune(self: IndexBuilder, docnames: Iterable[str]) -> None:
        docnames = set(docnames)
        original(self, docnames)
        self._index_entries = {d: e for d, e in self._index_entries.items() if d in docnames}

    return prune


def _freeze(original: Callable) -> Callable:
    @functools.wraps(original)
    def freeze(self: IndexBuilder) -> dict[str, Any]:
        frozen = original(self)
        entries = frozen["indexentries"]
        frozen["indexentries"] = {entry: sorted(places) for entry, places in entries.items()}
        for key in ("terms", "titleterms"):  # words of pages that no longer have them
            frozen[key] = {word: docs for word, docs in frozen[key].items() if docs != []}
        return frozen

    return freeze


def keep_index_entries() -> None:
    """Make Sphinx's :class:`IndexBuilder` keep the index entries of the pages it did not write."""
    if getattr(IndexBuilder, _PATCHED, False):
        return
    IndexBuilder.load = _load(IndexBuilder.load)
    IndexBuilder.prune = _prune(IndexBuilder.prune)
    IndexBuilder.freeze = _freeze(IndexBuilder.freeze)
    setattr(IndexBuilder, _PATCHED, True)


def write_mystnb_css_first(app: Sphinx) -> None:
    """Copy myst-nb's stylesheet into ``_static`` before any page is written."""
    if app.builder.format == "html":
        (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)


def setup_reproducible(app: Sphinx) -> None:
    """Register both fixes."""
    keep_index_entries()
    app.connect("builder-inited", write_mystnb_css_first)
