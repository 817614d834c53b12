"""Regularizing and normalizing layers: dropout, batch normalization, layer normalization.

Every class follows the layer protocol that :mod:`actbook.nn` uses:

- ``params`` and ``grads`` -- dictionaries of learnable arrays and their gradients
  (same keys and shapes; optimizers update ``params`` in place);
- ``forward(x, *, training=False)`` -- the output; ``training`` switches dropout's
  random mask and batch normalization's batch statistics on;
- ``backward(grad_output)`` -- ``dL/dx`` from ``dL/dy``, using the cache of the last
  ``forward``, and fills ``grads``.

References
----------
- N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever and R. Salakhutdinov,
  "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 15, 2014.
- S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network
  Training by Reducing Internal Covariate Shift", ICML 2015.
- J. L. Ba, J. R. Kiros and G. E. Hinton, "Layer Normalization", arXiv:1607.06450, 2016.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

__all__ = ["BatchNorm", "Dropout", "LayerNorm"]

DropoutConvention = Literal["inverted", "scale_at_test"]
_CONVENTIONS = ("inverted", "scale_at_test")


def _as_float_array(x: np.ndarray, name: str = "x") -> np.ndarray:
    """Return ``x`` as a floating array; integers and booleans become float64."""
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        return x.astype(np.float64)
    if x.dtype.kind != "f":
        raise TypeError(f"{name} must be a real floating array, got dtype {x.dtype}")
    return x


def _check_probability(value: float, name: str) -> float:
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def _check_positive_int(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def _check_eps(eps: float) -> float:
    if not eps > 0:
        raise ValueError(f"eps must be positive, got {eps!r}")
    return float(eps)


class Dropout:
    """Dropout: zero each unit with probability ``drop_probability`` during training.

    Two conventions give the same expected output during training and evaluation:

    - ``"inverted"`` (the default, as in PyTorch and Keras): training multiplies the
      kept units by ``1 / (1 - drop_probability)``; evaluation is the identity.
    - ``"scale_at_test"`` (Srivastava et al. 2014): training applies the raw
      0/1 mask; evaluation multiplies by the keep probability ``1 - drop_probability``.
      This is the paper's "multiply the outgoing weights by p at test time" -- note
      that the paper's ``p`` is the probability of *keeping* a unit, the opposite of
      ``drop_probability`` here.

    Parameters
    ----------
    drop_probability : float
        Probability of zeroing a unit, in ``[0, 1)``.
    convention : {"inverted", "scale_at_test"}, default "inverted"
        Where the ``1 - drop_probability`` rescaling happens (see above).
    rng : numpy.random.Generator or int or None, default None
        Source of the masks, or a seed for ``numpy.random.default_rng``.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Dropout(0.5, rng=0)
    >>> y = layer.forward(np.ones(8), training=True)
    >>> sorted(set(y.tolist()))  # kept units are scaled by 1 / (1 - 0.5)
    [0.0, 2.0]
    >>> layer.forward(np.ones(3))  # evaluation: identity
    array([1., 1., 1.])
    >>> Dropout(0.5, convention="scale_at_test").forward(np.ones(3))
    array([0.5, 0.5, 0.5])
    """

    def __init__(
        self,
        drop_probability: float,
        *,
        convention: DropoutConvention = "inverted",
        rng: np.random.Generator | int | None = None,
    ) -> None:
        self.drop_probability = _check_probability(drop_probability, "drop_probability")
        if convention not in _CONVENTIONS:
            raise ValueError(f"convention must be one of {_CONVENTIONS}, got {convention!r}")
        self.convention: DropoutConvention = convention
        self.rng = np.random.default_rng(rng)
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self._multiplier: np.ndarray | float | None = None

    @property
    def keep_probability(self) -> float:
        """Probability ``1 - drop_probability`` of keeping a unit (Srivastava's ``p``).

        Examples
        --------
        >>> Dropout(0.2).keep_probability
        0.8
        """
        return 1.0 - self.drop_probability

    def sample_mask(self, shape: tuple[int, ...]) -> np.ndarray:
        """Draw a 0/1 mask of ``shape``: each entry is 1 with probability ``keep_probability``.

        Examples
        --------
        >>> Dropout(0.25, rng=1).sample_mask((2, 4)).tolist()
        [[1.0, 1.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0]]
        """
        return (self.rng.random(shape) >= self.drop_probability).astype(np.float64)

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Apply a fresh random mask (training) or the deterministic scaling (evaluation).

        Examples
        --------
        >>> import numpy as np
        >>> layer = Dropout(0.5, convention="scale_at_test", rng=0)
        >>> layer.forward(np.ones(4), training=True).tolist()  # the raw 0/1 mask
        [1.0, 0.0, 0.0, 0.0]
        """
        x = _as_float_array(x)
        if training:
            mask = self.sample_mask(x.shape)
            scale = 1.0 / self.keep_probability if self.convention == "inverted" else 1.0
            self._multiplier = np.where(mask > 0, x.dtype.type(scale), x.dtype.type(0))
        else:
            self._multiplier = 1.0 if self.convention == "inverted" else self.keep_probability
        return (x * self._multiplier).astype(x.dtype, copy=False)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Gradient ``dL/dx``: dropped units get zero, kept units the same scaling as forward.

        Examples
        --------
        >>> import numpy as np
        >>> layer = Dropout(0.5, rng=1)
        >>> layer.forward(np.full(4, 3.0), training=True).tolist()
        [6.0, 6.0, 0.0, 6.0]
        >>> layer.backward(np.ones(4)).tolist()  # the mask of the last forward
        [2.0, 2.0, 0.0, 2.0]
        """
        if self._multiplier is None:
            raise RuntimeError("Dropout.backward called before forward")
        grad_output = _as_float_array(grad_output, "grad_output")
        return grad_output * self._multiplier

    def __repr__(self) -> str:
        return f"Dropout({self.drop_probability}, convention={self.convention!r})"


def _normalize(
    x: np.ndarray, axes: tuple[int, ...], eps: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(x_hat, mean, biased variance, 1 / sqrt(var + eps))`` over ``axes``."""
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    return (x - mean) * inv_std, mean, var, inv_std


def _normalize_backward(
    grad_x_hat: np.ndarray, x_hat: np.ndarray, inv_std: np.ndarray, axes: tuple[int, ...]
) -> np.ndarray:
    """``dL/dx`` through ``x_hat = (x - mean(x)) / sqrt(var(x) + eps)`` over ``axes``.

    The mean and variance depend on every ``x`` in the group, hence the two
    correction terms (Ioffe & Szegedy 2015, section 3).
    """
    mean_grad = grad_x_hat.mean(axis=axes, keepdims=True)
    mean_grad_x_hat = (grad_x_hat * x_hat).mean(axis=axes, keepdims=True)
    return inv_std * (grad_x_hat - mean_grad - x_hat * mean_grad_x_hat)


class BatchNorm:
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
        Added to the variance before the square root.

    Attributes
    ----------
    params : dict
        ``"gamma"`` (initialized to ones) and ``"beta"`` (zeros), shape ``(num_features,)``.
    running_mean, running_var : numpy.ndarray
        Initialized to zeros and ones.

    Examples
    --------
    >>> import numpy as np
    >>> bn = BatchNorm(2)
    >>> x = np.array([[1.0, 10.0], [3.0, 30.0]])
    >>> bn.forward(x, training=True).round(4)
    array([[-1., -1.],
           [ 1.,  1.]])
    >>> bn.running_mean  # 0.9 * 0 + 0.1 * batch mean
    array([0.2, 2. ])
    """

    def __init__(self, num_features: int, *, momentum: float = 0.1, eps: float = 1e-5) -> None:
        self.num_features = _check_positive_int(num_features, "num_features")
        if not 0.0 <= momentum <= 1.0:
            raise ValueError(f"momentum must be in [0, 1], got {momentum!r}")
        self.momentum = float(momentum)
        self.eps = _check_eps(eps)
        self.params = {"gamma": np.ones(num_features), "beta": np.zeros(num_features)}
        self.grads = {"gamma": np.zeros(num_features), "beta": np.zeros(num_features)}
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
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
        unbiased_var = var.ravel() * count / (count - 1)
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean.ravel()
        self.running_var = (1 - self.momentum) * self.running_var + self.momentum * unbiased_var

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Normalize with batch statistics (training) or running statistics (evaluation).

        Examples
        --------
        >>> import numpy as np
        >>> bn = BatchNorm(1)
        >>> bn.forward(np.array([[2.0], [4.0]]))  # evaluation, running stats 0 and 1
        array([[1.99999], [3.99998]])
        """
        x = _as_float_array(x)
        axes = self._reduction_axes(x)
        if training:
            count = x.size // self.num_features
            if count < 2:
                raise ValueError(
                    "batch normalization in training needs at least 2 samples per channel, "
                    f"got {count}"
                )
            x_hat, mean, var, inv_std = _normalize(x, axes, self.eps)
            self._update_running(mean, var, count)
        else:
            mean = self._per_feature(self.running_mean, x.ndim)
            inv_std = 1.0 / np.sqrt(self._per_feature(self.running_var, x.ndim) + self.eps)
            x_hat = (x - mean) * inv_std
        self._cache = (x_hat, inv_std, axes, training)
        gamma = self._per_feature(self.params["gamma"], x.ndim)
        beta = self._per_feature(self.params["beta"], x.ndim)
        return (gamma * x_hat + beta).astype(x.dtype, copy=False)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Gradient ``dL/dx``; fills ``grads["gamma"]`` and ``grads["beta"]``.

        After a training forward the batch statistics depend on ``x`` and contribute
        to the gradient; after an evaluation forward the running statistics are constants.

        Examples
        --------
        >>> import numpy as np
        >>> bn = BatchNorm(1)
        >>> _ = bn.forward(np.array([[1.0], [3.0]]), training=True)
        >>> bn.backward(np.array([[1.0], [1.0]]))  # a shift of all outputs: no gradient
        array([[0.], [0.]])
        >>> bn.grads["beta"]
        array([2.])
        """
        if self._cache is None:
            raise RuntimeError("BatchNorm.backward called before forward")
        x_hat, inv_std, axes, training = self._cache
        grad_output = _as_float_array(grad_output, "grad_output")
        self.grads["gamma"] = (grad_output * x_hat).sum(axis=axes)
        self.grads["beta"] = grad_output.sum(axis=axes)
        grad_x_hat = grad_output * self._per_feature(self.params["gamma"], grad_output.ndim)
        if training:
            return _normalize_backward(grad_x_hat, x_hat, inv_std, axes)
        return grad_x_hat * inv_std

    def __repr__(self) -> str:
        return f"BatchNorm({self.num_features}, momentum={self.momentum}, eps={self.eps})"


class LayerNorm:
    """Layer normalization over the trailing ``normalized_shape`` dimensions of each sample.

    ``y = gamma * (x - mean) / sqrt(var + eps) + beta`` with the mean and biased
    variance taken over the last ``len(normalized_shape)`` axes (Ba et al. 2016).
    Unlike :class:`BatchNorm` it does not mix samples, so training and evaluation agree.

    Parameters
    ----------
    normalized_shape : int or tuple of int
        Shape of the trailing dimensions to normalize; an int means the last axis.
    eps : float, default 1e-5
        Added to the variance before the square root.

    Examples
    --------
    >>> import numpy as np
    >>> ln = LayerNorm(3)
    >>> ln.forward(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 6.0]])).round(4)
    array([[-1.2247,  0.    ,  1.2247],
           [-0.7071, -0.7071,  1.4142]])
    """

    def __init__(self, normalized_shape: int | tuple[int, ...], *, eps: float = 1e-5) -> None:
        shape = (normalized_shape,) if np.ndim(normalized_shape) == 0 else normalized_shape
        if len(shape) == 0:
            raise ValueError("normalized_shape must name at least one dimension, got ()")
        self.normalized_shape = tuple(_check_positive_int(n, "normalized_shape") for n in shape)
        self.eps = _check_eps(eps)
        self.params = {
            "gamma": np.ones(self.normalized_shape),
            "beta": np.zeros(self.normalized_shape),
        }
        self.grads = {key: np.zeros_like(value) for key, value in self.params.items()}
        self._cache: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def _axes(self) -> tuple[int, ...]:
        return tuple(range(-len(self.normalized_shape), 0))

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Normalize each sample over the trailing dimensions (``training`` is ignored).

        Examples
        --------
        >>> import numpy as np
        >>> LayerNorm(2).forward(np.array([3.0, 5.0])).round(4)
        array([-1.,  1.])
        """
        x = _as_float_array(x)
        k = len(self.normalized_shape)
        if x.ndim < k or x.shape[-k:] != self.normalized_shape:
            raise ValueError(
                f"x must end with dimensions {self.normalized_shape} (normalized_shape), "
                f"got shape {x.shape}"
            )
        x_hat, _, _, inv_std = _normalize(x, self._axes, self.eps)
        self._cache = (x_hat, inv_std)
        return (self.params["gamma"] * x_hat + self.params["beta"]).astype(x.dtype, copy=False)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Gradient ``dL/dx``; fills ``grads["gamma"]`` and ``grads["beta"]``.

        Examples
        --------
        >>> import numpy as np
        >>> ln = LayerNorm(2)
        >>> _ = ln.forward(np.array([[3.0, 5.0]]))
        >>> ln.backward(np.array([[1.0, 1.0]]))  # adding a constant changes nothing
        array([[0., 0.]])
        >>> ln.grads["gamma"].round(4)
        array([-1.,  1.])
        """
        if self._cache is None:
            raise RuntimeError("LayerNorm.backward called before forward")
        x_hat, inv_std = self._cache
        grad_output = _as_float_array(grad_output, "grad_output")
        leading = tuple(range(grad_output.ndim - len(self.normalized_shape)))
        self.grads["gamma"] = (grad_output * x_hat).sum(axis=leading)
        self.grads["beta"] = grad_output.sum(axis=leading)
        return _normalize_backward(grad_output * self.params["gamma"], x_hat, inv_std, self._axes)

    def __repr__(self) -> str:
        return f"LayerNorm({self.normalized_shape}, eps={self.eps})"
