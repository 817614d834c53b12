"""What a page costs to build: three upstream overheads removed.

**A copy of the build environment in every translated doctree.** Sphinx's ``Locale``
transform parses each translated message into a document of its own and moves the
nodes into the page. Each moved node keeps a reference to that
message document (docutils' ``_document``), whose settings hold the
``BuildEnvironment``. Pickling the page's doctree then pickles the environment too:
every translated doctree carried about 750 KB of it (a 36 KB glossary page had a 785 KB
doctree), and every :meth:`~sphinx.environment.BuildEnvironment.get_doctree`, which a
``{numref}`` calls on the target's page, unpickled it again. In the Italian build that
was a quarter of the time.

:func:`detach_message_documents` makes the moved nodes belong to the page's document,
as the nodes the page parsed itself do.

**Default settings made for every message.** myst-parser's renderer makes a fresh
docutils document, with docutils' default settings (built from its option parser,
about 1 ms), even when it is handed the document to render into: the default argument
of ``options.get("document", make_document())`` is evaluated on every call, which for a
translation build is once per translated message, about 9,700 times.
:func:`make_document` keeps one copy of the defaults per parser and hands out copies.

**A whole page unpickled for each figure number.** Sphinx resolves a ``{numref}`` by
unpickling the target page's doctree to look up one node, again for every reference
(114 in a build, plus those in the downloadable notebooks). :func:`numbered_references`
lets the references of one build share one read-only copy of each page.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import DependencyList, new_document
from myst_parser.mdit_to_docutils import base as myst_base
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain


def detach_message_documents(doctree: nodes.document) -> int:
    """Make every node of ``doctree`` find its document through its parent.

    Returns
    -------
    int
        How many nodes referred to another document.

    Examples
    --------
    >>> from docutils.utils import DependencyList, new_document
    >>> from docutils.frontend import get_default_settings
    >>> from docutils.parsers.rst import Parser
    >>> page = new_document("page", get_default_settings(Parser))
    >>> message = new_document("message", get_default_settings(Parser))
    >>> message += nodes.paragraph()
    >>> message[0] += nodes.emphasis("", "Ciao")
    >>> page += nodes.paragraph()
    >>> page[0].children = message[0].children  # how the Locale transform moves them
    >>> page[0][0].parent = page[0]
    >>> page[0][0].document is message
    True
    >>> detach_message_documents(page)
    1
    >>> page[0][0].document is page
    True
    """
    detached = 0
    for node in doctree.findall(include_self=False):
        if node._document is not None and node._document is not doctree:
            node._document = None  # ``document`` now comes from the parent
            detached += 1
    return detached


@functools.cache
def _default_settings(parser_cls: type) -> Values:
    return get_default_settings(parser_cls)


def make_document(source_path: str = "notset", parser_cls: type = RSTParser) -> nodes.document:
    """myst-parser's ``make_document``, with the parser's default settings made once.

    >>> first, second = make_document(), make_document()
    >>> first.settings is second.settings, first.settings.tab_width == second.settings.tab_width
    (False, True)
    >>> first.settings.record_dependencies is second.settings.record_dependencies
    False
    """
    settings = _default_settings(parser_cls).copy()
    # The copy is shallow: the one mutable default gets a list of its own.
    settings.record_dependencies = DependencyList()
    return new_document(source_path, settings=settings)


# Per environment (not on it: Sphinx pickles the environment's attributes).
_SHARED_DOCTREES: weakref.WeakKeyDictionary[Any, dict[str, tuple[bytes, nodes.document]]] = (
    weakref.WeakKeyDictionary()
)


def numbered_references(resolve: Callable) -> Callable:
    """Wrap Sphinx's ``StandardDomain._resolve_numref_xref`` to read each page once.

    The resolver only reads the target node (its type, ids and number), so it may share
    one unpickled copy per page, kept as long as Sphinx keeps the same pickled bytes.
    """

    @functools.wraps(resolve)
    def resolve_with_shared_pages(self: Any, env: Any, *args: Any, **kwargs: Any) -> Any:
        if env not in _SHARED_DOCTREES:
            # One build at a time: copies from an earlier build (whose app may not have
            # run our build-finished handler) are not kept alive by this one.
            _SHARED_DOCTREES.clear()
        shared = _SHARED_DOCTREES.setdefault(env, {})
        load = type(env).get_doctree

        def get_doctree(docname: str) -> nodes.document:
            pickled = env._pickled_doctree_cache.get(docname)
            cached = shared.get(docname)
            if pickled is not None and cached is not None and cached[0] is pickled:
                return cached[1]
            doctree = load(env, docname)
            shared[docname] = (env._pickled_doctree_cache[docname], doctree)
            return doctree

        env.get_doctree = get_doctree  # the instance attribute hides the method meanwhile
        try:
            return resolve(self, env, *args, **kwargs)
        finally:
            del env.get_doctree

    return resolve_with_shared_pages


def _forget_shared_doctrees(app: Sphinx, exception: Exception | None) -> None:
    # Each shared doctree refers back to its environment (settings.env), which would
    # keep the weak key alive: drop the entry when the build ends.
    _SHARED_DOCTREES.pop(app.env, None)


def _detach(app: Sphinx, doctree: nodes.document) -> None:
    detach_message_documents(doctree)


def setup_translation_cost(app: Sphinx) -> None:
    """Detach translated nodes from their message documents before Sphinx pickles a page;
    give myst-parser default settings made once."""
    myst_base.make_document = make_document
    if not hasattr(StandardDomain._resolve_numref_xref, "__wrapped__"):
        StandardDomain._resolve_numref_xref = numbered_references(
            StandardDomain._resolve_numref_xref
        )
    app.connect("doctree-read", _detach)
    app.connect("build-finished", _forget_shared_doctrees)
