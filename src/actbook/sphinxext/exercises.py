"""Exercises numbered per chapter, and solution toggles that say which exercise they solve.

A chapter marks an exercise as an admonition of class ``exercise`` whose title has a
colon, followed by a sphinx-design dropdown with its solution::

    (ex-sigmoid-tanh-float64)=
    :::{admonition} Exercise (code): floating point reaches the infimum
    :class: exercise
    …
    :::

    :::{dropdown} Solution
    …
    :::

:class:`NumberExercises` turns the title into "Exercise 4 (code): floating point reaches
the infimum" (Esercizio 4 (codice): …, and likewise a Chinese title with full-width
parentheses and colon) and the toggle into "Solution to exercise 4", in the language of
the build. It runs after Sphinx's ``Locale`` transform, on the translated titles, so every
language numbers the same exercises the same way; labels and anchors (``ex-…``) are left
as they are.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import CatalogRepository

from actbook.sphinxext.interface import message

EXERCISE_CLASS = "exercise"
COLONS = (":", "：")  # ASCII and the full-width colon of Chinese titles
OPENING_PARENTHESES = ("(", "（")
#: Inline nodes whose text is not prose: a colon inside them does not end the label.
VERBATIM = (nodes.math, nodes.literal, nodes.raw, nodes.FixedTextElement)


class ExerciseError(SphinxError):
    """An exercise that cannot be numbered (its title has no colon)."""

    category = "Exercise error"


def colon_position(text: str) -> int | None:
    """Return the index of the first colon, ASCII or full-width, in ``text`` (None if none).

    >>> colon_position("Exercise (code): a loop")
    15
    >>> colon_position("Exercise\N{FULLWIDTH COLON} a loop")
    8
    >>> colon_position("Exercise") is None
    True
    """
    positions = [text.find(colon) for colon in COLONS if colon in text]
    return min(positions) if positions else None


def number_label(text: str, number: int) -> str | None:
    """Insert ``number`` after the first word of the label that ends at the first colon.

    A parenthesised qualifier after the word stays after the number. Returns None if
    ``text`` has no colon or nothing before it.

    >>> number_label("Exercise: the slope", 3)
    'Exercise 3: the slope'
    >>> number_label("Exercise (code): floating point", 4)
    'Exercise 4 (code): floating point'
    >>> number_label("Esercizio (codice): un ciclo", 4)
    'Esercizio 4 (codice): un ciclo'
    >>> number_label("Exercice : la pente", 1)
    'Exercice 1 : la pente'
    >>> number_label("Exercise without colon", 1) is None
    True
    """
    colon = colon_position(text)
    if colon is None or not text[:colon].strip():
        return None
    label = text[:colon]
    qualifier = min((label.find(p) for p in OPENING_PARENTHESES if p in label), default=colon)
    word = label[:qualifier].rstrip()
    if not word:
        return None
    return f"{word} {number}{text[len(word) :]}"


def _prose_texts(node: nodes.Element) -> list[nodes.Text]:
    """The Text nodes of ``node`` in document order, without those inside math or code."""
    return [
        text
        for text in node.findall(nodes.Text)
        if not any(isinstance(ancestor, VERBATIM) for ancestor in _ancestors(text, node))
    ]


def _ancestors(node: nodes.Node, stop: nodes.Node) -> list[nodes.Node]:
    ancestors = []
    parent = node.parent
    while parent is not None and parent is not stop:
        ancestors.append(parent)
        parent = parent.parent
    return ancestors


def number_title(title: nodes.title, number: int) -> bool:
    """Number the exercise ``title`` in place; False if no prose text of it has a colon."""
    for text in _prose_texts(title):
        numbered = number_label(str(text), number)
        if numbered is not None:
            text.parent.replace(text, nodes.Text(numbered))
            return True
        if colon_position(str(text)) is not None:
            return False  # a colon with nothing before it
    return False


def is_exercise(node: nodes.Node) -> bool:
    """Whether ``node`` is an exercise box (an admonition of class ``exercise``)."""
    return isinstance(node, nodes.admonition) and EXERCISE_CLASS in node["classes"]


def is_dropdown(node: nodes.Node) -> bool:
    """Whether ``node`` is a sphinx-design dropdown, before its HTML post-transform."""
    return isinstance(node, nodes.Element) and node.get("design_component") == "dropdown"


def solution_of(exercise: nodes.Element) -> nodes.Element | None:
    """The dropdown right after ``exercise`` (targets and comments in between are skipped)."""
    sibling = exercise.next_node(descend=False, siblings=True)
    while isinstance(sibling, (nodes.target, nodes.comment, nodes.system_message)):
        sibling = sibling.next_node(descend=False, siblings=True)
    return sibling if is_dropdown(sibling) else None


def name_solution(dropdown: nodes.Element, number: int) -> None:
    """Make the dropdown's title say "Solution to exercise <number>" in the build's language."""
    text = message("Solution to exercise {number}", number=number)
    title = dropdown.children[0] if dropdown.get("has_title") and dropdown.children else None
    if isinstance(title, nodes.rubric):
        title.children = []
        title += nodes.Text(text)
        title.rawsource = text
    else:
        dropdown.insert(0, nodes.rubric(text, text))
        dropdown["has_title"] = True


class NumberExercises(SphinxTransform):
    """Number the exercises of each page and name the solution of each.

    Priority 30: after ``Locale`` (20), which replaces the titles by their translations.
    Skipped for the gettext builder, so the catalogs keep the unnumbered titles.
    """

    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        from sphinx.builders.gettext import MessageCatalogBuilder

        if issubclass(self.env._builder_cls, MessageCatalogBuilder):
            return
        exercises = [node for node in self.document.findall(is_exercise)]
        for number, exercise in enumerate(exercises, start=1):
            title = exercise.next_node(nodes.title)
            if title is None or not number_title(title, number):
                shown = title.astext() if title is not None else ""
                raise ExerciseError(
                    f"{self.env.docname} (line {exercise.line}): the exercise title "
                    f"{shown!r} has no colon; write it as 'Exercise: <title>' "
                    "(in Chinese with a full-width colon), so that it can be numbered "
                    "'Exercise 1: <title>'."
                )
            solution = solution_of(exercise)
            if solution is not None:
                name_solution(solution, number)
        if exercises:
            self._note_interface_catalog()

    def _note_interface_catalog(self) -> None:
        """Re-read this page when the translation of "Solution to exercise" changes."""
        repository = CatalogRepository(
            self.env.srcdir,
            self.config.locale_dirs,
            self.config.language,
            self.config.source_encoding,
        )
        for catalog in repository.catalogs:
            if catalog.domain == "sphinx":
                self.env.note_dependency(catalog.mo_path)


def setup_exercises(app: Sphinx) -> None:
    """Register the numbering transform."""
    app.add_transform(NumberExercises)
    app.add_css_file("exercises.css")
