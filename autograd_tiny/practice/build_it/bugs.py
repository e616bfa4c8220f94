"""The classic bugs of a hand-written backward pass, one row each, and the gradients each one produces.

A row names the bug, the rule it breaks, and how to fix it; it is simulated by one deviation from the
correct loop of the composite-function tutorial (in reverse topological order, ``input.grad += local ×
node.grad``, after every gradient is set to 0 and the output's to 1). ``check_backward`` names every row
(alone, or together with "not reset between calls") whose simulated gradients equal the learner's.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from autograd_tiny.core.value import Value
from autograd_tiny.practice.build_it.graphs import Built

__all__ = ["BUGS", "NOT_RESET", "Bug", "Loop", "simulate"]


@dataclass(frozen=True)
class Loop:
    """How a backward pass goes about it; ``Loop()`` is the correct one.

    Attributes:
        order: "reversed" (reverse topological, right), "unreversed" (inputs first), "stack" and
            "queue" (each node passed on every time it is reached, no sort), "breadth" (breadth-first
            from the output, each node once), "duplicates" (a sort with no visited set).
        update: "accumulate" (+=, right), "overwrite" (=), "no local" (+= node.grad),
            "no upstream" (+= local).
        seed: "set" (output.grad = 1, right), "add" (+= 1), "none".
        reset: every gradient set to 0 first (right).
        backwards: for the orders without a right sort, the inputs of a node taken last first (the
            order a learner pushes them in changes where the gradients go wrong).
    """

    order: str = "reversed"
    update: str = "accumulate"
    seed: str = "set"
    reset: bool = True
    backwards: bool = False


@dataclass(frozen=True)
class Bug:
    """A classic bug.

    Attributes:
        name: how a verdict names it.
        rule: the rule it breaks, in words.
        fix: how to correct it.
        loop: the loop that has it.
    """

    name: str
    rule: str
    fix: str
    loop: Loop


_ORDER_FIX = (
    "Sort first: list every node after all of its inputs (depth-first, appending a node once all of its "
    "inputs are listed), then walk that list backwards, from the output. Then every node that uses a node "
    "has added its part before that node passes its gradient on."
)

BUGS: tuple[Bug, ...] = (
    Bug(
        "gradient overwritten instead of accumulated",
        "a node used by several nodes gets the sum of their contributions (the sum over paths)",
        "Add, don't assign: input.grad += local * node.grad. With =, the last contribution replaces "
        "the others.",
        Loop(update="overwrite"),
    ),
    Bug(
        "output seed missing",
        "∂y/∂y = 1: every gradient is a product that starts from the output's",
        "Set output.grad = 1.0 after the gradients are reset and before the loop.",
        Loop(seed="none"),
    ),
    Bug(
        "wrong order (inputs first)",
        "a node passes its gradient on only when it is complete: the topological order walked "
        "backwards, output first",
        "Walk the topological order backwards: for node in reversed(order).",
        Loop(order="unreversed"),
    ),
    Bug(
        "wrong order (no topological sort)",
        "a node passes its gradient on only when every node that uses it has added its part",
        _ORDER_FIX,
        Loop(order="stack"),
    ),
    Bug(
        "wrong order (no topological sort)",
        "a node passes its gradient on only when every node that uses it has added its part",
        _ORDER_FIX,
        Loop(order="queue"),
    ),
    Bug(
        "wrong order (breadth-first)",
        "a node passes its gradient on only when every node that uses it has added its part; breadth-first "
        "from the output passes a node on before a longer path has reached it",
        _ORDER_FIX,
        Loop(order="breadth"),
    ),
    Bug(
        "a node passed on twice (no visited set)",
        "each node passes its gradient on once; a sort that lists a node once per path reaching it "
        "passes it on again",
        "Keep a set of the nodes already visited in the sort, and skip a node that is in it.",
        Loop(order="duplicates"),
    ),
    Bug(
        "local derivative left out",
        "each edge adds local derivative × upstream gradient",
        "Multiply by the edge's local derivative: input.grad += local * node.grad.",
        Loop(update="no local"),
    ),
    Bug(
        "upstream gradient left out",
        "each edge adds local derivative × upstream gradient",
        "Multiply by the gradient of the node the edge leaves: input.grad += local * node.grad.",
        Loop(update="no upstream"),
    ),
)
"""Every bug but one: ``NOT_RESET``, which is also named together with each of these."""

NOT_RESET = Bug(
    "gradients not reset between calls",
    "each call computes ∂y/∂node afresh; what an earlier call left in .grad must not add in",
    "Start every gradient at 0 before seeding the output: for node in order: node.grad = 0.0; "
    "then output.grad = 1.0.",
    Loop(reset=False),
)


def simulate(loop: Loop, built: Built, calls: int) -> list[float]:
    """The gradient each node of ``built`` ends with after ``calls`` backward passes done as ``loop`` does."""
    for _ in range(calls):
        _backward(loop, built)
    return [node.grad for node in built.nodes]


def _backward(loop: Loop, built: Built) -> None:
    output = built.output
    if loop.reset:
        for node in built.nodes:
            node.grad = 0.0
    if loop.seed == "set":
        output.grad = 1.0
    elif loop.seed == "add":
        output.grad += 1.0
    for node in _visits(loop.order, built, loop.backwards):
        for input_, local in node.edges:
            if loop.update == "accumulate":
                input_.grad += local * node.grad
            elif loop.update == "overwrite":
                input_.grad = local * node.grad
            elif loop.update == "no local":
                input_.grad += node.grad
            else:
                input_.grad += local


def _visits(order: str, built: Built, backwards: bool) -> list[Value]:
    """The nodes in the order the loop passes their gradients on (a node may come more than once)."""
    if order == "reversed":
        return built.nodes[::-1]
    if order == "unreversed":
        return list(built.nodes)
    if order == "duplicates":
        return _without_visited_set(built.output, backwards)[::-1]
    return _reached(built.output, order, backwards)


def _inputs(node: Value, backwards: bool) -> list[Value]:
    inputs = [input_ for input_, _ in node.edges]
    return inputs[::-1] if backwards else inputs


def _reached(output: Value, order: str, backwards: bool) -> list[Value]:
    """Nodes as a loop without a sort reaches them: a stack, a queue, or a queue with a visited set."""
    waiting: deque[Value] = deque([output])
    seen = {output}
    visits = []
    while waiting:
        node = waiting.pop() if order == "stack" else waiting.popleft()
        visits.append(node)
        for input_ in _inputs(node, backwards):
            if order != "breadth" or input_ not in seen:
                seen.add(input_)
                waiting.append(input_)
    return visits


def _without_visited_set(output: Value, backwards: bool) -> list[Value]:
    """A depth-first post-order that lists a node once per path reaching it (no visited set)."""
    order: list[Value] = []
    stack: list[tuple[Value, bool]] = [(output, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((input_, False) for input_ in _inputs(node, not backwards))
    return order
