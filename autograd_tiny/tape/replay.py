"""Replaying a tape: the forward sweep vᵢ = op(vⱼ, …) and the reverse sweep v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ.

The reverse sweep is the composite-function tutorial's rule ("each node's derivative is the sum of products
with the directly connected nodes above it") run level by level from the output down, with the local partials
computed from the rules table on whole arrays. Values are one row per slot: a float per slot for one example,
or a row of B numbers for a batch of B examples replayed at once.

Nothing here raises a deep numpy error or returns nan: a number that is not finite is traced back
to the first assignment that made it, and the float rule is re-run there so that the message is the
engine's own (``log(-1): log is only defined for inputs > 0``).
"""

from __future__ import annotations

import operator as _operator
from collections.abc import Callable
from typing import Any, NoReturn

import numpy as np

from autograd_tiny.core.errors import variable_exponent_error
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.rules import RULES
from autograd_tiny.tape.arrays import all_finite
from autograd_tiny.tape.matrix_replay import MatrixGroup
from autograd_tiny.tape.program import Group, Guard, Program
from autograd_tiny.tape.workspace import Workspace

__all__ = ["backward_sweep", "failed_guards", "forward_sweep", "new_workspace"]

Array = Any
Describe = Callable[[int], str]  # slot → its assignment, for messages

_COMPARE: dict[str, Callable[[Array, Array], Array]] = {
    "<": _operator.lt,
    "<=": _operator.le,
    ">": _operator.gt,
    ">=": _operator.ge,
}


def new_workspace(program: Program, batch: int | None) -> Workspace:
    """The arrays and steps of replays of ``program`` on ``batch`` examples (None: one example)."""
    return Workspace(program, batch, _local_partials)


def forward_sweep(workspace: Workspace, describe: Describe) -> None:
    """Fill every operation's row of the workspace's values (constants, inputs, the parameters and
    the rows of ``program.parameter_reads`` already there).

    Raises:
        ValueError, ZeroDivisionError, OverflowError: an operation is outside its rule's domain or
            its result is not finite; the message names the assignment and the example.
    """
    program, values = workspace.program, workspace.values
    with np.errstate(all="ignore"):
        for step in workspace.forward_steps:
            step()
        if all_finite(values[program.first_operation :]):  # the rest were given finite
            for group in workspace.variable_powers:
                _refuse_variable_exponent(group, values, describe)
            return
    _raise_forward_error(program, values, describe)


def _refuse_variable_exponent(group: Group, values: Array, describe: Describe) -> None:
    """aᵇ with a variable exponent b at a base a ≤ 0 is refused, as the engine refuses it."""
    if group.variable_exponent is None:
        return
    bases = values[group.inputs[0][group.variable_exponent]]
    bad = np.argwhere(bases <= 0)
    if len(bad):
        position = (int(group.variable_exponent[bad[0][0]]), *bad[0][1:])
        base, exponent = (float(values[index][position]) for index in group.inputs)
        error = variable_exponent_error(base, exponent)  # the engine's own message
        raise ValueError(f"{_where(describe(group.start + position[0]), position)}: {error}")


def failed_guards(program: Program, values: Array) -> list[tuple[Guard, Array]]:
    """The recorded comparisons that no longer come out as recorded, each with a mask of examples."""
    failed = []
    for guard in program.guards:
        outcome = _COMPARE[guard.operator](values[guard.left], values[guard.right])
        mismatch = np.atleast_1d(outcome != guard.expected)
        if mismatch.any():
            failed.append((guard, mismatch))
    return failed


def backward_sweep(workspace: Workspace, describe: Describe, input_gradients: bool = True) -> Array:
    """Add into the workspace's adjoints (cleared, then seeded at the outputs) v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ for
    every assignment, outputs first.

    Returns:
        The workspace's gradient of each parameter, summed over the batch: through the matrix
        groups (δAᵀ) plus, for ``program.parameter_reads``, the sum of its row of adjoints. The
        inputs' rows of the adjoints hold their gradients too, unless ``input_gradients`` is False.

    Raises:
        ValueError: a local partial is not finite (e.g. √ at 0); the message names the assignment.
        OverflowError: an adjoint overflowed (exploding gradients); the message names the slot.
    """
    program, values, adjoints, gradients = (
        workspace.program,
        workspace.values,
        workspace.adjoints,
        workspace.gradients,
    )
    with np.errstate(all="ignore"):
        for step in workspace.backward_steps:
            step(input_gradients, describe)
        if program.parameter_reads is not None:
            positions, slots = program.parameter_reads
            read = adjoints[slots]
            gradients[positions] += read @ workspace.ones if read.ndim == 2 else read  # Σ over the batch
        # An inf or nan anywhere reaches every leaf below it (inf·0 is nan): testing what is returned,
        # the gradients of the parameters and of the inputs, tests them all.
        given = adjoints[program.n_constants : program.first_parameter] if input_gradients else None
        if all_finite(gradients) and (given is None or all_finite(given)):
            return gradients
    _raise_backward_error(program, values, adjoints, gradients, describe)


def _raise_forward_error(program: Program, values: Array, describe: Describe) -> NoReturn:
    for group in program.groups:  # the first assignment that went wrong, as the engine would stop there
        if not isinstance(group, MatrixGroup):
            _refuse_variable_exponent(group, values, describe)
        block = values[group.start : group.stop]
        bad = np.argwhere(~np.isfinite(block))
        if not len(bad):
            continue
        position = tuple(bad[0])
        where = _where(describe(group.start + position[0]), position)
        if isinstance(group, MatrixGroup):  # finite W and A, so the products or their Σ overflowed
            raise OverflowError(f"{where}: the Σ of products is {block[position]}: not a finite float")
        arguments = [float(values[index][position]) for index in group.inputs]
        try:
            result = RULES[group.op].forward(*arguments)
        except (ValueError, ZeroDivisionError, OverflowError) as error:
            raise type(error)(f"{where}: {error}") from None
        raise OverflowError(f"{where}: {group.op}({_numbers(arguments)}) = {result}: not a finite float")
    raise AssertionError("forward_sweep: a non-finite number outside every operation")  # pragma: no cover


def _local_partials(group: Group, values: Array, inputs: Array, describe: Describe) -> Any:
    """The group's local partials; a partial that raises (0 ** −0.5 in b·aᵇ⁻¹) names its assignment."""
    out = values[group.start : group.stop]
    try:
        return group.partials(out, *inputs)  # called inside np.errstate(all="ignore")
    except (ArithmeticError, ValueError):
        pass
    for position in np.ndindex(out.shape):
        arguments = [float(x[position]) for x in inputs]
        try:
            RULES[group.op].partials(float(out[position]), *arguments)
        except (ArithmeticError, ValueError) as error:
            raise type(error)(
                f"{_where(describe(group.start + position[0]), position)}: the local derivative of "
                f"{group.op}({_numbers(arguments)}) cannot be computed: {error}"
            ) from None
    raise AssertionError("a partial raised on the array but on no element")  # pragma: no cover


def _raise_backward_error(
    program: Program, values: Array, adjoints: Array, gradients: Array, describe: Describe
) -> NoReturn:
    for group in reversed(program.groups):
        if isinstance(group, MatrixGroup):
            continue  # its partials are W and A, finite numbers
        inputs = group.stacked.read(values)
        with np.errstate(all="ignore"):
            partials = _local_partials(group, values, inputs, describe)
        for local in partials:
            bad = np.argwhere(~np.isfinite(np.broadcast_to(local, values[group.start : group.stop].shape)))
            if len(bad):
                position = tuple(bad[0])
                arguments = [float(x[position]) for x in inputs]
                raise ValueError(
                    f"{_where(describe(group.start + position[0]), position)}: the local derivative is not "
                    f"finite at {group.op}({_numbers(arguments)})"
                )
    bad = np.argwhere(~np.isfinite(adjoints))
    if not len(bad):
        k = int(np.flatnonzero(~np.isfinite(gradients))[0])
        raise OverflowError(
            f"tape line {describe(program.first_parameter + k)}: its gradient (summed over the batch) "
            f"is {gradients[k]}"
        )
    position = tuple(int(k) for k in bad[-1])
    raise OverflowError(
        f"{_where(describe(position[0]), position)}: its adjoint (the gradient) is {adjoints[position]}"
    )


def _where(assignment: str, position: tuple[Any, ...]) -> str:
    example = f" (example {int(position[1])} of the batch)" if len(position) > 1 else ""
    return f"tape line {assignment}{example}"


def _numbers(xs: list[float]) -> str:
    return ", ".join(map(format_number, xs))
