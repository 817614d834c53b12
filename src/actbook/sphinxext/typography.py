"""Emphasis in Chinese pages (upright, with emphasis dots) and *et al.* in italics everywhere.

Chinese fonts have no italics, so a browser slants the glyphs itself (a synthetic
oblique) when it meets ``<em>`` in Chinese text. ``typography.css`` sets emphasis in
Chinese pages upright and marks it with emphasis dots (*zhuózhònghào*), the mark
Chinese typography uses. Dots under Latin letters (*logit*, *swish*) are not a
Chinese convention, though: those words keep the italics of a
Latin font.
:class:`MarkLatinEmphasis` tells the stylesheet which they are.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

LATIN_CLASS = "latin"
#: CJK ideographs (with extension A and compatibility ideographs), CJK punctuation,
#: full-width forms.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a Chinese character or Chinese punctuation.

    Latin words, with their spaces and punctuation, have none; a full-width (Chinese)
    punctuation mark is enough:

    >>> has_cjk("logistic sigmoid"), has_cjk("et al."), has_cjk("swish\N{FULLWIDTH SEMICOLON}")
    (False, False, True)
    """
    return CJK.search(text) is not None


class MarkLatinEmphasis(SphinxPostTransform):
    """Give ``<em>`` without any Chinese character the class ``latin``, in Chinese builds.

    A post-transform (after references are resolved), so that emphasis that a resolved
    reference brings (a citation style's *et al.*) would be marked too.
    """

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if not (self.config.language or "").startswith("zh"):
            return
        for emphasis in self.document.findall(nodes.emphasis):
            if not has_cjk(emphasis.astext()):
                emphasis["classes"].append(LATIN_CLASS)


#: The Latin abbreviation, as a word: not the end of "Donald", not "et alia".
ET_AL = re.compile(r"(?<![\w])et al\.")
#: Text whose characters are not the book's prose: code, formulas, raw markup, and
#: emphasis already (an *et al.* inside emphasis is set as the emphasis is).
NOT_PROSE = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.math,
    nodes.raw,
    nodes.emphasis,
    nodes.comment,
    nodes.substitution_definition,
)


def italic_et_al(text: str) -> list[nodes.Node]:
    """Split ``text`` into text and emphasis nodes, *et al.* in the emphasis.

    >>> [node.astext() for node in italic_et_al("He et al. and Maas et al.")]
    ['He ', 'et al.', ' and Maas ', 'et al.']
    >>> [type(node).__name__ for node in italic_et_al("Glorot et al.")]
    ['Text', 'emphasis']
    >>> italic_et_al("Donald et alia") == [nodes.Text("Donald et alia")]
    True
    """
    parts: list[nodes.Node] = []
    at = 0
    for match in ET_AL.finditer(text):
        if match.start() > at:
            parts.append(nodes.Text(text[at : match.start()]))
        parts.append(nodes.emphasis(match[0], match[0]))
        at = match.end()
    if at < len(text):
        parts.append(nodes.Text(text[at:]))
    return parts


class ItalicEtAl(SphinxTransform):
    """Set *et al.* in italics where the prose has it upright, in every language.

    The textual citations set it in italics (their pattern is ``"{first} *et al.*"``,
    the convention for a Latin abbreviation), and the same page also names authors in
    running text ("as He et al. did"): both now read alike. Runs after Sphinx's
    ``Locale`` transform (priority 20), so translated paragraphs are set alike too.
    """

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if "et al." not in text or any(isinstance(a, NOT_PROSE) for a in _ancestors(text)):
                continue
            text.parent.replace(text, italic_et_al(str(text)))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


#: Punctuation that Chinese typography never sets at the start of a line (closing marks).
CLOSING_PUNCTUATION = "，。、；：！？）」』”’》〉"
NOBREAK_CLASS = "actbook-nobreak"


def bind_closing_punctuation(node: nodes.Element) -> bool:
    """Keep ``node`` and a closing Chinese punctuation mark right after it on one line.

    A browser may break a line between an inline formula (or a claim's value) and the
    "，" that follows it, which then starts the next line. The node and the mark move
    into one ``<span class="actbook-nobreak">`` (no break inside). Returns whether it did.

    >>> paragraph = nodes.paragraph("", "", nodes.math("", "x"), nodes.Text("，and so on"))
    >>> bind_closing_punctuation(paragraph[0]), paragraph.astext()
    (True, 'x，and so on')
    >>> paragraph[0]["classes"], paragraph[0].astext(), paragraph[1].astext()
    (['actbook-nobreak'], 'x，', 'and so on')
    """
    parent = node.parent
    if parent is None:
        return False
    index = parent.index(node)
    if index + 1 >= len(parent) or not isinstance(parent[index + 1], nodes.Text):
        return False
    text = str(parent[index + 1])
    if not text or text[0] not in CLOSING_PUNCTUATION:
        return False
    parent.remove(node)
    parent.replace(parent[index], nodes.Text(text[1:]))
    parent.insert(index, nodes.inline("", "", node, nodes.Text(text[0]), classes=[NOBREAK_CLASS]))
    if not text[1:]:
        parent.remove(parent[index + 1])
    return True


class BindClosingPunctuation(SphinxPostTransform):
    """In Chinese builds, keep formulas and claim values with the punctuation after them."""

    default_priority = 910
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if not (self.config.language or "").startswith("zh"):
            return
        targets = [
            node
            for node in self.document.findall(nodes.Inline)
            if isinstance(node, nodes.math) or "claim" in node.get("classes", [])
        ]
        for node in targets:
            bind_closing_punctuation(node)


def setup_typography(app: Sphinx) -> None:
    """Register *et al.* in italics, the emphasis marker and the binding of closing punctuation."""
    app.add_transform(ItalicEtAl)
    app.add_post_transform(MarkLatinEmphasis)
    app.add_post_transform(BindClosingPunctuation)
    app.add_css_file("typography.css")
