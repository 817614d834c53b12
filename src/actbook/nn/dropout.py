"""Dropout (Srivastava et al. 2014) in its two conventions."""

from __future__ import annotations

from typing import Literal

import numpy as np

from actbook import validation
from actbook.nn.layer import Layer

DropoutConvention = Literal["inverted", "scale_at_test"]
_CONVENTIONS = ("inverted", "scale_at_test")


class Dropout(Layer):
    """Dropout: zero each unit with probability ``drop_probability`` during training.

    Two conventions give the same expected output during training and evaluation:

    - ``"inverted"`` (the default, as in PyTorch and Keras): training multiplies the
      kept units by ``1 / (1 - drop_probability)``; evaluation is the identity.
    - ``"scale_at_test"`` (Srivastava et al. 2014): training applies the raw
      0/1 mask; evaluation multiplies by the keep probability ``1 - drop_probability``.
      This is the paper's "multiply the outgoing weights by p at test time" -- note
      that the paper's ``p`` is the probability of *keeping* a unit, the opposite of
      ``drop_probability`` here.

    Dropped units get no gradient: ``backward`` multiplies by the same mask and scale.

    Parameters
    ----------
    drop_probability : float
        Probability of zeroing a unit, in ``[0, 1)``.
    convention : {"inverted", "scale_at_test"}, default "inverted"
        Where the ``1 - drop_probability`` rescaling happens (see above).
    rng : numpy.random.Generator or int or None, default None
        Source of the masks, or a seed for ``numpy.random.default_rng``; None means seed 0.
        Give each Dropout layer of a network its own seed or one shared generator.

    Examples
    --------
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
        super().__init__()
        self.drop_probability = validation.probability(drop_probability, "drop_probability")
        self.convention: DropoutConvention = validation.one_of(
            convention, "convention", _CONVENTIONS
        )
        self.rng = validation.as_generator(rng)
        self._multiplier: np.ndarray | float = 1.0

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
        if isinstance(shape, int | np.integer):
            shape = (shape,)
        try:
            shape = tuple(validation.integer(n, "shape", minimum=0) for n in shape)
        except TypeError:
            raise TypeError(
                f"shape must be a tuple of non-negative integers, got {shape!r}"
            ) from None
        return (self.rng.random(shape) >= self.drop_probability).astype(np.float64)

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        if training:
            mask = self.sample_mask(x.shape)
            scale = 1.0 / self.keep_probability if self.convention == "inverted" else 1.0
            self._multiplier = np.where(mask > 0, x.dtype.type(scale), x.dtype.type(0))
        else:
            self._multiplier = 1.0 if self.convention == "inverted" else self.keep_probability
        return (x * self._multiplier).astype(x.dtype, copy=False)

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Dropped units get zero; kept units the same scaling as forward.

        >>> layer = Dropout(0.5, rng=1)
        >>> layer.forward(np.full(4, 3.0), training=True).tolist()
        [6.0, 6.0, 0.0, 6.0]
        >>> layer.backward(np.ones(4)).tolist()  # the mask of the last forward
        [2.0, 2.0, 0.0, 2.0]
        """
        return grad_output * self._multiplier

    def __repr__(self) -> str:
        return f"Dropout({self.drop_probability}, convention={self.convention!r})"
