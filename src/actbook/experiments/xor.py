"""XOR: a linear model cannot fit it, a network with one hidden layer can.

Goodfellow, Bengio & Courville (2016, section 6.1) show that the least-squares
linear fit ``y = w . x + b`` to the four XOR points is ``w = 0, b = 1/2`` (every
prediction 1/2), and that the two-unit ReLU network

    h = max(0, x W + c),  y = h . w + b,
    W = [[1, 1], [1, 1]],  c = [0, -1],  w = [1, -2],  b = 0

gives XOR exactly. :func:`xor` computes the linear fit, evaluates that hand
solution, and trains a small MLP from random weights. The chapter *Why
nonlinearity* quotes all three (S2, S3).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from actbook import data, nn, validation
from actbook.experiments import _arguments

__all__ = ["HAND_SOLUTION", "XorResult", "xor"]

HAND_SOLUTION = {
    "W": np.array([[1.0, 1.0], [1.0, 1.0]]),
    "c": np.array([0.0, -1.0]),
    "w": np.array([1.0, -2.0]),
    "b": 0.0,
}
"""The ReLU network of Goodfellow et al. (2016, section 6.1) that computes XOR."""


@dataclass(frozen=True)
class XorResult:
    """The three models on the four XOR points.

    Attributes
    ----------
    X : ndarray, shape (4, 2)
    y : ndarray, shape (4,)
    linear_weights : ndarray, shape (2,)
    linear_bias : float
    linear_predictions : ndarray, shape (4,)
    linear_mse : float
        Mean squared error of the least-squares linear fit.
    hand_hidden : ndarray, shape (4, 2)
        Hidden activations ``max(0, X W + c)`` of the hand solution.
    hand_output : ndarray, shape (4,)
    mlp_probabilities : ndarray, shape (4,)
        ``sigmoid`` of the trained MLP's outputs.
    mlp_loss : ndarray, shape (epochs,)
        Its training loss (binary cross-entropy).
    mlp_accuracy : float
        Fraction of the four points it classifies right (threshold 1/2).
    """

    X: np.ndarray
    y: np.ndarray
    linear_weights: np.ndarray
    linear_bias: float
    linear_predictions: np.ndarray
    linear_mse: float
    hand_hidden: np.ndarray
    hand_output: np.ndarray
    mlp_probabilities: np.ndarray
    mlp_loss: np.ndarray
    mlp_accuracy: float


def xor(
    *,
    hidden: int = 4,
    activation: str = "tanh",
    epochs: int = 500,
    lr: float = 0.5,
    seed: int = 0,
) -> XorResult:
    """Fit XOR with least squares, with the hand solution and with a trained MLP.

    The MLP has sizes ``[2, hidden, 1]`` and is trained by full-batch SGD with
    momentum 0.9 on the binary cross-entropy (:func:`actbook.nn.fit`).

    Parameters
    ----------
    hidden : int, default 4
        Width of the hidden layer.
    activation : str or Activation, default "tanh"
    epochs : int, default 500
        Full-batch steps.
    lr : float, default 0.5
    seed : int, default 0
        Seeds the weights (and :func:`actbook.nn.fit`'s shuffling).

    Examples
    --------
    >>> result = xor()
    >>> np.round(result.linear_weights, 12) + 0.0, round(result.linear_bias, 12)
    (array([0., 0.]), 0.5)
    >>> result.hand_output
    array([0., 1., 1., 0.])
    >>> result.mlp_accuracy
    1.0
    >>> xor(hidden=2.5)
    Traceback (most recent call last):
    ...
    TypeError: hidden must be a positive integer, got 2.5 (float)
    """
    hidden = validation.positive_int(hidden, "hidden")
    activation = _arguments.activation(activation)
    epochs = validation.positive_int(epochs, "epochs")
    optimizer = nn.SGD(validation.positive_real(lr, "lr"), momentum=0.9)
    seed = validation.seed(seed)
    X, y = data.xor()
    design = np.column_stack([X, np.ones(len(X))])
    coefficients, *_ = np.linalg.lstsq(design, y, rcond=None)
    linear_predictions = design @ coefficients

    hand_hidden = np.maximum(X @ HAND_SOLUTION["W"] + HAND_SOLUTION["c"], 0.0)
    hand_output = hand_hidden @ HAND_SOLUTION["w"] + HAND_SOLUTION["b"]

    model = nn.MLP([2, hidden, 1], activation, seed=seed)
    history = nn.fit(model, X, y, loss="bce", optimizer=optimizer, epochs=epochs, seed=seed)
    probabilities = expit(model.forward(X)[:, 0])
    return XorResult(
        X=X,
        y=y,
        linear_weights=coefficients[:2],
        linear_bias=float(coefficients[2]),
        linear_predictions=linear_predictions,
        linear_mse=float(np.mean((linear_predictions - y) ** 2)),
        hand_hidden=hand_hidden,
        hand_output=hand_output,
        mlp_probabilities=probabilities,
        mlp_loss=history.loss,
        mlp_accuracy=float(np.mean((probabilities > 0.5) == (y == 1))),
    )
