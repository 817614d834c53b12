"""actbook.timing with a fake clock (exact expected values), and the benchmark script."""

from __future__ import annotations

import gc
import importlib.util
import math
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from actbook import nn, timing
from actbook.timing import RatioTiming, Timing, peak_memory, time_callable, time_ratio


class FakeClock:
    """perf_counter stand-in: time advances only when a timed function says so."""

    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[str] = []

    def __call__(self) -> float:
        return self.now

    def costing(self, name: str, seconds: float):
        def function(*args):
            self.calls.append(name)
            self.now += seconds

        return function


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(timing.time, "perf_counter", fake)
    return fake


def test_timing_quartiles_by_hand():
    t = Timing.from_samples([4.0, 1.0, 3.0, 2.0, 5.0], number=2)
    assert (t.median, t.q1, t.q3) == (3.0, 2.0, 4.0)
    assert t.samples == (4.0, 1.0, 3.0, 2.0, 5.0) and t.number == 2


def test_time_callable_chooses_number_for_20_ms(clock):
    func = clock.costing("f", 0.003)
    t = time_callable(func, repeats=5)
    # 1 call = 3 ms < 20 ms; the next try aims at 1.2 * 20 ms: ceil(24 / 3) = 8 calls
    assert t.number == 8
    assert len(t.samples) == 5
    assert t.median == pytest.approx(0.003, rel=1e-12)
    assert t.q1 == pytest.approx(0.003, rel=1e-12) and t.q3 == pytest.approx(0.003, rel=1e-12)
    assert len(clock.calls) == 1 + 8 + 5 * 8


def test_auto_number_grows_at_most_tenfold(clock):
    func = clock.costing("f", 2.0**-20)  # about 1 us, exact in binary
    # 1 -> 10 -> 100 -> 1000 -> 10000 calls (9.5 ms), then ceil(10000 * 24 ms / 9.5 ms)
    assert timing._auto_number(func, ()) == math.ceil(10000 * 1.2 * 0.02 / (10000 * 2.0**-20))


def test_auto_number_with_a_clock_that_does_not_move(clock):
    # zero elapsed time must not divide by zero; the count grows tenfold until time passes
    calls = []

    def free_for_50_calls():
        calls.append(1)
        if len(calls) > 50:
            clock.now += 0.001

    # 1 + 10 calls are free; the 100 calls of the third try take 61 ms
    assert timing._auto_number(free_for_50_calls, ()) == 100


def test_explicit_number_and_arguments(clock):
    seen = []

    def func(a, b):
        seen.append((a, b))
        clock.now += 0.5

    t = time_callable(func, 1, 2, repeats=3, number=2)
    assert t.number == 2 and t.median == 0.5 and seen == [(1, 2)] * 6


def test_time_ratio_interleaves_and_pairs(clock):
    f, g = clock.costing("f", 0.006), clock.costing("g", 0.002)
    r = time_ratio(f, g, repeats=4, number=1)
    assert isinstance(r, RatioTiming)
    assert clock.calls == ["f", "g", "g", "f", "f", "g", "g", "f"]
    assert r.median == pytest.approx(3.0) and r.q1 == pytest.approx(3.0)
    assert r.first.median == pytest.approx(0.006) and r.second.median == pytest.approx(0.002)


def test_time_ratio_auto_number_per_function(clock):
    f, g = clock.costing("f", 0.030), clock.costing("g", 0.003)
    r = time_ratio(f, g, repeats=3)
    assert r.first.number == 1 and r.second.number == 8
    assert r.median == pytest.approx(10.0)


def test_ratio_from_timings_pairs_by_repeat():
    first = Timing.from_samples([2.0, 9.0, 4.0], 1)
    second = Timing.from_samples([1.0, 3.0, 4.0], 1)
    r = RatioTiming.from_timings(first, second)
    assert r.samples == (2.0, 3.0, 1.0) and r.median == 2.0


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: time_callable(len, [], repeats=2), ValueError, "repeats must be an integer >= 3"),
        (lambda: time_callable(len, [], repeats=0), ValueError, "repeats must be an integer >= 3"),
        (lambda: time_callable(len, [], repeats=3.0), TypeError, "repeats must be an integer"),
        (lambda: time_callable(len, [], repeats=True), TypeError, "repeats must be an integer"),
        (lambda: time_callable(len, [], repeats=None), TypeError, "repeats must be an integer"),
        (lambda: time_callable(len, [], repeats="5"), TypeError, "repeats must be an integer"),
        (lambda: time_callable(len, [], number=0), ValueError, "number must be a positive integer"),
        (lambda: time_callable(len, [], number=2.5), TypeError, "number must be a positive int"),
        (lambda: time_callable(len, [], number=True), TypeError, "number must be a positive int"),
        (lambda: time_callable(42), TypeError, r"func must be callable, got 42 \(int\)"),
        (lambda: time_callable(None), TypeError, "func must be callable, got None"),
        (lambda: time_ratio(len, "x", []), TypeError, "g must be callable, got 'x'"),
        (lambda: time_ratio(None, len, []), TypeError, "f must be callable, got None"),
        (lambda: time_ratio(len, len, [], number=-1), ValueError, "number must be a positive"),
        (lambda: time_ratio(len, len, [], number=1.0), TypeError, "number must be a positive"),
        (lambda: time_ratio(len, len, [], repeats=1), ValueError, "repeats must be an integer >="),
        (lambda: time_ratio(len, len, [], repeats=np.float64(5)), TypeError, "repeats must be"),
        (lambda: peak_memory("f"), TypeError, "func must be callable, got 'f'"),
        (lambda: peak_memory(None), TypeError, "func must be callable"),
        # the result classes
        (lambda: Timing.from_samples([], 1), ValueError, "samples must not be empty"),
        (lambda: Timing.from_samples(None, 1), TypeError, "samples must be an array of real"),
        (lambda: Timing.from_samples(["1"], 1), TypeError, "samples must be an array of real"),
        (lambda: Timing.from_samples([[1.0]], 1), ValueError, "samples must be a 1-d array"),
        (
            lambda: Timing.from_samples([1.0, np.nan], 1),
            ValueError,
            "samples must contain only finite numbers",
        ),
        (
            lambda: Timing.from_samples([1.0, np.inf], 1),
            ValueError,
            "samples must contain only finite numbers",
        ),
        (lambda: Timing.from_samples([1.0, -1.0], 1), ValueError, "samples must be numbers >= 0"),
        (lambda: Timing.from_samples([1.0], 0), ValueError, "number must be a positive integer"),
        (lambda: Timing.from_samples([1.0], 1.0), TypeError, "number must be a positive integer"),
        (
            lambda: Timing(-1.0, 0.0, 0.0, (0.0,), 1),
            ValueError,
            "median must be a finite number >= 0",
        ),
        (
            lambda: Timing(np.nan, 0.0, 0.0, (0.0,), 1),
            ValueError,
            "median must be a finite number >= 0",
        ),
        (lambda: Timing(0.0, "0", 0.0, (0.0,), 1), TypeError, "q1 must be a finite number >= 0"),
        (lambda: Timing(0.0, 0.0, 0.0, (), 1), ValueError, "samples must not be empty"),
        (lambda: Timing(0.0, 0.0, 0.0, (0.0,), None), TypeError, "number must be a positive"),
        (
            lambda: RatioTiming.from_timings(Timing.from_samples([1.0], 1), None),
            TypeError,
            "second must be a Timing, got NoneType",
        ),
        (
            lambda: RatioTiming.from_timings((1.0, 2.0), Timing.from_samples([1.0], 1)),
            TypeError,
            "first must be a Timing, got tuple",
        ),
        (
            lambda: RatioTiming.from_timings(
                Timing.from_samples([1.0, 2.0], 1), Timing.from_samples([1.0, 2.0, 3.0], 1)
            ),
            ValueError,
            "first and second must have as many samples, got 2 and 3",
        ),
        (
            lambda: RatioTiming.from_timings(
                Timing.from_samples([1.0, 2.0], 1), Timing.from_samples([1.0, 0.0], 1)
            ),
            ValueError,
            "second must have times > 0",
        ),
        (
            lambda: RatioTiming(1.0, 1.0, 1.0, (1.0,), Timing.from_samples([1.0], 1), "g"),
            TypeError,
            "second must be a Timing, got str",
        ),
        (
            lambda: RatioTiming(1.0, 1.0, np.inf, (1.0,), *[Timing.from_samples([1.0], 1)] * 2),
            ValueError,
            "q3 must be a finite number >= 0",
        ),
    ],
)
@pytest.mark.filterwarnings("error")
def test_invalid_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_numpy_integers_are_accepted_as_counts(clock):
    f, g = clock.costing("f", 0.006), clock.costing("g", 0.002)
    t = time_callable(f, repeats=np.int64(4), number=np.int32(2))
    assert len(t.samples) == 4 and t.number == 2 and type(t.number) is int
    assert t.median == pytest.approx(0.006)
    r = time_ratio(f, g, repeats=np.uint8(3), number=np.int64(1))
    assert len(r.samples) == 3 and r.median == pytest.approx(3.0)
    assert r.first.number == 1 and type(r.first.number) is int


def test_timing_from_numpy_samples_equals_from_python_samples():
    python = Timing.from_samples([4.0, 1.0, 3.0], number=2)
    numpy = Timing.from_samples(np.array([4.0, 1.0, 3.0]), number=np.int64(2))
    integers = Timing.from_samples(np.array([4, 1, 3]), number=2)
    assert python == numpy == integers
    assert all(type(v) is float for v in numpy.samples) and type(numpy.number) is int
    samples = np.array([4.0, 1.0, 3.0])
    Timing.from_samples(samples, 2)
    np.testing.assert_array_equal(samples, [4.0, 1.0, 3.0])  # not sorted in place


def test_garbage_collector_state_is_restored():
    assert gc.isenabled()
    time_callable(len, [], repeats=3, number=1)
    assert gc.isenabled()
    gc.disable()
    try:
        time_callable(len, [], repeats=3, number=1)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_peak_memory_counts_results_and_temporaries():
    n = 1_000_000
    assert 8 * n <= peak_memory(np.ones, n) < 8 * n + 10_000
    # the temporary is freed before returning, but it was the peak
    assert 8 * n <= peak_memory(lambda: float(np.ones(n).sum())) < 8 * n + 10_000
    x = np.zeros(n)
    assert peak_memory(lambda: np.add(x, 1.0, out=x)) < 10_000


def test_peak_memory_leaves_tracemalloc_as_found():
    assert not tracemalloc.is_tracing()
    peak_memory(np.ones, 10)
    assert not tracemalloc.is_tracing()
    tracemalloc.start()
    try:
        before = np.ones(100_000)  # allocated before the call: not counted
        assert peak_memory(np.ones, 1000) < before.nbytes
        assert tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()


def test_real_clock_orders_costs():
    x = np.random.default_rng(0).normal(size=200_000)
    r = time_ratio(np.exp, np.negative, x, repeats=5)
    assert r.median > 1.0  # exp does strictly more work than a sign flip
    assert r.q1 <= r.median <= r.q3
    t = time_callable(np.negative, x, repeats=3)
    assert t.number * t.median >= timing.TARGET_REPEAT_SECONDS * 0.5


# --------------------------------------------------------------------------------------
# benchmarks/bench_activations.py (outside the package: make sure it runs)
# --------------------------------------------------------------------------------------


@pytest.fixture
def bench(monkeypatch):
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_activations.py"
    spec = importlib.util.spec_from_file_location("bench_activations", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def test_benchmark_quick_run_prints_a_row_per_case(bench, capsys, monkeypatch):
    monkeypatch.setattr(timing, "TARGET_REPEAT_SECONDS", 0.002)
    assert bench.main(["--quick", "--sizes", "300", "--repeats", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["function", "reference", "dtype"]
    rows = lines[2:]
    assert len(rows) == len(bench.COMPARISONS) * len(bench.DTYPES)
    for row in rows:
        name, *_ = row.split()
        assert name in bench.COMPARISONS and " 300 " in row
        ratio = float(row.split("[")[0].split()[-1])
        peak = float(row.split()[-1])
        assert ratio > 0 and peak >= 0.9  # at least the output itself
    assert {row.split()[0] for row in rows} == set(bench.COMPARISONS)


def test_benchmark_measure_and_units(bench):
    row = bench.measure("relu", 1000, np.float64, repeats=3)
    assert row.size == 1000 and row.dtype == "float64"
    assert row.ratio == pytest.approx(row.actbook_seconds / row.reference_seconds, rel=1.0)
    assert bench._seconds(2.5) == "2.5 s"
    assert bench._seconds(0.0031) == "3.1 ms"
    assert bench._seconds(4.2e-6) == "4.2 us"
    assert bench._seconds(5e-9) == "5 ns"
    x = np.linspace(-3, 3, 7)
    expected = [0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x]
    np.testing.assert_allclose(bench._gelu_erf_reference(x), expected, rtol=1e-14)
    assert bench.parse_arguments(["--quick"]).quick


def test_benchmark_network_section_times_the_gelu_layer_and_an_mlp_step(bench, monkeypatch):
    monkeypatch.setattr(timing, "TARGET_REPEAT_SECONDS", 0.002)
    report = bench.format_networks(2000, repeats=3).splitlines()
    cases = [line for line in report[2:] if line.startswith(("GELU", "MLP"))]
    assert cases[0].startswith("GELU layer forward, evaluation, n=2000")
    assert cases[1].startswith("GELU layer forward, training, n=2000")
    assert cases[2].startswith(f"MLP [{', '.join(map(str, bench.MLP_SIZES))}] relu step")
    for case in cases:
        assert float(case.split("[")[-2].split()[-1]) > 0  # the median ratio


def test_benchmark_numpy_mlp_step_is_the_same_sgd_step(bench):
    # the reference step must compute what actbook computes, or the ratio means nothing
    actbook_step, numpy_step = bench.mlp_step(seed=3)
    actbook_step()
    numpy_step()
    model = next(
        c.cell_contents for c in actbook_step.__closure__ if isinstance(c.cell_contents, nn.MLP)
    )
    weights = next(
        c.cell_contents for c in numpy_step.__closure__ if isinstance(c.cell_contents, list)
    )
    dense = [layer for layer in model.layers if isinstance(layer, nn.Dense)]
    for layer, (W, b) in zip(dense, weights, strict=True):
        np.testing.assert_allclose(layer.params["W"], W, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(layer.params["b"], b, rtol=1e-12, atol=1e-14)
