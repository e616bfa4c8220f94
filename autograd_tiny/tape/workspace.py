"""The arrays of a replay, kept from one replay to the next, and each group's step bound to them.

A replay of a tape is the same short list of array operations every time: for the matrix tutorial's
layer, z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ forward and δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ, Σδ⁽ˡ⁾, (W⁽ˡ⁾)ᵀδ⁽ˡ⁾ backward; for a level of
scalar operations, the rule on a block of rows and the composite-function tutorial's v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ.
Finding the rows (slicing, reshaping, choosing a layout) costs as much as the arithmetic on a batch
of a few examples, so a ``Workspace`` does it once, for one shape of replay (one example, or a batch
of B): it holds the values, adjoints, parameters and gradients, and a forward and a backward step
per group, each a closure over views of those arrays. A step that cannot keep a view (its slots are
not a run) gathers and scatters as ``replay.py`` always did; the numbers are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograd_tiny.core import composite
from autograd_tiny.tape.matrix_replay import MatrixGroup, matrix_backward, matrix_forward
from autograd_tiny.tape.program import Group, Program

__all__ = ["BackwardStep", "ForwardStep", "Workspace"]

Array = Any  # numpy.ndarray
Describe = Callable[[int], str]  # slot → its assignment, for messages
ForwardStep = Callable[[], None]
BackwardStep = Callable[[bool, Describe], None]  # (the inputs' gradients wanted, describe)
Partials = Callable[[Group, Array, Array, Describe], Any]  # replay.py's, which names a failure


class Workspace:
    """The arrays of replays of one shape and the steps bound to them.

    Args:
        program: the tape's program.
        batch: the number of examples of each replay, or None for one example (a row per slot).
        partials: ``replay._local_partials``: a group's local partials, naming the assignment
            that cannot be computed.

    Attributes:
        values, adjoints: one row per slot (of B numbers for a batch). The constants are written
            once; the rows of the parameters that only matrix products read are never written.
        parameters, gradients: one number per parameter: the numbers of the replay and ∂L/∂θ.
        ones: one 1 per example, for Σ over the batch as ·1.
        forward_steps, backward_steps: one per group, the backward ones in reverse order.
    """

    def __init__(self, program: Program, batch: int | None, partials: Partials) -> None:
        shape = (program.n_slots,) if batch is None else (program.n_slots, batch)
        self.program = program
        self._partials = partials
        self.values = np.empty(shape)
        self.adjoints = np.zeros(shape)  # rows that no step adds to stay 0
        if program.n_constants:
            self.values[: program.n_constants] = (
                program.constants if batch is None else program.constants[:, None]
            )
        self.parameters = np.empty(len(program.parameters))
        self.gradients = np.zeros(len(program.parameters))
        self.ones = np.ones(1 if batch is None else batch)
        self.forward_steps = [self._forward_step(group) for group in program.groups]
        self.variable_powers = [  # aᵇ with b not a constant: the engine refuses a base ≤ 0
            group
            for group in program.groups
            if isinstance(group, Group) and group.variable_exponent is not None
        ]
        self.backward_steps = [self._backward_step(group) for group in reversed(program.groups)]

    def clear_adjoints(self) -> None:
        """Zero every adjoint a backward step adds to, and the gradients."""
        program, adjoints = self.program, self.adjoints
        adjoints[: program.first_parameter] = 0.0
        adjoints[program.first_operation :] = 0.0
        if program.parameter_reads is not None:
            adjoints[program.parameter_reads[1]] = 0.0
        self.gradients.fill(0.0)

    def _forward_step(self, group: Group | MatrixGroup) -> ForwardStep:
        values, parameters = self.values, self.parameters
        if isinstance(group, MatrixGroup):
            if not _views(group):
                return lambda: matrix_forward(group, values, parameters)
            m, n, _ = group.shape
            weights = group.weight_slots.read(parameters)  # views: W, b, a and z
            biases = None if group.bias_slots is None else group.bias_slots.read(parameters)
            inputs = values[group.vector].reshape(n, -1)
            z = values[group.start : group.stop].reshape(m, -1)

            def layer() -> None:  # z = Wa + b
                np.matmul(weights, inputs, out=z)
                if biases is not None:
                    np.add(z, biases, out=z)

            return layer
        out, forward = values[group.start : group.stop], group.forward
        if group.stacked.run is None:  # inputs gathered from scattered slots at every replay
            index = group.stacked.index

            def gathered() -> None:
                out[...] = forward(values[index])

            return gathered
        stacked = group.stacked.read(values)  # a view of a run of slots

        def level() -> None:
            out[...] = forward(stacked)

        return level

    def _backward_step(self, group: Group | MatrixGroup) -> BackwardStep:
        values, adjoints = self.values, self.adjoints
        if isinstance(group, MatrixGroup):
            return self._matrix_backward_step(group)
        upstream = adjoints[group.start : group.stop]
        if group.unit:  # Σ, +: v̄ⱼ += v̄ᵢ for every input
            if group.stacked.run is None:
                return lambda wanted, describe: group.stacked.add(adjoints, upstream)
            targets = group.stacked.read(adjoints)  # a view

            def unit(wanted: bool, describe: Describe) -> None:
                np.add(targets, upstream, out=targets)

            return unit
        stacked = group.stacked.read(values) if group.stacked.run is not None else None
        adds = [
            (k, adjoints[access] if isinstance(access, slice) else None)
            for k, access in enumerate(group.access)
            if group.needed[k]  # every slot a constant: its adjoint is never read
        ]
        partials = self._partials

        def level(wanted: bool, describe: Describe) -> None:
            inputs = stacked if stacked is not None else group.stacked.read(values)
            local_partials = partials(group, values, inputs, describe)
            for k, view in adds:
                local = local_partials[k]
                contribution = upstream if type(local) is float and local == 1.0 else upstream * local
                if group.repeated[k]:
                    np.add.at(adjoints, group.inputs[k], contribution)
                elif view is not None:
                    view += contribution
                else:
                    adjoints[group.access[k]] += contribution

        return level

    def _matrix_backward_step(self, group: MatrixGroup) -> BackwardStep:
        values, adjoints, parameters, gradients, ones = (
            self.values,
            self.adjoints,
            self.parameters,
            self.gradients,
            self.ones,
        )
        if not (_views(group) and group.own_weights and (group.bias_slots is None or group.own_biases)):
            return lambda wanted, describe: matrix_backward(
                group, values, adjoints, parameters, gradients, ones, wanted
            )
        m, n, _ = group.shape
        delta = adjoints[group.start : group.stop].reshape(m, -1)  # views: δ, a, ∂L/∂W, ∂L/∂b, ā, W
        inputs = values[group.vector].reshape(n, -1)
        weights_gradient = group.weight_slots.read(gradients)
        biases_gradient = None if group.bias_slots is None else gradients[group.bias_slots.run]
        input_adjoints = adjoints[group.vector].reshape(n, -1)
        weights = group.weight_slots.read(parameters)
        upstream_needed = group.needed
        only_inputs = group.inputs_only

        def layer(wanted: bool, describe: Describe) -> None:  # the rows of core/composite.py
            composite.weight_gradient(np, delta, inputs, out=weights_gradient)  # ∂L/∂W = δaᵀ
            if biases_gradient is not None:
                composite.bias_gradient(np, delta, ones, out=biases_gradient)  # ∂L/∂b = Σ δ
            if upstream_needed and (wanted or not only_inputs):
                np.add(
                    input_adjoints, composite.input_gradient(np, weights, delta), out=input_adjoints
                )  # ā += Wᵀδ

        return layer


def _views(group: MatrixGroup) -> bool:
    """Whether W, b and a are runs of slots, read as views (else ``matrix_replay`` gathers them)."""
    runs = [group.weight_slots] + ([] if group.bias_slots is None else [group.bias_slots])
    return group.vector is not None and all(s.run is not None and not s.transposed for s in runs)
