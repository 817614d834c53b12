"""The book's one protocol on real data: the digits split and its linear baseline.

Every chapter that trains on scikit-learn's handwritten digits (:func:`actbook.data.digits`)
uses the same held-out test set, :func:`digits_split`, and quotes the same linear baseline,
:func:`linear_baseline`: multinomial logistic regression, the model a network has to beat
to have learned anything a linear classifier cannot.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache

import numpy as np

from actbook import data

#: Share of each digit held out for testing, and the seed of the draw.
DIGITS_TEST_FRACTION = 0.25
DIGITS_SPLIT_SEED = 0
#: Inverse strength of the baseline's L2 penalty (scikit-learn's ``C``; its default).
BASELINE_C = 1.0
#: Iteration cap and gradient tolerance of the baseline's L-BFGS fit: tight enough that
#: the fit is the minimum to a few digits (scikit-learn's default tolerance stops short).
BASELINE_MAX_ITER = 10_000
BASELINE_TOL = 1e-8

__all__ = [
    "BASELINE_C",
    "DIGITS_SPLIT_SEED",
    "DIGITS_TEST_FRACTION",
    "LinearBaseline",
    "digits_split",
    "linear_baseline",
]


@cache
def _split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    parts = data.split(*data.digits(), test_fraction=DIGITS_TEST_FRACTION, seed=DIGITS_SPLIT_SEED)
    for part in parts:
        part.flags.writeable = False  # shared by every caller: nobody may change it
    return parts


def digits_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The book's digits split: ``X_train, X_test, y_train, y_test``, read-only.

    Stratified, :data:`DIGITS_TEST_FRACTION` of each digit held out, drawn with seed
    :data:`DIGITS_SPLIT_SEED`; pixels in [0, 1].

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = digits_split()
    >>> X_train.shape, X_test.shape
    ((1347, 64), (450, 64))
    >>> X_train.flags.writeable
    False
    """
    return _split()


@dataclass(frozen=True)
class LinearBaseline:
    """The fitted linear baseline on :func:`digits_split`.

    Attributes
    ----------
    train_accuracy, test_accuracy : float
        Share of correctly classified digits on each part of the split.
    weights : ndarray, shape (64, 10)
    bias : ndarray, shape (10,)
        The fitted model: the predicted digit is ``argmax(X @ weights + bias)``.
    """

    train_accuracy: float
    test_accuracy: float
    weights: np.ndarray
    bias: np.ndarray


def linear_baseline() -> LinearBaseline:
    """Fit multinomial logistic regression to the training digits and score it.

    Minimizes the mean softmax cross-entropy plus the L2 penalty ``|W|^2 / (2 C n)``
    (scikit-learn's ``LogisticRegression`` with ``C =`` :data:`BASELINE_C`, L-BFGS) to
    convergence: the problem is strictly convex, so the fit is the unique minimum and
    needs no seed. Cached: every chapter gets the same numbers.

    Examples
    --------
    >>> baseline = linear_baseline()
    >>> bool(0.95 < baseline.test_accuracy < baseline.train_accuracy <= 1.0)
    True
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    X_train, X_test, y_train, y_test = digits_split()
    model = LogisticRegression(C=BASELINE_C, max_iter=BASELINE_MAX_ITER, tol=BASELINE_TOL)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)  # an unconverged fit is a bug
        model.fit(X_train, y_train)
    return LinearBaseline(
        train_accuracy=float(model.score(X_train, y_train)),
        test_accuracy=float(model.score(X_test, y_test)),
        weights=model.coef_.T.copy(),
        bias=model.intercept_.copy(),
    )
