"""``check_backward``: the learner's ``backward(output)`` is run on the family of graphs and compared,
node by node, with the engine's own backward on a separate copy of each (and with closed forms).

The pass to write is the composite-function tutorial's: every gradient set to 0, the output's to 1,
then in reverse topological order ``input.grad += local * node.grad`` over each node's edges. The
first node whose gradient differs, from the output down, is reported with the numbers, and the bug is
named by the catalogue of ``bugs.py``: every bug whose gradients equal the learner's on every graph
where they differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from autograd_tiny.core.formatting import format_number
from autograd_tiny.practice.build_it.bugs import BUGS, NOT_RESET, Bug, Loop, simulate
from autograd_tiny.practice.build_it.graphs import GRAPHS, Built, Graph, build, named
from autograd_tiny.practice.build_it.running import Outcome, close, describe_number, is_number, run
from autograd_tiny.practice.build_it.verdict import CodeVerdict, failed, passed

__all__ = ["SOLUTION", "check_backward", "error_verdict", "is_skeleton"]

SOLUTION = """def backward(output):
    order = topological_order(output)          # every node after its inputs, output last
    for node in order:
        node.grad = 0.0                        # a fresh start on every call
    output.grad = 1.0                          # ∂y/∂y = 1
    for node in reversed(order):               # each node once every user has added its part
        for input_, local in node.edges:
            input_.grad += local * node.grad   # the chain rule: local × upstream, summed over users"""

RECURSION_FIX = (
    "Replace the recursion by a loop over a stack of your own. Push (output, False). Pop a pair: "
    "with False, if the node is not yet visited, mark it, push (node, True), then push (input, False) "
    "for each input of its edges; with True, its inputs are all listed, so append the node to the order."
)

_ATTRIBUTE_HINT = (
    " A node's inputs are in .edges, pairs (input, local derivative); its number in .data, its gradient in "
    ".grad. A Value takes no new attributes: keep the nodes visited in a set of your own."
)


def is_skeleton(function: Callable[..., Any]) -> bool:
    """True when ``function``'s body names nothing at all: ``...`` or ``pass``, not written yet."""
    code = getattr(function, "__code__", None)
    return code is not None and not code.co_names and not code.co_varnames[code.co_argcount :]


def error_verdict(step: str, what: str, graph: Graph, outcome: Outcome, solution: str) -> CodeVerdict:
    """The verdict on learner code that raised or ran out of time on ``graph``."""
    where = f"on {graph.description}: {what} "
    if outcome.kind == "RecursionError":
        message = (
            f"{where}raised RecursionError. A recursive function goes one Python call deeper per node, and "
            "Python stops at about 1,000 calls; this graph is 10,000 deep."
        )
        return failed(step, "recursion too deep", message, RECURSION_FIX, solution)
    if outcome.kind == "timeout":
        message = f"{where}did not finish: {outcome.error}."
        return failed(
            step,
            "too slow",
            message,
            "Visit each node once: keep the nodes already visited in a set.",
            solution,
        )
    hint = _ATTRIBUTE_HINT if outcome.kind == "AttributeError" else ""
    return failed(step, f"{what} raised an error", f"{where}raised {outcome.error}.{hint}", solution=solution)


def _expected(graph: Graph) -> list[float]:
    """∂y/∂node for every node, from the engine's backward on a copy of the graph built apart."""
    built = build(graph)
    built.output.backward()
    return [node.grad for node in built.nodes]


def _agrees(graph: Graph, built: Built, k: int, mine: float, expected: float) -> bool:
    """The learner's gradient of node ``k`` is right; after two calls an input may hold twice its
    gradient (inputs accumulate, as in the library's engine) or once (every gradient reset)."""
    if close(mine, expected):
        return True
    return graph.calls == 2 and not built.nodes[k].edges and close(mine, 2 * expected)


def _first_wrong(graph: Graph, built: Built, mine: Sequence[object], expected: list[float]) -> int | None:
    """The first node, from the output down, whose gradient is not a number or differs; None if none."""
    for k in reversed(range(len(built.nodes))):
        value = mine[k]
        if not is_number(value) or not _agrees(graph, built, k, float(value), expected[k]):  # type: ignore[arg-type]
            return k
    return None


_SORTED = ("reversed", "unreversed")
"""The orders made from a right topological sort (the others depend on the order of the edges)."""


def _matching_bugs(wrong: list[tuple[Graph, list[object]]]) -> list[Bug]:
    """The bugs giving the learner's numbers on every graph where they differ: each alone, or, when
    none alone does, together with the gradients not reset between calls."""
    unsorted = [(bug, replace(bug.loop, backwards=True)) for bug in BUGS if bug.loop.order not in _SORTED]
    alone = [(bug, bug.loop) for bug in (*BUGS, NOT_RESET)] + unsorted
    alone.append((NOT_RESET, Loop(seed="add", reset=False)))
    with_reset_missing = [(bug, replace(loop, reset=False)) for bug, loop in alone if bug is not NOT_RESET]
    for candidates in (alone, with_reset_missing):
        found: dict[str, Bug] = {}
        for bug, loop in candidates:
            if all(_fits(loop, graph, mine) for graph, mine in wrong):
                both = loop.reset or bug is NOT_RESET
                name = bug.name if both else f"{bug.name}, and {NOT_RESET.name}"
                found.setdefault(
                    name, Bug(name, bug.rule, bug.fix if both else f"{bug.fix} {NOT_RESET.fix}", loop)
                )
        if found:
            return list(found.values())
    return []


def _fits(loop: Loop, graph: Graph, mine: list[object]) -> bool:
    """``mine`` are the gradients ``loop`` leaves on ``graph``. An overwriting loop keeps whichever
    contribution came last, which depends on the order of the learner's sort: it fits when every
    node's gradient is one of its contributions (from the learner's own numbers) and the output's is 1."""
    if not all(is_number(m) for m in mine):
        return False
    numbers = [float(m) for m in mine]  # type: ignore[arg-type]  # numbers, checked above
    built = build(graph)
    if loop.update != "overwrite":
        return all(close(m, s) for m, s in zip(numbers, simulate(loop, built, graph.calls), strict=True))
    position = {node: k for k, node in enumerate(built.nodes)}
    contributions: list[list[float]] = [[] for _ in built.nodes]
    for k, node in enumerate(built.nodes):
        for input_, local in node.edges:
            contributions[position[input_]].append(local * numbers[k])
    *inner, output = numbers
    return close(output, 1.0) and all(
        any(close(m, c) for c in terms) for m, terms in zip(inner, contributions, strict=False) if terms
    )


def _contributions(graph: Graph, k: int) -> str:
    """``x2 is used by a (local 1 × ∂y/∂a 4) and b (…): 4 + 5 = 9``, from the engine's numbers."""
    built = build(graph)
    built.output.backward()
    node = built.nodes[k]
    terms = [
        (user.label, local, user.grad)
        for user in built.nodes
        for input_, local in user.edges
        if input_ is node
    ]
    if not terms:
        return f"{named(node)} is the output: its gradient is ∂y/∂y = 1."
    shown = " + ".join(f"{format_number(local)} × {format_number(upstream)}" for _, local, upstream in terms)
    users = ", ".join(f"{label} (local {format_number(local)})" for label, local, _ in terms)
    return (
        f"{named(node)} is used by {users}; its gradient is Σ local × upstream = {shown} "
        f"= {format_number(node.grad)}."
    )


def check_backward(backward: Callable[[Any], object]) -> CodeVerdict:
    """Check the learner's ``backward(output)`` on graphs chosen to expose each classic bug.

    ``backward`` gets a graph's output and must leave in every node's ``.grad`` the derivative ∂y/∂node,
    reading only the nodes' ``.data``, ``.grad`` and ``.edges`` (pairs ``(input, local derivative)``).
    It is run on: the composite-function tutorial's y = (x1 + x2)(x2 + 1) (a shared input), a diamond
    whose paths have different lengths, x·x (two edges to one node), a chain 10,000 deep, and a neuron
    with backward called twice in a row. Each graph is built afresh for the learner, and the engine's
    own backward runs on a separate copy; after two calls an input may hold its gradient once or
    twice (both conventions are right), every other node once.

    Args:
        backward: the learner's function; it is called, never changed or kept.

    Returns:
        A ``CodeVerdict`` naming the first node whose gradient differs and the bug: gradient
        overwritten instead of accumulated, output seed missing, wrong order, recursion too deep,
        gradients not reset between calls, …

    Raises:
        TypeError: ``backward`` is not callable.
    """
    if not callable(backward):
        raise TypeError(f"check_backward: backward must be a function backward(output), got {backward!r}")
    step = "check_backward"
    wrong: list[tuple[Graph, list[object]]] = []
    first: tuple[Graph, Built, int, list[object], list[float]] | None = None
    for graph in GRAPHS:
        built = build(graph)
        for _ in range(graph.calls):
            outcome = run(backward, built.output)
            if outcome.kind:
                return error_verdict(step, "your backward", graph, outcome, SOLUTION)
        mine: list[object] = [node.grad for node in built.nodes]
        if graph is GRAPHS[0] and is_skeleton(backward) and all(is_number(m) and m == 0 for m in mine):
            return failed(
                step,
                "not written yet",
                "your backward changed no gradient.",
                solution=SOLUTION,
                written=False,
            )
        expected = _expected(graph)
        k = _first_wrong(graph, built, mine, expected)
        if k is not None:
            wrong.append((graph, mine))
            first = first or (graph, built, k, mine, expected)
    if first is None:
        return passed(
            step,
            f"every node's gradient equals the engine's on all {len(GRAPHS)} graphs: a shared input, "
            "a diamond, "
            "x·x, a chain 10,000 deep, and two calls in a row.",
            SOLUTION,
        )
    graph, built, k, mine, expected = first
    node = built.nodes[k]
    closed = graph.closed.get(node.label)
    by_hand = f"; by hand ∂y/∂{node.label} = {closed[0]} = {format_number(closed[1])}" if closed else ""
    message = (
        f"on {graph.description}: the first node whose gradient differs, from the output down, is "
        f"{named(node)}: yours {describe_number(mine[k])}, the engine's "
        f"{format_number(expected[k])}{by_hand}."
    )
    bugs = _matching_bugs(wrong)
    if bugs:
        suffix = f", and {NOT_RESET.name}"
        names = [bug.name.removesuffix(suffix) for bug in bugs]
        name = names[0] if len(names) == 1 else "either " + " or ".join(names)
        name += suffix if bugs[0].name.endswith(suffix) else ""
        rules = " ".join(dict.fromkeys(f"The rule: {bug.rule}." for bug in bugs))
        fix = " ".join(dict.fromkeys(bug.fix for bug in bugs))
        return failed(step, name, f"{message} {rules}", f"{fix}\nHere: {_contributions(graph, k)}", SOLUTION)
    if k == len(built.nodes) - 1:
        name = "output seed missing" if mine[k] == 0 else "the output's gradient is not 1"
        return failed(
            step, name, f"{message} The rule: ∂y/∂y = 1.", "Set output.grad = 1.0 before the loop.", SOLUTION
        )
    if [graph.key for graph, _ in wrong] == ["twice"]:
        return failed(step, NOT_RESET.name, f"{message} The rule: {NOT_RESET.rule}.", NOT_RESET.fix, SOLUTION)
    return failed(
        step,
        "wrong gradients",
        f"{message} The rule: each node's gradient is the sum, over the nodes that use it, "
        "of local × upstream.",
        _contributions(graph, k),
        SOLUTION,
    )
