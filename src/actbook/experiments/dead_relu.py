"""Dead ReLU units: after training with large learning rates, and at birth in deep narrow nets.

A ReLU unit is *dead* on a data set when its output is zero for every input: it
then passes no gradient, and gradient descent cannot revive it (S3, S4).

- :func:`dead_relu_vs_learning_rate` trains the same MLP on the two moons with a
  grid of learning rates and counts the dead hidden units afterwards;
- :func:`dying_probability` estimates how often a randomly initialized deep and
  narrow ReLU net is *born dead* -- constant over its inputs -- as a function of
  depth and width (Lu et al. 2020: the probability tends to 1 with depth).

The chapter *The ReLU family* plots both and quotes their values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from actbook import data, nn, validation
from actbook.experiments import _arguments

__all__ = [
    "DeadReluResult",
    "DyingReluResult",
    "dead_relu_vs_learning_rate",
    "dead_unit_mask",
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
