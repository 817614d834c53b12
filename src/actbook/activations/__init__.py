"""Activation functions: values and derivatives, side by side.

Every activation is a small class with one interface::

    act = get_activation("sigmoid", a=2.0)
    act(x)             # value, same floating dtype as x
    act.derivative(x)  # d value / d x, elementwise
    act.properties     # range, saturation, monotonicity, smoothness, kink convention

and a functional shortcut (``sigmoid(x, a=1.0)``, ``sigmoid_derivative(x, a=1.0)``, ...).

Conventions
-----------
Input
    Python scalars, lists and arrays are accepted. float16, float32 and float64 keep their
    dtype; integers and booleans become float64; anything else (strings, objects, complex
    numbers) raises ``TypeError``. A scalar or 0-d array gives a NumPy scalar.
Numerics
    No input, finite or infinite, overflows or emits a ``RuntimeWarning``; NaN in gives NaN
    out. On [-50, 50] every float64 value and derivative is within 4 ulp of a 50-digit
    reference (``tests/test_activation_accuracy.py`` measures it), except two honest
    cases: near the zeros of SiLU' and GELU' the two terms of the derivative cancel, so
    the error there is bounded by 4 ulp of the larger term; GELU-tanh' stays within 6 ulp.
    The stable forms behind this: the sigmoid uses ``exp(-|x|)``, softplus
    ``max(x, 0) + log1p(exp(-|x|))``, tanh' ``4 e / (1 + e)^2`` with ``e = exp(-2|x|)``,
    ELU ``expm1``, GELU an accurate Gaussian tail and double-double arguments (see
    :class:`GELU`).
Speed
    The sigmoid runs block by block with cache-sized temporaries: at 10**6 float64 it takes
    about half the time of ``scipy.special.expit`` and allocates little beyond its result.
Kinks
    Where a function has a kink at 0 the derivative there is the one of the negative side:
    ReLU'(0) = 0 (as in PyTorch), LeakyReLU'(0) = slope, ELU'(0) = alpha.
"""

from actbook.activations import registry
from actbook.activations._base import Activation, ActivationProperties
from actbook.activations._sigmoid_kernels import _BLOCK as _BLOCK  # the tests size arrays by it
from actbook.activations.gated import GELU, SiLU, gelu, gelu_derivative, silu, silu_derivative
from actbook.activations.rectifiers import (
    LeakyReLU,
    PReLU,
    ReLU,
    RReLU,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
)
from actbook.activations.registry import get_activation
from actbook.activations.sigmoidal import (
    Sigmoid,
    Tanh,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from actbook.activations.soft_rectifiers import (
    ELU,
    Softplus,
    elu,
    elu_derivative,
    softplus,
    softplus_derivative,
)

# Assigned rather than imported: autodoc reads a data attribute's docstring from here.
ACTIVATIONS = registry.ACTIVATIONS
"""Every activation class by name."""

__all__ = [
    "ACTIVATIONS",
    "ELU",
    "GELU",
    "Activation",
    "ActivationProperties",
    "LeakyReLU",
    "PReLU",
    "RReLU",
    "ReLU",
    "SiLU",
    "Sigmoid",
    "Softplus",
    "Tanh",
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "get_activation",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "silu",
    "silu_derivative",
    "softplus",
    "softplus_derivative",
    "tanh",
    "tanh_derivative",
]
