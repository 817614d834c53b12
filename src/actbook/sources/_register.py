"""The data model of the source register: articles, statements, verdicts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actbook import validation

VERDICTS: tuple[str, ...] = (
    "confirmed",
    "imprecise",
    "wrong",
    "convention",
    "unsupported",
    "pending",
)
"""The verdicts a statement can receive (see :mod:`actbook.sources`)."""

CHAPTERS: dict[str, str] = {
    "neuron-model": "the neuron model",
    "sigmoid-tanh": "sigmoid and tanh",
    "zero-centred": "zero-centred outputs",
    "vanishing-gradients": "vanishing and exploding gradients",
    "relu-family": "the ReLU family",
    "initialization": "weight initialization",
    "dropout": "dropout",
    "batch-normalization": "batch normalization",
}
"""The book's chapters by file name (``book/chapters/<name>.md``), written or planned."""


@dataclass(frozen=True)
class Article:
    """One source article.

    Attributes
    ----------
    id : str
        ``"S1"`` ... ``"S5"``.
    title : str
        The original title, in the article's language.
    title_en : str
        An English translation of the title.
    language : str
        A BCP 47 tag: ``"zh-CN"``, ``"zh-TW"`` or ``"it"``.
    covers : str
        What the article covers, in English (translated through the catalogs).
    """

    id: str
    title: str
    title_en: str
    language: str
    covers: str


ARTICLES: dict[str, Article] = {
    a.id: a
    for a in (
        Article(
            "S1",
            "谈谈激活函数以零为中心的问题",
            "On zero-centred activation functions",
            "zh-CN",
            "A blog post: the neuron model and its biological picture, the sigmoid with a shape "
            "parameter and the hyperbolic tangent with their derivatives, and why outputs that "
            "are not centred on zero make gradient descent zig-zag.",
        ),
        Article(
            "S2",
            "淺談神經網絡中的激活函數",
            "A brief look at activation functions in neural networks",
            "zh-TW",
            "An article: why networks need nonlinear activations, the logistic function, the "
            "hyperbolic tangent and the rectifier, and the product of derivatives that makes "
            "the gradient of a deep sigmoid network vanish.",
        ),
        Article(
            "S3",
            "百面 深度神经网络中的激活函数",
            "Activation functions in deep neural networks (interview questions)",
            "zh-CN",
            "Interview questions with answers: the formulas and derivatives of the common "
            "activations, saturation, the rectifier and its variants, universal approximation, "
            "initialization, dropout and batch normalization.",
        ),
        Article(
            "S4",
            "深度學習解密:我的梯度怎麼消失了?",
            "Deep learning demystified: where did my gradient go?",
            "zh-TW",
            "An article: gradient descent and its step size, vanishing and exploding gradients "
            "in a chain of sigmoid neurons, why the first layers learn slowest, and the rectifier "
            "and its leaky variant as a remedy.",
        ),
        Article(
            "S5",
            "Perché le funzioni di attivazione non centrate sullo zero sono un problema "
            "nella backpropagation?",
            "Why are activation functions that are not zero-centred a problem in backpropagation?",
            "it",
            "A question with its answers: the sign of the weight updates of a neuron whose "
            "inputs are all positive, the zig-zag path it forces on gradient descent, and two "
            "remedies.",
        ),
    )
}
"""The five source articles by id."""

_ID = re.compile(r"^S[1-5]\.[a-z0-9]+(-[a-z0-9]+)*$")

REGISTER: dict[str, Statement] = {}
"""Every statement by id, in registration order (article by article, in article order)."""


@dataclass(frozen=True)
class Statement:
    """One checkable statement of a source article, and the book's verdict on it.

    Attributes
    ----------
    id : str
        Stable identifier ``"S<n>.<name>"`` (lower case, hyphens); an anchor on the
        sources pages, so it never changes once published.
    article : str
        ``"S1"`` ... ``"S5"``.
    location : str
        Where in the article, in its own words: headings or a paragraph's opening
        words, verbatim, from the outermost in, joined by ``" · "``; a trailing ``…``
        marks a cut.
    quote : str
        The article's own words, verbatim: a phrase or one sentence, no more.
    claim : str
        What the statement claims, in English (translated through the catalogs).
    verdict : str
        One of :data:`VERDICTS`.
    correction : str
        What holds instead, for ``imprecise`` and ``wrong``, and the context of a
        ``convention`` or an ``unsupported`` statement (required for all four);
        empty for ``confirmed`` and ``pending`` (judged once its chapter exists).
    claims : tuple of str
        Ids of :mod:`actbook.claims` whose values decide the verdict.
    chapter : str
        The chapter (a key of :data:`CHAPTERS`) that checks the statement.
    section : str
        The label of the section that checks it (``""`` while ``pending``).
    outline : tuple of str
        The points of the brief's outline (``sources.md``) it belongs to, e.g. ``"S1.6"``;
        empty for a statement the outline leaves out.
    """

    id: str
    article: str
    location: str
    quote: str
    claim: str
    verdict: str
    chapter: str
    correction: str = ""
    claims: tuple[str, ...] = ()
    section: str = ""
    outline: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("id", "article", "location", "quote", "claim", "verdict", "chapter"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise TypeError(f"{name} must be a non-empty string, got {getattr(self, name)!r}")
        if not _ID.match(self.id) or not self.id.startswith(self.article + "."):
            raise ValueError(f"id must look like '{self.article}.some-name', got {self.id!r}")
        validation.one_of(self.article, "article", ARTICLES)
        validation.one_of(self.verdict, "verdict", VERDICTS)
        validation.one_of(self.chapter, "chapter", CHAPTERS)
        if self.verdict not in ("confirmed", "pending") and not self.correction:
            raise ValueError(f"{self.id}: a verdict of {self.verdict!r} needs a correction")
        if self.verdict in ("confirmed", "pending") and self.correction:
            raise ValueError(f"{self.id}: a {self.verdict} statement takes no correction")
        if (self.verdict == "pending") == bool(self.section):
            raise ValueError(
                f"{self.id}: a section is given exactly when the verdict is not pending"
            )
        for name in ("claims", "outline"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise TypeError(f"{name} must be a tuple of strings, got {value!r}")

    @property
    def language(self) -> str:
        """The language of the quote, its article's."""
        return ARTICLES[self.article].language


def statements_of(article: str) -> list[Statement]:
    """Return the statements of one article, in the article's order.

    Examples
    --------
    >>> [s.article for s in statements_of("S5")][:1]
    ['S5']
    """
    validation.one_of(article, "article", ARTICLES)
    return [s for s in REGISTER.values() if s.article == article]


def register(*statements: Statement) -> None:
    """Add statements to :data:`REGISTER`; an id may be registered once."""
    for statement in statements:
        if statement.id in REGISTER:
            raise ValueError(f"statement id {statement.id!r} is registered twice")
        REGISTER[statement.id] = statement
