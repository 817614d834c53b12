"""Every activation by name: :data:`ACTIVATIONS` and :func:`get_activation`."""

from __future__ import annotations

import inspect
from typing import Any

from actbook import validation
from actbook.activations._base import Activation
from actbook.activations.gated import GELU, SiLU
from actbook.activations.rectifiers import LeakyReLU, PReLU, ReLU, RReLU
from actbook.activations.sigmoidal import Sigmoid, Tanh
from actbook.activations.soft_rectifiers import ELU, Softplus

ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls
    for cls in (Sigmoid, Tanh, ReLU, LeakyReLU, PReLU, RReLU, ELU, GELU, SiLU, Softplus)
}
"""Every activation class by name."""


def get_activation(name: str, **params: Any) -> Activation:
    """Build the activation called ``name`` with the given parameters.

    Parameters
    ----------
    name : str
        A key of :data:`ACTIVATIONS`.
    **params
        Passed to the class, e.g. ``a`` for ``"sigmoid"``.

    Returns
    -------
    Activation

    Examples
    --------
    >>> get_activation("leaky_relu", slope=0.2)
    LeakyReLU(slope=0.2)
    >>> get_activation("relu", slope=0.2)
    Traceback (most recent call last):
    ...
    TypeError: relu takes the parameters [], got unknown ['slope']
    >>> get_activation("swish")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of ['elu', 'gelu', 'leaky_relu', 'prelu', 'relu', 'rrelu', 'sigmoid', 'silu', 'softplus', 'tanh'], got 'swish'
    """  # noqa: E501
    if not isinstance(name, str):
        raise TypeError(f"name must be one of {sorted(ACTIVATIONS)}, got {name!r}")
    cls = ACTIVATIONS[validation.one_of(name, "name", sorted(ACTIVATIONS))]
    accepted = [p for p in inspect.signature(cls).parameters if p != "self"]
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise TypeError(f"{name} takes the parameters {accepted}, got unknown {unknown}")
    return cls(**params)
