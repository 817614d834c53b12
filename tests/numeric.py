"""Central differences, written apart from actbook so that tests do not check the package
with its own code (actbook.nn.gradient_check does the same thing for readers)."""

import numpy as np


def numerical_gradient(func, array, step=1e-6):
    """Central differences of the scalar ``func()`` with respect to ``array`` (mutated in place)."""
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + step
        plus = func()
        array[index] = saved - step
        minus = func()
        array[index] = saved
        grad[index] = (plus - minus) / (2 * step)
    return grad
