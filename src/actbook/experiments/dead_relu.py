"""Dead ReLU units: after training with large learning rates, and at birth in deep narrow nets.

A ReLU unit is *dead* on a data set when its output is zero for every input: it
then passes no gradient, and gradient descent cannot revive it (S3, S4).

- :func:`dead_relu_vs_learning_rate` trains the same MLP on the two moons with a
  grid of learning rates and counts the dead hidden units afterwards;
- :func:`dying_probability` estimates how often a randomly initialized deep and
  narrow ReLU net is *born dead* -- constant over its inputs -- as a function of
  depth and width (Lu et al. 2020: the probability tends to 1 with depth).

- :func:`digits_training` follows an MLP on the handwritten digits through
  training, epoch by epoch: which hidden units are dead on the training set, how
  sparse each hidden layer is, and the accuracies at the end; from its records,
  :class:`DigitsTraining` counts the units that died and those that came back. It
  trains on the book's split, :func:`actbook.experiments.digits.digits_split`, and its
  accuracies are quoted next to the book's linear baseline,
  :func:`actbook.experiments.digits.linear_baseline`.

A unit dead on every training input passes no gradient to its own weights and
bias. In the first hidden layer that is final under plain SGD, since its inputs
are the fixed data; in a later layer the layers below keep changing, and the unit
can come back.

The chapter *The ReLU family* plots these results and quotes their values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from actbook import data, nn, validation
from actbook.experiments import _arguments
from actbook.experiments.digits import digits_split

__all__ = [
    "DIGITS_BATCH_SIZE",
    "DIGITS_EPOCHS",
    "DIGITS_HIDDEN",
    "DeadReluResult",
    "DigitsTraining",
    "DyingReluResult",
    "dead_relu_vs_learning_rate",
    "dead_unit_mask",
    "digits_training",
    "dying_probability",
]

LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 2.0)


def dead_unit_mask(model: nn.Sequential, X: np.ndarray) -> list[np.ndarray]:
    """Return, per hidden layer, which units output exactly 0 for every row of ``X``.

    Parameters
    ----------
    model : actbook.nn.Sequential
        An MLP (or any :class:`actbook.nn.Sequential`); it is run in evaluation mode.
    X : ndarray, shape (n_samples, n_features)
        At least one sample.

    Examples
    --------
    >>> model = nn.MLP([1, 2, 1], "relu")
    >>> model.layers[0].params["b"][:] = [-10.0, 10.0]
    >>> dead_unit_mask(model, np.array([[0.0], [1.0]]))[0].tolist()
    [True, False]
    """
    model = _arguments.sequential(model)
    model.forward(_arguments.samples(X))
    return [np.all(a == 0, axis=0) for a in model.activations]


@dataclass(frozen=True)
class DeadReluResult:
    """Dead-unit fractions against the learning rate.

    Attributes
    ----------
    learning_rates : ndarray, shape (n_rates,)
    seeds : ndarray, shape (n_seeds,)
    dead_fraction : ndarray, shape (n_rates, n_seeds)
        Fraction of all hidden units dead on the training set after training.
    initial_dead_fraction : ndarray, shape (n_seeds,)
        The same fraction before training.
    final_loss, final_accuracy : ndarray, shape (n_rates, n_seeds)
        Training loss and accuracy in the last epoch (inf or nan when diverged).
    """

    learning_rates: np.ndarray
    seeds: np.ndarray
    dead_fraction: np.ndarray
    initial_dead_fraction: np.ndarray
    final_loss: np.ndarray
    final_accuracy: np.ndarray


def _dead_fraction(model: nn.Sequential, X: np.ndarray) -> float:
    return float(np.mean(np.concatenate(dead_unit_mask(model, X))))


def dead_relu_vs_learning_rate(
    learning_rates: Sequence[float] = LEARNING_RATES,
    *,
    sizes: Sequence[int] = (2, 64, 64, 64, 1),
    n_samples: int = 200,
    epochs: int = 30,
    batch_size: int = 16,
    seeds: Sequence[int] = (0, 1, 2),
) -> DeadReluResult:
    """Train a ReLU MLP on the two moons at each learning rate; count its dead units.

    Plain SGD on the binary cross-entropy; He-normal weights, zero biases; the
    seed fixes the weights and the order of the mini-batches, and the data are
    ``two_moons(n_samples, noise=0.1, seed=0)``. Runs that overflow are kept
    (their loss is inf or nan) rather than stopped.

    Parameters
    ----------
    learning_rates : sequence of float
        Finite and > 0; at least one.
    sizes : sequence of int, default (2, 64, 64, 64, 1)
        Layer widths: 2 inputs, at least one hidden layer, 1 output logit.
    n_samples : int, default 200
        At least 2.
    epochs : int, default 30
    batch_size : int, default 16
    seeds : sequence of int, default (0, 1, 2)
        One run per seed and rate; at least one.

    Examples
    --------
    >>> result = dead_relu_vs_learning_rate([0.01, 2.0], sizes=(2, 16, 16, 1), epochs=5)
    >>> result.dead_fraction.shape
    (2, 3)
    >>> bool(result.dead_fraction[1].mean() > result.dead_fraction[0].mean())
    True
    """
    rates = _arguments.positive_reals(learning_rates, "learning_rates")
    sizes = _arguments.sizes(sizes, inputs=2, outputs=1)
    n_samples = validation.integer(n_samples, "n_samples", minimum=2)
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = validation.positive_int(batch_size, "batch_size")
    seeds = validation.sequence(seeds, "seeds", validation.seed)
    X, y = data.two_moons(n_samples, noise=0.1, seed=0)
    shape = (rates.size, len(seeds))
    dead, loss, accuracy = np.empty(shape), np.empty(shape), np.empty(shape)
    initial = np.empty(len(seeds))
    for j, seed in enumerate(seeds):
        initial[j] = _dead_fraction(nn.MLP(sizes, "relu", seed=seed), X)
        for i, lr in enumerate(rates):
            model = nn.MLP(sizes, "relu", seed=seed)
            # a too large step may overflow; that run's dead units still count
            with np.errstate(over="ignore", invalid="ignore"):
                history = nn.fit(
                    model,
                    X,
                    y,
                    loss="bce",
                    optimizer=nn.SGD(float(lr)),
                    epochs=epochs,
                    batch_size=batch_size,
                    seed=seed,
                )
                dead[i, j] = _dead_fraction(model, X)
            loss[i, j] = history.loss[-1]
            accuracy[i, j] = history.accuracy[-1]
    return DeadReluResult(
        learning_rates=rates,
        seeds=np.asarray(seeds),
        dead_fraction=dead,
        initial_dead_fraction=initial,
        final_loss=loss,
        final_accuracy=accuracy,
    )


@dataclass(frozen=True)
class DyingReluResult:
    """Probability that a random deep narrow ReLU net is born dead.

    Attributes
    ----------
    widths, depths : ndarray
        Units per hidden layer; numbers of hidden layers.
    probability : ndarray, shape (n_widths, n_depths)
        Fraction of the ``trials`` random nets whose ``depth``-th hidden layer is
        constant over the inputs (then so is the whole network's output).
    trials : int
    """

    widths: np.ndarray
    depths: np.ndarray
    probability: np.ndarray
    trials: int


def _collapse_depths(
    width: int, max_depth: int, trials: int, inputs: np.ndarray, bias_std: float, rng
) -> np.ndarray:
    """Return, per trial, the first hidden layer constant over the inputs (or max_depth + 1)."""
    collapsed_at = np.full(trials, max_depth + 1)
    h = np.broadcast_to(inputs, (trials, *inputs.shape))
    for depth in range(1, max_depth + 1):
        fan_in = h.shape[-1]
        W = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(trials, fan_in, width))
        b = rng.normal(0.0, bias_std, size=(trials, 1, width)) if bias_std else 0.0
        h = np.maximum(h @ W + b, 0.0)
        constant = np.all(h == h[:, :1, :], axis=(1, 2))
        collapsed_at[constant & (collapsed_at > max_depth)] = depth
    return collapsed_at


def dying_probability(
    widths: Sequence[int] = (2, 3, 4, 5),
    depths: Sequence[int] = (10, 20, 30, 40, 50),
    *,
    trials: int = 500,
    n_inputs: int = 200,
    input_dim: int = 1,
    bias_std: float = 0.0,
    seed: int = 0,
) -> DyingReluResult:
    """Estimate the probability that a He-initialized ReLU net is constant over its inputs.

    Each trial draws a net of ``max(depths)`` hidden layers (weights
    ``N(0, 2 / fan_in)``, biases ``N(0, bias_std^2)``, zero by default) and feeds it
    ``n_inputs`` points uniform in ``[-1, 1]^input_dim``. A net is *dead at depth
    L* when its ``L``-th hidden layer gives the same values for every input; a
    constant layer makes all later ones constant, so the estimate is monotone in
    ``L`` for a fixed set of trials.

    With width 1, one input and zero biases the probability is exactly
    ``1 - 2^-(L-1)`` (the unit of layer 1 is alive on one side of 0, and each
    later unit survives iff its weight is positive).

    Parameters
    ----------
    widths : sequence of int, default (2, 3, 4, 5)
        Units per hidden layer; at least one width.
    depths : sequence of int, default (10, 20, 30, 40, 50)
        Depths at which to read the probability; at least one.
    trials : int, default 500
        Random nets per width.
    n_inputs : int, default 200
        At least 2 (one input is always "constant").
    input_dim : int, default 1
    bias_std : float, default 0.0
        Finite and >= 0.
    seed : int, default 0

    Examples
    --------
    >>> result = dying_probability([1], [1, 2, 3], trials=4000)
    >>> np.round(result.probability, 2)
    array([[0.  , 0.5 , 0.74]])
    """
    widths_array = np.array(
        validation.sequence(widths, "widths", validation.positive_int), dtype=np.int64
    )
    depths_array = np.array(
        validation.sequence(depths, "depths", validation.positive_int), dtype=np.int64
    )
    trials = validation.positive_int(trials, "trials")
    n_inputs = validation.integer(n_inputs, "n_inputs", minimum=2)
    input_dim = validation.positive_int(input_dim, "input_dim")
    bias_std = validation.nonnegative_real(bias_std, "bias_std")
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    inputs = rng.uniform(-1.0, 1.0, size=(n_inputs, input_dim))
    probability = np.empty((widths_array.size, depths_array.size))
    for i, width in enumerate(widths_array):
        collapsed_at = _collapse_depths(
            int(width), int(depths_array.max()), trials, inputs, bias_std, rng
        )
        probability[i] = np.mean(collapsed_at[:, None] <= depths_array[None, :], axis=0)
    return DyingReluResult(
        widths=widths_array, depths=depths_array, probability=probability, trials=trials
    )


# ----------------------------------------------------------------- on the digits

DIGITS_HIDDEN = (64, 64)
"""Widths of the hidden layers of :func:`digits_training` (64 inputs, 10 output logits)."""
DIGITS_EPOCHS = 30
"""Epochs of :func:`digits_training`."""
DIGITS_BATCH_SIZE = 32
"""Its mini-batch size."""

_DIGITS_CLASSES = 10


def _epoch_seed(seed: int, epoch: int) -> int:
    """The shuffling seed of one epoch: a different order in every epoch of every run."""
    return int(np.random.SeedSequence([seed, epoch]).generate_state(1)[0])


def _accuracy(model: nn.Layer, X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.argmax(model.forward(X), axis=1) == y))


def _count_revived(dead: np.ndarray) -> tuple[int, int]:
    """``(ever dead, revived)`` units of one layer from its masks of shape (checkpoints, units).

    A unit is revived when it is dead at one checkpoint and alive at a later one.
    """
    ever = dead.any(axis=0)
    first = np.argmax(dead, axis=0)  # the first checkpoint at which it is dead
    later_alive = np.array(
        [bool(ever[u]) and not dead[first[u] :, u].all() for u in range(dead.shape[1])]
    )
    return int(ever.sum()), int(later_alive.sum())


@dataclass(frozen=True)
class DigitsTraining:
    """An MLP on the digits, recorded on the training set after every epoch.

    Checkpoint 0 is the network before training, checkpoint ``k`` the network after
    epoch ``k``. Hidden layer 1 is the one next to the input.

    Attributes
    ----------
    activation : str
        The hidden activation.
    learning_rate, momentum : float
        The SGD settings.
    seed : int
        The seed of the weights and of the shuffling.
    dead : tuple of ndarray
        Per hidden layer, a boolean array of shape ``(epochs + 1, width)``: the unit's
        output is exactly 0 for every training input.
    zero_fraction, positive_fraction, mean_output : ndarray, shape (epochs + 1, n_hidden)
        Per checkpoint and hidden layer, over all (training input, unit) pairs: the
        share of outputs exactly 0, the share of pre-activations above 0, and the mean
        output.
    exact_zeros : ndarray of int, shape (epochs + 1, n_hidden)
        Per checkpoint and hidden layer, how many pre-activations are exactly 0: the
        only places where the choice of ReLU's derivative at 0 matters.
    hidden_biases : tuple of ndarray
        The biases of the hidden layers after training.
    train_accuracy, test_accuracy : float
        After training, on the training and on the held-out images.
    final_loss : float
        Mean training loss of the last epoch (inf or nan when training diverged).
    """

    activation: str
    learning_rate: float
    momentum: float
    seed: int
    dead: tuple[np.ndarray, ...]
    zero_fraction: np.ndarray
    positive_fraction: np.ndarray
    mean_output: np.ndarray
    exact_zeros: np.ndarray
    hidden_biases: tuple[np.ndarray, ...]
    train_accuracy: float
    test_accuracy: float
    final_loss: float

    @property
    def dead_fraction(self) -> np.ndarray:
        """Share of dead units, shape ``(epochs + 1, n_hidden)``."""
        return np.stack([mask.mean(axis=1) for mask in self.dead], axis=1)

    @property
    def ever_dead(self) -> np.ndarray:
        """Per hidden layer, how many units were dead at one checkpoint at least."""
        return np.array([_count_revived(mask)[0] for mask in self.dead])

    @property
    def revived(self) -> np.ndarray:
        """Per hidden layer, how many units were dead at a checkpoint and alive at a later one."""
        return np.array([_count_revived(mask)[1] for mask in self.dead])


def _record(model: nn.Sequential, X: np.ndarray) -> tuple[list, ...]:
    """Dead masks, zero and positive fractions, mean outputs and exact zeros per hidden layer."""
    model.forward(X)
    dead = [np.all(a == 0, axis=0) for a in model.activations]
    zero = [float(np.mean(a == 0)) for a in model.activations]
    positive = [float(np.mean(z > 0)) for z in model.pre_activations]
    mean = [float(np.mean(a)) for a in model.activations]
    exact = [int(np.count_nonzero(z == 0)) for z in model.pre_activations]
    return dead, zero, positive, mean, exact


def digits_training(
    activation: str = "relu",
    learning_rate: float = 0.1,
    *,
    hidden: Sequence[int] = DIGITS_HIDDEN,
    epochs: int = DIGITS_EPOCHS,
    batch_size: int = DIGITS_BATCH_SIZE,
    momentum: float = 0.0,
    seed: int = 0,
) -> DigitsTraining:
    """Train an MLP on the digits and record its hidden layers after every epoch.

    The images are the book's split, :func:`actbook.experiments.digits.digits_split`,
    the same for every run (the seed varies the rest). The MLP has 64 inputs, the ``hidden`` layers and 10
    output logits, the default initializer of its activation (He for ReLU, Xavier
    otherwise, zero biases) and is trained with SGD on the softmax cross-entropy,
    one mini-batch order per epoch. Runs whose steps overflow are kept, as in
    :func:`dead_relu_vs_learning_rate`.

    Parameters
    ----------
    activation : str, default "relu"
        An :mod:`actbook.activations` name.
    learning_rate : float, default 0.1
        Finite and > 0.
    hidden : sequence of int, default :data:`DIGITS_HIDDEN`
        At least one hidden layer.
    epochs : int, default :data:`DIGITS_EPOCHS`
    batch_size : int, default :data:`DIGITS_BATCH_SIZE`
    momentum : float, default 0.0
        In ``[0, 1)``; 0 is plain SGD.
    seed : int, default 0
        Seeds the weights and the shuffling.

    Returns
    -------
    DigitsTraining

    Examples
    --------
    >>> run = digits_training("relu", 0.1, hidden=(16,), epochs=2)
    >>> run.dead[0].shape, run.zero_fraction.shape
    ((3, 16), (3, 1))
    >>> bool(run.test_accuracy > 0.5)
    True
    >>> digits_training(learning_rate=0)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a finite number > 0, got 0.0
    """
    activation = _arguments.activation_name(activation)
    learning_rate = validation.positive_real(learning_rate, "learning_rate")
    hidden = validation.sequence(hidden, "hidden", validation.positive_int)
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = validation.positive_int(batch_size, "batch_size")
    momentum = validation.real_in_range(momentum, "momentum", 0.0, 1.0, include_high=False)
    seed = validation.seed(seed)
    X_train, X_test, y_train, y_test = digits_split()
    model = nn.MLP([X_train.shape[1], *hidden, _DIGITS_CLASSES], activation, seed=seed)
    optimizer = nn.SGD(learning_rate, momentum=momentum)  # one optimizer: its velocity persists
    records = [_record(model, X_train)]
    loss = np.nan
    # a too large step may overflow; the run is kept and its dead units still count
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs):
            history = nn.fit(
                model,
                X_train,
                y_train,
                loss="softmax_cross_entropy",
                optimizer=optimizer,
                epochs=1,
                batch_size=batch_size,
                seed=_epoch_seed(seed, epoch),
            )
            loss = float(history.loss[-1])
            records.append(_record(model, X_train))
        train_accuracy = _accuracy(model, X_train, y_train)
        test_accuracy = _accuracy(model, X_test, y_test)
    dead, zero, positive, mean, exact = zip(*records, strict=True)
    hidden_dense = [layer for layer in model.layers if isinstance(layer, nn.Dense)][:-1]
    return DigitsTraining(
        activation=activation,
        learning_rate=learning_rate,
        momentum=momentum,
        seed=seed,
        dead=tuple(np.array([d[layer] for d in dead]) for layer in range(len(hidden))),
        zero_fraction=np.array(zero),
        positive_fraction=np.array(positive),
        mean_output=np.array(mean),
        exact_zeros=np.array(exact),
        hidden_biases=tuple(layer.params["b"].copy() for layer in hidden_dense),
        train_accuracy=train_accuracy,
        test_accuracy=test_accuracy,
        final_loss=loss,
    )
