"""The sum over paths factored two ways: left to right (reverse mode) or right to left (forward mode).

The composite-function tutorial writes ∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2, one product per path.
Neither mode multiplies the paths out one by one. Reverse mode works from the left (from y down):
each ∂y/∂node is found once, as Σ over the nodes that use it of ∂y/∂user·∂user/∂node, and is then
reused by every path that continues from that node down to x. Forward mode works from the right
(from x up): each ∂node/∂x is found once, as Σ over its inputs of ∂node/∂input·∂input/∂x, and is
reused by every path from y that reaches that node. ``factor`` lists those partial products in the
order a mode computes them, each with how many paths it stands for and how many reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.explanation import Explanation, latex_partial
from autograd_tiny.see.local_symbols import DIRECT, direct_mark, routes_from
from autograd_tiny.see.naming import node_names

__all__ = ["DIRECTIONS", "FactorStep", "Factoring", "factor"]

DIRECTIONS = {"reverse": "left to right", "forward": "right to left"}

Term = tuple[str, str, float, float]
"""One term of a step, in the order the path products are written (output first): (left partial,
right partial, left number, right number). Reverse: (∂y/∂user, ∂user/∂node, …); forward:
(∂node/∂input, ∂input/∂x, …)."""


@dataclass(frozen=True)
class FactorStep:
    """One partial product that a mode computes once.

    Attributes:
        partial: its symbol: ∂y/∂node (reverse) or ∂node/∂x (forward).
        terms: the sum it is made of, one ``Term`` per edge.
        value: its number.
        paths: how many paths of the graph it adds up (y down to the node, or the node down to x).
        reused_by: how many paths from y to x go on to use it (the node down to x, or y down to the node).
    """

    partial: str
    terms: tuple[Term, ...]
    value: float
    paths: int
    reused_by: int

    def text(self) -> str:
        """``∂y/∂a = ∂y/∂y·∂y/∂a = 1·4 = 4``, with repeated steps left out."""
        symbols = " + ".join(f"{left}·{right}" for left, right, _, _ in self.terms)
        numbers = " + ".join(f"{_factor(x, False)}·{_factor(y, True)}" for _, _, x, y in self.terms)
        parts = [self.partial, symbols, numbers, format_number(self.value)]
        return " = ".join(part for k, part in enumerate(parts) if part and (k == 0 or part != parts[k - 1]))


@dataclass(frozen=True)
class Factoring:
    """∂root/∂leaf as one mode computes it: a list of partial products, each found once.

    Attributes:
        direction: ``"reverse"`` (left to right, from the root down) or ``"forward"`` (right to left).
        root_name, leaf_name: the names of y and x.
        steps: the partial products in the order the mode computes them; the last is ∂y/∂x.
        total_paths: how many paths lead from y to x (the terms of the unfactored sum).
    """

    direction: str
    root_name: str
    leaf_name: str
    steps: tuple[FactorStep, ...]
    total_paths: int

    @property
    def value(self) -> float:
        """∂y/∂x, the last step's number."""
        if self.steps:
            return self.steps[-1].value
        return 1.0 if self.total_paths else 0.0  # ∂y/∂y = 1; no path: 0

    def explanation(self) -> Explanation:
        """The steps as text (one line each) and as aligned LaTeX, for ``explain(..., factor=...)``."""
        y, x, mode = self.root_name, self.leaf_name, self.direction
        if not self.steps:  # y itself, or no path: nothing to factor
            text = f"∂{y}/∂{x} = 1" if self.total_paths else f"∂{y}/∂{x} = 0 (no path from {y} to {x})"
            return Explanation(text, value=self.value, latex=_latex(text.split(" (")[0]))
        start = f"∂{y}/∂{y}" if mode == "reverse" else f"∂{x}/∂{x}"
        head = (
            f"∂{y}/∂{x} factored {DIRECTIONS[mode]} ({mode} mode): each partial product once, "
            f"from {y if mode == 'reverse' else x}; {self.total_paths} paths from {y} to {x}"
        )
        lines = [head, f"  {start} = 1"]
        latex = [f"{_latex(start)} &= 1"]
        for step in self.steps:
            reuse = (
                f"    [sums {_count(step.paths)}; used by {step.reused_by} of the {_count(self.total_paths)}]"
            )
            lines.append(f"  {step.text()}{reuse}")
            body = step.text().split(" = ", 1)[1] if " = " in step.text() else "1"
            latex.append(f"{_latex(step.partial)} &= {_latex(body)}")
        return Explanation(
            "\n".join(lines),
            value=self.value,
            latex=r"\begin{aligned}" + r" \\ ".join(latex) + r"\end{aligned}",
        )


def factor(root: Value, leaf: Value, direction: str = "reverse") -> Factoring:
    """The partial products that reverse or forward mode computes on the way to ∂root/∂leaf.

    Only nodes on some path from ``root`` to ``leaf`` take part. Reverse mode goes from the root
    down (reverse topological order) and ends with ∂root/∂leaf; forward mode goes from the leaf up
    (topological order) and ends with the same number.

    Args:
        root: the output y.
        leaf: the node x to differentiate with respect to.
        direction: ``"reverse"`` (left to right) or ``"forward"`` (right to left).

    Returns:
        A ``Factoring``; ``.explanation()`` writes it out.

    Raises:
        TypeError: ``root`` or ``leaf`` is not a ``Value``.
        ValueError: ``direction`` is unknown.
    """
    if not isinstance(direction, str) or direction not in DIRECTIONS:
        raise ValueError(f"factor must be 'reverse' or 'forward', got {direction!r}")
    order = topological_order(root)  # checks root
    if not isinstance(leaf, Value):
        raise TypeError(f"leaf must be a Value, got {type(leaf).__name__} {leaf!r}")
    names = node_names(root)
    down, up = _path_counts(order, root, leaf)  # paths node → leaf, and root → node
    on = [node for node in order if down[node] and up[node]]
    y, x = names[root], names.get(leaf, leaf.label or "?")
    routes = routes_from(root)

    def partial(output: Value, input_: Value, position: int) -> str:
        # forward mode names each ∂node/∂x too: a node that reaches x another way marks its edge from x
        shared = direction == "forward" and input_ is leaf and down[output] > 1
        mark = DIRECT if shared else direct_mark(output, input_, "", root, routes)
        return _partial(names, output, input_, position, mark)

    known: dict[Value, float] = {}
    steps = []
    if direction == "reverse":
        known[root] = 1.0
        users: dict[Value, list[tuple[Value, int, float]]] = {node: [] for node in on}
        for node in on:
            for position, (input_, local) in enumerate(_edges(node, leaf)):
                if input_ in users:
                    users[input_].append((node, position, local))
        for node in reversed(on):
            if node is root:
                continue
            terms = tuple(
                (f"∂{y}/∂{names[user]}", partial(user, node, position), known[user], local)
                for user, position, local in users[node]
            )
            known[node] = sum(a * b for _, _, a, b in terms)
            steps.append(FactorStep(f"∂{y}/∂{names[node]}", terms, known[node], up[node], down[node]))
    else:
        known[leaf] = 1.0
        for node in on:
            if node is leaf:
                continue
            terms = tuple(
                (partial(node, input_, position), f"∂{names[input_]}/∂{x}", local, known[input_])
                for position, (input_, local) in enumerate(_edges(node, leaf))
                if input_ in known
            )
            known[node] = sum(a * b for _, _, a, b in terms)
            steps.append(FactorStep(f"∂{names[node]}/∂{x}", terms, known[node], down[node], up[node]))
    return Factoring(direction, y, x, tuple(steps), up.get(leaf, 0))


def _edges(node: Value, leaf: Value) -> tuple[tuple[Value, float], ...]:
    """The node's edges; none for the leaf itself (a leaf that is an interior node is an input here)."""
    return () if node is leaf else node.edges


def _path_counts(order: list[Value], root: Value, leaf: Value) -> tuple[dict[Value, int], dict[Value, int]]:
    """Paths from each node down to ``leaf``, and from ``root`` down to each node (exact integers)."""
    down: dict[Value, int] = {}
    for node in order:
        down[node] = 1 if node is leaf else sum(down[input_] for input_, _ in node.edges)
    up: dict[Value, int] = dict.fromkeys(order, 0)
    up[root] = 1
    for node in reversed(order):
        for input_, _ in _edges(node, leaf):
            up[input_] += up[node]
    return down, up


def _partial(names: dict[Value, str], output: Value, input_: Value, position: int, direct: str) -> str:
    """∂output/∂input, with ``[1]``/``[2]`` when ``output`` uses ``input_`` twice (``x*x``), or
    ``direct`` (``|direct`` or ``""``, from ``direct_mark``) after it."""
    inputs = [x for x, _ in output.edges]
    mark = f"[{position + 1}]" if inputs.count(input_) > 1 else direct
    return f"∂{names[output]}/∂{names[input_]}{mark}"


def _count(paths: int) -> str:
    return f"{paths} path" if paths == 1 else f"{paths} paths"


def _factor(x: float, parenthesise: bool) -> str:
    return f"({format_number(x)})" if x < 0 and parenthesise else format_number(x)


def _latex(text: str) -> str:
    """A step's plain text in LaTeX: each ∂o/∂i as a fraction, · as ⋅."""
    words = []
    for word in text.split(" "):
        if word.startswith("∂") and "/∂" in word:
            factors = [_fraction(f) for f in word.split("·")]
            words.append(r" \cdot ".join(factors))
        else:
            words.append(word.replace("·", r" \cdot "))
    return " ".join(words)


def _fraction(partial: str) -> str:
    output, rest = partial[1:].split("/∂", 1)
    if rest.endswith(DIRECT):
        return latex_partial(output, rest.removesuffix(DIRECT), DIRECT)
    mark = rest[rest.index("[") :] if rest.endswith("]") else ""
    return latex_partial(output, rest[: len(rest) - len(mark)], mark)
