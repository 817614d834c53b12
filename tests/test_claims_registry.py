"""The claim registry's own arguments: ``claim``, the lookups and the formatters.

Regressions of the fuzz suite: every bad argument raises ``TypeError`` (wrong kind) or
``ValueError`` (wrong value) naming the parameter, at registration rather than when the
book renders the claim.
"""

import math
import re
from pathlib import Path

import numpy as np
import pytest

from actbook import claims
from actbook.claims import REGISTRY, Claim, claim, fixed, get_claim, integer, percent, ratio, sci

KNOWN_ID = "vanishing.sigmoid_bound_3"
VALID = {"fmt": ".3f", "statement": "A statement.", "method": "A method."}


@pytest.fixture
def register():
    """Register a claim ``test.example`` from keyword arguments; leave the registry as it was."""
    known = set(REGISTRY)

    def call(**overrides):
        claim("test.example", **{**VALID, **overrides})(lambda: 0.25)
        return REGISTRY["test.example"]

    yield call
    for key in set(REGISTRY) - known:
        del REGISTRY[key]


def test_a_valid_claim_is_registered_as_given(register):
    c = register(papers=["glorot2010", "he2015delving"])
    assert isinstance(c, Claim)
    assert c.render() == "0.250"
    assert c.papers == ("glorot2010", "he2015delving")
    assert c.volatile is False


def test_claim_accepts_numpy_booleans_and_callable_formats(register):
    c = register(volatile=np.True_, fmt=str)
    assert c.volatile is True
    assert c.render(c.measure()) == "0.25"  # a timing: measured on request, not stored here


@pytest.mark.parametrize(
    ("param", "bad", "error"),
    [
        ("id", 5, TypeError),
        ("id", None, TypeError),
        ("id", "noperiod", ValueError),
        ("fmt", 5, TypeError),
        ("fmt", None, TypeError),
        ("fmt", ".3q", ValueError),  # used to fail only when the book rendered it
        ("fmt", "s", ValueError),  # a spec for strings, not numbers
        ("statement", None, TypeError),
        ("statement", 5, TypeError),
        ("statement", b"text", TypeError),
        ("method", None, TypeError),
        ("method", 5, TypeError),
        ("method", b"text", TypeError),
        ("papers", "glorot2010", TypeError),  # used to become ('g', 'l', ...)
        ("papers", None, TypeError),
        ("papers", [5], TypeError),
        ("papers", ["glorot2010", None], TypeError),
        ("papers", ["S1"], ValueError),  # articles are linked through the source register
        ("volatile", 1, TypeError),
        ("volatile", 0, TypeError),
        ("volatile", "True", TypeError),
        ("volatile", None, TypeError),
        ("volatile", 1.0, TypeError),
    ],
)
def test_claim_refuses_bad_arguments_naming_them(register, param, bad, error):
    known = set(REGISTRY)
    with pytest.raises(error, match=rf"^{param}"):
        if param == "id":
            claim(bad, **VALID)
        else:
            register(**{param: bad})
    assert set(REGISTRY) == known


def test_claim_accepts_a_format_spec_for_integers_only(register):
    assert register(fmt="d").fmt(538) == "538"


def test_papers_of_every_claim_are_in_the_bibliography():
    bib = (Path(__file__).resolve().parent.parent / "book" / "references.bib").read_text()
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M))
    for claim_id, c in REGISTRY.items():
        assert set(c.papers) <= keys, f"{claim_id}: unknown papers {set(c.papers) - keys}"


@pytest.mark.parametrize("lookup", [get_claim, claims.render])
@pytest.mark.parametrize("bad", [5, None, [KNOWN_ID], b"vanishing.sigmoid_bound_3"])
def test_lookups_refuse_ids_that_are_not_strings(lookup, bad):
    with pytest.raises(TypeError, match="^id must be a claim id string"):
        lookup(bad)


@pytest.mark.parametrize("lookup", [get_claim, claims.render])
def test_lookups_of_an_unknown_id_raise_key_error(lookup):
    with pytest.raises(KeyError, match="unknown claim id 'no.such'"):
        lookup("no.such")


def test_lookups_accept_numpy_strings():
    assert get_claim(np.str_(KNOWN_ID)).id == KNOWN_ID
    assert claims.render(np.str_(KNOWN_ID)) == "0.015625"


@pytest.mark.parametrize("bad", ["abc", object(), 1j, True, [0.5]])
def test_claim_render_refuses_values_that_are_not_real_numbers(bad):
    with pytest.raises(TypeError, match="^value must be a real number"):
        get_claim(KNOWN_ID).render(bad)


@pytest.mark.parametrize("value", [0.015625, np.float64(0.015625), np.float32(0.015625)])
def test_claim_render_of_a_given_value(value):
    assert get_claim(KNOWN_ID).render(value) == "0.015625"


@pytest.mark.parametrize(
    ("make", "param", "bad", "error"),
    [
        *[
            (sci, "digits", bad, TypeError)
            for bad in [2.5, 2.0, np.float64(2), True, "3", None, 3j]
        ],
        (sci, "digits", 0, ValueError),
        *[
            (make, "decimals", bad, TypeError)
            for make in (fixed, ratio, percent)
            for bad in [2.5, 2.0, np.float64(2), True, "2", None, 2j]
        ],
        *[(make, "decimals", -1, ValueError) for make in (fixed, ratio, percent)],
    ],
)
def test_formatter_factories_refuse_bad_settings_naming_them(make, param, bad, error):
    with pytest.raises(error, match=rf"^{param} must be an integer"):
        make(bad)


@pytest.mark.parametrize(
    ("formatter", "expected"),
    [
        (sci(3), "1.23 × 10⁻¹"),
        (sci(np.int64(2)), "1.2 × 10⁻¹"),
        (fixed(0), "0"),
        (fixed(np.uint8(2)), "0.12"),
        (ratio(1), "0.1×"),
        (percent(1), "12.3 %"),
    ],
)
def test_formatter_factories_accept_python_and_numpy_integers(formatter, expected):
    assert formatter(0.123456) == expected


@pytest.mark.parametrize("formatter", [sci(2), fixed(1), ratio(1), percent(1)])
@pytest.mark.parametrize("bad", ["0.5", None, True, 1j])
def test_formatters_refuse_values_that_are_not_real_numbers(formatter, bad):
    with pytest.raises(TypeError, match="^value must be a real number"):
        formatter(bad)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("3", TypeError),
        (True, TypeError),
        (None, TypeError),
        (3j, TypeError),
        (2.5, ValueError),
        (math.nan, ValueError),
        (math.inf, ValueError),
        (-math.inf, ValueError),
    ],
)
def test_integer_formatter_refuses_bad_values_naming_value(value, error):
    with pytest.raises(error, match="^value must be"):
        integer(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (538, "538"),
        (538.0, "538"),
        (np.int64(538), "538"),
        (np.float32(13), "13"),
        (2**60 + 1, str(2**60 + 1)),
    ],
)
def test_integer_formatter(value, expected):
    assert integer(value) == expected


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_sci_refuses_non_finite_values_naming_value(bad):
    with pytest.raises(ValueError, match="^value must be finite"):
        sci(2)(bad)
