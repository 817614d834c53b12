"""The experiments that the chapters run: each returns data, never draws.

One module per experiment; every function finishes in a few seconds on one core
at its default size, and the same seed gives the same numbers.
"""

# the modules, not their same-named functions, so that the names keep meaning modules
from actbook.experiments import (
    batchnorm,
    dead_relu,
    digits,
    dropout,
    initialization,
    relu_variants,
    remedies,
    sparsity,
    symmetry,
    vanishing,
    xor,
    zigzag,
)

__all__ = [
    "batchnorm",
    "dead_relu",
    "digits",
    "dropout",
    "initialization",
    "relu_variants",
    "remedies",
    "sparsity",
    "symmetry",
    "vanishing",
    "xor",
    "zigzag",
]
