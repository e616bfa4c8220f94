"""Sum over paths: ∂y/∂x = Σ over every path from y down to x of the product of its local derivatives.

This is the composite-function tutorial's trick written out in full: for y = (x1 + x2)(x2 + 1) with a = x1 +
x2 and b = x2 + 1, ∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2. ``backward`` computes the same number by merging the
paths at every node; here each path is listed on its own, which is why the number of paths (and the time to
list them) can grow exponentially with depth. So both are counted before any path is built, and refused past a
bound: ``limit`` paths, and ``max_edges`` edges over all of them (``MAX_FACTORS`` for ``explain``, whose text
grows with that number: x·x·…·x of 1,000 factors has 1,000 paths with about 500,000 factors in all).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.explanation import Explanation, write_out
from autograd_tiny.see.factoring import factor as factor_paths
from autograd_tiny.see.local_symbols import direct_mark, routes_from
from autograd_tiny.see.naming import node_names

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_EDGES",
    "MAX_FACTORS",
    "Edge",
    "Explanation",
    "Path",
    "edge_symbol",
    "explain",
    "path_counts",
    "paths",
]

DEFAULT_LIMIT = 10_000
"""The most paths ``paths`` and ``explain`` list."""
MAX_EDGES = 200_000
"""The most edges, over all the paths, that ``paths`` lists (each is an object in memory)."""
MAX_FACTORS = 5_000
"""The most factors ∂a/∂b, over all the paths, that ``explain`` writes out (about 25 characters each)."""
_EXACT_DIGITS = 40  # counts with more digits are written as a power of ten


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


def paths(root: Value, leaf: Value, *, limit: int = DEFAULT_LIMIT, max_edges: int = MAX_EDGES) -> list[Path]:
    """Every path from ``root`` down to ``leaf``, in argument order (first inputs first).

    ``sum(p.product for p in paths(y, x))`` is ∂y/∂x, the number ``y.backward()`` puts in ``x.grad``
    (up to rounding). ``leaf`` may also be an interior node, or ``root`` itself (one empty path).

    Args:
        root: the output of the graph.
        leaf: the node to differentiate with respect to.
        limit: the most paths to list; the count is checked before any path is built.
        max_edges: the most edges to list, over all the paths; checked before any path is built.

    Returns:
        The paths; an empty list when ``root`` does not depend on ``leaf``.

    Raises:
        TypeError: ``root`` or ``leaf`` is not a ``Value``, or a bound is not an int.
        ValueError: there are more than ``limit`` paths or ``max_edges`` edges, or a bound is < 1.
    """
    return _list_paths(root, leaf, _bounded_counts("paths", root, leaf, limit, "max_edges", max_edges))


def explain(
    root: Value,
    leaf: Value,
    *,
    limit: int = DEFAULT_LIMIT,
    max_factors: int = MAX_FACTORS,
    factor: str | None = None,
) -> Explanation:
    """The chain rule for ∂root/∂leaf written out as a sum over paths, with the numbers.

    For y = (x1 + x2)(x2 + 1) at (2, 3): ``∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9``.
    Names come from ``node_names(root)``, as in drawings and traces. Steps that would repeat the
    previous one are left out (``∂y/∂x1 = 3`` for a single edge). When a node uses the same input
    twice (``x*x``), its two edges are written ``∂y/∂x[1]`` and ``∂y/∂x[2]``. The direct path's
    term of a leaf that also reaches the root another way is ``∂y/∂x2|direct``, never ``∂y/∂x2``,
    the symbol of the whole sum (``see/local_symbols.py``). With no path the derivative is 0, and
    ∂y/∂y = 1.

    Args:
        root: the output of the graph.
        leaf: the node to differentiate with respect to.
        limit: the most paths to write out (see ``paths``).
        max_factors: the most factors to write out over all the paths, which bounds the length of
            the text; checked before anything is written.
        factor: ``"reverse"`` (left to right) or ``"forward"`` (right to left): instead of one
            product per path, the partial products that mode computes once each and how many
            paths reuse them (``see/factoring.py``; no path is listed, so ``limit`` does not apply).

    Returns:
        An ``Explanation``: a ``str`` of the plain text, with ``.value`` and ``.latex``.

    Raises:
        TypeError: ``root`` or ``leaf`` is not a ``Value``, or a bound is not an int.
        ValueError: there are more than ``limit`` paths or ``max_factors`` factors, or ``factor``
            is unknown.
    """
    if factor is not None:
        return factor_paths(root, leaf, factor).explanation()
    found = _list_paths(root, leaf, _bounded_counts("explain", root, leaf, limit, "max_factors", max_factors))
    names = node_names(root)
    repeated: dict[Value, set[Value]] = {}  # per node, the inputs it uses more than once (x*x)
    routes = routes_from(root)
    terms = [
        [(*_symbol(edge, names, repeated, routes, root), edge.local) for edge in path.edges] for path in found
    ]
    bottom = names.get(leaf, leaf.label or "?")  # "?": an unlabelled value from another graph
    return write_out(names[root], bottom, terms, is_root=leaf is root)


def edge_symbol(edge: Edge, names: dict[Value, str]) -> tuple[str, str, str]:
    """(output name, input name, mark) for ∂output/∂input: ``[1]``/``[2]`` tell apart ``x*x``'s two edges."""
    inputs = [input_ for input_, _ in edge.output.edges]
    mark = f"[{edge.position + 1}]" if inputs.count(edge.input) > 1 else ""
    return names[edge.output], names[edge.input], mark


def _symbol(
    edge: Edge,
    names: dict[Value, str],
    repeated: dict[Value, set[Value]],
    routes: dict[Value, int],
    root: Value,
) -> tuple[str, str, str]:
    """``edge_symbol``, with each node's repeated inputs found once (a sum of n terms has n edges),
    and ``|direct`` on an edge into the root that is not its input's whole gradient."""
    if edge.output not in repeated:
        seen: set[Value] = set()
        repeated[edge.output] = set()
        for input_, _ in edge.output.edges:
            (repeated[edge.output] if input_ in seen else seen).add(input_)
    mark = f"[{edge.position + 1}]" if edge.input in repeated[edge.output] else ""
    return names[edge.output], names[edge.input], direct_mark(edge.output, edge.input, mark, root, routes)


def _bounded_counts(
    caller: str, root: Value, leaf: Value, limit: int, what: str, max_edges: int
) -> dict[Value, int]:
    """``path_counts(root, leaf)``, after checking that the paths are at most ``limit`` and that
    they have at most ``max_edges`` edges in all (``what`` names that bound in the message)."""
    _check(root, leaf)
    for name, bound in (("limit", limit), (what, max_edges)):
        if isinstance(bound, bool) or not isinstance(bound, int):
            raise TypeError(f"{caller}: {name} must be an int, got {type(bound).__name__} {bound!r}")
        if bound < 1:
            raise ValueError(f"{caller}: {name} must be at least 1, got {bound}")
    counts = path_counts(root, leaf)
    total = counts[root]
    if total > limit:
        raise ValueError(
            f"{caller}: there are {count_text(total)} paths from the root to this node, more than "
            f"limit={limit:,}. The number of paths grows exponentially with depth (each shared node "
            "multiplies it); backward() gets the same derivative in one pass. Pass a larger limit to "
            "list them anyway."
        )
    edges = _edges_on_paths(root, counts)
    if edges > max_edges:
        noun = "factors" if caller == "explain" else "edges"
        raise ValueError(
            f"{caller}: the paths from the root to this node ({total:,} of them) have "
            f"{count_text(edges)} {noun} in all, more than {what}={max_edges:,}; backward() gets the "
            f"same derivative in one pass. Ask about a nearer node (an inner node as the root, or as "
            f"the leaf), or pass a larger {what} to list them anyway."
        )
    return counts


def _edges_on_paths(root: Value, counts: dict[Value, int]) -> int:
    """How many edges all the paths counted in ``counts`` have together, without listing them: an
    edge into ``x`` lies on as many paths as reach the target from ``x``, and adds one to each."""
    edges: dict[Value, int] = {}
    for node in topological_order(root):
        edges[node] = sum(edges[x] + counts[x] for x, _ in node.edges if counts[x])
    return edges[root]


def count_text(n: int) -> str:
    """``n`` with thousands separators, or as a power of ten when it is huge (``about 3.2×10^4516``);
    Python will not write an int of more than 4,300 digits in full."""
    if n < 10**_EXACT_DIGITS:
        return f"{n:,}"
    exponent = math.floor(math.log10(n))
    mantissa = 10 ** (math.log10(n) - exponent)
    return f"about {mantissa:.1f}×10^{exponent}"


def _list_paths(root: Value, leaf: Value, counts: dict[Value, int]) -> list[Path]:
    """Every path from ``root`` to ``leaf``, once ``_bounded_counts`` has allowed listing them."""
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
        edge = todo.pop()
        trail.append(edge)
        if edge.input is leaf:
            found.append(Path((root, *(e.input for e in trail)), tuple(trail)))
            trail.pop()
        else:
            stack.append(_edges_towards(edge.input, counts))
    return found


def _edges_towards(node: Value, counts: dict[Value, int]) -> list[Edge]:
    """The edges below ``node`` that lead to the target, last first: ``pop()`` takes the first."""
    return [
        Edge(node, input_, local, position)
        for position, (input_, local) in enumerate(node.edges)
        if counts[input_]
    ][::-1]


def _check(root: object, leaf: object) -> None:
    for what, x in (("root", root), ("leaf", leaf)):
        if not isinstance(x, Value):
            raise TypeError(f"{what} must be a Value, got {type(x).__name__} {x!r}")
