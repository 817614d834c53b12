"""Citations in running text, in the page's language: "Glorot and Bengio [GB10]".

``{cite:t}`` names the authors before the label. sphinxcontrib-bibtex joins two of
them with English "and" and shortens three or more to *et al.*, which reads wrong in a
Chinese or Italian sentence. The reference style ``actbook-label`` (set in ``conf.py``
as ``bibtex_reference_style``) is sphinxcontrib-bibtex's ``label`` style with the
names joined as the page's language joins them, the way the book's own prose does.

The joins are interface strings, translated in each language's ``sphinx.po`` like the
others (:mod:`actbook.sphinxext.interface`), as patterns with the names as fields:
``"{first} and {second}"``, ``"{authors}, and {last}"`` (before the last of a full
list), ``"{author}, {next}"`` (between names, and between the references of one role)
and ``"{first} *et al.*"`` (three or more authors; ``*…*`` is set in italics, as Latin
is in English and Italian prose). The catalogs' translator notes say why each language
joins as it does. The bibliography keeps each reference's own (English) author list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pybtex.richtext import Tag, Text
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

from actbook.sphinxext.interface import pattern

STYLE_NAME = "actbook-label"
STYLE_GROUP = "sphinxcontrib.bibtex.style.referencing"


@dataclass(frozen=True)
class AuthorJoins:
    """How one language joins authors' names in a textual citation."""

    two: str  #: between the two authors of a two-author work
    sep: str  #: between the first authors of a full list ({cite:ts})
    last: str  #: before the last author of a full list of three or more
    others: str | Text  #: after the first author of three or more
    references: str  #: between the references of one role ({cite:t}`a,b`)


def between(text: str, before: str, after: str | None = None) -> str:
    """The part of ``text`` after the field ``before`` and up to the field ``after``.

    >>> between("{first} e {second}", "first", "second"), between("{first} et al.", "first")
    (' e ', ' et al.')
    >>> between("{first} and", "first", "second")
    Traceback (most recent call last):
    ...
    ValueError: the pattern '{first} and' has no field {second}: a translation lost it
    >>> between("{second} e {first}", "first", "second")
    Traceback (most recent call last):
    ...
    ValueError: the pattern '{second} e {first}' has {second} before {first}: names keep their order
    """
    start = text.find("{" + before + "}")
    end = len(text) if after is None else text.find("{" + after + "}")
    for field_name, index in ((before, start), (after, end)):
        if index < 0:
            raise ValueError(
                f"the pattern {text!r} has no field {{{field_name}}}: a translation lost it"
            )
    if end < start:
        raise ValueError(
            f"the pattern {text!r} has {{{after}}} before {{{before}}}: names keep their order"
        )
    return text[start + len(before) + 2 : end]


def emphasized(text: str) -> str | Text:
    """``text`` with ``*…*`` set in italics, as pybtex rich text; plain text stays a str.

    >>> emphasized(" and others"), emphasized(" *et al.*").render_as("html")
    (' and others', ' <em>et al.</em>')
    """
    parts = text.split("*")
    if len(parts) == 1:
        return text
    return Text(*(Tag("em", part) if index % 2 else part for index, part in enumerate(parts)))


def author_joins() -> AuthorJoins:
    """The joins of the build's language, from its ``sphinx`` catalog (English outside a build).

    >>> joins = author_joins()
    >>> joins.two, joins.sep, joins.last, joins.others.render_as("text")
    (' and ', ', ', ', and ', ' et al.')
    """
    sep = between(pattern("{author}, {next}"), "author", "next")
    return AuthorJoins(
        two=between(pattern("{first} and {second}"), "first", "second"),
        sep=sep,
        last=between(pattern("{authors}, and {last}"), "authors", "last"),
        others=emphasized(between(pattern("{first} *et al.*"), "first")),
        references=sep,
    )


def label_style(language: str | None, joins: AuthorJoins) -> type[LabelReferenceStyle]:
    """Make the ``label`` reference style of sphinxcontrib-bibtex join names as ``joins``.

    sphinxcontrib-bibtex makes its reference style without arguments, so the joins go
    into the defaults of a new class.

    Parameters
    ----------
    language : str or None
        The build's Sphinx language (``"zh_CN"``, ``"it"`` …), for the class's name.
    joins : AuthorJoins
        How the language joins names: :func:`author_joins`.

    Returns
    -------
    type[LabelReferenceStyle]
        The style class, for sphinxcontrib-bibtex's plugin registry.

    Examples
    --------
    >>> from pybtex.database import Entry, Person
    >>> def authors(joins, *names):
    ...     style = label_style("xx", joins)()
    ...     entry = Entry("article", persons={"author": [Person(n) for n in names]})
    ...     node = style.person.names("author", full=False)
    ...     return node.format_data({"entry": entry, "style": style}).render_as("text")
    >>> italian = AuthorJoins(" e ", ", ", " e ", emphasized(" *et al.*"), ", ")
    >>> authors(italian, "Glorot, X.", "Bengio, Y."), authors(italian, "He, K.", "Zhang, X.", "Ren, S.")
    ('Glorot e Bengio', 'He et al.')
    """

    def make_person() -> PersonStyle:
        return PersonStyle(sep=joins.sep, sep2=joins.two, last_sep=joins.last, other=joins.others)

    @dataclass
    class LocalizedLabelReferenceStyle(LabelReferenceStyle):
        person: PersonStyle = field(default_factory=make_person)
        bracket_textual: BracketStyle = field(
            default_factory=lambda: BracketStyle(sep=joins.references)
        )

    LocalizedLabelReferenceStyle.__qualname__ = f"LabelReferenceStyle[{language or 'en'}]"
    return LocalizedLabelReferenceStyle


def _register_style(app: Sphinx, config: Any) -> None:
    # Registered anew for each build (config-inited comes before sphinxcontrib-bibtex
    # looks the style up, at builder-inited): one process may build several languages.
    # The catalogs are loaded by then (Sphinx reads them before it loads extensions).
    style = label_style(config.language, author_joins())
    register_plugin(STYLE_GROUP, STYLE_NAME, style, force=True)


def setup_textual_citations(app: Sphinx) -> None:
    """Register the reference style ``actbook-label`` for the language of each build."""
    app.connect("config-inited", _register_style)
