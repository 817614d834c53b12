"""Claim values written by the number conventions of the page's language.

A claim's ``fmt`` writes its value once, in English: ``0.25``, ``96.4 %``, ``-0.138``,
``2.06 × 10⁻⁹``, ``0.6×``, ``0.1–0.5``. :func:`localized_number_text` rewrites that text
for a page's language, so every place that shows a value in a language (the ``{claim}``
role, hence the ledger, the claims' tooltips, the downloaded notebooks, ``check_html``)
shows the same text:

- English (``en``): ``0.25``, ``12,013``, ``96.4 %``, ``2.06 × 10⁻⁹``;
- Italian (``it``): ``0,25``, ``12.013``, ``96,4 %``, ``2,06 × 10⁻⁹``;
- Chinese (``zh_CN``, ``zh_TW``): ``0.25``, ``12,013``, ``96.4%`` (no space before the
  percent sign), ``2.06 × 10⁻⁹``.

- Scientific notation is the same everywhere: mantissa, ``× 10``, superscript exponent;
  only the mantissa's decimal mark follows the language. Signs, ranges (``–``), ratios
  (``1.5×``), fractions (``1/8``) and powers (``2⁻²⁴``) keep their characters.
- Thousands: a value is grouped only if its ``fmt`` groups it (English ``12,013``); the
  conversion never adds or removes a separator, it maps it: Italian takes the point of its
  standard (CLDR, ``babel.numbers.format_decimal(12013, locale="it")`` is ``12.013``),
  Chinese keeps the comma. The registry's ``fmt`` write integers ungrouped (``575040``),
  so these read the same in every language.
- A value never breaks across lines: its spaces become no-break spaces (U+00A0), in every
  language, English included (it looks the same). In HTML, ``span.claim`` also has
  ``white-space: nowrap`` (``claims.css``); the spaces matter where no stylesheet applies,
  as in a notebook's markdown.

The input is the English text: converting a converted text again is not supported (an
Italian ``12.013`` would read as an English decimal).
"""

from __future__ import annotations

import re
from typing import NamedTuple

NBSP = "\u00a0"


class NumberStyle(NamedTuple):
    """How a language writes a number: its decimal mark, thousands separator, and the
    space between a number and its percent sign."""

    decimal: str
    thousands: str
    before_percent: str


ENGLISH = NumberStyle(".", ",", NBSP)
#: By Sphinx language, lower case, with ``_`` (``zh-cn`` and ``zh_CN`` both find Chinese).
STYLES = {
    "en": ENGLISH,
    "it": NumberStyle(",", ".", NBSP),
    "zh_cn": NumberStyle(".", ",", ""),
    "zh_tw": NumberStyle(".", ",", ""),
}

# A number as English writes it: grouped by threes (12,013.5) or not (0.25, 575040).
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d+(?:\.\d+)?")
_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]?%")


def number_style(language: str | None) -> NumberStyle:
    """Return the number style of a Sphinx language (or output folder); None is English.

    >>> number_style("zh-tw").before_percent
    ''
    >>> number_style("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of 'en', 'it', 'zh_CN', 'zh_TW' (or None for English), got 'fr'
    """
    if language is None:
        return ENGLISH
    key = language.replace("-", "_").lower() if isinstance(language, str) else None
    if key not in STYLES:
        raise ValueError(
            "language must be one of 'en', 'it', 'zh_CN', 'zh_TW' (or None for English), "
            f"got {language!r}"
        )
    return STYLES[key]


def localized_number_text(text: str, language: str | None) -> str:
    """Write a claim's English text by the number conventions of ``language``.

    Parameters
    ----------
    text : str
        The text of a claim's ``fmt``, in English (``"96.4 %"``).
    language : str or None
        A Sphinx language (``"en"``, ``"it"``, ``"zh_CN"``, ``"zh_TW"``) or the output
        folder of one (``"zh-cn"``); None is English.

    Returns
    -------
    str
        The text with the language's decimal mark, thousands separator and percent
        spacing, and no-break spaces for its spaces.

    Raises
    ------
    ValueError
        If ``language`` is none of these.

    Examples
    --------
    >>> localized_number_text("0.25", "it")
    '0,25'
    >>> localized_number_text("89.0 %", "it"), localized_number_text("89.0 %", "zh_CN")
    ('89,0\\xa0%', '89.0%')
    >>> localized_number_text("2.06 × 10⁻⁹", "it")
    '2,06\\xa0×\\xa010⁻⁹'
    >>> localized_number_text("12,013.5", "it"), localized_number_text("12,013.5", "zh_TW")
    ('12.013,5', '12,013.5')
    >>> localized_number_text("-0.1–0.5", "it"), localized_number_text("1.5×", "it")
    ('-0,1–0,5', '1,5×')
    >>> localized_number_text("96.4 %", "en")  # the same text, unbreakable
    '96.4\\xa0%'
    """
    style = number_style(language)
    if style.decimal != "." or style.thousands != ",":
        marks = str.maketrans({".": style.decimal, ",": style.thousands})
        text = _NUMBER.sub(lambda match: match[0].translate(marks), text)
    text = _PERCENT.sub(style.before_percent + "%", text)
    return text.replace(" ", NBSP)
