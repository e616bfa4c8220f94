"""``Tape``: a recorded Wengert list that replays forward (vᵢ = op(vⱼ, …)) and backward (v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ).

Made by ``autograd_tiny.record``. Holds one float per slot per example, no ``Value`` per number; see
``record.py`` for the design and ``replay.py`` for the sweeps (the composite-function tutorial's rule, level
by level).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from autograd_tiny.core.value import Value
from autograd_tiny.tape.checks import (
    branch_error,
    given_parameters,
    read_inputs,
    read_parameters,
    read_seeds,
)
from autograd_tiny.tape.display import Names, matrix_lines, to_html, to_lines, to_text
from autograd_tiny.tape.program import Program
from autograd_tiny.tape.replay import backward_sweep, failed_guards, forward_sweep, new_workspace
from autograd_tiny.tape.state import ReplayState
from autograd_tiny.tape.workspace import Workspace

__all__ = ["Tape"]

Array = Any  # numpy.ndarray


class Tape:
    """A function recorded once by ``record``: ``forward(inputs)`` and ``backward(seed)`` on new numbers.

    Give each input as a number, or as a 1-D array of B numbers to replay B examples at once (an
    input given as one number is then shared by all of them). ``print(tape)`` shows the Wengert list
    with the values of the last replay (first example) and, after ``backward``, the adjoints.
    """

    def __init__(self, program: Program, recorded: Array, single_output: bool) -> None:
        self._program = program
        self._single = single_output
        self._recorded = recorded  # the recording is the first "replay", in every thread
        self._replays = ReplayState(program.n_inputs)  # each thread's last forward and backward
        self._names: Names | None = None

    @property
    def n_inputs(self) -> int:
        return self._program.n_inputs

    @property
    def parameters(self) -> tuple[Value, ...]:
        """The leaves read at every replay (a model's weights), in recorded order."""
        return self._program.parameters

    def __len__(self) -> int:
        """The number of scalar operations recorded, those that matrix products replay included."""
        return len(self._program.order) + self._program.n_fused

    def forward(self, inputs: Sequence[Any] | Array = (), *, parameters: Array | None = None) -> Any:
        """Replay the tape on new inputs (and the parameters' current ``.data``).

        Args:
            inputs: one entry per input of the recorded function: a number, or an array of B numbers
                (a 2-D array: one row per input, one column per example).
            parameters: the parameters' numbers as one array, in the order of ``self.parameters``,
                used instead of their ``.data`` (which is then neither read nor changed): a training
                loop that keeps the parameters as one vector.

        Returns:
            The output (or a tuple of outputs, if ``fn`` returned a list): floats, or arrays of B
            numbers when any input was an array.

        Raises:
            TypeError, ValueError: wrong number of inputs, a non-number, arrays of different lengths,
                or a number that is not finite; the message names the input.
            BranchChangedError: a comparison recorded by ``record`` now comes out the other way.
            ValueError, ZeroDivisionError, OverflowError: an operation is outside its rule's domain.
        """
        program = self._program
        columns, batch, shared = read_inputs(program, self._name, inputs)
        numbers = (
            read_parameters(program, self._name)
            if parameters is None
            else given_parameters(program, self._name, parameters)
        )
        state = self._replays
        workspace = state.spare(batch, self._new_workspace)  # not the last replay's: a failure keeps it
        values = workspace.values
        values[program.n_constants : program.first_parameter] = columns
        workspace.parameters[...] = numbers  # a copy: the caller may change theirs before backward
        if program.parameter_reads is not None:  # matrix products read W and b from the parameters
            positions, slots = program.parameter_reads
            read = workspace.parameters[positions]
            values[slots] = read if batch is None else read[:, None]
        forward_sweep(workspace, self._describe)
        failed = failed_guards(program, values) if program.guards else None
        if failed:
            raise branch_error(self._name, failed, values)
        state.workspace, state.shared, state.backward_done = workspace, shared, False
        if batch is None:
            outputs = [float(values[slot]) for slot in program.outputs]
        elif program.outputs_run is not None:  # rows of one copy: one copy for all the outputs
            outputs = list(values[program.outputs_run].copy())
        else:
            outputs = [values[slot].copy() for slot in program.outputs]
        return outputs[0] if self._single else tuple(outputs)

    def backward(
        self, seed: Any = 1.0, *, add_to_grad: bool = True, input_gradients: bool = True
    ) -> tuple[Any, ...]:
        """The reverse sweep from the outputs of the last ``forward`` (or of the recording).

        Args:
            seed: ∂L/∂output, 1.0 by default; one per output if there are several; a number, or an
                array of B numbers after a batched forward.
            add_to_grad: False leaves every ``.grad`` as it is; the parameters' gradient is then
                read from ``parameter_gradients`` (one array, as a vector-keeping loop wants it).
            input_gradients: False skips ∂L/∂input, which a training loop does not read (a first
                layer's Wᵀδ is then not computed), and returns ().

        Returns:
            ∂L/∂input for each input: a float, or an array of B numbers for an input given as an
            array. Each parameter's ``.grad`` is increased by its gradient summed over the batch
            (leaves accumulate, as with ``Value.backward``), unless ``add_to_grad`` is False.

        Raises:
            TypeError, ValueError: a bad seed. ValueError, OverflowError: a local partial or a
            gradient is not finite; nothing is added to any ``.grad`` then.
        """
        program = self._program
        state = self._replays
        workspace = self._last_replay()
        adjoints = workspace.adjoints
        seeds = read_seeds(len(program.outputs), self._single, adjoints.shape[1:], seed)
        state.backward_done = False  # the adjoints are rewritten: if this fails, none are shown
        workspace.clear_adjoints()
        if program.outputs_run is not None and isinstance(seeds, np.ndarray):  # one block, one addition
            adjoints[program.outputs_run] += seeds
        else:
            for slot, row in zip(program.outputs, seeds, strict=True):
                adjoints[slot] += row
        totals = backward_sweep(workspace, self._describe, input_gradients)
        state.backward_done, state.input_gradients = True, input_gradients
        if add_to_grad:
            for parameter, total in zip(program.parameters, totals.tolist(), strict=True):
                parameter.grad += total
        if not input_gradients:
            return ()
        inputs = adjoints[program.n_constants : program.first_parameter]
        rows = inputs.copy()  # each input's gradient a row of one block: no copy per input
        if not any(state.shared):  # a batch given as arrays: every input's gradient an array
            return tuple(rows)
        sums = inputs @ workspace.ones if inputs.ndim == 2 else inputs  # a shared input's: Σ over the batch
        return tuple(
            float(total) if shared else row
            for row, total, shared in zip(rows, sums, state.shared, strict=True)
        )

    @property
    def parameter_gradients(self) -> Array:
        """∂L/∂θ of the last ``backward``, summed over the batch, one number per parameter in the
        order of ``parameters`` (a copy).

        Raises:
            ValueError: ``backward`` has not run since the last ``forward``.
        """
        state = self._replays
        if not state.backward_done or state.workspace is None:
            raise ValueError("Tape.parameter_gradients: call backward() first")
        return state.workspace.gradients.copy()

    @property
    def matrices(self) -> list[str]:
        """One line per matrix product found when recording: a layer z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ with its
        shape and the scalar Σ and × nodes it replays (the matrix tutorial's notation)."""
        return matrix_lines(self.names)

    @property
    def names(self) -> Names:
        """The name of each slot (labels, constants as numbers, v1, v2, … in recorded order)."""
        if self._names is None:
            self._names = Names(self._program)
        return self._names

    def _name(self, slot: int) -> str:
        return self.names(slot)  # the table of names is built only when something is shown

    def _describe(self, slot: int) -> str:
        return self.names.assignment(slot)

    def _new_workspace(self, batch: int | None) -> Workspace:
        return new_workspace(self._program, batch)

    def _last_replay(self) -> Workspace:
        """This thread's last forward's workspace; before any, one holding the recording."""
        state = self._replays
        if state.workspace is None:
            workspace = state.spare(None, self._new_workspace)
            workspace.values[...] = self._recorded
            first = self._program.first_parameter
            workspace.parameters[...] = self._recorded[first : first + len(workspace.parameters)]
            state.workspace = workspace
        return state.workspace

    def _title_and_lines(self) -> tuple[str, list[tuple[str, str, str, str]]]:
        state, workspace = self._replays, self._last_replay()
        values = workspace.values
        adjoints = workspace.adjoints if state.backward_done else None
        batched = values.ndim == 2
        title = f"{self!r}" + (f", example 0 of {values.shape[1]}" if batched else "")
        title += ": values of the last replay" + (
            "; adjoints v̄ from backward()" + (" (a parameter's: Σ over the batch)" if batched else "")
            if adjoints is not None
            else ""
        )
        first, last = self._program.first_parameter, self._program.first_operation
        numbers = (values[:, 0] if batched else values).copy()
        numbers[first:last] = workspace.parameters  # a replay writes only the rows it reads
        shown = None
        if adjoints is not None:
            shown = (adjoints[:, 0] if batched else adjoints).copy()
            shown[first:last] = workspace.gradients
            if not state.input_gradients:
                shown[self._program.n_constants : first] = np.nan  # not computed: shown blank
        lines = to_lines(self.names, numbers, shown)
        return title, lines

    def __str__(self) -> str:
        return to_text(*self._title_and_lines(), self.matrices)

    def _repr_html_(self) -> str:
        return to_html(*self._title_and_lines(), self.matrices)

    def __repr__(self) -> str:
        program = self._program
        counts = [
            (program.n_inputs, "input"),
            (len(program.parameters), "parameter"),
            (len(self), "operation"),
            (len(program.outputs), "output"),
            (len(program.guards), "guard"),
        ]
        shown = [(n, word) for n, word in counts if n or word not in ("parameter", "guard")]
        parts = [f"{n:,} {word}{'' if n == 1 else 's'}" for n, word in shown]
        return f"Tape({', '.join(parts)})"
