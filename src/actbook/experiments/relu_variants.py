"""The variants of ReLU compared: on the digits, in a recurrence, and by their shapes.

- :func:`train_digits` trains one small MLP (or a logistic regression trained the same
  way) on the handwritten digits and returns a :class:`DigitsRun`: accuracies on the
  training, validation and test images, losses and, for PReLU, the learned slopes;
- :func:`validation_split` carves a validation set out of the training images of the
  book's split (:func:`actbook.experiments.digits.digits_split`), for choosing a
  learning rate without looking at the test images;
- :func:`recurrence_matrix` and :func:`recurrence_states` iterate ``h <- f(W h)`` with a
  fixed matrix, to show that tanh keeps a recurrent state bounded while ReLU does not;
- :func:`activation_profile` computes the shape facts of an activation that a
  comparison table needs (mean under a standard normal input, derivative at zero,
  saturation, monotonicity, smoothness, dead units);
- :func:`time_against_relu` times an activation's plain NumPy formula against ReLU.

The chapter *The ReLU family* quotes their results.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from scipy import special

from actbook import data, nn, validation
from actbook.activations import (
    ACTIVATIONS,
    Activation,
    LeakyReLU,
    PReLU,
    RReLU,
    get_activation,
)
from actbook.experiments import _arguments
from actbook.experiments.digits import digits_split
from actbook.timing import RatioTiming, time_ratio

__all__ = [
    "BASELINE",
    "PLAIN_FORMULAS",
    "DigitsRun",
    "Profile",
    "activation_profile",
    "recurrence_matrix",
    "recurrence_states",
    "time_against_relu",
    "train_digits",
    "validation_split",
]

#: The name :func:`train_digits` takes for a logistic regression trained like the
#: networks (the book's accuracy baseline is :func:`~actbook.experiments.digits.linear_baseline`).
BASELINE = "logistic"
#: Widths of the hidden layers of the digits MLP.
HIDDEN = (32, 32)
#: Training of every digits model: epochs, mini-batch size and SGD momentum.
EPOCHS = 20
BATCH_SIZE = 64
MOMENTUM = 0.9
#: The SGD rate :func:`train_digits` uses unless told another (the chapter chooses one
#: per activation from a grid, by validation accuracy).
LEARNING_RATE = 0.1
#: Share of each digit of the book's training images held out for validation, and the
#: seed of that draw.
VALIDATION_FRACTION = 0.2
VALIDATION_SEED = 0
#: Where the profile looks for saturation: the derivative at plus and minus this input.
SATURATION_INPUT = 30.0
#: A derivative below this share of the activation's peak counts as saturated there.
SATURATION_TOLERANCE = 1e-6
#: Inputs at which a dead side is looked for: there the derivative is exactly zero.
DEAD_INPUTS = (-0.5, -3.0, -30.0)
#: Values per timed array (80 KB of float64, which stays in cache and below the size at
#: which every temporary array is a fresh allocation from the system), and timed pairs.
TIMING_SIZE = 10_000
TIMING_REPEATS = 5


# --------------------------------------------------------------------------------------
# Digits
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigitsRun:
    """One model trained on the digits.

    Attributes
    ----------
    activation : str
        The hidden activation's name, or :data:`BASELINE`.
    seed : int
        Seed of the initial weights and of the order of the mini-batches.
    learning_rate : float
        The SGD rate it was trained with.
    train_accuracy, validation_accuracy, test_accuracy : float
        Share of correctly classified images, after training: of the images it was
        trained on, of the validation images and of the book's test images.
    train_loss, validation_loss, test_loss : float
        Mean softmax cross-entropy, after training.
    slopes : tuple of float
        The learned negative slope of every hidden PReLU layer, first layer first (a
        slope shared by all layers once); empty for other activations.
    """

    activation: str
    seed: int
    learning_rate: float
    train_accuracy: float
    validation_accuracy: float
    test_accuracy: float
    train_loss: float
    validation_loss: float
    test_loss: float
    slopes: tuple[float, ...] = ()

    @property
    def gap(self) -> float:
        """Train accuracy minus test accuracy."""
        return self.train_accuracy - self.test_accuracy


@cache
def _validation_split() -> tuple[np.ndarray, ...]:
    X_train, _, y_train, _ = digits_split()
    parts = data.split(X_train, y_train, test_fraction=VALIDATION_FRACTION, seed=VALIDATION_SEED)
    for part in parts:
        part.setflags(write=False)  # shared by every caller: nobody may change it
    return parts


def validation_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The book's training digits split again: ``X_fit, X_val, y_fit, y_val``, read-only.

    The training part of :func:`actbook.experiments.digits.digits_split`, with
    :data:`VALIDATION_FRACTION` of each digit held out for validation (stratified, drawn
    with seed :data:`VALIDATION_SEED`). :func:`train_digits` trains on ``X_fit``; the
    test images of the book's split are not touched.

    Examples
    --------
    >>> X_fit, X_val, y_fit, y_val = validation_split()
    >>> X_fit.shape, X_val.shape
    ((1078, 64), (269, 64))
    >>> X_fit.flags.writeable
    False
    """
    return _validation_split()


def _hidden_activation(activation: str, params: Mapping[str, Any]) -> str | Activation:
    """The hidden activation: its name, or one instance built from ``params`` (checked)."""
    if not params:
        return activation
    keys = list(params)
    if not all(isinstance(key, str) for key in keys):
        raise TypeError(f"params must map parameter names (str) to values, got the keys {keys}")
    try:
        return get_activation(activation, **params)
    except TypeError as error:
        raise TypeError(f"params for {activation}: {error}") from None
    except ValueError as error:
        raise ValueError(f"params for {activation}: {error}") from None


def _model(
    activation: str, hidden_activation: str | Activation, seed: int, hidden: tuple[int, ...]
) -> Any:
    n_features, n_classes = 64, 10
    if activation == BASELINE:
        return nn.Dense(n_features, n_classes, seed=seed)
    sizes = [n_features, *hidden, n_classes]
    return nn.MLP(sizes, hidden_activation, seed=seed)


def train_digits(
    activation: str = "relu",
    seed: int = 0,
    *,
    params: Mapping[str, Any] | None = None,
    hidden: tuple[int, ...] = HIDDEN,
    epochs: int = EPOCHS,
    learning_rate: float = LEARNING_RATE,
) -> DigitsRun:
    """Train an MLP with the given hidden activation on the digits, and evaluate it.

    Softmax cross-entropy, mini-batches of ``BATCH_SIZE``, SGD with momentum
    ``MOMENTUM``, no weight decay. It trains on the ``X_fit`` part of
    :func:`validation_split` and scores the model there, on the validation images and
    on the test images of :func:`actbook.experiments.digits.digits_split`. The MLP's
    default initializer is used (He's for the ReLU family, Xavier's otherwise). A rate
    too large for the model makes the weights overflow; the run then ends with
    non-finite losses and an accuracy near chance, which is its result.

    Parameters
    ----------
    activation : str, default "relu"
        A name of :data:`actbook.activations.ACTIVATIONS`, or :data:`BASELINE` for
        multinomial logistic regression (one dense layer, no hidden layer).
    seed : int, default 0
        Seed of the weights, of the mini-batch order and of RReLU's slopes.
    params : mapping, optional
        Parameters of the activation, e.g. ``{"slope": 0.2}`` for ``"leaky_relu"``.
        With parameters, one activation instance serves every hidden layer (for PReLU:
        one slope for the whole network); without, each layer has its own.
    hidden : tuple of int, default HIDDEN
        Widths of the hidden layers.
    epochs : int, default EPOCHS
        Passes over the training set.
    learning_rate : float, default LEARNING_RATE
        The SGD rate, positive and finite.

    Returns
    -------
    DigitsRun

    Examples
    --------
    >>> run = train_digits("prelu", seed=0, epochs=2)
    >>> len(run.slopes), run.test_accuracy > 0.8, run.learning_rate == LEARNING_RATE
    (2, True, True)
    >>> train_digits("swish")
    Traceback (most recent call last):
    ...
    ValueError: activation must be one of ['elu', 'gelu', 'leaky_relu', 'logistic', 'prelu', 'relu', 'rrelu', 'sigmoid', 'silu', 'softplus', 'tanh'], got 'swish'
    """  # noqa: E501
    activation = _arguments.name_of(activation, "activation", [*ACTIVATIONS, BASELINE])
    seed = validation.seed(seed)
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a mapping of parameter names, got {params!r}")
    if activation == BASELINE and params:
        raise ValueError(f"the {BASELINE} baseline takes no params, got {dict(params)}")
    hidden = tuple(validation.sequence(hidden, "hidden", validation.positive_int, min_length=1))
    epochs = validation.positive_int(epochs, "epochs")
    learning_rate = validation.positive_real(learning_rate, "learning_rate")
    optimizer = nn.SGD(learning_rate, momentum=MOMENTUM)
    hidden_activation = _hidden_activation(activation, params)  # checked before the split
    X_fit, X_val, y_fit, y_val = validation_split()
    _, X_test, _, y_test = digits_split()
    model = _model(activation, hidden_activation, seed, hidden)
    scores = {}
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is its result
        nn.fit(
            model,
            X_fit,
            y_fit,
            loss="softmax_cross_entropy",
            optimizer=optimizer,
            epochs=epochs,
            batch_size=BATCH_SIZE,
            seed=seed,
        )
        for part, X, y in (
            ("train", X_fit, y_fit),
            ("validation", X_val, y_val),
            ("test", X_test, y_test),
        ):
            logits = model.forward(X)
            scores[f"{part}_accuracy"] = float(np.mean(np.argmax(logits, axis=1) == y))
            scores[f"{part}_loss"] = float(nn.softmax_cross_entropy(logits, y)[0])
    shared = {
        id(layer.params["slope"]): layer.params["slope"]
        for layer in getattr(model, "layers", [])
        if "slope" in layer.params
    }
    slopes = tuple(float(slope) for slope in shared.values())  # a shared slope once
    return DigitsRun(
        activation=activation,
        seed=seed,
        learning_rate=learning_rate,
        slopes=slopes,
        **scores,
    )


# --------------------------------------------------------------------------------------
# A recurrence h <- f(W h)
# --------------------------------------------------------------------------------------


def recurrence_matrix(size: int, radius: float, *, positive: bool, seed: int = 0) -> np.ndarray:
    """A random square matrix scaled to spectral radius ``radius``.

    With ``positive=True`` its entries are uniform on [0, 1) before scaling, so every
    entry is >= 0 (then a non-negative state stays non-negative under ``W h``); with
    ``positive=False`` they are standard normal, of both signs.

    Examples
    --------
    >>> W = recurrence_matrix(4, 1.1, positive=True)
    >>> round(float(np.max(np.abs(np.linalg.eigvals(W)))), 12), bool(np.all(W >= 0))
    (1.1, True)
    """
    size = validation.positive_int(size, "size")
    radius = validation.positive_real(radius, "radius")
    positive = validation.boolean(positive, "positive")
    rng = np.random.default_rng(validation.seed(seed))
    W = rng.uniform(0.0, 1.0, (size, size)) if positive else rng.standard_normal((size, size))
    with np.errstate(over="ignore"):  # an overflow is refused below
        scaled = W * (radius / np.max(np.abs(np.linalg.eigvals(W))))
    entries = np.abs(scaled[W != 0])
    if not np.all(np.isfinite(entries) & (entries >= np.finfo(np.float64).tiny)):
        raise ValueError(
            f"radius must leave the entries of the {size}x{size} matrix normal float64 "
            f"numbers (neither overflowing nor underflowing), got {radius:g}"
        )
    return scaled


def recurrence_states(
    W: np.ndarray, activation: str | Activation, steps: int, h0: np.ndarray
) -> np.ndarray:
    """Iterate ``h <- f(W h)`` from ``h0``; return the states ``h_0, ..., h_steps`` as rows.

    No input and no bias: the recurrence of a recurrent network between inputs.

    Examples
    --------
    >>> states = recurrence_states(2.0 * np.eye(2), "relu", 3, np.array([1.0, -1.0]))
    >>> states[-1]
    array([8., 0.])
    """
    W = validation.float_array(W, "W", ndim=2, finite=True)
    if W.shape[0] != W.shape[1]:
        raise ValueError(f"W must be square, got shape {W.shape}")
    act = _resolve(activation)
    steps = validation.positive_int(steps, "steps")
    h = validation.same_shape(h0, "h0", (W.shape[0],), "a row of W").astype(np.float64)
    states = [h]
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is its result
        for _ in range(steps):
            h = np.asarray(act(W @ h), dtype=np.float64)
            states.append(h)
    return np.array(states)


# --------------------------------------------------------------------------------------
# Profiles of the activations, and their cost
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Shape facts of one activation, computed numerically.

    Attributes
    ----------
    name : str
    mean_normal : float
        E f(Z) for Z ~ N(0, 1), by adaptive quadrature.
    derivative_at_zero : float
        f'(0), with actbook's convention at a kink (the left derivative).
    saturates : str
        ``"both"``, ``"left"`` or ``"no"``: on which side, at +-``SATURATION_INPUT``,
        the derivative is below ``SATURATION_TOLERANCE`` times its peak.
    monotone : bool
        f' >= 0 on a fine grid of [-10, 10] (outside it every activation here is
        monotone).
    continuous_derivative : bool
        f' has no jump at 0, the only place where these activations may have a kink.
    smooth : bool
        Neither f' nor f'' jumps at 0.
    dead_side : bool
        f' is exactly zero at every input of ``DEAD_INPUTS``: a unit driven there gets
        no gradient at all.
    """

    name: str
    mean_normal: float
    derivative_at_zero: float
    saturates: str
    monotone: bool
    continuous_derivative: bool
    smooth: bool
    dead_side: bool


def _resolve(activation: Any) -> Activation:
    """An activation instance from a name of ACTIVATIONS or an instance."""
    act = _arguments.activation(activation)
    return get_activation(act) if isinstance(act, str) else act


def _derivative(act: Activation, x: float) -> float:
    return float(act.derivative(np.float64(x)))


def activation_profile(activation: str | Activation) -> Profile:
    """Compute the :class:`Profile` of an activation (a name builds the default one).

    Examples
    --------
    >>> p = activation_profile("relu")
    >>> round(p.mean_normal, 6), p.saturates, p.dead_side, p.smooth
    (0.398942, 'left', True, False)
    >>> activation_profile("gelu").monotone
    False
    """
    from scipy import integrate

    act = _resolve(activation)

    def weighted(x: float) -> float:
        return float(act(np.float64(x))) * np.exp(-0.5 * x * x) / np.sqrt(2.0 * np.pi)

    # the kink at 0 splits the integral; beyond +-40 the Gaussian weight is below 1e-340
    left, _ = integrate.quad(weighted, -40.0, 0.0, epsabs=1e-13, epsrel=1e-12, limit=200)
    right, _ = integrate.quad(weighted, 0.0, 40.0, epsabs=1e-13, epsrel=1e-12, limit=200)
    peak = act.derivative_peak()
    flat = [
        abs(_derivative(act, s * SATURATION_INPUT)) < SATURATION_TOLERANCE * peak for s in (-1, 1)
    ]
    saturates = "both" if all(flat) else "left" if flat[0] else "right" if flat[1] else "no"
    grid = np.linspace(-10.0, 10.0, 20001)
    monotone = bool(np.min(act.derivative(grid)) >= 0.0)
    h = 1e-5
    d_left, d_zero, d_right = (_derivative(act, x) for x in (-h, 0.0, h))
    continuous = abs(d_right - d_left) < 1e-3
    second_left = (d_zero - _derivative(act, -2 * h)) / (2 * h)
    second_right = (_derivative(act, 2 * h) - d_right) / h
    smooth = continuous and abs(second_right - second_left) < 1e-2
    dead = all(_derivative(act, x) == 0.0 for x in DEAD_INPUTS)
    return Profile(
        name=act.name,
        mean_normal=float(left + right),
        derivative_at_zero=d_zero,
        saturates=saturates,
        monotone=monotone,
        continuous_derivative=bool(continuous),
        smooth=bool(smooth),
        dead_side=bool(dead),
    )


def _leaky_formula(slope: float) -> Any:
    return lambda x: np.where(x > 0, x, slope * x)


#: Each activation as the one-line NumPy or SciPy formula of a textbook, with default
#: parameters (RReLU in evaluation); :func:`time_against_relu` times these.
PLAIN_FORMULAS: dict[str, Any] = {
    "sigmoid": special.expit,
    "tanh": np.tanh,
    "relu": lambda x: np.maximum(x, 0.0),
    "leaky_relu": _leaky_formula(LeakyReLU().slope),
    "prelu": _leaky_formula(PReLU().slope),
    "rrelu": _leaky_formula(RReLU().eval_slope),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
    "gelu": lambda x: x * special.ndtr(x),
    "silu": lambda x: x * special.expit(x),
    "softplus": lambda x: np.logaddexp(0.0, x),
}


def time_against_relu(
    activation: str, size: int = TIMING_SIZE, repeats: int = TIMING_REPEATS, seed: int = 0
) -> RatioTiming:
    """Time an activation's plain formula against ReLU, ``np.maximum(x, 0)``.

    Both run on the same ``size`` standard-normal float64 values; the formulas are
    :data:`PLAIN_FORMULAS`, not actbook's implementations, which spend extra passes on
    accuracy and on checking their input. The ratio depends on the machine.

    Examples
    --------
    >>> r = time_against_relu("relu", size=1000, repeats=3)
    >>> 0.2 < r.median < 5.0
    True
    """
    name = _arguments.activation_name(activation)
    size = validation.positive_int(size, "size")
    x = np.random.default_rng(validation.seed(seed)).standard_normal(size)
    return time_ratio(PLAIN_FORMULAS[name], PLAIN_FORMULAS["relu"], x, repeats=repeats)
