"""A layer replayed as matrices: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ forward, ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ and Wᵀδ backward.

The matrix tutorial's formulas, applied to a group of product Σs found by ``matrices.py``. The k
columns of A (one per copy of the layer in the graph) and the B examples of a batched replay are
one matrix of k·B columns, so each direction is one or two matrix products. The gradients of W and
b are summed over those columns, as the matrix tutorial sums over the examples of a batch; they go
into the tape's parameter gradients, the adjoints of the inputs into their slots.
"""

from __future__ import annotations

from typing import Any

from autograd_tiny.tape.matrices import MatrixGroup

__all__ = ["matrix_backward", "matrix_forward"]

Array = Any  # numpy.ndarray


def matrix_forward(group: MatrixGroup, values: Array, parameters: Array) -> None:
    """Z = WA + b into the group's slots (row j of column c in slot start + c·m + j)."""
    m, n, k = group.shape
    z = group.weight_slots.read(parameters) @ group.input_slots.read(values).reshape(n, -1)
    if group.bias_slots is not None:
        z += group.bias_slots.read(parameters)
    batch = values.shape[1:]
    values[group.start : group.stop] = z.reshape((m, k, *batch)).swapaxes(0, 1).reshape((m * k, *batch))


def matrix_backward(
    group: MatrixGroup, values: Array, adjoints: Array, parameters: Array, gradients: Array
) -> None:
    """With δ = Z̄ (the adjoints of the group's slots): ∂L/∂W += δAᵀ, ∂L/∂b += Σ δ, Ā += Wᵀδ."""
    m, n, k = group.shape
    batch = values.shape[1:]
    delta = adjoints[group.start : group.stop].reshape((k, m, *batch)).swapaxes(0, 1).reshape(m, -1)
    group.weight_slots.add(gradients, delta @ group.input_slots.read(values).reshape(n, -1).T)
    if group.bias_slots is not None:
        group.bias_slots.add(gradients, delta.sum(axis=1, keepdims=True))
    if group.needed:
        upstream = group.weight_slots.read(parameters).T @ delta
        group.input_slots.add(adjoints, upstream.reshape((n, k, *batch)))
