"""Experiments on dropout: a digits subset to overfit, Monte Carlo averaging, moments.

Every function returns numbers, never a figure; the chapter *Dropout* calls them
through ``actbook.claims.dropout``:

- :func:`build_dropout_mlp` -- a ReLU MLP with a :class:`~actbook.nn.Dropout` layer
  after every hidden activation;
- :func:`digits_subset` and :func:`subset_linear_baseline` -- a small stratified
  training set of the digits and logistic regression fitted on it;
- :func:`train_digits` -- training and validation curves of the MLP on that subset;
- :func:`monte_carlo` -- averaging ``K`` stochastic passes against the single
  deterministic pass of weight scaling (Srivastava et al. 2014, section 7.5);
- :func:`mask_gradient_check` -- the masks of one mini-batch and the gradients that
  dropped units get;
- :func:`tanh_dropout_gap` -- the exact mean of a tanh unit over all masks of its
  inputs against the deterministic pass;
- :func:`dropout_output_moments` -- inverted dropout keeps a unit's mean ``x`` and
  adds the variance ``p / (1 - p) * x**2``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

import numpy as np
from scipy.special import log_softmax, softmax

from actbook import validation
from actbook.experiments import _arguments
from actbook.experiments.digits import BASELINE_C, digits_split
from actbook.nn import SGD, ActivationLayer, Dense, Dropout, Sequential, fit
from actbook.nn.dropout import DropoutConvention
from actbook.nn.losses import softmax_cross_entropy

__all__ = [
    "DropoutMoments",
    "build_dropout_mlp",
    "digits_subset",
    "dropout_output_moments",
    "mask_gradient_check",
    "monte_carlo",
    "subset_linear_baseline",
    "tanh_dropout_gap",
    "train_digits",
]


def build_dropout_mlp(
    sizes: Sequence[int],
    drop_probability: float,
    *,
    activation: str = "relu",
    convention: DropoutConvention = "inverted",
    seed: int = 0,
) -> Sequential:
    """A ``Dense, activation, Dropout, ..., Dense`` network with He-normal weights.

    With ``drop_probability == 0`` the dropout layers are left out, so the same
    ``seed`` gives the same initial weights with and without dropout.

    Parameters
    ----------
    sizes : sequence of int
        Widths from input to output, at least two.
    drop_probability : float
        Probability of dropping a hidden unit, in ``[0, 1)``.
    activation : str or Activation, default "relu"
        Hidden activation name (see :mod:`actbook.activations`); an instance is
        shared by every hidden layer.
    convention : {"inverted", "scale_at_test"}, default "inverted"
        See :class:`actbook.nn.Dropout`.
    seed : int, default 0
        Seed of the weights and of the dropout masks.

    Examples
    --------
    >>> model = build_dropout_mlp([2, 8, 8, 1], 0.5)
    >>> [type(layer).__name__ for layer in model.layers]
    ['Dense', 'ActivationLayer', 'Dropout', 'Dense', 'ActivationLayer', 'Dropout', 'Dense']
    >>> len(build_dropout_mlp([2, 8, 1], 0.0).layers)
    3
    >>> build_dropout_mlp([2, 8, 1], float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: drop_probability must be in [0, 1), got nan
    """
    sizes = validation.sequence(sizes, "sizes", validation.positive_int, min_length=2)
    drop_probability = validation.probability(drop_probability, "drop_probability")
    activation = _arguments.activation(activation)
    convention = _arguments.name_of(convention, "convention", get_args(DropoutConvention))
    seed = validation.seed(seed)
    weight_rng = np.random.default_rng(seed)
    mask_rng = np.random.default_rng([seed, 1])  # its own stream: weights match across p
    layers: list[Any] = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1], strict=True):
        layers += [
            Dense(n_in, n_out, init="he_normal", rng=weight_rng),
            ActivationLayer(activation),
        ]
        if drop_probability > 0:
            layers.append(Dropout(drop_probability, convention=convention, rng=mask_rng))
    layers.append(Dense(sizes[-2], sizes[-1], init="he_normal", rng=weight_rng))
    return Sequential(layers)


# --- The digits subset and its linear baseline ---------------------------------------------


def digits_subset(per_class: int = 30, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A small stratified training set: ``per_class`` digits of each class.

    Drawn without replacement, class by class, from the training part of the book's
    split (:func:`actbook.experiments.digits.digits_split`) with ``seed``; the rows keep
    the split's order. The validation set that goes with it is the split's held-out
    quarter.

    Parameters
    ----------
    per_class : int, default 30
        Digits of each class, at least 1 and at most the smallest class of the split.
    seed : int, default 0

    Returns
    -------
    X : ndarray, shape (10 * per_class, 64)
    y : ndarray, shape (10 * per_class,)
        Integer labels stored as floats.

    Examples
    --------
    >>> X, y = digits_subset(3)
    >>> X.shape, np.bincount(y.astype(int)).tolist()
    ((30, 64), [3, 3, 3, 3, 3, 3, 3, 3, 3, 3])
    >>> digits_subset(0)
    Traceback (most recent call last):
    ...
    ValueError: per_class must be a positive integer, got 0
    """
    per_class = validation.positive_int(per_class, "per_class")
    seed = validation.seed(seed)
    X_train, _, y_train, _ = digits_split()
    smallest = int(np.bincount(y_train.astype(int)).min())
    if per_class > smallest:
        raise ValueError(f"per_class must be at most {smallest}, got {per_class}")
    rng = np.random.default_rng(seed)
    rows = np.sort(
        np.concatenate(
            [rng.permutation(np.flatnonzero(y_train == c))[:per_class] for c in range(10)]
        )
    )
    return X_train[rows], y_train[rows]


def subset_linear_baseline(
    per_class: int = 30, *, seed: int = 0, C: float = BASELINE_C
) -> tuple[float, float, float]:
    """Multinomial logistic regression fitted on :func:`digits_subset`.

    The model of the book's baseline (:func:`actbook.experiments.digits.linear_baseline`),
    fitted to convergence on the subset and scored on the held-out quarter. Note that
    scikit-learn's ``C`` weighs the *summed* loss, so on a smaller training set the
    same ``C`` is a relatively stronger penalty.

    Parameters
    ----------
    per_class : int, default 30
    seed : int, default 0
        As in :func:`digits_subset`.
    C : float, default BASELINE_C
        Inverse penalty strength of scikit-learn, > 0.

    Returns
    -------
    train_accuracy, val_accuracy, val_log_loss : float

    Examples
    --------
    >>> train, val, loss = subset_linear_baseline(5)
    >>> bool(val < train), bool(loss > 0)
    (True, True)
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    C = validation.positive_real(C, "C")
    X, y = digits_subset(per_class, seed=seed)
    _, X_val, _, y_val = digits_split()
    model = LogisticRegression(C=C, max_iter=10_000, tol=1e-8)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model.fit(X, y)
    proba = model.predict_proba(X_val)
    log_loss = float(-np.mean(np.log(proba[np.arange(len(y_val)), y_val.astype(int)])))
    return float(model.score(X, y)), float(model.score(X_val, y_val)), log_loss


# --- Training with and without dropout -----------------------------------------------------


def _evaluate(model: Sequential, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    logits = model.forward(X)
    loss, _ = softmax_cross_entropy(logits, y)
    return float(loss), float(np.mean(np.argmax(logits, axis=1) == y))


def train_digits(
    drop_probability: float,
    *,
    per_class: int = 30,
    subset_seed: int = 0,
    hidden: Sequence[int] = (128, 128),
    epochs: int = 40,
    eval_every: int = 5,
    batch_size: int = 50,
    lr: float = 0.05,
    momentum: float = 0.9,
    seed: int = 0,
) -> tuple[np.ndarray, Sequential]:
    """Train a ReLU MLP with dropout on a digits subset; record its curves.

    The network is ``build_dropout_mlp([64, *hidden, 10], drop_probability, seed=seed)``
    (He-normal weights; the same weights for every drop probability at one seed),
    trained by mini-batch SGD with momentum on the softmax cross-entropy over
    :func:`digits_subset` and evaluated, with dropout off, on the training subset and on
    the book's held-out quarter every ``eval_every`` epochs and after the last one.

    Parameters
    ----------
    drop_probability : float
        Drop probability of every hidden unit, in ``[0, 1)``; 0 builds no dropout layer.
    per_class, subset_seed : int, default 30 and 0
        The training subset (:func:`digits_subset`).
    hidden : sequence of int, default (128, 128)
        Widths of the hidden layers, at least one.
    epochs, eval_every, batch_size : int, default 40, 5 and 50
        Positive.
    lr, momentum : float, default 0.05 and 0.9
        ``lr > 0``, ``momentum`` in ``[0, 1)``.
    seed : int, default 0
        Seed of the weights, the masks and the shuffling.

    Returns
    -------
    curves : ndarray, shape (checkpoints, 5)
        Columns: epoch, training loss, training accuracy, validation loss, validation
        accuracy, in evaluation mode; the first row is the initial network.
    model : Sequential
        The trained network.

    Examples
    --------
    >>> curves, model = train_digits(0.5, per_class=3, hidden=(8,), epochs=4, eval_every=2)
    >>> curves[:, 0].tolist()
    [0.0, 2.0, 4.0]
    >>> train_digits(0.5, lr=0)
    Traceback (most recent call last):
    ...
    ValueError: lr must be a finite number > 0, got 0.0
    """
    drop_probability = validation.probability(drop_probability, "drop_probability")
    per_class = validation.positive_int(per_class, "per_class")
    subset_seed = validation.seed(subset_seed, "subset_seed")
    hidden = validation.sequence(hidden, "hidden", validation.positive_int, min_length=1)
    epochs = validation.positive_int(epochs, "epochs")
    eval_every = validation.positive_int(eval_every, "eval_every")
    batch_size = validation.positive_int(batch_size, "batch_size")
    lr = validation.positive_real(lr, "lr")
    momentum = validation.real_in_range(momentum, "momentum", 0.0, 1.0, include_high=False)
    seed = validation.seed(seed)
    X, y = digits_subset(per_class, seed=subset_seed)
    _, X_val, _, y_val = digits_split()
    model = build_dropout_mlp([X.shape[1], *hidden, 10], drop_probability, seed=seed)
    optimizer = SGD(lr, momentum=momentum)
    marks = [*range(0, epochs, eval_every), epochs]
    rows = [[0, *_evaluate(model, X, y), *_evaluate(model, X_val, y_val)]]
    for chunk, (start, stop) in enumerate(zip(marks[:-1], marks[1:], strict=True)):
        fit(
            model,
            X,
            y,
            loss="softmax_cross_entropy",
            optimizer=optimizer,
            epochs=stop - start,
            batch_size=batch_size,
            seed=1000 * seed + chunk,
        )
        rows.append([stop, *_evaluate(model, X, y), *_evaluate(model, X_val, y_val)])
    return np.array(rows, dtype=float), model


def _dropout_layers(model: Sequential) -> list[Dropout]:
    return [layer for layer in model.layers if isinstance(layer, Dropout)]


def _class_labels(y: Any, n_samples: int, n_classes: int, name: str = "y") -> np.ndarray:
    y = _arguments.targets(y, n_samples, name)
    if np.any(y != np.round(y)) or np.any(y < 0) or np.any(y >= n_classes):
        raise ValueError(f"{name} must hold integer labels in [0, {n_classes})")
    return y.astype(int)


def monte_carlo(
    model: Sequential,
    X: np.ndarray,
    y: np.ndarray,
    *,
    ks: Sequence[int] = (1, 2, 5, 10, 20, 50),
    repeats: int = 3,
    seed: int = 0,
) -> dict[str, Any]:
    """Average of ``K`` stochastic passes against the weight-scaling pass, softmax outputs.

    Each stochastic pass runs ``model`` in training mode (fresh masks) and turns its
    logits into class probabilities; the first ``K`` passes are averaged (the
    arithmetic mean of the members' predictions). Weight scaling is the single
    deterministic pass in evaluation mode. Srivastava et al. (2014, section 7.5)
    found that about 50 passes match weight scaling on MNIST.

    Parameters
    ----------
    model : Sequential
        A network with :class:`~actbook.nn.Dropout` layers and one logit per class.
    X : ndarray, shape (n, d)
        Inputs, at least one row.
    y : ndarray, shape (n,)
        Integer class labels in ``[0, classes)``.
    ks : sequence of int, default (1, 2, 5, 10, 20, 50)
        At least one; sorted, duplicates dropped.
    repeats : int, default 3
        Independent sets of ``max(ks)`` passes.
    seed : int, default 0
        Seed of the masks (the dropout layers' own generators are restored afterwards).

    Returns
    -------
    dict
        ``ks``; ``accuracy`` and ``log_loss`` of shape ``(repeats, len(ks))`` (one row
        per repeat: take the mean and spread over the rows as needed);
        ``ws_accuracy`` and ``ws_log_loss`` of the weight-scaling pass.

    Examples
    --------
    >>> model = build_dropout_mlp([2, 16, 3], 0.5)
    >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([2, 0])
    >>> result = monte_carlo(model, X, y, ks=[4, 1], repeats=2)
    >>> result["ks"].tolist(), result["log_loss"].shape
    ([1, 4], (2, 2))
    >>> monte_carlo(model, X, np.array([3, 0]))
    Traceback (most recent call last):
    ...
    ValueError: y must hold integer labels in [0, 3)
    """
    model = _arguments.sequential(model)
    X = _arguments.samples(X)
    ks = np.array(sorted(set(validation.sequence(ks, "ks", validation.positive_int))))
    repeats = validation.positive_int(repeats, "repeats")
    seed = validation.seed(seed)
    layers = _dropout_layers(model)
    if not layers:
        raise ValueError("model must contain at least one Dropout layer")
    ws_logits = model.forward(X)
    labels = _class_labels(y, X.shape[0], ws_logits.shape[1])
    rows = np.arange(len(labels))
    ws_log_loss = float(-np.mean(log_softmax(ws_logits, axis=1)[rows, labels]))
    ws_accuracy = float(np.mean(np.argmax(ws_logits, axis=1) == labels))
    saved = [layer.rng for layer in layers]
    rng = np.random.default_rng(seed)
    accuracy = np.zeros((repeats, ks.size))
    log_loss = np.zeros((repeats, ks.size))
    try:
        for layer in layers:
            layer.rng = rng
        for r in range(repeats):
            total = np.zeros_like(ws_logits, dtype=float)
            done = 0
            for j, k in enumerate(ks):
                while done < k:
                    total += softmax(model.forward(X, training=True), axis=1)
                    done += 1
                mean = total / k
                accuracy[r, j] = np.mean(np.argmax(mean, axis=1) == labels)
                with np.errstate(divide="ignore"):
                    log_loss[r, j] = -np.mean(np.log(mean[rows, labels]))
    finally:
        for layer, layer_rng in zip(layers, saved, strict=True):
            layer.rng = layer_rng
    return {
        "ks": ks,
        "accuracy": accuracy,
        "log_loss": log_loss,
        "ws_accuracy": ws_accuracy,
        "ws_log_loss": ws_log_loss,
    }


# --- Masks and gradients -------------------------------------------------------------------


def mask_gradient_check(model: Sequential, X: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """One training mini-batch through ``model``: the mask and gradient of the first layer.

    The model must be ``Dense, ActivationLayer, Dropout, ...`` (as
    :func:`build_dropout_mlp` builds it, with a ReLU). The forward pass runs in
    training mode (the masks come from the dropout layers' generators, which it
    advances), the loss is the softmax cross-entropy, and the backward pass runs layer
    by layer, so the gradient with respect to the first hidden layer's
    pre-activations, ``delta[i, j]``, is visible: example ``i``'s gradient of unit
    ``j``'s incoming weights is ``x_i * delta[i, j]``, and the batch gradient is the
    mean of these.

    Parameters
    ----------
    model : Sequential
        Starting with a Dense layer, an activation layer and a Dropout layer.
    X : ndarray, shape (n, d)
    y : ndarray, shape (n,)
        Integer class labels.

    Returns
    -------
    dict
        ``distinct_masks``: distinct masks of the first hidden layer among the examples;
        ``dropped_pairs``: (example, unit) pairs dropped there; ``max_dropped_delta``:
        the largest ``|delta[i, j]|`` over the dropped pairs; ``units_always_dropped``:
        units dropped for every example; ``units_without_gradient``: units whose
        incoming weights get a zero gradient from the whole batch;
        ``units_always_inactive``: units whose activation input is not positive for any
        example; ``units_dropped_where_active``: the other units, dropped on every
        example where their input was positive; ``units``: width of the layer.

    Examples
    --------
    >>> model = build_dropout_mlp([2, 8, 3], 0.5)
    >>> result = mask_gradient_check(model, np.eye(2), np.array([0, 2]))
    >>> result["max_dropped_delta"], result["units"]
    (0.0, 8)
    >>> mask_gradient_check(build_dropout_mlp([2, 8, 3], 0.0), np.eye(2), np.array([0, 2]))
    Traceback (most recent call last):
    ...
    ValueError: model must start with Dense, ActivationLayer and Dropout layers
    """
    model = _arguments.sequential(model)
    X = _arguments.samples(X)
    layers = model.layers
    if len(layers) < 4 or not (
        isinstance(layers[0], Dense)
        and isinstance(layers[1], ActivationLayer)
        and isinstance(layers[2], Dropout)
    ):
        raise ValueError("model must start with Dense, ActivationLayer and Dropout layers")
    logits = model.forward(X, training=True)
    y = _class_labels(y, X.shape[0], logits.shape[1])
    _, grad = softmax_cross_entropy(logits, y)
    mask = np.asarray(layers[2]._multiplier) > 0
    mask = np.broadcast_to(mask, (X.shape[0], layers[0].params["b"].size))
    pre_activation = X @ layers[0].params["W"] + layers[0].params["b"]
    delta = grad
    for index in range(len(layers) - 1, -1, -1):
        grad = layers[index].backward(grad)
        if index == 1:
            delta = grad  # gradient with respect to the first pre-activations
    weight_grad = layers[0].grads["W"]
    inactive = np.all(pre_activation <= 0, axis=0)
    dropped = int(np.sum(~mask))
    return {
        "distinct_masks": len({row.tobytes() for row in mask}),
        "dropped_pairs": dropped,
        "max_dropped_delta": float(np.max(np.abs(delta[~mask]))) if dropped else 0.0,
        "units_always_dropped": int(np.sum(np.all(~mask, axis=0))),
        "units_without_gradient": int(np.sum(np.all(weight_grad == 0, axis=0))),
        "units_always_inactive": int(np.sum(inactive)),
        "units_dropped_where_active": int(
            np.sum(np.all(~mask | (pre_activation <= 0), axis=0) & ~inactive)
        ),
        "units": int(mask.shape[1]),
    }


# --- The nonlinearity gap ------------------------------------------------------------------


def tanh_dropout_gap(
    x: Sequence[float], w: Sequence[float], drop_probability: float
) -> tuple[float, float, float, float]:
    """Exact mean of a tanh unit under inverted dropout of its inputs, by enumeration.

    Every mask ``m`` in ``{0, 1}^n`` of the ``n`` inputs has probability
    ``(1-p)^k p^(n-k)`` (``k`` kept); the pre-activation is
    ``z(m) = sum_i w_i m_i x_i / (1 - p)``.

    Parameters
    ----------
    x, w : sequence of float
        Inputs and weights of the unit, finite, of the same length ``n``,
        ``1 <= n <= 20`` (``2**n`` masks are enumerated).
    drop_probability : float
        ``p``, in ``[0, 1)``.

    Returns
    -------
    mean_output : float
        ``E[tanh(z(m))]``, the average of the dropout outputs.
    output_of_mean : float
        ``tanh(E[z(m)]) = tanh(w . x)``, what the deterministic pass gives.
    mean_z, var_z : float
        ``E[z]`` and ``Var[z]`` over the masks.

    Examples
    --------
    >>> mean_output, output_of_mean, mean_z, var_z = tanh_dropout_gap([1.0], [2.0], 0.5)
    >>> bool(np.isclose(mean_output, np.tanh(4.0) / 2)), mean_z, var_z
    (True, 2.0, 4.0)
    >>> tanh_dropout_gap([1.0], [2.0], 1.0)
    Traceback (most recent call last):
    ...
    ValueError: drop_probability must be in [0, 1), got 1.0
    """
    x = validation.float_array(x, "x", ndim=1, nonempty=True, finite=True).astype(np.float64)
    w = validation.same_shape(w, "w", x.shape, "x")
    w = validation.float_array(w, "w", finite=True).astype(np.float64)
    p = validation.probability(drop_probability, "drop_probability")
    n = x.size
    if n > 20:
        raise ValueError(f"x must have at most 20 entries, got {n}")
    masks = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    kept = masks.sum(axis=1)
    prob = (1 - p) ** kept * p ** (n - kept)
    z = masks @ (w * x) / (1 - p)
    mean_z = float(prob @ z)
    return (
        float(prob @ np.tanh(z)),
        float(np.tanh(mean_z)),
        mean_z,
        float(prob @ (z - mean_z) ** 2),
    )


@dataclass(frozen=True)
class DropoutMoments:
    """Result of :func:`dropout_output_moments`.

    Attributes
    ----------
    x : ndarray
        The unit's input values.
    drop_probability : float
    empirical_mean, empirical_variance : ndarray
        Sample mean and variance of the dropout output for each ``x``.
    predicted_variance : ndarray
        ``drop_probability / (1 - drop_probability) * x**2``.
    """

    x: np.ndarray
    drop_probability: float
    empirical_mean: np.ndarray
    empirical_variance: np.ndarray
    predicted_variance: np.ndarray


def dropout_output_moments(
    x: Sequence[float] = (0.5, 1.0, 2.0),
    *,
    drop_probability: float = 0.5,
    n_samples: int = 100_000,
    seed: int = 0,
) -> DropoutMoments:
    """Sample inverted dropout on fixed inputs: the mean stays ``x``, the variance grows.

    The output is ``x / (1 - p)`` with probability ``1 - p`` and 0 otherwise, so its
    mean is ``x`` and its variance ``x**2 / (1 - p) - x**2 = p / (1 - p) * x**2``.

    Parameters
    ----------
    x : sequence of float, default (0.5, 1.0, 2.0)
        The inputs, finite; at least one.
    drop_probability : float, default 0.5
        In ``[0, 1)``.
    n_samples : int, default 100000
    seed : int, default 0

    Returns
    -------
    DropoutMoments

    Examples
    --------
    >>> moments = dropout_output_moments([2.0], drop_probability=0.5)
    >>> moments.predicted_variance
    array([4.])
    >>> bool(abs(moments.empirical_variance[0] - 4.0) < 0.1)
    True
    """
    x = validation.float_array(x, "x", ndim=1, nonempty=True, finite=True).astype(np.float64)
    drop_probability = validation.probability(drop_probability, "drop_probability")
    n_samples = validation.positive_int(n_samples, "n_samples")
    seed = validation.seed(seed)
    layer = Dropout(drop_probability, rng=seed)
    outputs = layer.forward(np.broadcast_to(x, (n_samples, x.size)), training=True)
    p = layer.drop_probability
    return DropoutMoments(
        x=x,
        drop_probability=p,
        empirical_mean=outputs.mean(axis=0),
        empirical_variance=outputs.var(axis=0),
        predicted_variance=p / (1 - p) * x**2,
    )
