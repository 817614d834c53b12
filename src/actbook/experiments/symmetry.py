"""Symmetry breaking: a constant initialization keeps the units of a layer identical.

If every unit of a hidden layer starts with the same incoming weights, bias and
outgoing weights, all of them compute the same output and receive the same
gradient, so gradient descent keeps them equal forever and the layer acts as a
single unit (S3). Random initialization breaks the tie.

:func:`symmetry` trains the same MLP from both initializations and records, after
every step and for each hidden layer, the largest difference between two of its
units. The chapter *Initialization* quotes that the difference stays exactly 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from actbook import data, nn
from actbook.init import get_initializer

__all__ = ["SymmetryResult", "symmetry", "unit_spread"]


def unit_spread(model: nn.Sequential) -> np.ndarray:
    """Return, per hidden layer, the largest difference between two of its units.

    Unit ``j`` of the layer fed by Dense layer ``l`` is described by its incoming
    weights ``W_l[:, j]``, its bias ``b_l[j]`` and its outgoing weights
    ``W_{l+1}[j, :]``; the result is the maximum over pairs of units of the
    largest absolute difference between their descriptions.

    Examples
    --------
    >>> model = nn.MLP([2, 3, 1], "tanh", init=get_initializer("constant", value=0.1))
    >>> unit_spread(model)
    array([0.])
    >>> model.layers[0].params["b"][2] = 0.5
    >>> unit_spread(model)
    array([0.5])
    """
    dense = [layer for layer in model.layers if isinstance(layer, nn.Dense)]
    spreads = []
    for incoming, outgoing in zip(dense[:-1], dense[1:], strict=True):
        units = np.vstack(
            [incoming.params["W"], incoming.params["b"][None, :], outgoing.params["W"].T]
        )
        spreads.append(np.max(units.max(axis=1) - units.min(axis=1)))
    return np.array(spreads)


@dataclass(frozen=True)
class SymmetryResult:
    """Training from one initialization.

    Attributes
    ----------
    init : {"constant", "random"}
    spread : ndarray, shape (steps + 1, n_hidden_layers)
        :func:`unit_spread` before training and after every step.
    loss : ndarray, shape (steps,)
        Training loss at every step.
    distinct_units : list of int
        Number of distinct units (distinct descriptions) per hidden layer at the end.
    """

    init: str
    spread: np.ndarray
    loss: np.ndarray
    distinct_units: list[int]


def _distinct_units(model: nn.Sequential) -> list[int]:
    dense = [layer for layer in model.layers if isinstance(layer, nn.Dense)]
    return [
        len(np.unique(np.vstack([a.params["W"], a.params["b"][None, :], b.params["W"].T]), axis=1))
        for a, b in zip(dense[:-1], dense[1:], strict=True)
    ]


def _train(model: nn.Sequential, X: np.ndarray, y: np.ndarray, steps: int, lr: float):
    optimizer = nn.SGD(lr)
    spread, loss = [unit_spread(model)], []
    for _ in range(steps):
        value, grad = nn.binary_cross_entropy_with_logits(model.forward(X), y)
        model.backward(grad)
        optimizer.step(model)
        spread.append(unit_spread(model))
        loss.append(value)
    return np.array(spread), np.array(loss)


def symmetry(
    *,
    sizes: Sequence[int] = (2, 8, 8, 1),
    activation: str = "tanh",
    value: float = 0.5,
    steps: int = 300,
    lr: float = 0.5,
    seed: int = 0,
) -> dict[str, SymmetryResult]:
    """Train an MLP from a constant and from a random initialization; track its units.

    Full-batch gradient descent on the binary cross-entropy over
    ``two_moons(100, noise=0.1, seed=seed)``. The constant initialization sets
    every weight to ``value`` and every bias to 0; the random one is the MLP's
    default (Xavier uniform for tanh).

    Returns
    -------
    dict
        ``{"constant": SymmetryResult, "random": SymmetryResult}``.

    Examples
    --------
    >>> results = symmetry(steps=20)
    >>> float(results["constant"].spread.max()), results["constant"].distinct_units
    (0.0, [1, 1])
    >>> bool(results["random"].spread[-1].min() > 0)
    True
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps!r}")
    X, y = data.two_moons(100, noise=0.1, seed=seed)
    models = {
        "constant": nn.MLP(
            sizes, activation, init=get_initializer("constant", value=value), seed=seed
        ),
        "random": nn.MLP(sizes, activation, seed=seed),
    }
    results = {}
    for name, model in models.items():
        spread, loss = _train(model, X, y, steps, lr)
        results[name] = SymmetryResult(
            init=name, spread=spread, loss=loss, distinct_units=_distinct_units(model)
        )
    return results
