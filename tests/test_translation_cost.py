"""The three build-cost fixes of :mod:`actbook.sphinxext.translation_cost`, on a small book."""

from __future__ import annotations

import pickle

from actbook.sphinxext import translation_cost

CONF = """\
extensions = ['myst_nb', 'actbook.sphinxext']
nb_execution_mode = 'off'
source_suffix = {'.rst': 'restructuredtext'}
locale_dirs = ['locales/']
exclude_patterns = ['locales']
numfig = True
"""

PAGES = {
    "index.md": (
        "# Home\n\n```{toctree}\nsecond\n```\n\nA sentence to translate.\n\n"
        "```{figure} dot.svg\n:name: fig-dot\n\nA dot.\n```\n"
    ),
    "second.md": "# Second\n\nSee {numref}`fig-dot` and {numref}`fig-dot` again.\n",
    "dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4" viewBox="0 0 4 4"/>\n',
    "locales/it/LC_MESSAGES/index.po": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "A sentence to translate."\nmsgstr "Una frase *tradotta*."\n\n'
        'msgid "A dot."\nmsgstr "Un punto."\n'
    ),
}


def test_translated_doctree_holds_no_environment_and_numbers_resolve(
    build_book, tmp_path, no_claims
):
    out = build_book(tmp_path, PAGES, conf=CONF, language="it")
    pickled = (tmp_path / "doctrees-html-it" / "index.doctree").read_bytes()
    doctree = pickle.loads(pickled)
    assert "Una frase tradotta." in doctree.astext()
    # Before the fix, the translated nodes kept their message document, whose settings
    # held the BuildEnvironment: it was pickled into the page.
    assert b"BuildEnvironment" not in pickled
    emphasis = next(node for node in doctree.findall() if node.tagname == "emphasis")
    assert emphasis.document is doctree
    html = (out / "second.html").read_text(encoding="utf-8")
    assert html.count('href="index.html#fig-dot"') == 2, html
    # The shared copies went with the build (each refers back to its environment).
    assert not translation_cost._SHARED_DOCTREES


def test_references_to_one_page_unpickle_it_once():
    pickled = {"a": pickle.dumps({"page": "a"}), "b": pickle.dumps({"page": "b"})}
    loads: list[str] = []

    class Environment:
        def __init__(self) -> None:
            self._pickled_doctree_cache: dict[str, bytes] = {}

        def get_doctree(self, docname: str):
            self._pickled_doctree_cache.setdefault(docname, pickled[docname])
            loads.append(docname)
            return pickle.loads(self._pickled_doctree_cache[docname])

    def resolve(domain, env, docname):
        return env.get_doctree(docname)

    shared = translation_cost.numbered_references(resolve)
    env = Environment()
    first, again, other = shared(None, env, "a"), shared(None, env, "a"), shared(None, env, "b")
    assert first is again and first == {"page": "a"} and other == {"page": "b"}
    assert loads == ["a", "b"]
    assert "get_doctree" not in vars(env)  # the method is the environment's own again
    env._pickled_doctree_cache["a"] = pickle.dumps({"page": "a, read again"})
    assert shared(None, env, "a") == {"page": "a, read again"}  # new bytes, new copy
    assert env.get_doctree("b") is not other  # outside a reference: Sphinx's own copies
