"""The claim registry: every number that the book's prose quotes.

A claim is a small function that computes one number with :mod:`actbook`, plus
what the book needs to show and audit it: a display format, the statement it
backs, how it is computed and the papers (``book/references.bib``) that report it.
What the five source articles say, and the verdicts on it, live in one place, the
source register (:mod:`actbook.sources`), whose statements name the claims that
decide them.

The prose never types a number: it writes ``{claim}`chapter.name``` and the
Sphinx extension :mod:`actbook.sphinxext` renders :func:`render` of that id.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from actbook import validation
from actbook.claims import measurements

SOURCE_ARTICLES: tuple[str, ...] = ("S1", "S2", "S3", "S4", "S5")


@dataclass(frozen=True)
class Claim:
    """One number quoted by the book.

    Attributes
    ----------
    id : str
        Stable identifier ``"chapter.name"``; it is also the ledger anchor.
    compute : callable
        Zero-argument function returning the value (a Python or NumPy scalar).
    fmt : callable
        Turns the value into the language-neutral text shown in the prose.
    statement : str
        What the book asserts, in English MyST (translated through the catalogs).
    method : str
        How the value is computed, in one English sentence.
    papers : tuple of str
        BibTeX keys of the papers that report the number (the source articles are
        linked through :mod:`actbook.sources` instead).
    volatile : bool
        True for measurements (timings) that differ between runs and machines:
        ``compute`` returns the value stored by ``make remeasure``
        (:mod:`actbook.claims.measurements`), so every build shows the same number.
    measure : callable or None
        For a timing, the zero-argument function that measures it afresh.
    """

    id: str
    compute: Callable[[], Any]
    fmt: Callable[[Any], str]
    statement: str
    method: str
    papers: tuple[str, ...] = ()
    volatile: bool = False
    measure: Callable[[], Any] | None = None

    def render(self, value: Any | None = None) -> str:
        """Return the display text of ``value`` (computed when omitted): a real number."""
        return self.fmt(self.compute() if value is None else _number(value, "value"))


REGISTRY: dict[str, Claim] = {}


def _number(value: Any, name: str) -> Any:
    """Return ``value`` if it is a real number (Python or NumPy, not bool), as it is."""
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {value!r} ({type(value).__name__})")
    return value


def _as_formatter(fmt: str | Callable[[Any], str]) -> Callable[[Any], str]:
    if callable(fmt):
        return fmt
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format spec string or a callable, got {type(fmt).__name__}")
    for sample in (0.25, 1):  # a spec for floats, or one for integers only ("d")
        try:
            format(sample, fmt)
            break
        except ValueError:
            continue
    else:
        raise ValueError(f"fmt must be a format spec for numbers, got {fmt!r}")
    return lambda value: format(value, fmt)


def claim(
    id: str,
    *,
    fmt: str | Callable[[Any], str],
    statement: str,
    method: str,
    papers: tuple[str, ...] | list[str] = (),
    volatile: bool = False,
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated zero-argument function as claim ``id``.

    Examples
    --------
    >>> from actbook.claims._registry import claim, REGISTRY
    >>> @claim("doc.example", fmt=".3f", statement="An example.", method="A constant.")
    ... def _example():
    ...     return 0.25
    >>> REGISTRY["doc.example"].render()
    '0.250'
    >>> del REGISTRY["doc.example"]
    """
    if not isinstance(id, str):
        raise TypeError(f"id must be a string 'chapter.name', got {id!r} ({type(id).__name__})")
    if id.count(".") != 1 or not all(id.split(".")):
        raise ValueError(f"id must look like 'chapter.name', got {id!r}")
    formatter = _as_formatter(fmt)
    statement = _text(statement, "statement")
    method = _text(method, "method")
    papers = tuple(validation.sequence(papers, "papers", _text, min_length=0))
    for paper in papers:
        if paper in SOURCE_ARTICLES:
            raise ValueError(
                f"papers must be BibTeX keys, got {paper!r}: a source article is linked by "
                "listing the claim in the statements of actbook.sources that it decides"
            )
    volatile = validation.boolean(volatile, "volatile")

    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        if id in REGISTRY:
            raise ValueError(f"claim id {id!r} is registered twice")
        REGISTRY[id] = Claim(
            id=id,
            # A timing shows its stored measurement; func measures it again.
            compute=functools.partial(measurements.stored_value, id) if volatile else func,
            fmt=formatter,
            statement=statement,
            method=method,
            papers=papers,
            volatile=volatile,
            measure=func if volatile else None,
        )
        return func

    return register


def get_claim(id: str) -> Claim:
    """Return the claim registered as ``id``.

    >>> get_claim("no.such")
    Traceback (most recent call last):
    ...
    KeyError: "unknown claim id 'no.such'"
    """
    if not isinstance(id, str):
        raise TypeError(f"id must be a claim id string, got {id!r} ({type(id).__name__})")
    try:
        return REGISTRY[id]
    except KeyError:
        raise KeyError(f"unknown claim id {id!r}") from None


def render(id: str) -> str:
    """Compute claim ``id`` and return its display text."""
    return get_claim(id).render()


# Language-neutral formatters: digits, signs and math symbols only, no words.
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def sci(digits: int) -> Callable[[Any], str]:
    """Format as ``m × 10ⁿ`` with ``digits`` significant digits.

    >>> sci(3)(0.25 ** 20)
    '9.09 × 10⁻¹³'
    >>> sci(2)(0.0)
    '0'
    """
    digits = validation.integer(digits, "digits", minimum=1)

    def format_sci(value: Any) -> str:
        value = float(_number(value, "value"))
        if not math.isfinite(value):
            raise ValueError(f"value must be finite, got {value}")
        if value == 0.0:
            return "0"
        exponent = math.floor(math.log10(abs(value)))
        mantissa = value / 10.0**exponent
        if round(abs(mantissa), digits - 1) >= 10.0:
            mantissa /= 10.0
            exponent += 1
        if exponent == 0:
            return f"{mantissa:.{digits - 1}f}"
        return f"{mantissa:.{digits - 1}f} × 10{str(exponent).translate(_SUPERSCRIPT)}"

    return format_sci


def fixed(decimals: int) -> Callable[[Any], str]:
    """Format with a fixed number of decimals.

    >>> fixed(2)(1 / 3)
    '0.33'
    """
    decimals = validation.integer(decimals, "decimals", minimum=0)
    return lambda value: f"{float(_number(value, 'value')):.{decimals}f}"


def integer(value: Any) -> str:
    """Format an integral value without decimals.

    >>> integer(538.0)
    '538'
    """
    if isinstance(_number(value, "value"), int | np.integer):
        return str(int(value))
    if not float(value).is_integer():  # 2.5, NaN and infinities
        raise ValueError(f"value must be integral, got {value!r}")
    return str(int(value))


def ratio(decimals: int = 1) -> Callable[[Any], str]:
    """Format a ratio as ``k×``.

    >>> ratio(1)(6.04)
    '6.0×'
    """
    decimals = validation.integer(decimals, "decimals", minimum=0)
    return lambda value: f"{float(_number(value, 'value')):.{decimals}f}×"


def percent(decimals: int = 1) -> Callable[[Any], str]:
    """Format a fraction in [0, 1] as a percentage.

    >>> percent(1)(0.8342)
    '83.4 %'
    """
    decimals = validation.integer(decimals, "decimals", minimum=0)
    return lambda value: f"{100.0 * float(_number(value, 'value')):.{decimals}f} %"
