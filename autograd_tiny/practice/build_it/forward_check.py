"""``check_forward``: the learner's node type and one of its operations, checked against the rules table.

The operation must make a new node whose ``.data`` is the table's forward, whose ``.grad`` starts at 0,
and whose ``.edges`` are ``((input, ∂out/∂input), …)`` in argument order: the chain-rule tutorial's forward
pass, which stores each local derivative on its edge (∂z/∂w is the input). The local derivatives are
graded like ``check_rule``'s, with the same slips named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.operators import OPERATORS
from autograd_tiny.core.rules import RULES
from autograd_tiny.practice.build_it.backward_check import is_skeleton
from autograd_tiny.practice.build_it.rule_check import (
    Point,
    grade_partials,
    input_names,
    points,
    rule_named,
    where,
)
from autograd_tiny.practice.build_it.running import close, describe_number, is_number, run
from autograd_tiny.practice.build_it.verdict import CodeVerdict, failed

__all__ = ["SOLUTION", "check_forward"]

SOLUTION = """class Node:
    def __init__(self, data, edges=()):
        self.data, self.grad, self.edges = data, 0.0, edges   # edges: ((input, ∂self/∂input), …)

    def __add__(self, other):
        return Node(self.data + other.data, ((self, 1.0), (other, 1.0)))

    def __mul__(self, other):
        return Node(self.data * other.data, ((self, other.data), (other, self.data)))

    def tanh(self):
        out = math.tanh(self.data)
        return Node(out, ((self, 1 - out * out),))   # 1 − f²"""

_METHODS = {
    "add": "__add__",
    "sub": "__sub__",
    "mul": "__mul__",
    "div": "__truediv__",
    "pow": "__pow__",
    "neg": "__neg__",
}
"""The method behind each operator (``a * b`` calls ``__mul__``)."""


def _example(op: str) -> str:
    """``a * b``: how the operator is written."""
    return (
        f"-{'a'}"
        if op == "neg"
        else f"a {RULES[op].symbol if op != 'pow' else '**'} b".replace("×", "*")
        .replace("÷", "/")
        .replace("−", "-")
    )


def _read(node: object, name: str) -> tuple[object, str]:
    """``node.<name>``, or why it cannot be read (a missing attribute, a property that raises)."""
    outcome = run(getattr, node, name)
    if outcome.kind:
        return None, f"reading its .{name} raised {outcome.error}"
    return outcome.value, ""


def _check_leaf(node_type: Callable[..., Any], step: str) -> CodeVerdict | None:
    """A leaf ``node_type(2.0)``: data 2.0, grad 0, no edges; a verdict if not, else None."""
    outcome = run(node_type, 2.0)
    if outcome.kind:
        return failed(
            step,
            "your node raised an error",
            f"making a leaf, Node(2.0), raised {outcome.error}.",
            solution=SOLUTION,
        )
    leaf = outcome.value
    for name, want in (("data", 2.0), ("grad", 0.0)):
        value, problem = _read(leaf, name)
        if problem or not is_number(value) or float(value) != want:  # type: ignore[arg-type]
            said = problem or f"its .{name} is {describe_number(value)}"
            written = "AttributeError" not in problem
            return failed(
                step,
                "a leaf is wrong" if written else "not written yet",
                f"Node(2.0): {said}; it should be {format_number(want)}.",
                solution=SOLUTION,
                written=written,
            )
    edges, problem = _read(leaf, "edges")
    if problem or not isinstance(edges, Sequence) or len(edges) != 0:
        said = problem or f"its .edges is {describe_number(edges)}"
        return failed(
            step, "a leaf is wrong", f"Node(2.0): {said}; a leaf has no edges, ().", solution=SOLUTION
        )
    return None


def _edges_of(result: object, inputs: list[object], arity: int) -> tuple[tuple[float, ...] | None, str]:
    """The locals on ``result``'s edges, checked to lead to ``inputs`` in order; or why they cannot
    be read."""
    edges, problem = _read(result, "edges")
    if problem:
        return None, problem
    if not isinstance(edges, Sequence) or len(edges) != arity:
        count = f"{len(edges)} edges" if isinstance(edges, Sequence) else describe_number(edges)
        return None, f"its .edges is {count}; it needs {arity}, one (input, local derivative) pair per input"
    locals_ = []
    names = input_names(arity)
    for i, edge in enumerate(edges):
        if not isinstance(edge, Sequence) or len(edge) != 2:
            return None, f"edge {i} is {describe_number(edge)}, not a pair (input, local derivative)"
        node, local = edge
        if node is not inputs[i]:
            swapped = any(node is x for x in inputs)
            other = " (the other input: the edges are in the wrong order)" if swapped else ""
            return None, f"edge {i} does not lead to the input {names[i]}{other}"
        if not is_number(local):
            return None, f"the local derivative on edge {i} is {describe_number(local)}"
        locals_.append(float(local))
    return tuple(locals_), ""


def check_forward(
    node_type: Callable[..., Any], name: str, operation: Callable[..., Any] | None = None
) -> CodeVerdict:
    """Check the learner's node type and its operation ``name`` against the rules table.

    A leaf ``node_type(x)`` must hold ``.data == x``, ``.grad == 0`` and no ``.edges``. The operation,
    applied to leaves at the row's sample points and random ones, must return a new node with the
    table's forward in ``.data``, ``.grad == 0`` and ``.edges == ((a, ∂out/∂a), (b, ∂out/∂b))``, the
    edges leading to the very inputs, in argument order; for a two-input operation ``x op x`` needs two
    edges to ``x``. The local derivatives are graded like ``check_rule``'s (the table and central
    differences), with the slips named.

    Args:
        node_type: the learner's class (or any function making a leaf from a number).
        name: the operation, a row of the rules table (``"add"``, ``"mul"``, ``"tanh"``, …).
        operation: how to apply it to nodes; by default the operator (``a + b``, ``a * b``, ``-a``, …)
            or the method of that name (``a.tanh()``).

    Returns:
        A ``CodeVerdict``.

    Raises:
        ValueError: ``name`` is not an operation of the rules table, or is ``sum`` without ``operation``.
        TypeError: ``node_type`` or ``operation`` is not callable.
    """
    op = rule_named(name, "check_forward")
    if not callable(node_type) or (operation is not None and not callable(operation)):
        raise TypeError("check_forward: node_type must be your node class and operation a function of nodes")
    if operation is None and RULES[op].arity is None:
        raise ValueError(
            f"check_forward: {op} has no operator or method; pass operation=, e.g. lambda *terms: …"
        )
    apply = operation or OPERATORS.get(op) or (lambda node, *rest: getattr(node, op)(*rest))
    step = f"check_forward({op!r})"
    verdict = _check_leaf(node_type, step)
    if verdict is not None:
        return verdict
    method = getattr(node_type, _METHODS.get(op, op), None)
    if operation is None and (method is None or is_skeleton(method)):
        shown = f"{_METHODS[op]} ({_example(op)})" if op in _METHODS else op
        return failed(
            step, "not written yet", f"your node has no {shown} yet.", solution=SOLUTION, written=False
        )
    tried: list[Point] = points(op)
    mine: list[tuple[float, ...]] = []
    for point in tried:
        inputs = [run(node_type, x).value for x in point.inputs]
        outcome = run(apply, *inputs)
        at = where(op, point)
        if outcome.value is ...:
            return failed(
                step, "not written yet", f"your {op} returns ... still.", solution=SOLUTION, written=False
            )
        if outcome.value is None and not outcome.kind:
            return failed(
                step,
                "no node returned",
                f"at {at}: your {op} returned None (a missing return?).",
                solution=SOLUTION,
            )
        if outcome.kind:
            return failed(
                step, "your operation raised an error", f"at {at}: {outcome.error}.", solution=SOLUTION
            )
        result = outcome.value
        data, problem = _read(result, "data")
        if problem or not is_number(data) or not close(float(data), point.out):  # type: ignore[arg-type]
            said = problem or f"its .data is {describe_number(data)}"
            return failed(
                step,
                "wrong data (the forward)",
                f"at {at}: {said}; the rules table's forward gives {format_number(point.out)}.",
                f"{RULES[op].doc}",
                SOLUTION,
            )
        grad, problem = _read(result, "grad")
        if problem or not (is_number(grad) and grad == 0):
            return failed(
                step,
                "the new node's gradient does not start at 0",
                f"at {at}: {problem or f'its .grad is {grad!r}'}.",
                "Make the new node with grad = 0.0: only backward fills it in.",
                SOLUTION,
            )
        locals_, problem = _edges_of(result, inputs, len(point.inputs))
        if locals_ is None:
            return failed(
                step,
                "wrong edges",
                f"at {at}: {problem}.",
                "edges = ((a, ∂out/∂a), (b, ∂out/∂b)), inputs in argument order.",
                SOLUTION,
            )
        mine.append(locals_)
    if RULES[op].arity == 2:
        same = run(node_type, 1.5).value
        outcome = run(apply, same, same)
        edges, _ = _read(outcome.value, "edges") if not outcome.kind else (None, "")
        if not isinstance(edges, Sequence) or len(edges) != 2:
            count = (
                f"{len(edges)} edge{'s' * (len(edges) != 1)}"
                if isinstance(edges, Sequence)
                else describe_number(edges)
            )
            return failed(
                step,
                "an edge lost on x op x",
                f"for {_example(op).replace('a', 'x').replace('b', 'x')} the new node has {count}; "
                "it needs two, both to x.",
                "Keep the edges in a tuple, one per input, even when both inputs are the same node "
                "(a set or a dict keeps one).",
                SOLUTION,
            )
    return grade_partials(op, step, tried, mine, what="the data is the table's forward, and your edges give")
