"""The ``{measured-on}`` role: the machine and date of the book's stored timings.

The timing claims show values stored by ``make remeasure``
(:mod:`actbook.claims.measurements`); the prose names the machine next to them with
``{measured-on}`machine``` (processor, cores, system, Python, NumPy and BLAS) and
``{measured-on}`date``` (the date, in the page's language).
"""

from __future__ import annotations

import datetime
from typing import Any

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx

from actbook.claims import measurements
from actbook.sphinxext.interface import message

MEASURED_CLASS = "actbook-measured-on"
KEYS = ("machine", "date")
# Babel's locale for each Sphinx language the book is built in.
BABEL_LOCALES = {"en": "en", "zh_CN": "zh_Hans_CN", "zh_TW": "zh_Hant_TW", "it": "it"}


def measured_on(key: str, language: str, stored: dict[str, Any] | None = None) -> str:
    """The stored machine (``key="machine"``) or date (``"date"``) in ``language``.

    >>> facts = {"processor": "AMD EPYC", "cores": 2, "system": "Linux 6.1", "python": "3.11.7",
    ...          "numpy": "2.4.6", "blas": "scipy-openblas 0.3.31", "date": "2026-11-30"}
    >>> measured_on("machine", "en", {"machine": facts})
    'AMD EPYC (2 cores), Linux 6.1, Python 3.11.7, NumPy 2.4.6 with scipy-openblas 0.3.31'
    >>> measured_on("date", "it", {"machine": facts})
    '30 novembre 2026'
    >>> measured_on("speed", "en", {"machine": facts})
    Traceback (most recent call last):
    ...
    ValueError: key must be one of ('machine', 'date'), got 'speed'
    """
    if key not in KEYS:
        raise ValueError(f"key must be one of {KEYS}, got {key!r}")
    if language not in BABEL_LOCALES:
        raise ValueError(f"language must be one of {tuple(BABEL_LOCALES)}, got {language!r}")
    facts = (stored or measurements.load())["machine"]
    if key == "date":
        day = datetime.date.fromisoformat(facts["date"])
        return format_date(day, format="long", locale=BABEL_LOCALES[language])
    return message(
        "{processor} ({cores} cores), {system}, Python {python}, NumPy {numpy} with {blas}",
        **facts,
    )


def measured_on_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{measured-on}`machine``` or ``{measured-on}`date```: see :func:`measured_on`."""
    language = inliner.document.settings.env.config.language or "en"
    key = text.strip()
    try:
        shown = measured_on(key, language)
    except ValueError as error:
        message_node = inliner.reporter.error(f"measured-on: {error}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message_node)], [message_node]
    # The date never breaks across lines ("2026年11 / 月30日" on a phone).
    return [nodes.inline(rawtext, shown, classes=[MEASURED_CLASS, f"{MEASURED_CLASS}-{key}"])], []


def setup_measured_on(app: Sphinx) -> None:
    app.add_role("measured-on", measured_on_role)
