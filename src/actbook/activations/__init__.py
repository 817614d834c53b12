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
    out. The code reads like the textbook formulas; where a formula is numerically poor, a
    named helper replaces it and its docstring says what it buys, where, and at what cost
    (the sigmoid uses ``exp(-abs(x))``, softplus ``max(x, 0) + log1p(exp(-abs(x)))``, tanh'
    ``4 e / (1 + e)^2`` with ``e = exp(-2 abs(x))``, ELU ``expm1``, SiLU'
    ``1 - sigma(x) = sigma(-x)``, the tanh form of GELU ``0.5 (1 + tanh(u)) = sigma(2u)``,
    GELU an ``erfcx`` left tail).
    Accuracy in float64 against 50-digit references on [-50, 50]
    (``tests/test_activation_accuracy.py`` measures every bound stated here): every value
    and derivative is within 4 ulp, with these exceptions.

    - Derivatives that are sums of two terms (GELU', SiLU', the tanh form's) are measured
      in ulp of the size of their terms, abs(first) + abs(second), because the terms
      cancel near the derivative's zero (GELU' at -0.7518, SiLU' at -1.2785). Where they
      do not cancel, that is the ulp of the result.
    - GELU is within 16 ulp (SciPy's ``erfc`` on [-3, -1]; see :class:`GELU`), its
      derivative within 5 ulp of its terms. Where Phi(x) is subnormal (x < -37.5, results
      below 2e-306) the error may grow by a further 40 * 2^-1074.
    - The tanh approximation of GELU is within 4 ulp for x >= -1; further left the
      sigmoid magnifies the rounding of its argument y = 2 sqrt(2/pi) (x + 0.044715 x^3)
      and the error grows to 4 abs(y) ulp (about 1700 ulp at x = -21, where the value
      is 1e-300).
    - Where the gate sigma(x) of SiLU is subnormal (x < -708.4) the error is up to
      (abs(x) / 2 + 1) * 2^-1074.

    GELU returns -0.0 for x <= -38.5 and for -inf: Phi(x) rounds to 0 there.
Speed
    The sigmoid runs block by block with cache-sized temporaries: at 10**6 float64 it takes
    about 0.6 times the time of ``scipy.special.expit`` and allocates little beyond its
    result. GELU takes 1.1 to 1.2 times the erf formula 0.5 x (1 + erf(x / sqrt(2)))
    on N(0, 9) samples (more where most inputs lie below -3, see :class:`GELU`), which
    it replaces because 1 + erf cancels for x < 0 (the formula gives -0.0 from x = -8.4
    on).
Kinks
    Where a function has a kink at 0 the derivative there is the one of the negative side:
    ReLU'(0) = 0 (as in PyTorch), LeakyReLU'(0) = slope, ELU'(0) = alpha.
"""

from actbook.activations import registry
from actbook.activations._base import _BLOCK as _BLOCK  # the tests size arrays by it
from actbook.activations._base import Activation, ActivationProperties
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
