"""A layer replayed as matrices: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ forward, ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ and Wᵀδ backward.

The matrix tutorial's formulas, applied to a group of product Σs found by ``matrices.py``. The k
columns of A (one per copy of the layer in the graph) and the B examples of a batched replay are
one matrix of k·B columns, so each direction is one or two matrix products. The gradients of W and
b are summed over those columns, as the matrix tutorial sums over the examples of a batch; they go
into the tape's parameter gradients, the adjoints of the inputs into their slots.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograd_tiny.tape.matrices import MatrixGroup

__all__ = ["matrix_backward", "matrix_forward"]

Array = Any  # numpy.ndarray


def matrix_forward(group: MatrixGroup, values: Array, parameters: Array) -> None:
    """Z = WA + b into the group's slots (row j of column c in slot start + c·m + j)."""
    m, n, k = group.shape
    z = parameters[group.weights] @ group.input_slots.read(values).reshape(n, -1)
    if group.biases is not None:
        z += parameters[group.biases][:, None]
    batch = values.shape[1:]
    values[group.start : group.stop] = z.reshape((m, k, *batch)).swapaxes(0, 1).reshape((m * k, *batch))


def matrix_backward(
    group: MatrixGroup, values: Array, adjoints: Array, parameters: Array, gradients: Array
) -> None:
    """With δ = Z̄ (the adjoints of the group's slots): ∂L/∂W += δAᵀ, ∂L/∂b += Σ δ, Ā += Wᵀδ."""
    m, n, k = group.shape
    batch = values.shape[1:]
    delta = adjoints[group.start : group.stop].reshape((k, m, *batch)).swapaxes(0, 1).reshape(m, -1)
    weights, biases = group.repeated
    _add(gradients, group.weights, delta @ group.input_slots.read(values).reshape(n, -1).T, weights)
    if group.biases is not None:
        _add(gradients, group.biases, delta.sum(axis=1), biases)
    if group.needed:
        upstream = parameters[group.weights].T @ delta
        group.input_slots.add(adjoints, upstream.reshape((n, k, *batch)))


def _add(target: Array, index: Array, amount: Array, repeated: bool) -> None:
    """target[index] += amount, adding every occurrence of an index that appears twice."""
    if repeated:
        np.add.at(target, index, amount)
    else:
        target[index] += amount
