"""Benchmark actbook's activations against NumPy/SciPy references.

Run ``python benchmarks/bench_activations.py`` (``make bench``) for the full table, or add
``--quick`` for a smoke run. For each function, size and dtype it prints the median time
per call of actbook and of the reference, their ratio with its interquartile range (from
interleaved pairs of repeats), and the peak memory of actbook's call in units of the
output's size (1.0 = nothing but the result).

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

from actbook import activations
from actbook.timing import peak_memory, time_ratio

FULL_SIZES = (10**3, 10**4, 10**5, 10**6, 10**7)
QUICK_SIZES = (10**3, 10**4, 10**5)
DTYPES = (np.float32, np.float64)


def _gelu_erf_reference(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + special.erf(x / math.sqrt(2.0)))


COMPARISONS: dict[str, tuple[Callable, str, Callable]] = {
    "sigmoid": (activations.sigmoid, "scipy.special.expit", special.expit),
    "tanh": (activations.tanh, "np.tanh", np.tanh),
    "relu": (activations.relu, "np.maximum(x, 0)", lambda x: np.maximum(x, 0)),
    "gelu": (activations.gelu, "0.5x(1+erf(x/sqrt2))", _gelu_erf_reference),
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


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1e3..1e5, few repeats")
    parser.add_argument("--sizes", type=int, nargs="+", help="override the array sizes")
    parser.add_argument("--repeats", type=int, help="interleaved pairs per measurement")
    parser.add_argument(
        "--functions", nargs="+", choices=sorted(COMPARISONS), default=list(COMPARISONS)
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table; returns the exit status 0."""
    arguments = parse_arguments(argv)
    sizes = arguments.sizes or (QUICK_SIZES if arguments.quick else FULL_SIZES)
    repeats = arguments.repeats or (3 if arguments.quick else 15)
    rows = [
        measure(name, size, dtype, repeats)
        for name in arguments.functions
        for dtype in DTYPES
        for size in sizes
    ]
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
