"""The backward pass step by step: the composite-function tutorial's rule, input.grad += local × node.grad.

``trace(root)`` writes down what ``backward(root)`` does on a fresh graph: the same reverse
topological order, the same products added in the same order, every gradient starting from 0
(constants get no gradient and no row). It changes no ``.grad``, so it shows the same numbers
whether or not ``backward()`` ran before. For each node it records its gradient and, for each of
its edges, the chain-rule tutorial's "reversed neuron" as an ``EdgeStep``:
``node.grad × local = contribution`` and the input's gradient before and after adding it. Nodes are
called by ``naming.node_names``, the names a drawing and an explanation of the same graph use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from autograd_tiny.core.chain import STORED, EdgeStep, chain_rule
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.trace_table import StepTable, step_cells, step_headers

__all__ = ["NodeStep", "Trace", "trace"]


@dataclass(frozen=True)
class NodeStep:
    """One node of the backward pass: its final gradient ∂root/∂node and what it passes down.

    ``edges`` leaves out the edges into constants: nothing differentiates a constant.
    """

    node: Value
    name: str
    grad: float
    edges: tuple[EdgeStep[float], ...]


@dataclass(frozen=True, repr=False)
class Trace(StepTable):
    """The steps of one backward pass, in the order they ran.

    Attributes:
        root_name: the name of the output (usually ``y``).
        root_value: the output's number.
        steps: one ``NodeStep`` per node with edges, in reverse topological order.
        names: every node's name, inputs first (``naming.node_names``).
        leaf_gradients: ``{name: ∂root/∂leaf}`` of every leaf that is not a constant.
    """

    root_name: str
    root_value: float
    steps: tuple[NodeStep, ...]
    names: dict[Value, str]
    leaf_gradients: dict[str, float]

    right_aligned: ClassVar[frozenset[int]] = frozenset({1})  # the gradient column

    def _one_line(self) -> str:
        edges = sum(len(step.edges) for step in self.steps)
        return (
            f"<Trace of {self.root_name}: {len(self.steps)} nodes, {edges} edges; print() it for the table>"
        )

    def _title(self) -> str:
        y, value = self.root_name, format_number(self.root_value)
        return (
            f"backward pass of {y} = {value}: start with {y}.grad = 1; then, in reverse\n"
            f"topological order, each edge node → input does input.grad += ∂{y}/∂node × local"
        )

    def _summary(self) -> str:
        y = self.root_name
        gradients = [f"∂{y}/∂{name} = {format_number(g)}" for name, g in self.leaf_gradients.items()]
        return "leaf gradients: " + (", ".join(gradients) or f"none ({y} depends on no input)")

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        """The column headers and one row of strings per edge."""
        rows = [
            step_cells(edge, self.names, first=i == 0)
            for step in self.steps
            for i, edge in enumerate(step.edges)
        ]
        return step_headers(self.root_name), rows


def trace(root: Value) -> Trace:
    """Run the backward pass from ``root`` on the side and record it; no ``.grad`` changes.

    Every gradient starts from 0 and ∂root/∂root = 1, as in a first ``backward()`` on a fresh
    graph, so the numbers are the same before and after ``backward()`` ran (which fills ``.grad``
    with these numbers; call it for the drawings). A node whose gradient is 0 passes nothing down:
    its edges are listed with a contribution of 0 and leave their inputs unchanged.

    Args:
        root: the output to differentiate.

    Returns:
        The ``Trace``: ``print`` it for a text table, or display it in Jupyter for an HTML table.

    Raises:
        TypeError: ``root`` is not a ``Value``.
        OverflowError: a gradient overflowed to inf or nan (exploding gradients); names the node.
    """
    order = topological_order(root)  # checks that root is a Value
    names = node_names(root)
    interior = [node for node in order if node.edges]
    gradients = dict.fromkeys(order, 0.0)  # every gradient starts from 0 ...
    gradients[root] = 1.0  # ... but ∂root/∂root = 1
    edges: dict[Value, list[EdgeStep[float]]] = {node: [] for node in interior}
    for step in chain_rule(interior, gradients, STORED):
        if step.input.constant:
            continue  # nothing differentiates a constant: it gets no row
        if not -math.inf < step.after < math.inf:
            raise OverflowError(f"trace: the gradient of {names[step.input]} is {step.after}")
        edges[step.node].append(step)
    steps = tuple(
        NodeStep(node, names[node], gradients[node], tuple(edges[node])) for node in reversed(interior)
    )
    leaves = {name: gradients[node] for node, name in names.items() if not node.edges and not node.constant}
    return Trace(names[root], root.data, steps, names, leaves)
