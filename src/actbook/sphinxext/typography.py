"""Emphasis in Chinese pages: upright, with emphasis dots for Chinese, italics for Latin words.

Chinese fonts have no italics, so a browser slants the glyphs itself (a synthetic
oblique) when it meets ``<em>`` in Chinese text. ``typography.css`` sets emphasis in
Chinese pages upright and marks it with emphasis dots (着重号), the mark Chinese
typography uses. Dots under Latin letters (``LeCun <em>et al.</em>``, *swish*) are
not a Chinese convention, though: those words keep the italics of a Latin font.
:class:`MarkLatinEmphasis` tells the stylesheet which they are.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

LATIN_CLASS = "latin"
#: CJK ideographs (with extension A and compatibility ideographs), CJK punctuation,
#: full-width forms.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a Chinese character or Chinese punctuation.

    >>> has_cjk("逻辑斯谛 sigmoid 函数"), has_cjk("et al."), has_cjk("swish；")
    (True, False, True)
    """
    return CJK.search(text) is not None


class MarkLatinEmphasis(SphinxPostTransform):
    """Give ``<em>`` without any Chinese character the class ``latin``, in Chinese builds.

    A post-transform (after references are resolved), so that the emphasis that
    sphinxcontrib-bibtex writes into citations ("LeCun *et al.*") is marked too.
    """

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if not (self.config.language or "").startswith("zh"):
            return
        for emphasis in self.document.findall(nodes.emphasis):
            if not has_cjk(emphasis.astext()):
                emphasis["classes"].append(LATIN_CLASS)


def setup_typography(app: Sphinx) -> None:
    """Register the emphasis marker."""
    app.add_post_transform(MarkLatinEmphasis)
    app.add_css_file("typography.css")
