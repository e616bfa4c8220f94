"""Sum over paths: ∂y/∂x = Σ over every path from y down to x of the product of its local derivatives.

This is seed 004's trick written out in full: for y = (x1 + x2)(x2 + 1) with a = x1 + x2 and
b = x2 + 1, ∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2. ``backward`` computes the same number by
merging the paths at every node; here each path is listed on its own, which is why the number of
paths (and the time to list them) can grow exponentially with depth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from autograd_tiny.gradients import topological_order
from autograd_tiny.see.explanation import Explanation, write_out
from autograd_tiny.see.factoring import factor as factor_paths
from autograd_tiny.see.naming import node_names
from autograd_tiny.value import Value

__all__ = ["DEFAULT_LIMIT", "Edge", "Explanation", "Path", "edge_symbol", "explain", "path_counts", "paths"]

DEFAULT_LIMIT = 10_000


class Edge(NamedTuple):
    """One edge of the graph, read from ``output.edges[position]``.

    Attributes:
        output: the node that the operation produced.
        input: the argument it was produced from.
        local: the local derivative ∂output/∂input stored by the forward pass.
        position: which argument of ``output`` this is (0 or 1); ``x*x`` has edges at 0 and 1.
    """

    output: Value
    input: Value
    local: float
    position: int


@dataclass(frozen=True)
class Path:
    """One path from the root down to a node.

    Attributes:
        nodes: the nodes along the path, root first, the target last.
        edges: the edges along the path, root's edge first; one fewer than ``nodes``.
    """

    nodes: tuple[Value, ...]
    edges: tuple[Edge, ...]

    @property
    def product(self) -> float:
        """The product of the local derivatives along the path (1 for the empty path)."""
        return math.prod(edge.local for edge in self.edges)


def path_counts(root: Value, target: Value) -> dict[Value, int]:
    """For every node under ``root``, how many paths lead from it down to ``target`` (0 if none).

    One pass in topological order (inputs first): a node's count is the sum of its inputs' counts,
    one term per edge, so ``x*x`` counts twice. The counts are exact Python integers.
    """
    counts: dict[Value, int] = {}
    for node in topological_order(root):
        counts[node] = 1 if node is target else sum(counts[input_] for input_, _ in node.edges)
    return counts


def paths(root: Value, leaf: Value, *, limit: int = DEFAULT_LIMIT) -> list[Path]:
    """Every path from ``root`` down to ``leaf``, in argument order (first inputs first).

    ``sum(p.product for p in paths(y, x))`` is ∂y/∂x, the number ``y.backward()`` puts in ``x.grad``
    (up to rounding). ``leaf`` may also be an interior node, or ``root`` itself (one empty path).

    Args:
        root: the output of the graph.
        leaf: the node to differentiate with respect to.
        limit: the most paths to list; the count is checked before any path is built.

    Returns:
        The paths; an empty list when ``root`` does not depend on ``leaf``.

    Raises:
        TypeError: ``root`` or ``leaf`` is not a ``Value``, or ``limit`` is not an int.
        ValueError: there are more than ``limit`` paths, or ``limit`` < 1.
    """
    _check(root, leaf)
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"paths: limit must be an int, got {type(limit).__name__} {limit!r}")
    if limit < 1:
        raise ValueError(f"paths: limit must be at least 1, got {limit}")
    counts = path_counts(root, leaf)
    total = counts[root]
    if total > limit:
        raise ValueError(
            f"paths: there are {total:,} paths from the root to this node, more than limit={limit:,}. "
            "The number of paths grows exponentially with depth (each shared node multiplies it); "
            "backward() gets the same derivative in one pass. Pass a larger limit to list them anyway."
        )
    if root is leaf:
        return [Path((root,), ())]
    found: list[Path] = []
    # Depth-first with an explicit stack of the edges still to try below each node on the trail;
    # only edges that lead to leaf are ever tried.
    stack = [_edges_towards(root, counts)]
    trail: list[Edge] = []
    while stack:
        todo = stack[-1]
        if not todo:
            stack.pop()
            if trail:
                trail.pop()
            continue
        edge = todo.pop(0)
        trail.append(edge)
        if edge.input is leaf:
            found.append(Path((root, *(e.input for e in trail)), tuple(trail)))
            trail.pop()
        else:
            stack.append(_edges_towards(edge.input, counts))
    return found


def explain(
    root: Value, leaf: Value, *, limit: int = DEFAULT_LIMIT, factor: str | None = None
) -> Explanation:
    """The chain rule for ∂root/∂leaf written out as a sum over paths, with the numbers.

    For y = (x1 + x2)(x2 + 1) at (2, 3): ``∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9``.
    Names come from ``node_names(root)``, as in drawings and traces. Steps that would repeat the
    previous one are left out (``∂y/∂x1 = 3`` for a single edge). When a node uses the same input
    twice (``x*x``), its two edges are written ``∂y/∂x[1]`` and ``∂y/∂x[2]``. With no path the
    derivative is 0, and ∂y/∂y = 1.

    Args:
        root: the output of the graph.
        leaf: the node to differentiate with respect to.
        limit: the most paths to write out (see ``paths``).
        factor: ``"reverse"`` (left to right) or ``"forward"`` (right to left): instead of one
            product per path, the partial products that mode computes once each and how many
            paths reuse them (``see/factoring.py``; no path is listed, so ``limit`` does not apply).

    Returns:
        An ``Explanation``: a ``str`` of the plain text, with ``.value`` and ``.latex``.

    Raises:
        TypeError: ``root`` or ``leaf`` is not a ``Value``.
        ValueError: there are more than ``limit`` paths, or ``factor`` is unknown.
    """
    if factor is not None:
        return factor_paths(root, leaf, factor).explanation()
    found = paths(root, leaf, limit=limit)
    names = node_names(root)
    terms = [[(*edge_symbol(edge, names), edge.local) for edge in path.edges] for path in found]
    bottom = names.get(leaf, leaf.label or "?")  # "?": an unlabelled value from another graph
    return write_out(names[root], bottom, terms, is_root=leaf is root)


def edge_symbol(edge: Edge, names: dict[Value, str]) -> tuple[str, str, str]:
    """(output name, input name, mark) for ∂output/∂input: ``[1]``/``[2]`` tell apart ``x*x``'s two edges."""
    inputs = [input_ for input_, _ in edge.output.edges]
    mark = f"[{edge.position + 1}]" if inputs.count(edge.input) > 1 else ""
    return names[edge.output], names[edge.input], mark


def _edges_towards(node: Value, counts: dict[Value, int]) -> list[Edge]:
    return [
        Edge(node, input_, local, position)
        for position, (input_, local) in enumerate(node.edges)
        if counts[input_]
    ]


def _check(root: object, leaf: object) -> None:
    for what, x in (("root", root), ("leaf", leaf)):
        if not isinstance(x, Value):
            raise TypeError(f"{what} must be a Value, got {type(x).__name__} {x!r}")
