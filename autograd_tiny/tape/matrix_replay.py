"""A layer replayed as matrices: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ forward, ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ and Wᵀδ backward.

The matrix tutorial's formulas, applied to a group of product Σs found by ``matrices.py``. The k
columns of A (one per copy of the layer in the graph) and the B examples of a batched replay are
one matrix of k·B columns, so each direction is one or two matrix products. The gradients of W and
b are summed over those columns, as the matrix tutorial sums over the examples of a batch; they go
into the tape's parameter gradients, the adjoints of the inputs into their slots.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from autograd_tiny.tape.matrices import Matrix
from autograd_tiny.tape.slots import Slots
from autograd_tiny.value import Value

__all__ = ["MatrixGroup", "matrix_backward", "matrix_forward", "matrix_group"]

Array = Any  # numpy.ndarray


@dataclass(frozen=True, slots=True)
class MatrixGroup:
    """One matrix product Z = WA + b on the tape, writing slots ``start:stop`` (Z column by column).

    Attributes:
        weights: the (m, n) positions of W's entries among the tape's parameters.
        biases: the (m, 1) positions of b among the parameters, or None.
        inputs: the (n, k) slots of A: column c holds the inputs of column c of Z.
        weight_slots, bias_slots, input_slots: the three, read and added to as fast as their
            layout allows (a view of a run of slots; ``np.add.at`` for a slot that appears twice).
        needed: whether A holds a slot that is not a constant (else Wᵀδ is never read).
        shape: (m, n, k): rows of W, its columns (= rows of A), and the columns of A and Z.
        replaced: how many scalar operations (Σ and ×) the product stands for.
        number: its position among the tape's matrix products (1, 2, …), the ℓ of W⁽ˡ⁾.
    """

    start: int
    stop: int
    weights: Array
    biases: Array | None
    inputs: Array
    replaced: int
    number: int
    weight_slots: Slots
    bias_slots: Slots | None
    input_slots: Slots
    needed: bool
    shape: tuple[int, int, int]


def matrix_group(
    matrix: Matrix,
    span: tuple[int, int, int],
    slot: dict[Value, int],
    position: dict[Value, int],
    n_constants: int,
) -> MatrixGroup:
    """The matrix product of ``matrix``, writing slots start:stop, as the tape replays it.

    Args:
        matrix: the product Σs, found by ``matrices.arrange``.
        span: (its number among the matrix products, counted from 0; start; stop).
        slot: every node's slot; position: every parameter's position among the parameters.
        n_constants: the slots below this hold constants.
    """
    number, start, stop = span
    weights = np.array([[position[w] for w in row] for row in matrix.weights], dtype=np.int64)
    biases = (
        None if matrix.biases is None else np.array([[position[b]] for b in matrix.biases], dtype=np.int64)
    )
    inputs = np.array([[slot[a] for a in column] for column in matrix.inputs], dtype=np.int64).T.copy()
    m, n = weights.shape
    return MatrixGroup(
        shape=(m, n, inputs.shape[1]),
        start=start,
        stop=stop,
        weights=weights,
        biases=biases,
        inputs=inputs,
        weight_slots=Slots(weights),
        bias_slots=None if biases is None else Slots(biases),
        input_slots=Slots(inputs),
        needed=bool((inputs >= n_constants).any()),
        replaced=(stop - start) * (1 + n),
        number=number + 1,
    )


def matrix_forward(group: MatrixGroup, values: Array, parameters: Array) -> None:
    """Z = WA + b into the group's slots (row j of column c in slot start + c·m + j)."""
    m, _, k = group.shape
    z = group.weight_slots.read(parameters) @ _inputs(group, values)
    if group.bias_slots is not None:
        z += group.bias_slots.read(parameters)
    batch = values.shape[1:]
    target = values[group.start : group.stop].reshape((k, m, *batch))  # a view: column c is target[c]
    target[...] = z.reshape((m, k, *batch)).swapaxes(0, 1)


def matrix_backward(
    group: MatrixGroup, values: Array, adjoints: Array, parameters: Array, gradients: Array
) -> None:
    """With δ = Z̄ (the adjoints of the group's slots): ∂L/∂W += δAᵀ, ∂L/∂b += Σ δ, Ā += Wᵀδ."""
    m, n, k = group.shape
    batch = values.shape[1:]
    delta = adjoints[group.start : group.stop].reshape((k, m, *batch)).swapaxes(0, 1).reshape(m, -1)
    group.weight_slots.add(gradients, delta @ _inputs(group, values).T)
    if group.bias_slots is not None:
        group.bias_slots.add(gradients, delta.sum(axis=1, keepdims=True))
    if not group.needed:
        return
    weights = group.weight_slots.read(parameters)
    transposed = group.input_slots.transposed_view(adjoints)
    if transposed is not None:  # Āᵀ += δᵀW, adding into the slots in their own order
        transposed += delta.T @ weights
    else:
        group.input_slots.add(adjoints, (weights.T @ delta).reshape((n, k, *batch)))


def _inputs(group: MatrixGroup, values: Array) -> Array:
    """A as an (n, k·B) matrix: a view where the slots allow it."""
    transposed = group.input_slots.transposed_view(values)
    if transposed is not None:
        return transposed.T
    return group.input_slots.read(values).reshape(group.shape[1], -1)
