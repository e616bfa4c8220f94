"""A recorded graph turned into a tape: numbered slots, operations grouped by level, and guards.

The composite-function tutorial asks to "keep the intermediate values": every node gets a slot vᵢ in one float
array, and the tape is the list of assignments vᵢ = op(vⱼ, vₖ) in an order where inputs come first (a Wengert
list). Replaying it needs no ``Value`` objects. For speed, operations of the same rule that do not depend on
each other (same level: 1 + the level of their deepest input) sit in consecutive slots and run as one numpy
call: gather their inputs by index arrays, apply the rule, write the slice. The backward pass runs the levels
in reverse with the composite-function tutorial's rule, v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ, adding fan-in with ``np.add.at``
where an input is used more than once in a level.

A layer of a network, m Σ nodes of parameter × input products over the same inputs, is one
matrix product z = Wa + b (``matrices.py`` finds it, ``matrix_replay.py`` replays it): its Σ nodes
get slots, its products none.

Slot layout: constants, inputs, parameters, then the operations level by level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, count
from typing import Any

import numpy as np

from autograd_tiny.core.order import depth_first, inputs_of
from autograd_tiny.core.value import Value
from autograd_tiny.tape.arrays import array_partials, stacked_forward, unit_partials
from autograd_tiny.tape.matrices import Matrix, by_level, find_products, matrices_first, uses_of
from autograd_tiny.tape.matrix_replay import Layout, MatrixGroup, matrix_group
from autograd_tiny.tape.slots import Slots, as_index, repeats

__all__ = ["Group", "Guard", "Program", "compile_graph"]

Array = Any  # numpy.ndarray
Comparison = tuple[Value, str, "Value | float", bool]


@dataclass(frozen=True, slots=True)
class Group:
    """Operations of one rule at one level, writing slots ``start:stop``.

    ``inputs[k]`` holds the slots of their k-th inputs; ``forward`` takes them read as one array
    (``stacked.read(values)``), one row per input.
    """

    op: str
    start: int
    stop: int
    inputs: tuple[Array, ...]
    repeated: tuple[bool, ...]  # inputs[k] names a slot twice: fan-in needs np.add.at
    forward: Callable[..., Array]
    partials: Callable[..., tuple[Array, ...]]
    variable_exponent: Array | None  # pow: the operations whose exponent is not a constant
    stacked: Slots  # (arity, count): ``inputs`` as one table, read at once
    access: tuple[Array | slice, ...]  # ``inputs``, each a slice where it is a run of slots
    needed: tuple[bool, ...]  # inputs[k] names a slot that is not a constant: its adjoint is used
    unit: bool  # every partial is 1 (Σ, +): v̄ⱼ += v̄ᵢ for every input at once


@dataclass(frozen=True, slots=True)
class Guard:
    """A comparison made while recording: ``v[left] operator v[right]`` was ``expected``."""

    left: int
    operator: str
    right: int
    expected: bool


@dataclass(frozen=True, slots=True)
class Program:
    """Everything a replay needs; built once by ``compile_graph``.

    Attributes:
        constants: the numbers in slots ``0:n_constants`` (the graph's constants, then the numbers
            that guards compare with).
        n_inputs: the slots after the constants hold the inputs.
        parameters: leaves read again at every replay, in the slots after the inputs: the W and b
            of each matrix product first, then the others in recorded order.
        groups: the operations, level by level; together they fill every remaining slot. A
            ``MatrixGroup`` is a whole layer z = Wa + b found by ``matrices.py``.
        order: the operations' slots in the order the recording visited them (for display).
        outputs: the slot of each output.
        guards: comparisons to re-check at every replay.
        labels: the label of each labelled slot but the parameters' (read from them when shown).
        n_fused: the products w × a that matrix groups compute without a slot of their own.
        outputs_run: ``outputs`` as a slice when they are consecutive slots (one block of seeds).
        parameter_reads: the parameters read from their rows of the values (an operation's
            input, an output, a compared value), as (their positions, their slots), each a slice
            where it is a run (a copy rather than a gather); None when there are none. A replay
            writes only these rows, since matrix products read W and b from the parameters' own
            array.
    """

    constants: Array
    n_slots: int
    n_inputs: int
    parameters: tuple[Value, ...]
    groups: tuple[Group | MatrixGroup, ...]
    order: Array
    outputs: Array
    guards: tuple[Guard, ...]
    labels: dict[int, str]
    n_fused: int
    outputs_run: slice | None
    parameter_reads: tuple[slice | Array, slice | Array] | None

    @property
    def n_constants(self) -> int:
        return len(self.constants)

    @property
    def first_parameter(self) -> int:
        return self.n_constants + self.n_inputs

    @property
    def first_operation(self) -> int:
        return self.n_constants + self.n_inputs + len(self.parameters)


def compile_graph(
    inputs: list[Value], outputs: list[Value], comparisons: list[Comparison], matrices: bool = True
) -> tuple[Program, Array]:
    """Number the nodes of the graph under ``outputs`` (and under every compared Value) into slots.

    Args:
        inputs: the leaves the tape's inputs go into.
        outputs: what the tape computes.
        comparisons: the comparisons noted while recording; their operands are kept on the tape.
        matrices: find the product Σs that form matrix products (``matrices.py``).

    Returns:
        The program, and the number every slot held while recording.
    """
    roots = [
        *outputs,
        *(v for left, _, right, _ in comparisons for v in (left, right) if isinstance(v, Value)),
    ]
    operations, leaves = _topological(roots)
    is_input = set(inputs)
    constants = [v for v in leaves if v.constant and v not in is_input]
    parameters = [v for v in leaves if not v.constant and v not in is_input]
    products = find_products(operations, set(parameters), uses_of(operations, roots)) if matrices else {}
    fused = {term for node in products for term in inputs_of(node) if term.op}  # the w × a nodes
    operations = [v for v in operations if v not in fused]
    arguments = {node: inputs_of(node) for node in operations}  # of the operations replayed one by one
    level: dict[Value, int] = {}
    key: dict[Value, tuple[Any, ...]] = {}
    for node in operations:
        reads = products[node].inputs if node in products else arguments[node]
        level[node] = 1 + max([level.get(x, 0) for x in reads])
        if node not in products:
            key[node] = (level[node], 0, node.op, len(arguments[node]))
    found = by_level([v for v in operations if v in products], products, level)
    for number, (depth, matrix) in enumerate(found):
        for j, row in enumerate(matrix.nodes):
            for c, node in enumerate(row):
                key[node] = (depth, 1, number, c * len(matrix.nodes) + j)  # Z column by column
    by_group = sorted(operations, key=key.__getitem__)  # stable: keeps recorded order within a group
    parameters = matrices_first(parameters, [matrix for _, matrix in found])
    numbers = [v.data for v in constants] + [
        float(r) for _, _, r, _ in comparisons if not isinstance(r, Value)
    ]
    leaves = [*inputs, *parameters]
    first_leaf = len(numbers)
    first_operation = first_leaf + len(leaves)
    slot = dict(zip(constants, count()))  # numbered in layout order, as the docstring lists it
    slot.update(zip(leaves, count(first_leaf)))
    slot.update(zip(by_group, count(first_operation)))
    recorded = np.array(numbers + [v.data for v in leaves] + [v.data for v in by_group], dtype=np.float64)
    position = dict(zip(parameters, count()))
    groups = _groups(by_group, key, arguments, slot, first_operation, len(constants))
    guards = _guards(comparisons, slot, len(constants))
    output_slots = np.array([slot[v] for v in outputs], dtype=np.int32)
    read = [output_slots, *(np.array([g.left, g.right]) for g in guards)]
    read += [index for g in groups if isinstance(g, Group) for index in g.inputs]
    read += [np.array([slot[a] for a in column]) for _, matrix in found for column in matrix.inputs]
    parameter_rows = _rows_among(read, first_leaf + len(inputs), len(parameters))
    layout = Layout(
        slot, position, len(constants), first_leaf + len(inputs), _shared(found, position, parameter_rows)
    )
    replayed = tuple(
        group if isinstance(group, Group) else matrix_group(found[group[0]][1], group, layout)
        for group in groups
    )
    program = Program(
        constants=recorded[: len(numbers)].copy(),
        n_slots=len(recorded),
        n_inputs=len(inputs),
        parameters=tuple(parameters),
        groups=replayed,
        order=np.array([slot[v] for v in operations], dtype=np.int32),
        outputs=output_slots,
        guards=guards,
        labels={slot[v]: v.label for v in [*constants, *inputs, *operations] if v.label and v in slot},
        n_fused=len(fused),
        outputs_run=run if isinstance(run := as_index(output_slots), slice) else None,
        parameter_reads=(as_index(parameter_rows), as_index(parameter_rows + first_leaf + len(inputs)))
        if len(parameter_rows)
        else None,
    )
    return program, recorded


def _topological(roots: list[Value]) -> tuple[list[Value], list[Value]]:
    """The operations under ``roots``, inputs before the nodes that use them (the engine's own
    iterative depth-first order), and the leaves, in the order first reached."""
    operations: list[Value] = []
    leaves: list[Value] = []
    seen: set[Value | None] = {None}
    for root in roots:
        if root in seen:
            continue
        if root.op:
            depth_first(root, operations, leaves, seen)
        else:  # an output or a compared value that is itself a leaf
            seen.add(root)
            leaves.append(root)
    return operations, leaves


def _groups(
    by_group: list[Value],
    key: dict[Value, tuple[Any, ...]],
    arguments: dict[Value, tuple[Value, ...]],
    slot: dict[Value, int],
    first: int,
    n_constants: int,
) -> list[Group | tuple[int, int, int]]:
    """Runs of operations with the same key: a ``Group`` each, or (matrix number, start, stop)."""
    groups: list[Group | tuple[int, int, int]] = []
    start = 0
    while start < len(by_group):
        group_key = key[by_group[start]][: 4 if key[by_group[start]][1] == 0 else 3]
        stop = start
        while stop < len(by_group) and key[by_group[stop]][: len(group_key)] == group_key:
            stop += 1
        if group_key[1] == 1:
            groups.append((group_key[2], first + start, first + stop))
            start = stop
            continue
        _, _, op, arity = group_key
        slots = np.array([[slot[x] for x in arguments[v]] for v in by_group[start:stop]], dtype=np.int32)
        stacked = slots.T.copy()  # row k: the slots of every operation's k-th input
        inputs = tuple(stacked)
        groups.append(
            Group(
                op=op,
                start=first + start,
                stop=first + stop,
                inputs=inputs,
                repeated=tuple(repeats(index) for index in inputs),
                forward=stacked_forward(op),
                partials=array_partials(op, arity),
                variable_exponent=_variable(inputs[1], n_constants) if op == "pow" else None,
                stacked=Slots(stacked),
                access=tuple(as_index(index) for index in inputs),
                needed=tuple(bool((index >= n_constants).any()) for index in inputs),
                unit=unit_partials(op, arity),
            )
        )
        start = stop
    return groups


def _shared(found: list[tuple[int, Matrix]], position: dict[Value, int], rows: Array) -> set[int]:
    """The parameters whose gradient has more than one source: read from their rows, or a W or b
    entry of more than one matrix product (or twice in one)."""
    counts = Counter(chain.from_iterable(chain(*matrix.weights, matrix.biases or []) for _, matrix in found))
    return {position[p] for p, n in counts.items() if n > 1} | set(rows.tolist())


def _rows_among(read: list[Array], first: int, n: int) -> Array:
    """The positions among slots ``first:first + n`` that appear in ``read`` (tables of slots)."""
    slots = {int(s) for index in read for s in np.asarray(index).ravel().tolist()}
    return np.array(sorted(s - first for s in slots if first <= s < first + n), dtype=np.intp)


def _variable(exponents: Array, n_constants: int) -> Array | None:
    """Positions of the exponents that are not constants (the engine needs a base > 0 for them)."""
    found = np.flatnonzero(exponents >= n_constants)
    return found if len(found) else None


def _guards(comparisons: list[Comparison], slot: dict[Value, int], first_number: int) -> tuple[Guard, ...]:
    guards: list[Guard] = []
    number = first_number
    for left, operator, right, result in comparisons:
        if isinstance(right, Value):
            right_slot = slot[right]
        else:
            right_slot, number = number, number + 1
        guards.append(Guard(slot[left], operator, right_slot, result))
    return tuple(guards)
