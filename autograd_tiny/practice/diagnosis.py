"""The likely mistake behind a wrong hand answer, recognised from the graph.

The composite-function tutorial's rule, ∂y/∂x = Σ over the paths from y down to x of the product of
the local derivatives on the path, can go wrong in a few typical ways, each of which leaves a
fingerprint in the number: a path left out (the answer is the sum over a subset of the paths), the
paths multiplied (or a path's factors added), a sign lost, the upstream gradient passed on without
the local derivative (or the reverse), a node's value written for its derivative. ``diagnose`` tries
each; when none fits it writes the node's rule out with the numbers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.rules import RULES
from autograd_tiny.core.value import Value
from autograd_tiny.practice.questions import Question, Worked
from autograd_tiny.see.explanation import Factor, write_out
from autograd_tiny.see.paths import Edge, Path, edge_symbol, explain, paths

__all__ = ["Close", "diagnose", "written_out"]

Close = Callable[[float, float], bool]
"""Whether a hand answer (first) is close enough to a number (second)."""

_ADDED_ALONG_A_PATH = (
    "A sum where a product belongs: along a path the local derivatives multiply; you added them."
)
_SUPERSCRIPTS = (("ᵇ⁻¹", "^(b−1)"), ("ᵇ", "^b"), ("ᵃ", "^a"))
_MOST_PATHS = 10  # subsets of up to 2¹⁰ paths are tried for a missing path


def diagnose(worked: Worked, question: Question, given: float, close: Close) -> str:
    """The likely mistake behind ``given`` (already known to be wrong), or the rule with the numbers."""
    for finder in _FINDERS[question.kind]:
        found = finder(worked, question, given, close)
        if found:
            return found
    return f"The rule: {written_out(worked, question)}"


def written_out(worked: Worked, question: Question) -> str:
    """The question's rule with the numbers, e.g. ``∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9``."""
    names, node = worked.names, question.node
    if question.kind == "value":
        symbols, numbers = _formula(node, names)
        return f"{names[node]} = {symbols} = {numbers} = {format_number(node.data)}"
    if question.kind == "local":
        assert question.edge is not None
        return _local_rule(question.key, question.edge, names)
    if question.kind == "path":
        found = _paths(worked, node)
        if len(found) == 1 and len(found[0].edges) == 1:  # one edge from the output: its local rule
            return _local_rule(question.key, found[0].edges[0], names)
        return str(explain(worked.root, node))
    top = worked.root_name
    uses = _uses(worked, node)
    if len(uses) == 1 and uses[0][0] is worked.root:  # one edge from the output: its local rule
        user, position, _ = uses[0]
        return _local_rule(question.key, _edge(user, position), names)
    terms: list[list[Factor]] = []
    for user, position, local in uses:
        mark = edge_symbol(_edge(user, position), names)[2]
        own = (names[user], names[node], mark, local)
        terms.append([own] if user is worked.root else [(top, names[user], "", worked.gradients[user]), own])
    return str(write_out(top, names[node], terms))


# ---- the fingerprints ----------------------------------------------------------------------------


def _missing_paths(worked: Worked, question: Question, given: float, close: Close) -> str | None:
    found = _paths(worked, question.node)
    if not 2 <= len(found) <= _MOST_PATHS:
        return None
    products = [path.product for path in found]
    for size in range(len(found) - 1, 0, -1):  # the fewest paths left out first
        for kept in itertools.combinations(range(len(found)), size):
            if close(given, math.fsum(products[k] for k in kept)):
                missing = [path for k, path in enumerate(found) if k not in kept]
                which = " and ".join(_path_text(worked, path) for path in missing)
                noun = "path" if len(missing) == 1 else "paths"
                return (
                    f"A path left out: your answer is the sum over the other paths; it misses the {noun} "
                    f"{which}. Every path from {worked.root_name} down to {worked.names[question.node]} adds "
                    "its product."
                )
    return None


def _sign(worked: Worked, question: Question, given: float, close: Close) -> str | None:
    if not question.answer or not close(given, -question.answer):
        return None
    if question.kind == "value":
        return "A sign error: the size is right, the sign is not. Check the signs of the inputs and each −."
    return (
        "A sign error: the size is right, the sign is not. Check each minus sign: a − b has "
        "∂/∂b = −1, and a negative local derivative flips the sign of its path."
    )


def _product_for_sum(worked: Worked, question: Question, given: float, close: Close) -> str | None:
    if question.kind in ("grad", "path"):
        found = _paths(worked, question.node)
        products = [path.product for path in found]
        if 2 <= len(found) <= _MOST_PATHS and close(given, math.prod(products)):
            return (
                "A product where a sum belongs: you multiplied the paths' products "
                f"({' × '.join(map(_number, products))}); the paths add: "
                f"{' + '.join(map(_number, products))}."
            )
        added = math.fsum(edge.local for path in found for edge in path.edges)
        if any(len(path.edges) > 1 for path in found) and close(given, added):
            return _ADDED_ALONG_A_PATH
        return None
    node = question.node
    inputs = [input_.data for input_, _ in node.edges]
    if question.kind == "value":
        if node.op in ("add", "sum") and close(given, math.prod(inputs)):
            return (
                f"A product where a sum belongs: {worked.names[node]} adds its inputs; you multiplied them."
            )
        if node.op == "mul" and close(given, math.fsum(inputs)):
            return (
                f"A sum where a product belongs: {worked.names[node]} multiplies its inputs; you added them."
            )
        return None
    assert question.edge is not None
    others = [x for k, x in enumerate(inputs) if k != question.edge.position]
    if node.op in ("add", "sum") and others and close(given, math.prod(others)):
        return "The rule of a product, for a sum: a sum passes the derivative on unchanged, ∂(a + b)/∂a = 1."
    if node.op == "mul" and close(given, 1.0):
        return "The rule of a sum, for a product: ∂(a × b)/∂a is the other input, b, not 1."
    return None


def _upstream_or_local_alone(worked: Worked, question: Question, given: float, close: Close) -> str | None:
    uses = _uses(worked, question.node)
    if any(user is worked.root for user, _, _ in uses):
        return None  # the output's gradient is 1: upstream × local is the local derivative itself
    names, top = worked.names, worked.root_name
    upstream = math.fsum(worked.gradients[user] for user, _, _ in uses)
    if close(given, upstream):
        used = " + ".join(f"∂{top}/∂{names[user]}" for user, _, _ in uses)
        return (
            f"The upstream gradient without the local derivative: {used} = {_number(upstream)}; each "
            "term must also be multiplied by its local derivative "
            f"∂{names[uses[0][0]]}/∂{names[question.node]}."
        )
    if close(given, math.fsum(local for _, _, local in uses)):
        return (
            "The local derivative without the upstream gradient: multiply it by the gradient "
            f"∂{top}/∂{names[uses[0][0]]} that arrives from above."
        )
    return None


def _value_for_derivative(worked: Worked, question: Question, given: float, close: Close) -> str | None:
    if question.kind == "local":
        assert question.edge is not None
        candidates: tuple[Value, ...] = (question.edge.output, question.edge.input)
    else:
        candidates = (question.node,)
    for node in candidates:
        if close(given, node.data):
            name = worked.names[node]
            return f"A value in place of a derivative: {name} = {_number(node.data)} is the node's value."
    return None


_FINDERS = {
    "value": (_sign, _product_for_sum),
    "local": (_sign, _product_for_sum, _value_for_derivative),
    "grad": (_missing_paths, _sign, _product_for_sum, _upstream_or_local_alone, _value_for_derivative),
    "path": (_missing_paths, _sign, _product_for_sum, _upstream_or_local_alone, _value_for_derivative),
}


# ---- helpers ---------------------------------------------------------------------------------------


def _paths(worked: Worked, node: Value) -> list[Path]:
    try:
        return paths(worked.root, node, limit=2**_MOST_PATHS)
    except ValueError:  # too many paths to try subsets of
        return []


def _path_text(worked: Worked, path: Path) -> str:
    names = worked.names
    symbols = "·".join("∂{}/∂{}{}".format(*edge_symbol(edge, names)) for edge in path.edges)
    numbers = "·".join(_number(edge.local) for edge in path.edges)
    route = " → ".join(names[node] for node in path.nodes)
    if len(path.edges) == 1:
        return f"{route} ({symbols} = {numbers})"
    return f"{route} ({symbols} = {numbers} = {_number(path.product)})"


def _uses(worked: Worked, node: Value) -> list[tuple[Value, int, float]]:
    """(user, position, local) for every edge into ``node`` from a node under the root."""
    return [
        (user, position, local)
        for user in worked.names
        for position, (input_, local) in enumerate(user.edges)
        if input_ is node
    ]


def _edge(user: Value, position: int) -> Edge:
    input_, local = user.edges[position]
    return Edge(user, input_, local, position)


def _local_rule(key: str, edge: Edge, names: dict[Value, str]) -> str:
    """``∂y/∂a = 3, since y = a × c: for a × c, ∂/∂a = c (…)``: the rule's docstring in the node's names."""
    node, inputs = edge.output, [input_ for input_, _ in edge.output.edges]
    symbols, _ = _formula(node, names)
    head = f"{key} = {_number(edge.local)}, since {names[node]} = {symbols}"
    if node.op == "pow" and inputs[1].constant:
        base, k, x = names[inputs[0]], inputs[1].data, inputs[0].data
        numbers = f"{_number(k)}·{_number(x) if x >= 0 else f'({_number(x)})'}^{_number(k - 1)}"
        return (
            f"{head}, and ∂({base}^{_number(k)})/∂{base} = {_number(k)}·{base}^{_number(k - 1)} = {numbers}"
        )
    if node.op == "sum":
        return f"{head}, and a sum passes the derivative on: ∂/∂ each term = 1"
    rule = (RULES[node.op].doc.partition("; ")[2] or RULES[node.op].doc).partition(" (")[0].rstrip(".")
    for superscript, plain in _SUPERSCRIPTS:  # aᵇ⁻¹ → a^(b−1), so that the names can go in
        rule = rule.replace(superscript, plain)
    letters = dict(zip("ab", (names[x] for x in inputs), strict=False))
    rule = re.sub(r"(?<![A-Za-z])[ab](?![A-Za-z])", lambda m: letters.get(m.group(), m.group()), rule)
    return f"{head}, and {rule}"  # the rule's partials in the node's names: ∂/∂x = 1/y, …


def _formula(node: Value, names: dict[Value, str]) -> tuple[str, str]:
    """``(x1 + x2, 2 + 3)``: the operation with names and with numbers."""
    inputs = [input_ for input_, _ in node.edges]
    symbol = RULES[node.op].symbol
    if node.op == "pow" and inputs[1].constant:
        return (
            f"{names[inputs[0]]}^{names[inputs[1]]}",
            f"{_number(inputs[0].data)}^{_number(inputs[1].data)}",
        )
    if len(inputs) == 1 and node.op != "sum":
        return f"{symbol}({names[inputs[0]]})", f"{symbol}({_number(inputs[0].data)})"
    joiner = " + " if node.op == "sum" else f" {symbol} "
    numbers = [
        _number(x.data) if x.data >= 0 or k == 0 else f"({_number(x.data)})" for k, x in enumerate(inputs)
    ]
    return joiner.join(names[x] for x in inputs), joiner.join(numbers)


def _number(x: float) -> str:
    return format_number(x)
