"""Shared test fixtures, and :func:`build_book` for small books built in-process."""

from __future__ import annotations

from collections import defaultdict
from gettext import NullTranslations
from pathlib import Path
from typing import IO

import pytest
import sphinx.domains.python  # noqa: F401 (see below)
import sphinx.locale
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

# Sphinx fixes some labels (the Python domain's "Python Module Index", its field names)
# when sphinx.domains.python is first imported: in the language of the build running
# then, for the rest of the process (a zh_TW page showed zh_CN's 模块 after a zh_CN build).
# Imported here, before any build, they stay lazy and follow each test book's language.

#: The settings that every test book shares; ``conf`` of :func:`build_book` follows them.
BOOK_CONF = "actbook_cache_dir = {cache!r}\nhtml_theme = 'sphinx_book_theme'\n"


@pytest.fixture(autouse=True)
def _forget_sphinx_registrations():
    """Each in-process Sphinx build registers directives, roles and node classes in
    docutils' global tables; forget them after the test, so the next build starts clean
    (otherwise Sphinx warns "already registered" and warning-free checks fail)."""
    with docutils_namespace():
        yield


def build_book(
    tmp_path: Path,
    files: dict[str, str],
    *,
    conf: str = "",
    language: str = "en",
    builder: str = "html",
    warning: IO[str] | None = None,
) -> Path:
    r"""Build a small book in-process with Sphinx and return the folder of its output.

    The sources go to ``tmp_path / "src"``, the output to
    ``tmp_path / f"out-{builder}-{language}"``. The build runs in its own
    ``docutils_namespace()``, so a build in a module- or session-scoped fixture (outside
    the autouse namespace of a test) leaks no registrations either, and two builds in
    one test do not meet. It also has translators of its own: Sphinx keeps them per
    process, by catalog name and not by language, so the ``index`` catalog of a Chinese
    build would otherwise translate the next English build of another test.

    Parameters
    ----------
    tmp_path : Path
        A folder of the test's own, for the sources, the doctrees, the output and the
        claim cache (``tmp_path / "cache"``).
    files : dict[str, str]
        The book's files: a path relative to the source folder (``"index.md"``,
        ``"locales/zh_CN/LC_MESSAGES/sphinx.po"``) and its text, written as UTF-8.
        Missing folders are made.
    conf : str
        The settings of ``conf.py`` (``extensions = [...]`` and so on), written after
        :data:`BOOK_CONF`: the claim cache in ``tmp_path`` and sphinx-book-theme.
    language : str
        The build's ``language`` (a Sphinx override, as ``make html`` gives it).
    builder : str
        The Sphinx builder: ``"html"``, ``"gettext"`` ….
    warning : IO[str] or None
        Where Sphinx writes its warnings (an ``io.StringIO`` to read them); None drops them.

    Returns
    -------
    Path
        The output folder, ``tmp_path / f"out-{builder}-{language}"``.

    Examples
    --------
    In a test that asks for the ``build_book`` and ``tmp_path`` fixtures::

        out = build_book(tmp_path, {"index.md": "# Home\n"}, conf="extensions = ['myst_parser']")
        assert (out / "index.html").is_file()
    """
    src = tmp_path / "src"
    sources = {"conf.py": BOOK_CONF.format(cache=str(tmp_path / "cache")) + conf, **files}
    for name, text in sources.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    out = tmp_path / f"out-{builder}-{language}"
    with docutils_namespace(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(sphinx.locale, "translators", defaultdict(NullTranslations))
        app = Sphinx(
            str(src),
            str(src),
            str(out),
            str(tmp_path / f"doctrees-{builder}-{language}"),
            builder,
            confoverrides={"language": language},
            status=None,
            warning=warning,
            freshenv=True,
        )
        app.build()
    return out


@pytest.fixture(name="build_book", scope="session")
def _build_book_fixture():
    """The function :func:`build_book`, for tests and for fixtures of any scope."""
    return build_book


@pytest.fixture
def no_claims(monkeypatch):
    """A book without claims: the test's pages quote none, and computing the book's own
    would take minutes."""
    from actbook import claims

    monkeypatch.setattr(claims, "REGISTRY", {})
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {})


@pytest.fixture
def s5_wrong_statement():
    """A statement of article S5 (Italian) judged wrong, decided by the claim
    ``demo.quarter`` and discussed in section ``ch-demo`` of the chapter sigmoid-tanh:
    the register entry that the small books of the ledger and source tests link to."""
    from actbook.sources import Statement

    return Statement(
        id="S5.demo-wrong",
        article="S5",
        location="Da dove",
        quote="una frase verbatim",
        claim="A claim of the article.",
        verdict="wrong",
        correction="What holds instead.",
        claims=("demo.quarter",),
        chapter="sigmoid-tanh",
        section="ch-demo",
    )


#: Groups of tests that run for minutes (prefixes of their names).
LONG_GROUPS = ("test_claims_", "test_activation_accuracy")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Group tests for xdist's ``loadgroup``: a file per worker, like ``loadfile``, except
    that the doctests of ``actbook/claims/<module>.py`` join ``tests/test_claims_<module>.py``.

    Both compute the same experiments, which are cached per process: in one worker, the
    second pays nothing (the module docstrings compute every claim of their module).

    The groups that train networks or integrate to 50 digits come first: xdist hands out
    groups in collection order, so a long one started last would leave one worker alone.
    """
    groups = {}
    for item in items:
        path = item.path
        group = path.name
        if path.parent.name == "claims" and path.parent.parent.name == "actbook":
            group = f"test_claims_{path.stem}.py"
        groups[item] = group
        item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: not groups[item].startswith(LONG_GROUPS))
