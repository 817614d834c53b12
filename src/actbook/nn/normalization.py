"""Batch normalization (Ioffe & Szegedy 2015) and layer normalization (Ba et al. 2016)."""

from __future__ import annotations

import numpy as np

from actbook import validation
from actbook.nn.layer import Layer, zero_gradients_like


def _standardize(
    x: np.ndarray, axes: tuple[int, ...], eps: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(x_hat, mean, biased variance, 1 / sqrt(var + eps))`` over ``axes``.

    The textbook lines are ``mean = x.mean()``, ``var = ((x - mean)**2).mean()`` and
    ``x_hat = (x - mean) * (1 / sqrt(var + eps))``. They are computed here in units of
    ``2**k``, the power of two just above the largest ``abs(x)`` of each group: dividing
    by a power of two is exact, so for ordinary inputs the result is bit for bit those
    lines, and inputs near the float64 limit (1e200, whose square overflows) are still
    normalized to about -1 and 1 instead of 0. The variance itself is returned as
    ``inf`` where it exceeds the float64 range. For groups of tiny values ``k`` stays
    high enough that ``eps`` in those units, ``eps * 2**(-2 k)``, stays below 2**1021.
    """
    largest = np.max(np.abs(x), axis=axes, keepdims=True)
    _, exponent = np.frexp(np.where(np.isfinite(largest), largest, 0.0))
    exponent = np.maximum(exponent, (np.frexp(eps)[1] - 1020) // 2)
    # Overflow gives inf, the correctly rounded value (eps in units of a tiny x, a
    # variance beyond 1.8e308); an infinite x gives NaN, as inf - inf does.
    with np.errstate(over="ignore", invalid="ignore"):
        u = np.ldexp(x, -exponent)  # x / 2**k, exact
        mean_u = u.mean(axis=axes, keepdims=True)
        centered = u - mean_u
        var_u = (centered * centered).mean(axis=axes, keepdims=True)
        std_u = np.sqrt(var_u + np.ldexp(eps, -2 * exponent))
        var = np.ldexp(var_u, 2 * exponent)
    # std_u is 0 only for equal values so large that eps vanishes in their units
    vanished = std_u == 0
    inv_std_u = 1.0 / np.where(vanished, 1.0, std_u)
    inv_std = np.where(vanished, 1.0 / np.sqrt(eps), np.ldexp(inv_std_u, -exponent))
    return centered * inv_std_u, np.ldexp(mean_u, exponent), var, inv_std


def _standardize_backward(
    grad_x_hat: np.ndarray, x_hat: np.ndarray, inv_std: np.ndarray, axes: tuple[int, ...]
) -> np.ndarray:
    """``dL/dx`` through ``x_hat = (x - mean(x)) / sqrt(var(x) + eps)`` over ``axes``.

    The mean and variance depend on every ``x`` in the group, hence the two
    correction terms (Ioffe & Szegedy 2015, section 3).
    """
    mean_grad = grad_x_hat.mean(axis=axes, keepdims=True)
    mean_grad_x_hat = (grad_x_hat * x_hat).mean(axis=axes, keepdims=True)
    return inv_std * (grad_x_hat - mean_grad - x_hat * mean_grad_x_hat)


class BatchNorm(Layer):
    """Batch normalization of dense features ``(N, D)`` or image channels ``(N, C, H, W)``.

    Each feature (or channel, pooled over the ``N * H * W`` positions -- one
    ``gamma``/``beta`` pair per feature map) is normalized and then scaled and shifted:
    ``y = gamma * (x - mean) / sqrt(var + eps) + beta`` (Ioffe & Szegedy 2015).

    In training the batch mean and the *biased* batch variance normalize, and the
    running statistics are updated, the variance with the unbiased ``m / (m - 1)``
    correction, where ``m`` is the number of values per feature. In evaluation the
    running statistics normalize, so the output no longer depends on the batch.

    Parameters
    ----------
    num_features : int
        ``D`` for dense input, ``C`` for images.
    momentum : float, default 0.1
        Weight of the *new batch* in the running averages (PyTorch's convention):
        ``running = (1 - momentum) * running + momentum * batch``. Keras's
        ``momentum=0.99`` is the weight of the *old* value, i.e. ``momentum=0.01`` here.
    eps : float, default 1e-5
        Added to the variance before the square root; finite and > 0.

    Attributes
    ----------
    params : dict
        ``"gamma"`` (initialized to ones) and ``"beta"`` (zeros), shape ``(num_features,)``.
    running_mean, running_var : numpy.ndarray
        Initialized to zeros and ones.

    Examples
    --------
    >>> bn = BatchNorm(2)
    >>> x = np.array([[1.0, 10.0], [3.0, 30.0]])
    >>> bn.forward(x, training=True).round(4)
    array([[-1., -1.],
           [ 1.,  1.]])
    >>> bn.running_mean  # 0.9 * 0 + 0.1 * batch mean
    array([0.2, 2. ])
    >>> bn.forward(np.array([[2.0, 0.0], [4.0, 0.0]]))  # evaluation: running statistics
    array([[ 1.71622, -0.43748], [ 3.62314, -0.43748]])
    """

    def __init__(self, num_features: int, *, momentum: float = 0.1, eps: float = 1e-5) -> None:
        super().__init__()
        self.num_features = validation.positive_int(num_features, "num_features")
        self.momentum = validation.real_in_range(momentum, "momentum", 0.0, 1.0)
        self.eps = validation.positive_real(eps, "eps")
        self.params = {"gamma": np.ones(self.num_features), "beta": np.zeros(self.num_features)}
        self.grads = zero_gradients_like(self.params)
        self.running_mean = np.zeros(self.num_features)
        self.running_var = np.ones(self.num_features)
        self._cache: tuple[np.ndarray, np.ndarray, tuple[int, ...], bool] | None = None

    def _reduction_axes(self, x: np.ndarray) -> tuple[int, ...]:
        if x.ndim not in (2, 4):
            raise ValueError(
                "x must have 2 dimensions (N, num_features) or 4 (N, C, H, W), "
                f"got {x.ndim} (shape {x.shape})"
            )
        if x.shape[1] != self.num_features:
            raise ValueError(
                f"x has {x.shape[1]} features on axis 1, but num_features is {self.num_features}"
            )
        return (0,) if x.ndim == 2 else (0, 2, 3)

    def _per_feature(self, values: np.ndarray, ndim: int) -> np.ndarray:
        """Reshape a ``(num_features,)`` array to broadcast against axis 1."""
        return values.reshape((1, -1) + (1,) * (ndim - 2))

    def _update_running(self, mean: np.ndarray, var: np.ndarray, count: int) -> None:
        with np.errstate(over="ignore"):  # an infinite batch variance stays infinite
            unbiased_var = var.ravel() * count / (count - 1)
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * unbiased_var
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean.ravel()

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        axes = self._reduction_axes(x)
        if training:
            count = x.size // self.num_features
            if count < 2:
                raise ValueError(
                    "x must hold at least 2 samples per feature for batch normalization in "
                    f"training, got {count}"
                )
            x_hat, mean, var, inv_std = _standardize(x, axes, self.eps)
            self._update_running(mean, var, count)
        else:
            mean = self._per_feature(self.running_mean, x.ndim)
            inv_std = 1.0 / np.sqrt(self._per_feature(self.running_var, x.ndim) + self.eps)
            x_hat = (x - mean) * inv_std
        self._cache = (x_hat, inv_std, axes, training)
        gamma = self._per_feature(self.params["gamma"], x.ndim)
        beta = self._per_feature(self.params["beta"], x.ndim)
        return gamma * x_hat + beta

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        """After a training forward the batch statistics depend on ``x`` and add two terms.

        >>> bn = BatchNorm(1)
        >>> _ = bn.forward(np.array([[1.0], [3.0]]), training=True)
        >>> bn.backward(np.array([[1.0], [1.0]]))  # a shift of all outputs: no gradient
        array([[0.], [0.]])
        >>> bn.grads["beta"]
        array([2.])
        """
        x_hat, inv_std, axes, training = self._cache
        self.grads["gamma"] += (grad_output * x_hat).sum(axis=axes)
        self.grads["beta"] += grad_output.sum(axis=axes)
        grad_x_hat = grad_output * self._per_feature(self.params["gamma"], grad_output.ndim)
        if training:
            return _standardize_backward(grad_x_hat, x_hat, inv_std, axes)
        return grad_x_hat * inv_std

    def __repr__(self) -> str:
        return f"BatchNorm({self.num_features}, momentum={self.momentum}, eps={self.eps})"


class LayerNorm(Layer):
    """Layer normalization over the trailing ``normalized_shape`` dimensions of each sample.

    ``y = gamma * (x - mean) / sqrt(var + eps) + beta`` with the mean and biased
    variance taken over the last ``len(normalized_shape)`` axes (Ba et al. 2016).
    Unlike :class:`BatchNorm` it does not mix samples, so training and evaluation agree.

    Parameters
    ----------
    normalized_shape : int or tuple of int
        Shape of the trailing dimensions to normalize; an int means the last axis.
    eps : float, default 1e-5
        Added to the variance before the square root; finite and > 0.

    Examples
    --------
    >>> ln = LayerNorm(3)
    >>> ln.forward(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 6.0]])).round(4)
    array([[-1.2247,  0.    ,  1.2247],
           [-0.7071, -0.7071,  1.4142]])
    >>> _ = ln.forward(np.array([[3.0, 5.0, 7.0]]))
    >>> ln.backward(np.ones((1, 3)))  # adding a constant changes nothing
    array([[0., 0., 0.]])
    """

    def __init__(self, normalized_shape: int | tuple[int, ...], *, eps: float = 1e-5) -> None:
        super().__init__()
        if isinstance(normalized_shape, np.ndarray) and normalized_shape.ndim == 0:
            normalized_shape = normalized_shape.item()
        if isinstance(normalized_shape, int | np.integer):
            normalized_shape = (normalized_shape,)
        if not isinstance(normalized_shape, tuple | list | np.ndarray):
            raise TypeError(
                "normalized_shape must be a positive integer or a tuple of them, "
                f"got {normalized_shape!r}"
            )
        if len(normalized_shape) == 0:
            raise ValueError("normalized_shape must name at least one dimension, got ()")
        self.normalized_shape = tuple(
            validation.sequence(normalized_shape, "normalized_shape", validation.positive_int)
        )
        self.eps = validation.positive_real(eps, "eps")
        self.params = {
            "gamma": np.ones(self.normalized_shape),
            "beta": np.zeros(self.normalized_shape),
        }
        self.grads = zero_gradients_like(self.params)
        self._cache: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def _axes(self) -> tuple[int, ...]:
        return tuple(range(-len(self.normalized_shape), 0))

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        k = len(self.normalized_shape)
        if x.ndim < k or x.shape[-k:] != self.normalized_shape:
            raise ValueError(
                f"x must end with dimensions {self.normalized_shape} (normalized_shape), "
                f"got shape {x.shape}"
            )
        x_hat, _, _, inv_std = _standardize(x, self._axes, self.eps)
        self._cache = (x_hat, inv_std)
        return self.params["gamma"] * x_hat + self.params["beta"]

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        x_hat, inv_std = self._cache
        leading = tuple(range(grad_output.ndim - len(self.normalized_shape)))
        self.grads["gamma"] += (grad_output * x_hat).sum(axis=leading)
        self.grads["beta"] += grad_output.sum(axis=leading)
        return _standardize_backward(grad_output * self.params["gamma"], x_hat, inv_std, self._axes)

    def __repr__(self) -> str:
        return f"LayerNorm({self.normalized_shape}, eps={self.eps})"
