"""``Tape``: a recorded Wengert list that replays forward (vᵢ = op(vⱼ, …)) and backward (v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ).

Made by ``autograd_tiny.record``. Holds one float per slot per example, no ``Value`` per number; see
``tape.py`` for the design and ``tape_replay.py`` for the sweeps (seed 004's rule, level by level).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autograd_tiny.tape_display import Names
    from autograd_tiny.tape_program import Program
    from autograd_tiny.value import Value

__all__ = ["BranchChangedError", "Tape"]

Array = Any  # numpy.ndarray; numpy is imported only once a tape exists


class BranchChangedError(ValueError):
    """A replay's inputs make a comparison noted by ``record`` come out the other way.

    Attributes:
        examples: positions in the batch (``[0]`` for one example) whose branch changed.
    """

    def __init__(self, message: str, examples: list[int]) -> None:
        super().__init__(message)
        self.examples = examples


class Tape:
    """A function recorded once by ``record``: ``forward(inputs)`` and ``backward(seed)`` on new numbers.

    Give each input as a number, or as a 1-D array of B numbers to replay B examples at once (an
    input given as one number is then shared by all of them). ``print(tape)`` shows the Wengert list
    with the values of the last replay (first example) and, after ``backward``, the adjoints.
    """

    def __init__(self, program: Program, recorded: Array, single_output: bool) -> None:
        self._program = program
        self._single = single_output
        self._values: Array = recorded  # the recording is the first "replay"
        self._adjoints: Array | None = None
        self._shared: list[bool] = [True] * program.n_inputs
        self._names: Names | None = None

    @property
    def n_inputs(self) -> int:
        return self._program.n_inputs

    @property
    def parameters(self) -> tuple[Value, ...]:
        """The leaves read at every replay (a model's weights), in recorded order."""
        return self._program.parameters

    def __len__(self) -> int:
        """The number of operations (assignments) on the tape."""
        return len(self._program.order)

    def forward(self, inputs: Sequence[Any] | Array = ()) -> Any:
        """Replay the tape on new inputs (and the parameters' current ``.data``).

        Args:
            inputs: one entry per input of the recorded function: a number, or an array of B numbers.

        Returns:
            The output (or a tuple of outputs, if ``fn`` returned a list): floats, or arrays of B
            numbers when any input was an array.

        Raises:
            TypeError, ValueError: wrong number of inputs, a non-number, arrays of different lengths,
                or a number that is not finite; the message names the input.
            BranchChangedError: a comparison recorded by ``record`` now comes out the other way.
            ValueError, ZeroDivisionError, OverflowError: an operation is outside its rule's domain.
        """
        import numpy as np

        from autograd_tiny.tape_replay import failed_guards, forward_sweep

        program = self._program
        columns, batch, shared = self._read_inputs(inputs)
        values = np.empty((program.n_slots,) if batch is None else (program.n_slots, batch))
        constants, parameters = program.constants, self._read_parameters()
        if batch is not None:  # one number for every example: a column
            constants, parameters = constants[:, None], parameters[:, None]
        first = program.first_parameter
        values[: program.n_constants] = constants
        values[program.n_constants : first] = columns
        values[first : first + len(parameters)] = parameters
        forward_sweep(program, values, self._describe)
        failed = failed_guards(program, values)
        if failed:
            raise self._branch_error(failed, values)
        self._values, self._adjoints, self._shared = values, None, shared
        outputs = [values[slot] if batch is None else values[slot].copy() for slot in program.outputs]
        outputs = [float(x) for x in outputs] if batch is None else outputs
        return outputs[0] if self._single else tuple(outputs)

    def backward(self, seed: Any = 1.0) -> tuple[Any, ...]:
        """The reverse sweep from the outputs of the last ``forward`` (or of the recording).

        Args:
            seed: ∂L/∂output, 1.0 by default; one per output if there are several; a number, or an
                array of B numbers after a batched forward.

        Returns:
            ∂L/∂input for each input: a float, or an array of B numbers for an input given as an
            array. Each parameter's ``.grad`` is increased by its gradient summed over the batch
            (leaves accumulate, as with ``Value.backward``).

        Raises:
            TypeError, ValueError: a bad seed. ValueError, OverflowError: a local partial or a
            gradient is not finite; nothing is added to any ``.grad`` then.
        """
        import numpy as np

        from autograd_tiny.tape_replay import backward_sweep

        program = self._program
        adjoints = np.zeros_like(self._values)
        for slot, row in zip(program.outputs, self._read_seeds(seed), strict=True):
            adjoints[slot] += row
        backward_sweep(program, adjoints=adjoints, values=self._values, describe=self._describe)
        self._adjoints = adjoints
        first = program.first_parameter
        batched = adjoints.ndim == 2
        for parameter, row in zip(program.parameters, adjoints[first:], strict=False):
            parameter.grad += float(row.sum()) if batched else float(row)
        gradients = adjoints[program.n_constants : first]
        return tuple(
            float(row.sum() if batched else row) if shared else row.copy()
            for row, shared in zip(gradients, self._shared, strict=True)
        )

    def _read_inputs(self, inputs: Any) -> tuple[Array, int | None, list[bool]]:
        import numpy as np

        n = self._program.n_inputs
        if isinstance(inputs, (str, bytes)) or not isinstance(inputs, (Sequence, np.ndarray)):
            raise TypeError(f"Tape.forward: inputs must be a list with one entry per input, got {inputs!r}")
        if len(inputs) != n:
            names = ", ".join(self.names(self._program.n_constants + i) for i in range(n))
            raise ValueError(f"Tape.forward: this tape takes {n} inputs ({names}), got {len(inputs)}")
        rows: list[Any] = []
        batch = None
        for i, x in enumerate(inputs):
            name = self.names(self._program.n_constants + i)
            if isinstance(x, numbers.Real) and not isinstance(x, bool):
                rows.append(float(x))
                continue
            try:
                row = np.asarray(x, dtype=np.float64)
            except (TypeError, ValueError):
                row = None
            if row is None or row.ndim == 0:  # None and True become 0-d arrays
                raise TypeError(f"Tape.forward: input {name} must be a number or a 1-D array, got {x!r}")
            if row.ndim != 1 or (batch is not None and len(row) != batch):
                shape = f"{batch} numbers like the inputs before it" if batch is not None else "a 1-D array"
                raise ValueError(
                    f"Tape.forward: input {name} has shape {row.shape}; it must be a number or {shape}"
                )
            batch = len(row)
            rows.append(row)
        columns = np.empty((n,) if batch is None else (n, batch))
        for i, row in enumerate(rows):
            columns[i] = row
        bad = np.argwhere(~np.isfinite(columns))
        if len(bad):
            position = tuple(int(k) for k in bad[0])
            where = f" (example {position[1]})" if len(position) > 1 else ""
            raise ValueError(
                f"Tape.forward: input {self.names(self._program.n_constants + position[0])}{where} is "
                f"{columns[position]}; inputs must be finite numbers"
            )
        return columns, batch, [isinstance(row, float) for row in rows]

    def _read_parameters(self) -> Array:
        import numpy as np

        data = np.array([p.data for p in self._program.parameters], dtype=np.float64)
        bad = np.flatnonzero(~np.isfinite(data))
        if len(bad):
            name = self.names(self._program.first_parameter + int(bad[0]))
            raise ValueError(f"Tape.forward: parameter {name} is {data[bad[0]]}; it must be a finite number")
        return data

    def _read_seeds(self, seed: Any) -> list[Any]:
        import numpy as np

        n = len(self._program.outputs)
        seeds = [seed] if self._single else seed
        if (
            isinstance(seeds, (str, bytes))
            or not isinstance(seeds, (Sequence, np.ndarray))
            or len(seeds) != n
        ):
            raise ValueError(
                f"Tape.backward: this tape has {n} outputs; give one seed per output, got {seed!r}"
            )
        shape = self._values.shape[1:]
        rows = []
        for k, s in enumerate(seeds):
            try:
                row = np.broadcast_to(np.asarray(s, dtype=np.float64), shape)
            except (TypeError, ValueError):
                raise TypeError(
                    f"Tape.backward: seed {k} must be a number"
                    + (f" or {shape[0]} numbers" if shape else "")
                    + f", got {s!r}"
                ) from None
            if isinstance(s, bool) or not np.isfinite(row).all():
                raise ValueError(f"Tape.backward: seed {k} must be finite numbers, got {s!r}")
            rows.append(row)
        return rows

    def _branch_error(self, failed: list[tuple[Any, Array]], values: Array) -> BranchChangedError:
        import numpy as np

        guard, mismatch = failed[0]
        examples = sorted({int(k) for _, m in failed for k in np.flatnonzero(m)})
        k = int(np.flatnonzero(mismatch)[0])
        left, right = (values[s] if values.ndim == 1 else values[s, k] for s in (guard.left, guard.right))
        where = f" for example {k}" if values.ndim == 2 else ""
        message = (
            f"Tape.forward: the recorded branch no longer holds{where}: while recording, "
            f"{self.names(guard.left)} {guard.operator} {self.names(guard.right)} was {guard.expected}, "
            f"now {left:g} {guard.operator} {right:g} is {not guard.expected}. The recorded function "
            "branches on this comparison: record it again with these inputs, or use Values."
        )
        return BranchChangedError(message, examples)

    @property
    def names(self) -> Names:
        """The name of each slot (labels, constants as numbers, v1, v2, … in recorded order)."""
        if self._names is None:
            from autograd_tiny.tape_display import Names

            self._names = Names(self._program)
        return self._names

    def _describe(self, slot: int) -> str:
        return self.names.assignment(slot)

    def _title_and_lines(self) -> tuple[str, list[tuple[str, str, str, str]]]:
        from autograd_tiny.tape_display import to_lines

        values, adjoints = self._values, self._adjoints
        batched = values.ndim == 2
        title = f"{self!r}" + (f", example 0 of {values.shape[1]}" if batched else "")
        title += ": values of the last replay" + (
            "; adjoints v̄ from backward()" if adjoints is not None else ""
        )
        lines = to_lines(
            self.names,
            values[:, 0] if batched else values,
            None if adjoints is None else adjoints[:, 0] if batched else adjoints,
        )
        return title, lines

    def __str__(self) -> str:
        from autograd_tiny.tape_display import to_text

        return to_text(*self._title_and_lines())

    def _repr_html_(self) -> str:
        from autograd_tiny.tape_display import to_html

        return to_html(*self._title_and_lines())

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
