"""Fuzz every public callable of actbook with bad input (the fuzz-suite issue).

Every public callable -- each module's ``__all__``, the constructors and public methods
of its classes -- has a specification in ``fuzz_specs.py``: valid baseline arguments and
a kind per parameter (``fuzz_engine.py``). From the kinds come the cases: wrong types,
NaN and infinities, NumPy scalars, empty and 0-d arrays, wrong and broadcastable
shapes, out-of-range values. Each case must end in

- a correct result, checked against an independent computation (mpmath references,
  the same call with the equivalent Python number), or
- a ``TypeError`` (wrong kind of value) or ``ValueError`` (wrong value) whose message
  names the parameter (and, for a gradient, both shapes),

with no other exception, no warning, no input modified, and bad values refused within
2 s (before any work starts). Two kinds of tests drive them:

- ``test_case``: every case of the tables, deterministically;
- ``test_fuzz_*``: Hypothesis draws further values (scalars around the valid range,
  arrays of every dtype and shape with NaN, infinities, extremes and subnormals) and
  judges each by the same rules.

The counts and every failure go to ``_build/fuzz-report.json``.
"""

from __future__ import annotations

from pathlib import Path

import fuzz_specs
import pytest
from fuzz_engine import RECORDS, Array, parameters, record, run_case, write_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPORT = Path(__file__).resolve().parents[1] / "_build" / "fuzz-report.json"
SPECS = fuzz_specs.SPECS
CASES = [(spec, c) for spec in SPECS.values() for c in spec.cases()]
SCALARS = [
    (spec, param)
    for spec in SPECS.values()
    for param in spec.hypothesis_params()
    if not isinstance(spec.kinds[param], Array)
]
ARRAYS = [
    (spec, param)
    for spec in SPECS.values()
    for param in spec.hypothesis_params()
    if isinstance(spec.kinds[param], Array)
]
FUZZ = dict(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    if not RECORDS:  # no case ran (a selection of other tests): keep the last report
        return
    summary = write_report(REPORT)
    print(f"\nfuzz cases: {summary['cases']}, outcomes: {summary['outcomes']} -> {REPORT}")


def _case_id(spec, c) -> str:
    return spec.target if not c.param else f"{spec.target}({c.param}={c.label})"


def _judge(spec, c, source: str) -> None:
    outcome = run_case(spec, c)
    record(spec, c, outcome, source)
    if outcome.problems:
        pytest.fail("\n".join(outcome.problems), pytrace=False)


# --------------------------------------------------------------------------------------
# Nothing public escapes the suite
# --------------------------------------------------------------------------------------


def test_every_public_module_is_fuzzed_or_excluded():
    known = set(fuzz_specs.PUBLIC_MODULES) | set(fuzz_specs.EXCLUDED_MODULES)
    unknown = [m for m in fuzz_specs.top_level_modules() if m not in known]
    assert not unknown, f"public modules neither fuzzed nor excluded: {unknown}"


def test_every_public_callable_has_a_spec():
    public = fuzz_specs.public_callables()
    missing = [t for t, kind in public.items() if not kind.startswith("skip") and t not in SPECS]
    assert not missing, f"public callables without a fuzz spec: {missing}"


def test_every_spec_is_of_a_public_callable():
    public = fuzz_specs.public_callables()
    stale = [t for t in SPECS if t not in public or public[t].startswith("skip")]
    assert not stale, f"specs of callables that are not public (renamed or removed?): {stale}"


@pytest.mark.parametrize("target", sorted(SPECS))
def test_spec_covers_every_parameter(target):
    spec = SPECS[target]
    params = parameters(target)
    assert params is not None, f"{target} cannot be imported"
    covered = set(spec.kinds) | set(spec.unfuzzed)
    assert not set(params) - covered, f"parameters without a kind: {sorted(set(params) - covered)}"
    assert not covered - set(params), f"not parameters of {target}: {sorted(covered - set(params))}"


# --------------------------------------------------------------------------------------
# The tables
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "c"), CASES, ids=[_case_id(s, c) for s, c in CASES])
def test_case(spec, c):
    _judge(spec, c, "table")


# --------------------------------------------------------------------------------------
# Hypothesis
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "param"), SCALARS, ids=[f"{s.target}({p})" for s, p in SCALARS])
@settings(max_examples=6, **FUZZ)
@given(data=st.data())
def test_fuzz_scalar(spec, param, data):
    _judge(spec, data.draw(spec.strategy(param), label=param), "hypothesis")


@pytest.mark.parametrize(("spec", "param"), ARRAYS, ids=[f"{s.target}({p})" for s, p in ARRAYS])
@settings(max_examples=12, **FUZZ)
@given(data=st.data())
def test_fuzz_array(spec, param, data):
    _judge(spec, data.draw(spec.strategy(param), label=param), "hypothesis")
