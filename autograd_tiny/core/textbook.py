"""The whole idea in one screen: reverse-mode autodiff on scalars, with the same rules table.

A test oracle for the real engine (tests/core/test_textbook_engine.py) and the README's first read.
Every node keeps its edges, ``(input, ∂node/∂input)``, computed in the forward pass; ``backward``
sorts the graph (iteratively, so depth is no limit) and applies the chain rule once per edge.
"""

from __future__ import annotations

from autograd_tiny.core.rules import RULES


class Node:
    """A number, its gradient, and the edges to the nodes it was computed from."""

    def __init__(self, data: float, edges: tuple[tuple[Node, float], ...] = ()) -> None:
        self.data, self.grad, self.edges = data, 0.0, edges

    def apply(self, op: str, *others: Node | float) -> Node:
        inputs = [self, *(x if isinstance(x, Node) else Node(x) for x in others)]
        data = [x.data for x in inputs]
        out = RULES[op].forward(*data)
        locals_ = RULES[op].partials(out, *data)  # ∂out/∂input for each input
        return Node(out, tuple(zip(inputs, locals_, strict=True)))

    def __add__(self, other: Node | float) -> Node:
        return self.apply("add", other)

    def __mul__(self, other: Node | float) -> Node:
        return self.apply("mul", other)

    def backward(self) -> None:
        order, visited, stack = [], set(), [(self, False)]
        while stack:  # depth-first, iterative: a node goes into order after all of its inputs
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                stack.extend((input_, False) for input_, _ in node.edges)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):  # the chain rule: each edge adds local × upstream
            for input_, local in node.edges:
                input_.grad += local * node.grad
