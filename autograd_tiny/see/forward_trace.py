"""The forward-mode pass step by step: ``ṅode = Σ local × i̇nput``, the composite-function tutorial's
sum over paths gathered from the input's end, made visible.

``forward_trace(y, x2)`` is ``tangents(y, x2)`` that writes down what it does: in topological order
(inputs first), each node's tangent ∂node/∂x2 starts at 0 and each of its edges adds
``local × ∂input/∂x2``. It is the backward trace's mirror: the same local partials, read in the
other direction. It changes no ``.grad``. Nodes are named as in drawings and explanations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from autograd_tiny.core.chain import EdgeStep
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.forward.tangents import tangent_rule
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.trace_table import StepTable

__all__ = ["ForwardTrace", "forward_trace"]


@dataclass(frozen=True, repr=False)
class ForwardTrace(StepTable):
    """The steps of one forward-mode pass, in the order they ran.

    Attributes:
        root_name: the output's name. wrt_name: the input pushed from (∂x/∂x = 1).
        steps: one ``EdgeStep`` per edge, nodes in topological order (``before`` and ``after`` are
            the node's tangent, ``upstream`` the input's).
        names: every node's name, inputs first (``naming.node_names``).
        tangents: ``{name: ∂node/∂x}`` for every node that is not a constant, inputs first.
    """

    root_name: str
    wrt_name: str
    steps: tuple[EdgeStep[float], ...]
    names: dict[Value, str]
    tangents: dict[str, float]

    right_aligned: ClassVar[frozenset[int]] = frozenset({2})  # the input's tangent

    def _one_line(self) -> str:
        return f"<ForwardTrace of ∂{self.root_name}/∂{self.wrt_name}: {len(self.steps)} edges; print() it>"

    def _title(self) -> str:
        x = self.wrt_name
        return (
            f"forward pass of ∂·/∂{x}: start with ∂{x}/∂{x} = 1 and 0 for every other input; then, in\n"
            f"topological order, each edge input → node does ∂node/∂{x} += local × ∂input/∂{x}"
        )

    def _summary(self) -> str:
        y, x = self.root_name, self.wrt_name
        return f"∂{y}/∂{x} = {format_number(self.tangents.get(y, 0.0))}"

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        x, number = self.wrt_name, format_number
        headers = ["node", "input", f"∂input/∂{x}", f"local × ∂input/∂{x} = contribution", f"∂node/∂{x}"]
        rows = []
        previous = ""
        for step in self.steps:
            name = self.names[step.node]
            node = name if name != previous else ""
            previous = name
            local = f"({number(step.local)})" if step.local < 0 else number(step.local)
            product = f"{local} × {number(step.upstream)} = {number(step.contribution)}"
            change = f"{number(step.before)} → {number(step.after)}"
            rows.append([node, self.names[step.input], number(step.upstream), product, change])
        return headers, rows


def forward_trace(root: Value, wrt: Value) -> ForwardTrace:
    """Push ∂·/∂``wrt`` through the graph under ``root`` and record every step.

    Args:
        root: the output of the graph.
        wrt: the node to differentiate with respect to (usually an input; an interior node is
            taken as an input, as in ``paths``).

    Returns:
        The ``ForwardTrace``: ``print`` it for a text table, or display it in Jupyter as HTML.

    Raises:
        TypeError: ``root`` or ``wrt`` is not a ``Value``.
        OverflowError: a tangent overflowed; the message names the node.
    """
    order = topological_order(root)  # checks root
    if not isinstance(wrt, Value):
        raise TypeError(f"forward_trace: wrt must be a Value, got {type(wrt).__name__} {wrt!r}")
    names = node_names(root)
    pushed = {wrt: 1.0}
    steps = []
    for step in tangent_rule(order, pushed):
        if not math.isfinite(step.after):
            raise OverflowError(f"forward_trace: the tangent of {names[step.node]} is {step.after}")
        steps.append(step)
    wrt_name = names.get(wrt, wrt.label or "x")
    tangents = {names[node]: pushed[node] for node in order if not node.constant}
    return ForwardTrace(names[root], wrt_name, tuple(steps), names, tangents)
