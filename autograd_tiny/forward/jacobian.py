"""``jacobian``: the matrix ∂yᵢ/∂xⱼ by forward or by reverse mode, with what each one cost.

The composite-function tutorial's sum over paths can be gathered from either end: forward mode
pushes ∂·/∂xⱼ up from one input per pass (n passes give the n columns), reverse mode pulls
∂yᵢ/∂· down from one output per pass (m passes give the m rows). Both visit the edges of the same
recorded graph, so the counts say which direction wins: reverse for many inputs and one output
(a network's loss), forward for one input and many outputs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from autograd_tiny.core.chain import STORED, chain_rule
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Constant, Value
from autograd_tiny.forward.calling import call_spread
from autograd_tiny.forward.tangents import graph_order, numbers, tangent_rule

__all__ = ["MODES", "Jacobian", "jacobian"]

MODES = ("forward", "reverse")


@dataclass(frozen=True)
class Jacobian:
    """The Jacobian of ``f`` at a point and the cost of finding it.

    Attributes:
        matrix: m rows (outputs) × n columns (inputs); ``matrix[i][j]`` = ∂yᵢ/∂xⱼ.
        mode: ``"forward"`` (one pass per input) or ``"reverse"`` (one pass per output).
        passes: how many passes: n for forward mode, m for reverse mode.
        edge_visits: how many times a pass multiplied a local partial on an edge, all passes together.
        edges: how many edges the recorded graph has (one pass over all of it visits this many).
    """

    matrix: tuple[tuple[float, ...], ...]
    mode: str
    passes: int
    edge_visits: int
    edges: int

    def __str__(self) -> str:
        rows = [" ".join(format_number(x).rjust(10) for x in row) for row in self.matrix]
        per = "input" if self.mode == "forward" else "output"
        shape = f"{len(self.matrix)} outputs × {len(self.matrix[0])} inputs"
        return "\n".join(
            [
                f"Jacobian ({shape}), "
                f"{self.mode} mode: {self.passes} passes (one per {per}), "
                f"{self.edge_visits} edge visits on a graph of {self.edges} edges",
                *rows,
            ]
        )


def jacobian(
    f: Callable[..., Value | float | Sequence[Value | float]],
    inputs: Sequence[float],
    mode: str = "reverse",
) -> Jacobian:
    """∂yᵢ/∂xⱼ for every output yᵢ of ``f`` and every input xⱼ, by forward or by reverse mode.

    ``f`` is run once, as ``f(x1, …, xn)`` on new leaves (one argument per input, as in JAX), to
    record its graph. Forward mode then pushes a
    tangent from each input in turn (``tangent(node) = Σ local × tangent(input)``, inputs first):
    n passes, each giving a column. Reverse mode pulls a gradient from each output in turn
    (``input.grad += local × node.grad``, outputs first): m passes, each giving a row. The two
    matrices are the same up to rounding; ``.passes`` and ``.edge_visits`` are what differs.

    Args:
        f: takes one ``Value`` per input and returns one ``Value`` or a list of them (numbers count
            as constants).
        inputs: the point, one number per input.
        mode: ``"forward"`` or ``"reverse"``.

    Returns:
        A ``Jacobian``: ``.matrix`` and the counts.

    Raises:
        TypeError: an input is not a number, ``f`` cannot take one argument per input, or ``f``
            returned something else than Values and numbers.
        ValueError: ``mode`` is unknown, ``inputs`` is empty, or a number is not finite.
        OverflowError: a derivative is not finite.
    """
    if mode not in MODES:
        raise ValueError(f"jacobian: mode must be 'forward' or 'reverse', got {mode!r}")
    xs = numbers(inputs, "jacobian: inputs")
    if not xs:
        raise ValueError("jacobian: inputs is empty: give at least one number")
    leaves = [Value(x, f"x{j + 1}") for j, x in enumerate(xs)]
    result = call_spread(f, leaves, "jacobian: f(*inputs)")
    results = (
        result
        if isinstance(result, Sequence) and not isinstance(result, (str, bytes, bytearray))
        else [result]
    )
    outputs = [_output(y, i) for i, y in enumerate(results)]
    if not outputs:
        raise ValueError("jacobian: f returned no outputs: return a Value or a list of them")
    order = graph_order(outputs)
    visits = 0
    if mode == "forward":
        columns = []
        for leaf in leaves:  # one pass per input: ∂·/∂xⱼ for every node
            pushed = {leaf: 1.0}
            visits += sum(1 for _ in tangent_rule(order, pushed))
            columns.append([pushed[y] for y in outputs])
        matrix = tuple(zip(*columns, strict=True))
    else:
        rows = []
        for y in outputs:  # one pass per output: ∂yᵢ/∂· for every node under yᵢ
            under = topological_order(y)
            gradients = dict.fromkeys(under, 0.0)
            gradients[y] = 1.0
            visits += sum(1 for _ in chain_rule(under, gradients, STORED))
            rows.append(tuple(gradients.get(leaf, 0.0) for leaf in leaves))
        matrix = tuple(rows)
    for i, row in enumerate(matrix):
        for j, x in enumerate(row):
            if not math.isfinite(x):
                raise OverflowError(f"jacobian: ∂y{i + 1}/∂x{j + 1} is {x}")
    edges = sum(len(node.edges) for node in order)
    return Jacobian(matrix, mode, len(leaves) if mode == "forward" else len(outputs), visits, edges)


def _output(y: object, i: int) -> Value:
    if isinstance(y, Value):
        return y
    if isinstance(y, (int, float)) and not isinstance(y, bool):
        return Constant(y)  # a constant output: its row is 0
    raise TypeError(f"jacobian: output {i} of f is {type(y).__name__} {y!r}, not a Value or a number")
