"""The graphs the learner's sort and backward are run on, each chosen to expose a classic bug.

Every graph is built fresh for each run (the learner's code can change nothing of anyone else's),
of ``Value`` leaves only (no shared constants), with every node labelled, and with the gradients of
its inputs in closed form: the chain rule of the composite-function tutorial worked by hand, an
oracle apart from the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value

__all__ = ["CHAIN_DEPTH", "GRAPHS", "Built", "Graph", "build", "named"]

CHAIN_DEPTH = 10_000
"""How deep the chain is: ten times what a recursive sort survives (Python's recursion limit, 1,000)."""


@dataclass(frozen=True)
class Built:
    """A graph as built: its output and every node, inputs before the nodes that use them."""

    output: Value
    nodes: list[Value]


@dataclass(frozen=True)
class Graph:
    """One graph of the family.

    Attributes:
        key: a short name (``composite``, ``diamond``, ``square``, ``chain``, ``twice``).
        description: what it is and which bug it exposes, for a verdict ("on a shared input …").
        make: builds the graph afresh and returns its output.
        closed: ``{input label: (formula, value)}``, ∂y/∂input worked by hand.
        calls: how many times backward is called in a row on it.
    """

    key: str
    description: str
    make: Callable[[], Value]
    closed: dict[str, tuple[str, float]]
    calls: int = 1


def build(graph: Graph) -> Built:
    """``graph`` built afresh: its output and its nodes in topological order."""
    output = graph.make()
    return Built(output, topological_order(output))


def named(node: Value) -> str:
    """A node as a verdict names it: its label, or "the constant 1" for a leaf labelled with its number."""
    label = node.label
    return f"the constant {label}" if label.replace(".", "", 1).isdigit() else label


def _named(node: Value, label: str) -> Value:
    node.label = label
    return node


def _composite() -> Value:
    x1, x2, one = Value(2.0, "x1"), Value(3.0, "x2"), Value(1.0, "1")
    return _named(_named(x1 + x2, "a") * _named(x2 + one, "b"), "y")


def _diamond() -> Value:
    x, k, m = Value(0.5, "x"), Value(2.0, "k"), Value(-1.5, "m")
    a = _named(x * k, "a")
    short = _named(a * m, "c")  # one step from a to y
    long = _named(_named(a.tanh(), "b").exp(), "d")  # two steps from a to y
    return _named(short + long, "y")


def _square() -> Value:
    x, w = Value(-1.5, "x"), Value(0.5, "w")
    return _named(_named(x * x, "s") * w, "y")


def _chain() -> Value:
    t, k = Value(0.5, "x"), Value(1.0001, "k")
    for i in range(1, CHAIN_DEPTH + 1):
        t = _named(t * k, f"t{i}")
    t.label = "y"
    return t


def _neuron() -> Value:
    x1, x2, w1, w2, b = (
        Value(1.0, "x1"),
        Value(-2.0, "x2"),
        Value(0.5, "w1"),
        Value(-0.25, "w2"),
        Value(0.1, "b"),
    )
    s = _named(_named(w1 * x1, "w1·x1") + _named(w2 * x2, "w2·x2"), "s")
    return _named(_named(s + b, "z").tanh(), "y")


_A = 1.0  # a = x·k at x = 0.5, k = 2
_DY_DA = -1.5 + math.exp(math.tanh(_A)) * (1 - math.tanh(_A) ** 2)  # m + e^(tanh a)·(1 − tanh² a)
_Y_NEURON = math.tanh(0.5 * 1.0 - 0.25 * -2.0 + 0.1)
_K_POWER = 1.0001**CHAIN_DEPTH

GRAPHS: tuple[Graph, ...] = (
    Graph(
        "composite",
        "y = (x1 + x2)(x2 + 1), the composite-function tutorial's graph: x2 is an input of both a and b",
        _composite,
        {"x1": ("x2 + 1", 4.0), "x2": ("(x2 + 1) + (x1 + x2)", 9.0)},
    ),
    Graph(
        "diamond",
        "a diamond y = a·m + exp(tanh a), a = x·k: a reaches y by a path of one step and one of two",
        _diamond,
        {
            "x": ("k·(m + e^(tanh a)·(1 − tanh² a))", 2.0 * _DY_DA),
            "k": ("x·(m + e^(tanh a)·(1 − tanh² a))", 0.5 * _DY_DA),
            "m": ("a", _A),
        },
    ),
    Graph(
        "square",
        "y = (x·x)·w: x is used twice by one operation (two edges to the same node)",
        _square,
        {"x": ("2·x·w", 2 * -1.5 * 0.5), "w": ("x²", 2.25)},
    ),
    Graph(
        "chain",
        f"a chain y = x·k·k·…·k, {CHAIN_DEPTH:,} multiplications deep",
        _chain,
        {
            "x": (f"k^{CHAIN_DEPTH}", _K_POWER),
            "k": (f"{CHAIN_DEPTH}·x·k^{CHAIN_DEPTH - 1}", CHAIN_DEPTH * 0.5 * _K_POWER / 1.0001),
        },
    ),
    Graph(
        "twice",
        "a neuron y = tanh(w1·x1 + w2·x2 + b), backward called twice in a row",
        _neuron,
        {
            "w1": ("(1 − y²)·x1", (1 - _Y_NEURON**2) * 1.0),
            "w2": ("(1 − y²)·x2", (1 - _Y_NEURON**2) * -2.0),
            "x1": ("(1 − y²)·w1", (1 - _Y_NEURON**2) * 0.5),
            "x2": ("(1 − y²)·w2", (1 - _Y_NEURON**2) * -0.25),
            "b": ("1 − y²", 1 - _Y_NEURON**2),
        },
        calls=2,
    ),
)
"""The family, in the order a verdict reports them: simplest first."""
