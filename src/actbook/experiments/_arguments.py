"""Argument checks the experiments share, composed from :mod:`actbook.validation`.

:mod:`actbook.validation` says each rule once for a single value; here the experiments
apply those rules to what only they take: sequences checked element by element
(``widths[1]`` names the bad element), activation and initializer names, MLP sizes,
models and data sets. Every check runs before any data is drawn or any network trained,
and raises ``TypeError`` for a wrong kind and ``ValueError`` for a wrong value, with a
message that names the parameter.

Examples
--------
>>> sizes([2, 16, np.int64(1)], inputs=2)
[2, 16, 1]
>>> activation_name("swish")
Traceback (most recent call last):
...
ValueError: activation must be one of ['elu', 'gelu', 'leaky_relu', 'prelu', 'relu', 'rrelu', 'sigmoid', 'silu', 'softplus', 'tanh'], got 'swish'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import numpy as np

from actbook import nn, validation
from actbook.activations import ACTIVATIONS, Activation
from actbook.init import INITIALIZERS

T = TypeVar("T")


def name_of(value: Any, name: str, choices: Iterable[str]) -> str:
    """Return ``value`` as a ``str`` if it is one of ``choices`` (``TypeError`` if not a str)."""
    choices = sorted(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {choices}, got {value!r} ({type(value).__name__})")
    return str(validation.one_of(value, name, choices))


def activation_name(value: Any, name: str = "activation") -> str:
    """Return ``value`` if it names an activation of :data:`actbook.activations.ACTIVATIONS`."""
    return name_of(value, name, ACTIVATIONS)


def activation(value: Any, name: str = "activation") -> str | Activation:
    """Return an activation name or an :class:`actbook.activations.Activation` instance."""
    if isinstance(value, Activation):
        return value
    return activation_name(value, name)


def initializer(
    value: Any, name: str = "init", *, extra: Iterable[str] = ()
) -> str | Callable[..., np.ndarray]:
    """Return an initializer name (or one of ``extra``) or a callable ``init(shape, rng)``."""
    if callable(value):
        return value
    return name_of(value, name, [*INITIALIZERS, *extra])


def sizes(
    values: Any, name: str = "sizes", *, inputs: int | None = None, outputs: int | None = None
) -> list[int]:
    """Return the widths of an MLP with at least one hidden layer (at least three widths).

    ``inputs`` and ``outputs``, when given, are the widths the data and the loss need.
    """
    widths = validation.sequence(values, name, validation.positive_int, min_length=3)
    if inputs is not None and widths[0] != inputs:
        raise ValueError(f"{name} must start with {inputs} inputs, got {widths}")
    if outputs is not None and widths[-1] != outputs:
        raise ValueError(f"{name} must end with {outputs} output, got {widths}")
    return widths


def sequential(model: Any, name: str = "model") -> nn.Sequential:
    """Return ``model`` if it is an :class:`actbook.nn.Sequential` (an MLP is one)."""
    if not isinstance(model, nn.Sequential):
        raise TypeError(f"{name} must be an actbook.nn.Sequential, got {type(model).__name__}")
    return model


def samples(X: Any, name: str = "X") -> np.ndarray:
    """Return ``X`` as a non-empty 2-d float array of finite values (rows are samples)."""
    return validation.float_array(X, name, ndim=2, nonempty=True, finite=True)


def targets(y: Any, n_samples: int, name: str = "y") -> np.ndarray:
    """Return ``y`` as a float array of shape ``(n_samples,)`` of finite entries."""
    y = validation.same_shape(y, name, (n_samples,), "the rows of X")
    return validation.float_array(y, name, finite=True)


def positive_reals(values: Any, name: str) -> np.ndarray:
    """Return a non-empty 1-d float64 array of finite numbers > 0 (the array dtype rule).

    Examples
    --------
    >>> positive_reals([0.1, 2], "learning_rates")
    array([0.1, 2. ])
    >>> positive_reals([[0.1]], "learning_rates")
    Traceback (most recent call last):
    ...
    ValueError: learning_rates must be a 1-d array, got shape (1, 1)
    """
    array = validation.float_array(values, name, ndim=1, nonempty=True, finite=True)
    array = array.astype(np.float64)
    bad = ~(array > 0)
    if np.any(bad):
        raise ValueError(
            f"{name} must hold finite numbers > 0, got {array[bad][0]} at index "
            f"{int(np.flatnonzero(bad)[0])}"
        )
    return array
