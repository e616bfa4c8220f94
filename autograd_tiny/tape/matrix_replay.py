"""A layer replayed as matrices: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ forward, ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ and Wᵀδ backward.

The matrix tutorial's formulas, applied to a group of product Σs found by ``matrices.py``. The k
columns of A (one per copy of the layer in the graph) and the B examples of a batched replay are
one matrix of k·B columns, so each direction is one or two matrix products. The gradients of W and
b are summed over those columns, as the matrix tutorial sums over the examples of a batch; they go
into the tape's parameter gradients, the adjoints of the inputs into their slots.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from autograd_tiny.core import composite
from autograd_tiny.core.value import Value
from autograd_tiny.tape.matrices import Matrix
from autograd_tiny.tape.slots import Slots, as_index

__all__ = ["Layout", "MatrixGroup", "matrix_backward", "matrix_forward", "matrix_group"]

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
        inputs_only: whether A holds only the tape's inputs and constants (Wᵀδ is then read only
            when the caller asks for the inputs' gradients).
        vector: A's slots as a slice when A is one column of consecutive slots (a layer on one
            input vector; a batch's examples then make the columns of Z): the plain case, whose
            steps ``workspace.py`` binds once to views of the arrays.
        own_weights, own_biases: W's (b's) gradient is a run of the parameters' gradients that
            nothing else adds to: written by the matrix product itself (``out=``), no addition.
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
    inputs_only: bool
    shape: tuple[int, int, int]
    vector: slice | None
    own_weights: bool
    own_biases: bool


class Layout(NamedTuple):
    """Where a tape keeps things, as ``matrix_group`` needs it.

    Attributes:
        slot: every node's slot. position: every parameter's position among the parameters.
        n_constants: the slots below this hold constants. first_parameter: the slots below this
            hold constants and the tape's inputs.
        shared: the positions of the parameters whose gradient has more than one source (read
            from their rows, or in more than one W or b): a matrix product adds into theirs, and
            writes the others' outright.
    """

    slot: dict[Value, int]
    position: dict[Value, int]
    n_constants: int
    first_parameter: int
    shared: set[int]


def matrix_group(matrix: Matrix, span: tuple[int, int, int], layout: Layout) -> MatrixGroup:
    """The matrix product of ``matrix``, writing slots start:stop, as the tape replays it.

    Args:
        matrix: the product Σs, found by ``matrices.arrange``.
        span: (its number among the matrix products, counted from 0; start; stop).
        layout: the tape's slots and parameters.
    """
    number, start, stop = span
    position = layout.position
    weights = np.array([list(map(position.__getitem__, row)) for row in matrix.weights], dtype=np.int64)
    biases = (
        None if matrix.biases is None else np.array([[position[b]] for b in matrix.biases], dtype=np.int64)
    )
    inputs = np.array([[layout.slot[a] for a in column] for column in matrix.inputs], dtype=np.int64).T.copy()
    m, n = weights.shape
    column = as_index(inputs.ravel()) if inputs.shape[1] == 1 else None
    weight_slots = Slots(weights)
    bias_slots = None if biases is None else Slots(biases)
    return MatrixGroup(
        shape=(m, n, inputs.shape[1]),
        start=start,
        stop=stop,
        weights=weights,
        biases=biases,
        inputs=inputs,
        weight_slots=weight_slots,
        bias_slots=bias_slots,
        input_slots=Slots(inputs),
        needed=bool((inputs >= layout.n_constants).any()),
        inputs_only=bool((inputs < layout.first_parameter).all()),
        replaced=(stop - start) * (1 + n),
        number=number + 1,
        vector=column if isinstance(column, slice) else None,
        own_weights=_owned(weight_slots, layout.shared),
        own_biases=bias_slots is not None and _owned(bias_slots, layout.shared),
    )


def _owned(slots: Slots, shared: set[int]) -> bool:
    """Whether a run of parameters has no other source of gradient (its gradient can be written
    outright, with no addition)."""
    return slots.run is not None and not slots.transposed and not shared & set(slots.index.ravel().tolist())


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
    group: MatrixGroup,
    values: Array,
    adjoints: Array,
    parameters: Array,
    gradients: Array,
    ones: Array,
    input_gradients: bool = True,
) -> None:
    """With δ = Z̄ (the adjoints of the group's slots): ∂L/∂W += δAᵀ, ∂L/∂b += Σ δ, Ā += Wᵀδ (unless A
    is only the tape's inputs and their gradients are not wanted); ``ones`` has one 1 per example."""
    m, n, k = group.shape
    batch = values.shape[1:]
    delta = adjoints[group.start : group.stop].reshape((k, m, *batch)).swapaxes(0, 1).reshape(m, -1)
    inputs = _inputs(group, values)
    if group.own_weights:  # the gradients start at 0 and nothing else adds to W's: written outright
        composite.weight_gradient(np, delta, inputs, out=group.weight_slots.read(gradients))
    else:
        group.weight_slots.add(gradients, composite.weight_gradient(np, delta, inputs))
    if group.bias_slots is not None:
        if len(ones) != delta.shape[1]:  # k columns of A per example
            ones = np.ones(delta.shape[1])
        if group.own_biases:
            composite.bias_gradient(np, delta, ones, out=gradients[group.bias_slots.run])
        else:
            group.bias_slots.add(gradients, composite.bias_gradient(np, delta, ones)[:, None])
    if not group.needed or (group.inputs_only and not input_gradients):
        return
    upstream = composite.input_gradient(np, group.weight_slots.read(parameters), delta)  # Wᵀδ
    transposed = group.input_slots.transposed_view(adjoints)
    if transposed is not None:  # Āᵀ += (Wᵀδ)ᵀ, adding into the slots in their own order
        transposed += upstream.T
    else:
        group.input_slots.add(adjoints, upstream.reshape((n, k, *batch)))


def _inputs(group: MatrixGroup, values: Array) -> Array:
    """A as an (n, k·B) matrix: a view where the slots allow it."""
    transposed = group.input_slots.transposed_view(values)
    if transposed is not None:
        return transposed.T
    return group.input_slots.read(values).reshape(group.shape[1], -1)
