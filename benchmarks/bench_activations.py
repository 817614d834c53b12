"""Benchmark actbook's activations against NumPy/SciPy references.

Run ``python benchmarks/bench_activations.py`` (``make bench``) for the full report, or
add ``--quick`` for a smoke run of the table alone. The report has two parts:

1. For each function, size and dtype: the median time per call of actbook and of the
   reference, their ratio with its interquartile range (from interleaved pairs of
   repeats), and the peak memory of actbook's call in units of the output's size
   (1.0 = nothing but the result). ``--functions gelu --sizes 1000000 --dtypes float64``
   gives a single row.
2. Networks (``--nn``; on by default, off with ``--quick``): the forward pass of an
   ``ActivationLayer("gelu")`` on 10**6 float64 values, in evaluation and in training
   mode, against the erf formula for GELU on the same values; and one training step of
   ``MLP([64, 256, 256, 10], "relu")`` on a batch of 256 (forward, softmax cross-entropy,
   backward, ``SGD(0.1).step``) against the same step written out in plain NumPy: the
   same matrix products and elementwise steps, without layers, caches or checks.

This is a benchmark, not a test: it asserts nothing and always exits 0.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

from actbook import activations, nn
from actbook.timing import RatioTiming, peak_memory, time_ratio

FULL_SIZES = (10**3, 10**4, 10**5, 10**6, 10**7)
QUICK_SIZES = (10**3, 10**4, 10**5)
DTYPES = (np.float32, np.float64)
LAYER_SIZE, QUICK_LAYER_SIZE = 10**6, 10**5
MLP_SIZES = (64, 256, 256, 10)
MLP_BATCH = 256


def _gelu_erf_reference(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + special.erf(x / math.sqrt(2.0)))


def _gelu_erf_derivative_reference(x: np.ndarray) -> np.ndarray:
    phi = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    return 0.5 * (1.0 + special.erf(x / math.sqrt(2.0))) + x * phi


COMPARISONS: dict[str, tuple[Callable, str, Callable]] = {
    "sigmoid": (activations.sigmoid, "scipy.special.expit", special.expit),
    "tanh": (activations.tanh, "np.tanh", np.tanh),
    "relu": (activations.relu, "np.maximum(x, 0)", lambda x: np.maximum(x, 0)),
    "gelu": (activations.gelu, "0.5x(1+erf(x/sqrt2))", _gelu_erf_reference),
    "gelu'": (
        activations.gelu_derivative,
        "Phi_erf(x)+x phi(x)",
        _gelu_erf_derivative_reference,
    ),
}
"""name -> (actbook function, reference description, reference function)."""


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    name: str
    reference: str
    dtype: str
    size: int
    actbook_seconds: float
    reference_seconds: float
    ratio: float
    ratio_q1: float
    ratio_q3: float
    peak_outputs: float


def measure(name: str, size: int, dtype: type, repeats: int) -> Row:
    """Time actbook's ``name`` against its reference on ``size`` normal samples."""
    function, reference_name, reference = COMPARISONS[name]
    x = np.random.default_rng(0).normal(scale=3.0, size=size).astype(dtype)
    ratio = time_ratio(function, reference, x, repeats=repeats)
    output_bytes = size * np.dtype(dtype).itemsize
    return Row(
        name,
        reference_name,
        np.dtype(dtype).name,
        size,
        ratio.first.median,
        ratio.second.median,
        ratio.median,
        ratio.q1,
        ratio.q3,
        peak_memory(function, x) / output_bytes,
    )


def format_table(rows: Sequence[Row]) -> str:
    """The rows as a fixed-width text table."""
    header = (
        f"{'function':9} {'reference':22} {'dtype':8} {'n':>9} {'actbook':>11} "
        f"{'reference':>11} {'ratio [q1, q3]':>20} {'peak/out':>8}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        spread = f"{row.ratio:.2f} [{row.ratio_q1:.2f}, {row.ratio_q3:.2f}]"
        lines.append(
            f"{row.name:9} {row.reference:22} {row.dtype:8} {row.size:>9} "
            f"{_seconds(row.actbook_seconds):>11} {_seconds(row.reference_seconds):>11} "
            f"{spread:>20} {row.peak_outputs:>8.2f}"
        )
    return "\n".join(lines)


def _seconds(value: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


# --------------------------------------------------------------------------------------
# Networks: a GELU layer's forward and one MLP training step
# --------------------------------------------------------------------------------------


def measure_gelu_layer(size: int, training: bool, repeats: int) -> RatioTiming:
    """``ActivationLayer("gelu").forward`` on ``size`` float64 values / the erf formula."""
    x = np.random.default_rng(0).normal(scale=3.0, size=(size // 1000, 1000))
    layer = nn.ActivationLayer("gelu")
    return time_ratio(
        lambda: layer.forward(x, training=training),
        lambda: _gelu_erf_reference(x),
        repeats=repeats,
    )


def mlp_step(seed: int = 0) -> tuple[Callable[[], None], Callable[[], None]]:
    """One SGD step of ``MLP(MLP_SIZES, "relu")``, and the same step in plain NumPy.

    Both start from the same weights and batch; each call updates its own weights.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(MLP_BATCH, MLP_SIZES[0]))
    labels = rng.integers(0, MLP_SIZES[-1], size=MLP_BATCH)
    model = nn.MLP(list(MLP_SIZES), "relu", seed=seed)
    optimizer = nn.SGD(0.1)

    def actbook_step() -> None:
        logits = model.forward(X, training=True)
        _, grad = nn.softmax_cross_entropy(logits, labels)
        model.backward(grad)
        optimizer.step(model)

    dense = [layer for layer in model.layers if isinstance(layer, nn.Dense)]
    weights = [(layer.params["W"].copy(), layer.params["b"].copy()) for layer in dense]
    one_hot = np.eye(MLP_SIZES[-1])[labels]

    def numpy_step() -> None:
        inputs, pre_activations, a = [], [], X
        for i, (W, b) in enumerate(weights):
            inputs.append(a)
            z = a @ W + b
            pre_activations.append(z)
            a = np.maximum(z, 0.0) if i < len(weights) - 1 else z
        shifted = a - a.max(axis=1, keepdims=True)
        probabilities = np.exp(shifted)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        grad = (probabilities - one_hot) / MLP_BATCH
        for i in reversed(range(len(weights))):
            W, b = weights[i]
            grad_W, grad_b = inputs[i].T @ grad, grad.sum(axis=0)
            if i > 0:
                grad = (grad @ W.T) * (pre_activations[i - 1] > 0)
            W -= 0.1 * grad_W
            b -= 0.1 * grad_b

    return actbook_step, numpy_step


def format_networks(layer_size: int, repeats: int) -> str:
    """Time the GELU layer and the MLP step; the results as text."""
    header = (
        f"{'network case':44} {'actbook [q1, q3]':>26} {'reference':>10} {'ratio [q1, q3]':>18}"
    )
    lines = [header, "-" * len(header)]

    def line(case: str, ratio: RatioTiming) -> str:
        t = ratio.first
        actbook = f"{_seconds(t.median)} [{_seconds(t.q1)}, {_seconds(t.q3)}]"
        spread = f"{ratio.median:.2f} [{ratio.q1:.2f}, {ratio.q3:.2f}]"
        return f"{case:44} {actbook:>26} {_seconds(ratio.second.median):>10} {spread:>18}"

    for training in (False, True):
        mode = "training" if training else "evaluation"
        ratio = measure_gelu_layer(layer_size, training, repeats)
        lines.append(line(f"GELU layer forward, {mode}, n={layer_size}", ratio))
    actbook_step, numpy_step = mlp_step()
    ratio = time_ratio(actbook_step, numpy_step, repeats=repeats)
    sizes = ", ".join(map(str, MLP_SIZES))
    lines.append(line(f"MLP [{sizes}] relu step, batch {MLP_BATCH}", ratio))
    lines.append(
        "references: the erf formula 0.5x(1+erf(x/sqrt2)) on the same x; the same MLP "
        "step in plain NumPy"
    )
    return "\n".join(lines)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1e3..1e5, few repeats")
    parser.add_argument("--sizes", type=int, nargs="+", help="override the array sizes")
    parser.add_argument("--repeats", type=int, help="interleaved pairs per measurement")
    parser.add_argument(
        "--functions", nargs="+", choices=sorted(COMPARISONS), default=list(COMPARISONS)
    )
    parser.add_argument(
        "--dtypes",
        nargs="+",
        choices=[np.dtype(d).name for d in DTYPES],
        default=[np.dtype(d).name for d in DTYPES],
    )
    parser.add_argument(
        "--nn",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also time a GELU layer and an MLP training step (default: on, off with --quick)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; returns the exit status 0."""
    arguments = parse_arguments(argv)
    sizes = arguments.sizes or (QUICK_SIZES if arguments.quick else FULL_SIZES)
    repeats = arguments.repeats or (3 if arguments.quick else 15)
    rows = [
        measure(name, size, np.dtype(dtype).type, repeats)
        for name in arguments.functions
        for dtype in arguments.dtypes
        for size in sizes
    ]
    print(format_table(rows))
    if arguments.nn if arguments.nn is not None else not arguments.quick:
        print()
        print(format_networks(QUICK_LAYER_SIZE if arguments.quick else LAYER_SIZE, repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
