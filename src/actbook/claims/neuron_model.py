"""Claims of the chapter *The neuron model* (book/chapters/neuron-model.md).

Four small computations: where the inputs of one neuron interact; a stack of affine
layers collapsing to one affine map (and convolution being linear); what a linear
classifier and a two-unit network can do on XOR; and how the error of a one-hidden-layer
tanh network on ``sin`` falls with its width (the universal-approximation theorem).

Examples
--------
>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("neuron_model."):
...         print(claim_id, claim.render())
neuron_model.collapse_depth 4
neuron_model.collapse_max_difference 3 × 10⁻¹⁴
neuron_model.collapse_rank 2
neuron_model.convolution_linearity_error 2 × 10⁻¹⁶
neuron_model.interaction_linear 0
neuron_model.interaction_tanh -0.18
neuron_model.uat_error_narrow 1.02
neuron_model.uat_error_wide 1 × 10⁻¹¹
neuron_model.uat_extrapolation_error 0.63
neuron_model.uat_max_width 64
neuron_model.uat_min_width 1
neuron_model.uat_tolerance 1 × 10⁻³
neuron_model.uat_width_tolerance 16
neuron_model.xor_best_linear_correct 3
neuron_model.xor_epochs 500
neuron_model.xor_hidden 2
neuron_model.xor_lstsq_deviation 5 × 10⁻¹⁶
neuron_model.xor_network_accuracy 100 %
neuron_model.xor_network_max_error 0.001
neuron_model.xor_seeds_solved 60 %
neuron_model.xor_separable_labelings 14
neuron_model.xor_trials 20
"""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np
from scipy.optimize import linprog
from scipy.special import expit

from actbook import data, nn
from actbook.claims._registry import claim, fixed, integer, percent, sci

#: Layer widths of the deep linear network: input, three hidden layers, output. The
#: narrowest hidden layer is narrower than both ends, so the rank bound bites.
COLLAPSE_SIZES = (3, 8, 2, 8, 3)
#: Seed of its weights and of its test inputs, and the number of test inputs.
COLLAPSE_SEED = 0
COLLAPSE_SAMPLES = 100
#: One neuron whose inputs' interaction is measured: weights, bias and the two steps.
INTERACTION_WEIGHTS = (0.5, -1.5)
INTERACTION_BIAS = 0.25
#: XOR network: hidden width, full-batch steps, learning rate, seed; seeds tried.
XOR_HIDDEN = 2
XOR_EPOCHS = 500
XOR_LR = 0.5
XOR_SEED = 0
XOR_TRIALS = 20
#: Universal approximation: sin on [-pi, pi], random tanh features of these widths.
UAT_WIDTHS = (1, 2, 4, 8, 16, 32, 64)
UAT_SEED = 0
UAT_TRAIN_POINTS = 201
UAT_TEST_POINTS = 2001
#: The error level at which the chapter reads off the width needed.
UAT_TOLERANCE = 1e-3


# --- Where the inputs interact --------------------------------------------------------


def double_difference(f, x1: float = 0.0, x2: float = 0.0, step: float = 1.0) -> float:
    """Return ``f(x1+s, x2+s) - f(x1+s, x2) - f(x1, x2+s) + f(x1, x2)``.

    The change that raising ``x2`` causes, measured once with ``x1`` raised and once
    without, subtracted: zero for any function ``g(x1) + h(x2)``.

    Examples
    --------
    >>> double_difference(lambda a, b: a * b)
    1.0
    >>> double_difference(lambda a, b: 2 * a - b)
    0.0
    """
    s = step
    return float(f(x1 + s, x2 + s) - f(x1 + s, x2) - f(x1, x2 + s) + f(x1, x2))


def weighted_sum(x1: float, x2: float) -> float:
    """The chapter's neuron before its activation, ``z = w1 x1 + w2 x2 + b``.

    Examples
    --------
    >>> weighted_sum(0.0, 0.0)
    0.25
    """
    w1, w2 = INTERACTION_WEIGHTS
    return w1 * x1 + w2 * x2 + INTERACTION_BIAS


@claim(
    "neuron_model.interaction_linear",
    fmt=fixed(0),
    statement=(
        r"The double difference of the weighted sum $z = w_1 x_1 + w_2 x_2 + b$: raising "
        r"$x_2$ changes $z$ by the same amount whether $x_1$ was raised or not."
    ),
    method=(
        "`double_difference(weighted_sum)` with unit steps from the origin, "
        "$w =$ `INTERACTION_WEIGHTS`, $b =$ `INTERACTION_BIAS` (all exact in binary)."
    ),
)
def interaction_linear() -> float:
    return double_difference(weighted_sum)


@claim(
    "neuron_model.interaction_tanh",
    fmt=fixed(2),
    statement=(
        r"The double difference of the same neuron after a tanh activation, "
        r"$f = \tanh(w_1 x_1 + w_2 x_2 + b)$: the effect of $x_2$ depends on $x_1$."
    ),
    method="`double_difference` of `tanh(weighted_sum)` with unit steps from the origin.",
)
def interaction_tanh() -> float:
    return double_difference(lambda a, b: np.tanh(weighted_sum(a, b)))


# --- Linear collapse ------------------------------------------------------------------


def deep_linear_layers(
    sizes: tuple[int, ...] = COLLAPSE_SIZES, seed: int = COLLAPSE_SEED
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Standard-normal weights and biases ``(W_k, b_k)`` of a stack of affine layers.

    Examples
    --------
    >>> [W.shape for W, b in deep_linear_layers((3, 4, 2))]
    [(3, 4), (4, 2)]
    """
    rng = np.random.default_rng(seed)
    return [
        (rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)
    ]


def collapse(layers: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The one affine map ``x W + b`` equal to the stack: ``W = W_1 ... W_L``.

    The bias follows the recursion ``b <- b W_k + b_k``.

    Examples
    --------
    >>> W, b = collapse([(np.eye(2), np.ones(2)), (2 * np.eye(2), np.zeros(2))])
    >>> W, b
    (array([[2., 0.], [0., 2.]]), array([2., 2.]))
    """
    W = np.eye(layers[0][0].shape[0])
    b = np.zeros(layers[0][0].shape[0])
    for W_k, b_k in layers:
        W, b = W @ W_k, b @ W_k + b_k
    return W, b


@cache
def _collapse_gap() -> float:
    layers = deep_linear_layers()
    X = np.random.default_rng(COLLAPSE_SEED + 1).standard_normal(
        (COLLAPSE_SAMPLES, COLLAPSE_SIZES[0])
    )
    deep = X
    for W_k, b_k in layers:
        deep = deep @ W_k + b_k
    W, b = collapse(layers)
    return float(np.max(np.abs(deep - (X @ W + b))))


@claim(
    "neuron_model.collapse_depth",
    fmt=integer,
    statement="The number of affine layers in the deep linear network of the chapter.",
    method="`len(COLLAPSE_SIZES) - 1` in `actbook.claims.neuron_model`.",
)
def collapse_depth() -> int:
    return len(COLLAPSE_SIZES) - 1


@claim(
    "neuron_model.collapse_max_difference",
    fmt=sci(1),
    statement=(
        "The largest gap between the deep linear network's outputs and those of the one "
        "affine map built from the product of its weight matrices."
    ),
    method=(
        "Standard-normal weights and biases (seed `COLLAPSE_SEED`), widths `COLLAPSE_SIZES`, "
        "`COLLAPSE_SAMPLES` standard-normal inputs; maximum absolute difference over all outputs."
    ),
)
def collapse_max_difference() -> float:
    return _collapse_gap()


@claim(
    "neuron_model.collapse_rank",
    fmt=integer,
    statement=(
        "The rank of the product of the deep linear network's weight matrices: at most "
        "the narrowest width."
    ),
    method="`numpy.linalg.matrix_rank` of `collapse(deep_linear_layers())[0]`.",
)
def collapse_rank() -> int:
    return int(np.linalg.matrix_rank(collapse(deep_linear_layers())[0]))


@claim(
    "neuron_model.convolution_linearity_error",
    fmt=sci(1),
    statement=(
        r"The largest gap between $k * (a x + b y)$ and $a (k * x) + b (k * y)$ for a "
        "convolution: convolution is linear."
    ),
    method=(
        "`numpy.convolve` of a random kernel with two longer random signals (lengths and "
        "seed written in `convolution_linearity_error`), random scalars $a$, $b$; maximum "
        "absolute difference."
    ),
)
def convolution_linearity_error() -> float:
    rng = np.random.default_rng(0)
    k, x, y = rng.standard_normal(5), rng.standard_normal(100), rng.standard_normal(100)
    a, b = rng.standard_normal(2)
    left = np.convolve(a * x + b * y, k)
    right = a * np.convolve(x, k) + b * np.convolve(y, k)
    return float(np.max(np.abs(left - right)))


# --- XOR --------------------------------------------------------------------------------


def linearly_separable(X: np.ndarray, labels: np.ndarray) -> bool:
    """Whether some ``w, b`` give ``sign(w . x + b)`` equal to the 0/1 ``labels``.

    Solves the feasibility problem ``s_i (w . x_i + b) >= 1``, ``s_i = 2 labels_i - 1``,
    by linear programming.

    Examples
    --------
    >>> X, y = data.xor()
    >>> linearly_separable(X, np.array([0, 0, 0, 1])), linearly_separable(X, y)
    (True, False)
    """
    s = 2.0 * np.asarray(labels, dtype=float) - 1.0
    A = -s[:, None] * np.column_stack([X, np.ones(len(X))])
    result = linprog(np.zeros(A.shape[1]), A_ub=A, b_ub=-np.ones(len(X)), bounds=(None, None))
    return bool(result.status == 0)


@cache
def _separable_labelings() -> tuple[tuple[int, ...], ...]:
    X, _ = data.xor()
    return tuple(
        labels
        for labels in itertools.product((0, 1), repeat=len(X))
        if linearly_separable(X, np.array(labels))
    )


@claim(
    "neuron_model.xor_separable_labelings",
    fmt=integer,
    statement="How many of the sixteen labelings of the four XOR points a line separates.",
    method="A linear-programming feasibility test (`linearly_separable`) for each labeling.",
)
def xor_separable_labelings() -> int:
    return len(_separable_labelings())


@claim(
    "neuron_model.xor_best_linear_correct",
    fmt=integer,
    statement="The most XOR points (of four) that any linear classifier gets right.",
    method="The largest agreement with XOR among the linearly separable labelings.",
)
def xor_best_linear_correct() -> int:
    _, y = data.xor()
    return max(int(np.sum(np.array(labels) == y)) for labels in _separable_labelings())


@claim(
    "neuron_model.xor_lstsq_deviation",
    fmt=sci(1),
    statement=r"The largest distance from $1/2$ of the least-squares linear fit to XOR.",
    method="`numpy.linalg.lstsq` on the four points with a column of ones.",
)
def xor_lstsq_deviation() -> float:
    X, y = data.xor()
    design = np.column_stack([X, np.ones(len(X))])
    coefficients, *_ = np.linalg.lstsq(design, y, rcond=None)
    return float(np.max(np.abs(design @ coefficients - 0.5)))


def train_xor_network(seed: int = XOR_SEED) -> nn.MLP:
    """Train the chapter's ``[2, XOR_HIDDEN, 1]`` tanh network on XOR.

    As :func:`actbook.experiments.xor.xor`: binary cross-entropy, full-batch SGD with
    momentum 0.9, ``XOR_EPOCHS`` steps of rate ``XOR_LR``.

    Examples
    --------
    >>> model = train_xor_network()
    >>> X, y = data.xor()
    >>> bool(np.all((model.forward(X)[:, 0] > 0) == (y == 1)))
    True
    """
    X, y = data.xor()
    model = nn.MLP([2, XOR_HIDDEN, 1], "tanh", seed=seed)
    optimizer = nn.SGD(XOR_LR, momentum=0.9)
    nn.fit(model, X, y, loss="bce", optimizer=optimizer, epochs=XOR_EPOCHS, seed=seed)
    return model


@cache
def _xor_probabilities(seed: int) -> np.ndarray:
    X, _ = data.xor()
    return expit(train_xor_network(seed).forward(X)[:, 0])


@claim(
    "neuron_model.xor_hidden",
    fmt=integer,
    statement="The width of the hidden layer of the smallest network that solves XOR.",
    method="The constant `XOR_HIDDEN` of `actbook.claims.neuron_model`.",
)
def xor_hidden() -> int:
    return int(XOR_HIDDEN)


@claim(
    "neuron_model.xor_epochs",
    fmt=integer,
    statement="Full-batch gradient steps used to train the XOR network.",
    method="The constant `XOR_EPOCHS` of `actbook.claims.neuron_model`.",
)
def xor_epochs() -> int:
    return int(XOR_EPOCHS)


@claim(
    "neuron_model.xor_network_accuracy",
    fmt=percent(0),
    statement="The share of the four XOR points the trained two-unit network gets right.",
    method="`train_xor_network(XOR_SEED)`, output probability thresholded at $1/2$.",
)
def xor_network_accuracy() -> float:
    _, y = data.xor()
    return float(np.mean((_xor_probabilities(XOR_SEED) > 0.5) == (y == 1)))


@claim(
    "neuron_model.xor_network_max_error",
    fmt=fixed(3),
    statement="The largest gap between the trained network's probabilities and the XOR targets.",
    method="`train_xor_network(XOR_SEED)`; maximum absolute difference over the four points.",
)
def xor_network_max_error() -> float:
    _, y = data.xor()
    return float(np.max(np.abs(_xor_probabilities(XOR_SEED) - y)))


@claim(
    "neuron_model.xor_trials",
    fmt=integer,
    statement="Seeds for which the two-unit XOR network is trained.",
    method="The constant `XOR_TRIALS` of `actbook.claims.neuron_model`.",
)
def xor_trials() -> int:
    return int(XOR_TRIALS)


@claim(
    "neuron_model.xor_seeds_solved",
    fmt=percent(0),
    statement="The share of seeds for which the trained two-unit network solves XOR.",
    method=(
        "`train_xor_network(seed)` for every seed in `range(XOR_TRIALS)`; all four points right."
    ),
)
def xor_seeds_solved() -> float:
    _, y = data.xor()
    return float(
        np.mean([np.all((_xor_probabilities(s) > 0.5) == (y == 1)) for s in range(XOR_TRIALS)])
    )


# --- Universal approximation ------------------------------------------------------------


def random_tanh_fit(
    width: int, x: np.ndarray, target: np.ndarray, seed: int = UAT_SEED
) -> np.ndarray:
    """Fit ``sum_j v_j tanh(a_j x + c_j) + v_0`` to ``target`` by least squares.

    The hidden weights are drawn once for the widest network (``a_j ~ N(0, 4)``,
    ``c_j = |a_j| u_j`` with ``u_j`` uniform on ``[-pi, pi]``, so that each unit bends
    inside the interval) and narrower networks use the first ``width`` of them; only
    the output weights ``v`` are fitted. Returns the coefficients ``(v_1, ..., v_0)``,
    and the features are :func:`tanh_features`.

    Examples
    --------
    >>> x = np.linspace(-np.pi, np.pi, 201)
    >>> v = random_tanh_fit(32, x, np.sin(x))
    >>> bool(np.max(np.abs(tanh_features(32, x) @ v - np.sin(x))) < 1e-6)
    True
    """
    coefficients, *_ = np.linalg.lstsq(tanh_features(width, x, seed), target, rcond=None)
    return coefficients


def tanh_features(width: int, x: np.ndarray, seed: int = UAT_SEED) -> np.ndarray:
    """The hidden layer ``tanh(a_j x + c_j)`` of :func:`random_tanh_fit`, and a column of ones.

    Examples
    --------
    >>> tanh_features(3, np.zeros(2)).shape
    (2, 4)
    """
    rng = np.random.default_rng(seed)
    a = 2.0 * rng.standard_normal(max(UAT_WIDTHS))
    c = np.abs(a) * rng.uniform(-np.pi, np.pi, max(UAT_WIDTHS))
    hidden = np.tanh(np.outer(x, a[:width]) + c[:width])
    return np.column_stack([hidden, np.ones(len(x))])


@cache
def uat_errors() -> dict[int, tuple[float, float]]:
    """Max error of the fit to sin on ``[-pi, pi]`` and on ``[pi, 2 pi]``, per width.

    Examples
    --------
    >>> sorted(uat_errors()) == list(UAT_WIDTHS)
    True
    """
    train = np.linspace(-np.pi, np.pi, UAT_TRAIN_POINTS)
    test = np.linspace(-np.pi, np.pi, UAT_TEST_POINTS)
    outside = np.linspace(np.pi, 2 * np.pi, UAT_TEST_POINTS)
    errors = {}
    for width in UAT_WIDTHS:
        v = random_tanh_fit(width, train, np.sin(train))
        inside_error = np.max(np.abs(tanh_features(width, test) @ v - np.sin(test)))
        outside_error = np.max(np.abs(tanh_features(width, outside) @ v - np.sin(outside)))
        errors[width] = (float(inside_error), float(outside_error))
    return errors


@claim(
    "neuron_model.uat_min_width",
    fmt=integer,
    statement="The narrowest hidden layer in the approximation experiment.",
    method="`min(UAT_WIDTHS)`.",
)
def uat_min_width() -> int:
    return min(UAT_WIDTHS)


@claim(
    "neuron_model.uat_max_width",
    fmt=integer,
    statement="The widest hidden layer in the approximation experiment.",
    method="`max(UAT_WIDTHS)`.",
)
def uat_max_width() -> int:
    return max(UAT_WIDTHS)


@claim(
    "neuron_model.uat_error_narrow",
    fmt=fixed(2),
    statement=r"The maximum error on $[-\pi, \pi]$ of the narrowest tanh network fitted to sin.",
    method="`uat_errors()` at the smallest width, on `UAT_TEST_POINTS` evenly spaced points.",
)
def uat_error_narrow() -> float:
    return uat_errors()[min(UAT_WIDTHS)][0]


@claim(
    "neuron_model.uat_error_wide",
    fmt=sci(1),
    statement=r"The maximum error on $[-\pi, \pi]$ of the widest tanh network fitted to sin.",
    method="`uat_errors()` at the largest width, on `UAT_TEST_POINTS` evenly spaced points.",
)
def uat_error_wide() -> float:
    return uat_errors()[max(UAT_WIDTHS)][0]


@claim(
    "neuron_model.uat_tolerance",
    fmt=sci(1),
    statement="The error level at which the approximation experiment reads off a width.",
    method="The constant `UAT_TOLERANCE` of `actbook.claims.neuron_model`.",
)
def uat_tolerance() -> float:
    return float(UAT_TOLERANCE)


@claim(
    "neuron_model.uat_width_tolerance",
    fmt=integer,
    statement=(
        r"The narrowest width in the experiment whose maximum error on $[-\pi, \pi]$ is "
        "below the tolerance `UAT_TOLERANCE`."
    ),
    method="The first width of `UAT_WIDTHS` for which `uat_errors()` is below `UAT_TOLERANCE`.",
)
def uat_width_tolerance() -> int:
    return next(w for w in UAT_WIDTHS if uat_errors()[w][0] < UAT_TOLERANCE)


@claim(
    "neuron_model.uat_extrapolation_error",
    fmt=fixed(2),
    statement=(
        r"The maximum error on $[\pi, 2\pi]$, outside the interval it was fitted on, of the "
        "widest network."
    ),
    method="`uat_errors()` at the largest width, on `UAT_TEST_POINTS` evenly spaced points of $[\\pi, 2\\pi]$.",
)
def uat_extrapolation_error() -> float:
    return uat_errors()[max(UAT_WIDTHS)][1]
