"""``check_sort``: the learner's ``topological_order(output)`` must list every node of the graph once,
each after the inputs it was made from, so that walking the list backwards is the order of the
composite-function tutorial's backward pass (a node's gradient complete before it is passed on).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd_tiny.core.value import Value
from autograd_tiny.practice.build_it.backward_check import error_verdict, is_skeleton
from autograd_tiny.practice.build_it.graphs import GRAPHS, Built, Graph, build, named
from autograd_tiny.practice.build_it.running import run
from autograd_tiny.practice.build_it.verdict import CodeVerdict, failed, passed

__all__ = ["SOLUTION", "check_sort"]

SOLUTION = """def topological_order(output):
    order, visited, stack = [], set(), [(output, False)]
    while stack:                                   # a loop, not recursion: depth is no limit
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)                     # after all of its inputs
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))             # come back to it once its inputs are listed
            stack.extend((input_, False) for input_, _ in node.edges)
    return order"""

_FIXES = {
    "not a list": (
        "Return a list: order = [] at the start, order.append(node) for each node, return order at the end."
    ),
    "a node missing": (
        "Follow every edge: for input_, _ in node.edges, visit the input (each is a node of the graph)."
    ),
    "a node listed twice": (
        "Keep a set of the nodes visited; skip a node already in it (mark it when first reached)."
    ),
    "reversed order (output first)": (
        "Append a node after its inputs (post-order), so that the output comes last; "
        "backward then walks the list reversed."
    ),
    "a node before its inputs": (
        "Append a node only after all of its inputs are in the list: depth-first, "
        "appending on the way back up (post-order)."
    ),
}


def _positions(result: list[Any], built: Built) -> tuple[str, str] | None:
    """The first problem with ``result`` as an order of ``built``'s nodes: (bug, what and where), or None."""
    members = {id(node): node for node in built.nodes}
    position: dict[Value, int] = {}
    for k, item in enumerate(result):
        node = members.get(id(item))
        if node is None or node is not item:
            shown = repr(item) if len(repr(item)) < 60 else f"a {type(item).__name__}"
            return "a node missing", f"item {k} of your list, {shown}, is not a node of the graph"
        if node in position:
            return (
                "a node listed twice",
                f"{named(node)} is in your list twice (items {position[node]} and {k})",
            )
        position[node] = k
    for node in reversed(built.nodes):  # from the output down: the first node not listed
        if node not in position:
            users = [named(user) for user in built.nodes for input_, _ in user.edges if input_ is node]
            used = f" (an input of {', '.join(dict.fromkeys(users))})" if users else " (the output)"
            return (
                "a node missing",
                f"{named(node)}{used} is not in your list, "
                f"of {len(result)} items for {len(built.nodes)} nodes",
            )
    if all(position[input_] > position[node] for node in built.nodes for input_, _ in node.edges):
        return "reversed order (output first)", (
            f"your list starts with {named(result[0])} and ends with {named(result[-1])}: "
            "every node before its inputs"
        )
    for node in built.nodes:
        for input_, _ in node.edges:
            if position[input_] > position[node]:
                return "a node before its inputs", (
                    f"{named(node)} (item {position[node]}) comes before its input "
                    f"{named(input_)} (item {position[input_]})"
                )
    return None


def check_sort(topological_order: Callable[[Any], object]) -> CodeVerdict:
    """Check the learner's ``topological_order(output)``: every node once, each after its inputs.

    It is run on the graphs of ``check_backward`` (a shared input, a diamond, x·x, a chain 10,000 deep),
    each built afresh, reading only the nodes' ``.edges`` (pairs ``(input, local derivative)``). Named
    bugs: not a list, a node missing, a node listed twice (no visited set), reversed order, a node before
    its inputs, recursion too deep (a recursive sort on the 10,000-deep chain).

    Args:
        topological_order: the learner's function; it is called, never changed or kept.

    Returns:
        A ``CodeVerdict``.

    Raises:
        TypeError: ``topological_order`` is not callable.
    """
    if not callable(topological_order):
        raise TypeError(
            f"check_sort: topological_order must be a function of the output, got {topological_order!r}"
        )
    step = "check_sort"
    graphs: list[Graph] = [graph for graph in GRAPHS if graph.calls == 1]
    for graph in graphs:
        built = build(graph)
        outcome = run(topological_order, built.output)
        if outcome.kind:
            return error_verdict(step, "your sort", graph, outcome, SOLUTION)
        result = outcome.value
        if result is None or result is ...:
            written = result is None and not is_skeleton(topological_order)
            return failed(
                step,
                "not a list" if written else "not written yet",
                f"your sort returned {result!r}.",
                _FIXES["not a list"],
                SOLUTION,
                written=written,
            )
        if isinstance(result, (str, bytes)) or not hasattr(result, "__iter__"):
            return failed(
                step,
                "not a list",
                f"your sort returned {type(result).__name__} {result!r:.60}.",
                _FIXES["not a list"],
                SOLUTION,
            )
        listed = run(list, result)
        if listed.kind:
            return failed(step, "your sort raised an error", f"on {graph.description}: {listed.error}.")
        problem = _positions(listed.value, built)
        if problem is not None:
            bug, where = problem
            return failed(step, bug, f"on {graph.description}: {where}.", _FIXES[bug], SOLUTION)
    return passed(
        step,
        f"every node once, each after its inputs, on all {len(graphs)} graphs, the 10,000-deep chain too.",
        SOLUTION,
    )
