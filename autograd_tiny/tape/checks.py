"""Checks of what ``Tape.forward`` and ``Tape.backward`` are given, and the error for a changed branch.

Every bad argument is an error that names the input, the example or the seed, never a numpy
traceback or a silent nan.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from autograd_tiny.tape.arrays import all_finite
from autograd_tiny.tape.errors import BranchChangedError
from autograd_tiny.tape.program import Guard, Program

__all__ = ["branch_error", "given_parameters", "read_inputs", "read_parameters", "read_seeds"]

Array = Any
Names = Callable[[int], str]  # slot → its name, asked only to write an error


def read_inputs(program: Program, names: Names, inputs: Any) -> tuple[Array, int | None, list[bool]]:
    """The inputs of ``Tape.forward`` as rows, the batch size (None for one example), and which
    inputs were single numbers (shared by every example)."""
    n = program.n_inputs
    if n == 0 and isinstance(inputs, (list, tuple)) and not inputs:  # a tape of parameters alone
        return np.empty(0), None, []
    matrix = isinstance(inputs, np.ndarray) and inputs.ndim == 2 and inputs.dtype == np.float64
    if matrix and len(inputs) == n and all_finite(inputs):  # a batch as one matrix: nothing to name
        return inputs, inputs.shape[1], [False] * n
    if isinstance(inputs, (str, bytes)) or not isinstance(inputs, (Sequence, np.ndarray)):
        raise TypeError(f"Tape.forward: inputs must be a list with one entry per input, got {inputs!r}")
    if len(inputs) != n:
        listed = ", ".join(names(program.n_constants + i) for i in range(n))
        raise ValueError(f"Tape.forward: this tape takes {n} inputs ({listed}), got {len(inputs)}")
    rows: list[Any] = []
    batch = None
    for i, x in enumerate(inputs):
        name = names(program.n_constants + i)
        try:
            row = _numbers(x)
        except OverflowError:
            raise ValueError(
                f"Tape.forward: input {name} holds a number too large for a float; inputs must be "
                "finite numbers"
            ) from None
        if isinstance(row, float):
            rows.append(row)
            continue
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
            f"Tape.forward: input {names(program.n_constants + position[0])}{where} is "
            f"{columns[position]}; inputs must be finite numbers"
        )
    return columns, batch, [isinstance(row, float) for row in rows]


def _numbers(x: Any) -> float | Array | None:
    """``x`` as a float or a float64 array; None if it holds anything but real numbers (a string
    such as ``'1'``, which numpy would convert, included)."""
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return float(x)
    raw = np.asarray(x) if not isinstance(x, (str, bytes)) else None
    if raw is None or raw.dtype.kind not in "iufO":
        return None
    if raw.dtype.kind == "O" and not all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) for v in raw.flat
    ):
        return None
    try:
        return raw.astype(np.float64)
    except (TypeError, ValueError):
        return None


def read_parameters(program: Program, names: Names) -> Array:
    """The parameters' current numbers, each checked to be finite."""
    data = np.array([p.data for p in program.parameters], dtype=np.float64)
    if np.isfinite(data).all():
        return data
    k = int(np.flatnonzero(~np.isfinite(data))[0])
    name = names(program.first_parameter + k)
    raise ValueError(f"Tape.forward: parameter {name} is {data[k]}; it must be a finite number")


def given_parameters(program: Program, names: Names, parameters: Any) -> Array:
    """The parameters' numbers given to ``Tape.forward`` as one array, checked: one finite float each."""
    n = len(program.parameters)
    given = isinstance(parameters, np.ndarray) and parameters.dtype == np.float64 and parameters.shape == (n,)
    if given and all_finite(parameters):  # a training loop's vector: nothing to convert or name
        return parameters  # Tape.forward copies it: the caller may change theirs before backward
    data = _numbers(parameters)
    if not isinstance(data, np.ndarray) or data.shape != (n,):
        raise ValueError(
            f"Tape.forward: parameters must be an array of {n} numbers (one per parameter), "
            f"got {parameters!r:.80}"
        )
    if np.isfinite(data).all():
        return data
    k = int(np.flatnonzero(~np.isfinite(data))[0])
    raise ValueError(
        f"Tape.forward: parameters[{k}] (parameter {names(program.first_parameter + k)}) is {data[k]}; "
        "it must be a finite number"
    )


def read_seeds(n: int, single: bool, shape: tuple[int, ...], seed: Any) -> list[Any] | Array:
    """One row of seeds ∂L/∂output per output, for ``Tape.backward``: a list, or the (outputs, batch)
    array given."""
    if single and type(seed) is float and math.isfinite(seed):  # the usual 1.0: nothing to check
        return [seed]
    rows_given = isinstance(seed, np.ndarray) and seed.dtype == np.float64 and seed.shape == (n, *shape)
    if rows_given and not single and all_finite(seed):  # one row per output, as a batch gives them
        return seed
    seeds = [seed] if single else seed
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, (Sequence, np.ndarray)) or len(seeds) != n:
        raise ValueError(f"Tape.backward: this tape has {n} outputs; give one seed per output, got {seed!r}")
    rows = []
    for k, s in enumerate(seeds):
        try:
            found = _numbers(s)
        except OverflowError:
            raise ValueError(f"Tape.backward: seed {k} is too large for a float, got {s!r:.60}") from None
        if found is None:
            raise TypeError(
                f"Tape.backward: seed {k} must be a number"
                + (f" or {shape[0]} numbers" if shape else "")
                + f", got {s!r}"
            )
        try:
            row = np.broadcast_to(found, shape)
        except ValueError:
            raise TypeError(
                f"Tape.backward: seed {k} must be a number"
                + (f" or {shape[0]} numbers" if shape else "")
                + f", got {s!r}"
            ) from None
        if not np.isfinite(row).all():
            raise ValueError(f"Tape.backward: seed {k} must be finite numbers, got {s!r}")
        rows.append(row)
    return rows


def branch_error(names: Names, failed: list[tuple[Guard, Array]], values: Array) -> BranchChangedError:
    """The error for recorded comparisons that came out the other way, naming the first."""
    guard, mismatch = failed[0]
    examples = sorted({int(k) for _, m in failed for k in np.flatnonzero(m)})
    k = int(np.flatnonzero(mismatch)[0])
    left, right = (values[s] if values.ndim == 1 else values[s, k] for s in (guard.left, guard.right))
    where = f" for example {k}" if values.ndim == 2 else ""
    message = (
        f"Tape.forward: the recorded branch no longer holds{where}: while recording, "
        f"{names(guard.left)} {guard.operator} {names(guard.right)} was {guard.expected}, "
        f"now {left:g} {guard.operator} {right:g} is {not guard.expected}. The recorded function "
        "branches on this comparison: record it again with these inputs, or use Values."
    )
    return BranchChangedError(message, examples)
