"""Symmetry breaking: a constant initialization keeps the units of a layer identical.

If every unit of a hidden layer starts with the same incoming weights, bias and
outgoing weights, all of them compute the same output and receive the same
gradient, so gradient descent keeps them equal forever and the layer acts as a
single unit (S3). Random initialization breaks the tie.

:func:`symmetry` trains the same MLP from both initializations with
:func:`actbook.nn.fit` and records, after every step and for each hidden layer, the
largest difference between two of its units. The chapter *Initialization* quotes that
the difference stays exactly 0.

The dense layers here compute their sums with elementwise NumPy operations
instead of BLAS: an optimized matrix product may round two identical columns
differently (by about 1e-16, depending on the width and the CPU), which would blur
the exact statement into "zero up to rounding".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from actbook import data, nn, validation
from actbook.experiments import _arguments
from actbook.init import get_initializer

__all__ = [
    "DigitsSymmetryRun",
    "ElementwiseDense",
    "SymmetryResult",
    "digits_symmetry",
    "symmetry",
    "unit_spread",
]


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
    dense = _dense_layers(_arguments.sequential(model))
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
        Training loss at every step, before its update.
    distinct_units : list of int
        Number of distinct units (distinct descriptions) per hidden layer at the end.
    """

    init: str
    spread: np.ndarray
    loss: np.ndarray
    distinct_units: list[int]


def _dense_layers(model: nn.Sequential) -> list[nn.Dense]:
    return [layer for layer in model.layers if isinstance(layer, nn.Dense)]


def _distinct_units(model: nn.Sequential) -> list[int]:
    dense = _dense_layers(model)
    return [
        np.unique(
            np.vstack([a.params["W"], a.params["b"][None, :], b.params["W"].T]), axis=1
        ).shape[1]
        for a, b in zip(dense[:-1], dense[1:], strict=True)
    ]


class ElementwiseDense(nn.Dense):
    """A :class:`actbook.nn.Dense` whose sums avoid BLAS, so equal columns stay equal.

    Every output entry is the same sequence of IEEE operations on its own
    column, so two units with equal parameters get bit-identical values and
    gradients. Built from an existing Dense layer (its parameters are copied);
    it follows the protocol of :class:`actbook.nn.Layer`, so :func:`actbook.nn.fit`
    trains it like any other layer.

    Parameters
    ----------
    dense : actbook.nn.Dense
        The layer whose parameters are copied.

    Examples
    --------
    >>> layer = ElementwiseDense(nn.Dense(3, 2, seed=0))
    >>> x = np.random.default_rng(0).normal(size=(4, 3))
    >>> bool(np.allclose(layer.forward(x), x @ layer.params["W"]))
    True
    >>> dx = layer.backward(np.ones((4, 2)))
    >>> bool(np.allclose(layer.grads["W"], x.T @ np.ones((4, 2))))
    True
    """

    def __init__(self, dense: nn.Dense) -> None:
        if not isinstance(dense, nn.Dense):
            raise TypeError(f"dense must be an actbook.nn.Dense, got {type(dense).__name__}")
        nn.Layer.__init__(self)
        self.in_features, self.out_features = dense.in_features, dense.out_features
        self.params = {name: array.copy() for name, array in dense.params.items()}
        self.grads = {name: np.zeros_like(array) for name, array in dense.params.items()}
        self._x: np.ndarray | None = None

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        if x.ndim != 2 or x.shape[1] != self.in_features:
            raise ValueError(f"x must have shape (n, {self.in_features}), got {x.shape}")
        self._x = x
        return (x[:, :, None] * self.params["W"][None]).sum(axis=1) + self.params["b"]

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        # adds this batch's gradients to grads, as the layer protocol asks
        g = grad_output
        self.grads["W"] += (self._x[:, :, None] * g[:, None, :]).sum(axis=0)
        self.grads["b"] += g.sum(axis=0)
        return (g[:, None, :] * self.params["W"][None]).sum(axis=2)


def _without_blas(model: nn.Sequential) -> nn.Sequential:
    return nn.Sequential(
        [
            ElementwiseDense(layer) if isinstance(layer, nn.Dense) else layer
            for layer in model.layers
        ]
    )


def _train(
    model: nn.Sequential, X: np.ndarray, y: np.ndarray, steps: int, lr: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    # full-batch gradient descent; on_step sees the model before each update
    spread: list[np.ndarray] = []
    history = nn.fit(
        model,
        X,
        y,
        loss="bce",
        optimizer=nn.SGD(lr),
        epochs=steps,
        seed=seed,
        on_step=lambda net, step: spread.append(unit_spread(net)),
    )
    spread.append(unit_spread(model))
    return np.array(spread), history.loss


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

    Full-batch gradient descent (:func:`actbook.nn.fit`, one step per epoch) on the
    binary cross-entropy over ``two_moons(100, noise=0.1, seed=seed)``. The constant
    initialization sets every weight to ``value`` and every bias to 0; the random one
    is the MLP's default (Xavier uniform for tanh).

    Parameters
    ----------
    sizes : sequence of int, default (2, 8, 8, 1)
        Layer widths: 2 inputs, at least one hidden layer, 1 output logit.
    activation : str or Activation, default "tanh"
    value : float, default 0.5
        The weight of the constant initialization, finite.
    steps : int, default 300
        Gradient-descent steps.
    lr : float, default 0.5
    seed : int, default 0
        Seeds the data, the random weights and :func:`actbook.nn.fit`'s shuffling.

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
    >>> symmetry(sizes=(3, 4, 1))
    Traceback (most recent call last):
    ...
    ValueError: sizes must start with 2 inputs, got [3, 4, 1]
    """
    sizes = _arguments.sizes(sizes, inputs=2, outputs=1)
    activation = _arguments.activation(activation)
    value = validation.finite_real(value, "value")
    steps = validation.positive_int(steps, "steps")
    lr = validation.positive_real(lr, "lr")
    seed = validation.seed(seed)
    X, y = data.two_moons(100, noise=0.1, seed=seed)
    models = {
        "constant": _without_blas(
            nn.MLP(sizes, activation, init=get_initializer("constant", value=value), seed=seed)
        ),
        "random": _without_blas(nn.MLP(sizes, activation, seed=seed)),
    }
    results = {}
    for name, model in models.items():
        spread, loss = _train(model, X, y, steps, lr, seed)
        results[name] = SymmetryResult(
            init=name, spread=spread, loss=loss, distinct_units=_distinct_units(model)
        )
    return results


@dataclass(frozen=True)
class DigitsSymmetryRun:
    """A digits network trained from one initialization.

    Attributes
    ----------
    train_loss : float
        Mean cross-entropy over the training digits in the last epoch.
    test_accuracy : float
        Share of the held-out digits classified correctly.
    distinct_units : list of int
        Number of distinct hidden units (distinct descriptions: incoming weights, bias,
        outgoing weights) per hidden layer at the end.
    smallest_gap : list of float
        Per hidden layer, the smallest largest-absolute-difference between the
        descriptions of two of its units at the end: 0 when two units are identical.
    moved : list of tuple of float
        Per Dense layer (input side first), the largest absolute change of its weights
        and of its biases during training.
    """

    train_loss: float
    test_accuracy: float
    distinct_units: list[int]
    smallest_gap: list[float]
    moved: list[tuple[float, float]]


def _smallest_gaps(model: nn.Sequential) -> list[float]:
    dense = _dense_layers(model)
    gaps = []
    for incoming, outgoing in zip(dense[:-1], dense[1:], strict=True):
        units = np.vstack(
            [incoming.params["W"], incoming.params["b"][None, :], outgoing.params["W"].T]
        ).T
        difference = np.abs(units[:, None, :] - units[None, :, :]).max(axis=2)
        np.fill_diagonal(difference, np.inf)
        gaps.append(float(difference.min()))
    return gaps


def digits_symmetry(
    inits: dict[str, str | Callable[..., np.ndarray]],
    *,
    hidden: Sequence[int] = (32,),
    activation: str = "tanh",
    epochs: int = 20,
    lr: float = 0.1,
    batch_size: int = 32,
    seed: int = 0,
) -> dict[str, DigitsSymmetryRun]:
    """Train the same digits MLP from each initialization; report what moved and what stayed.

    The network ``MLP([64, *hidden, 10], activation, init=...)`` (zero biases) is trained
    on the book's digits split (:func:`actbook.experiments.digits.digits_split`) with
    mini-batch SGD on the softmax cross-entropy; its dense layers are
    :class:`ElementwiseDense`, so units with equal parameters stay bit-identical.

    Parameters
    ----------
    inits : dict
        ``{name: initializer}``: an :mod:`actbook.init` name or a callable
        ``init(shape, rng)``; at least one.
    hidden : sequence of int, default (32,)
        Hidden widths; at least one layer.
    activation : str, default "tanh"
    epochs : int, default 20
    lr : float, default 0.1
    batch_size : int, default 32
    seed : int, default 0
        Seeds the weights and the shuffling.

    Returns
    -------
    dict
        ``{name: DigitsSymmetryRun}``, in the order of ``inits``.

    Examples
    --------
    >>> runs = digits_symmetry({"zero": get_initializer("zeros")}, hidden=(4,), epochs=1)
    >>> runs["zero"].distinct_units, runs["zero"].moved[0]
    ([1], (0.0, 0.0))
    >>> digits_symmetry({})
    Traceback (most recent call last):
    ...
    ValueError: inits must not be empty
    """
    from actbook.experiments.digits import digits_split

    if not isinstance(inits, dict):
        raise TypeError(f"inits must be a dict of initializers, got {type(inits).__name__}")
    if not inits:
        raise ValueError("inits must not be empty")
    inits = {name: _arguments.initializer(init, f"inits[{name!r}]") for name, init in inits.items()}
    hidden = validation.sequence(hidden, "hidden", validation.positive_int)
    activation = _arguments.activation(activation)
    epochs = validation.positive_int(epochs, "epochs")
    lr = validation.positive_real(lr, "lr")
    batch_size = validation.positive_int(batch_size, "batch_size")
    seed = validation.seed(seed)
    X_train, X_test, y_train, y_test = digits_split()
    sizes = [X_train.shape[1], *hidden, 10]
    runs = {}
    for name, init in inits.items():
        model = _without_blas(nn.MLP(sizes, activation, init=init, seed=seed))
        dense = _dense_layers(model)
        before = [(d.params["W"].copy(), d.params["b"].copy()) for d in dense]
        history = nn.fit(
            model,
            X_train,
            y_train,
            loss="softmax_cross_entropy",
            optimizer=nn.SGD(lr),
            epochs=epochs,
            batch_size=batch_size,
            seed=seed,
        )
        runs[name] = DigitsSymmetryRun(
            train_loss=float(history.loss[-1]),
            test_accuracy=float(np.mean(model.forward(X_test).argmax(axis=1) == y_test)),
            distinct_units=_distinct_units(model),
            smallest_gap=_smallest_gaps(model),
            moved=[
                (
                    float(np.max(np.abs(d.params["W"] - W0))),
                    float(np.max(np.abs(d.params["b"] - b0))),
                )
                for d, (W0, b0) in zip(dense, before, strict=True)
            ],
        )
    return runs
