"""The backward pass step by step: the composite-function tutorial's rule, input.grad += local × node.grad.

``trace(root)`` is ``backward(root)`` that writes down what it does. It visits the nodes in the
same reverse topological order, adds the same products in the same order, and so leaves every
``.grad`` with the same numbers as ``backward`` (leaves accumulate, interior nodes start from 0,
constants get no gradient and no row). For each node it records its gradient and, for each of its
edges, the chain-rule tutorial's "reversed neuron":
``node.grad × local = contribution`` and the input's gradient before and after adding it. Nodes are
called by ``naming.node_names``, the names a drawing and an explanation of the same graph use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import chain_rule, topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.trace_table import StepTable, step_cells, step_headers

__all__ = ["EdgeStep", "NodeStep", "Trace", "trace"]


@dataclass(frozen=True)
class EdgeStep:
    """One edge of the backward pass: ``input.grad += local × upstream``.

    Attributes:
        input: the node receiving gradient. ``input_name``: its name.
        local: ∂node/∂input, stored on the edge by the forward pass.
        upstream: ∂root/∂node, the gradient of the node the edge leaves.
        contribution: ``upstream × local``, what this edge adds to ``input.grad``.
        before, after: ``input.grad`` before and after the addition.
    """

    input: Value
    input_name: str
    local: float
    upstream: float
    contribution: float
    before: float
    after: float


@dataclass(frozen=True)
class NodeStep:
    """One node of the backward pass: its final gradient ∂root/∂node and what it passes down.

    ``edges`` leaves out the edges into constants: nothing differentiates a constant.
    """

    node: Value
    name: str
    grad: float
    edges: tuple[EdgeStep, ...]


@dataclass(frozen=True, repr=False)
class Trace(StepTable):
    """The steps of one backward pass, in the order they ran.

    Attributes:
        root_name: the name of the output (usually ``y``).
        root_value: the output's number.
        steps: one ``NodeStep`` per node with edges, in reverse topological order.
        names: every node's name, inputs first (``naming.node_names``).
        leaf_gradients: ``{name: grad}`` of every leaf that is not a constant, when the pass ended.
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
            step_cells(
                "" if i else step.name,
                edge.upstream,
                edge.input_name,
                edge.local,
                edge.contribution,
                edge.before,
                edge.after,
            )
            for step in self.steps
            for i, edge in enumerate(step.edges)
        ]
        return step_headers(self.root_name), rows


def trace(root: Value) -> Trace:
    """Run the backward pass from ``root``, set every ``.grad`` as ``backward`` does, and record it.

    Interior and constant gradients start from 0 and ``root.grad`` gets ∂root/∂root = 1 added; other
    leaves keep what earlier passes accumulated (so a leaf's first ``before`` may be non-zero),
    exactly as in ``backward``. A node whose gradient is 0 passes nothing down: its edges are listed with a
    contribution of 0 and leave their inputs unchanged, again as in ``backward``.

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
    # interior nodes and constants start from 0; other leaves keep what they accumulated
    gradients = {node: node.grad for node in order if not node.edges and not node.constant}
    gradients[root] = gradients.get(root, 0.0) + 1.0  # ∂root/∂root = 1
    edges: dict[Value, list[EdgeStep]] = {node: [] for node in interior}
    for step in chain_rule(interior, gradients):
        if step.input.constant:
            continue  # nothing differentiates a constant: it gets no row and keeps grad 0
        after = gradients[step.input]
        if not -math.inf < after < math.inf:
            raise OverflowError(f"trace: the gradient of {names[step.input]} is {after}")
        edges[step.node].append(
            EdgeStep(
                step.input,
                names[step.input],
                step.local,
                step.upstream,
                step.contribution,
                step.before,
                after,
            )
        )
    for node in order:  # the pass succeeded: every .grad as backward would leave it
        node.grad = 0.0 if node.constant else gradients.get(node, 0.0)
    steps = tuple(
        NodeStep(node, names[node], gradients[node], tuple(edges[node])) for node in reversed(interior)
    )
    leaves = {name: node.grad for node, name in names.items() if not node.edges and not node.constant}
    return Trace(names[root], root.data, steps, names, leaves)
