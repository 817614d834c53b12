"""Citations in running text, in the page's language: "Glorot 和 Bengio [GB10]".

``{cite:t}`` names the authors before the label. sphinxcontrib-bibtex joins two of
them with English "and" and shortens three or more to *et al.*, which reads wrong in a
Chinese or Italian sentence. The reference style ``actbook-label`` (set in ``conf.py``
as ``bibtex_reference_style``) is sphinxcontrib-bibtex's ``label`` style with the
names joined as the page's language joins them, the way the book's own prose does:

- zh_CN: "Glorot 和 Bengio", "Srivastava 等人" (等人 is the running-text form; the
  bare 等 of GB/T 7714 reference lists would read "and so on" before a colon);
- zh_TW: "Glorot 與 Bengio", "Srivastava 等人" (the form of Taiwan's APA practice);
- it: "Glorot e Bengio", "Srivastava *et al.*" (Italian scientific prose keeps the
  Latin abbreviation, set in italics like other Latin words);
- en and any other language: sphinxcontrib-bibtex's own "and", ", and", *et al.*

The bibliography keeps each reference's own (English) author list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pybtex.richtext import Tag, Text
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

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


JOINS = {
    "en": AuthorJoins(" and ", ", ", ", and ", Text(" ", Tag("em", "et al.")), ", "),
    "zh_CN": AuthorJoins(" 和 ", "、", " 和 ", " 等人", "、"),
    "zh_TW": AuthorJoins(" 與 ", "、", " 與 ", " 等人", "、"),
    "it": AuthorJoins(" e ", ", ", " e ", Text(" ", Tag("em", "et al.")), ", "),
}


def author_joins(language: str | None) -> AuthorJoins:
    """Return the joins of ``language`` (a Sphinx language code); English when unknown.

    >>> author_joins("zh_TW").two, author_joins("it_IT").two, author_joins(None).two
    (' 與 ', ' e ', ' and ')
    """
    language = language or "en"
    return JOINS.get(language) or JOINS.get(language.split("_")[0]) or JOINS["en"]


def label_style(language: str | None) -> type[LabelReferenceStyle]:
    """Make the ``label`` reference style of sphinxcontrib-bibtex speak ``language``.

    sphinxcontrib-bibtex makes its reference style without arguments, so the
    language goes into the defaults of a new class.

    Parameters
    ----------
    language : str or None
        The build's Sphinx language (``"zh_CN"``, ``"it"`` …); None means English.

    Returns
    -------
    type[LabelReferenceStyle]
        The style class, for sphinxcontrib-bibtex's plugin registry.

    Examples
    --------
    >>> from pybtex.database import Entry, Person
    >>> def authors(language, *names):
    ...     style = label_style(language)()
    ...     entry = Entry("article", persons={"author": [Person(n) for n in names]})
    ...     node = style.person.names("author", full=False)
    ...     return node.format_data({"entry": entry, "style": style}).render_as("text")
    >>> authors("zh_CN", "Glorot, X.", "Bengio, Y."), authors("zh_TW", "Glorot, X.", "Bengio, Y.")
    ('Glorot 和 Bengio', 'Glorot 與 Bengio')
    >>> authors("zh_CN", "He, K.", "Zhang, X.", "Ren, S."), authors("it", "He, K.", "Zhang, X.", "Ren, S.")
    ('He 等人', 'He et al.')
    """
    joins = author_joins(language)

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
    register_plugin(STYLE_GROUP, STYLE_NAME, label_style(config.language), force=True)


def setup_textual_citations(app: Sphinx) -> None:
    """Register the reference style ``actbook-label`` for the language of each build."""
    app.connect("config-inited", _register_style)
