"""Feedback on a hand answer: the misconceptions whose numbers it matches, named with their rule,
and otherwise the question's rule written out with the numbers (the composite-function tutorial's
∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9), up to the result or with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.rules import RULES
from autograd_tiny.core.value import Value
from autograd_tiny.practice.misconceptions import MOST_PATHS, Mistake, upward_paths
from autograd_tiny.practice.questions import Question, Worked
from autograd_tiny.see.explanation import Factor
from autograd_tiny.see.paths import Edge

__all__ = ["name_mistakes", "up_to_result", "written_out"]

_SUPERSCRIPTS = (("ᵇ⁻¹", "^(b−1)"), ("ᵇ", "^b"), ("ᵃ", "^a"))


def name_mistakes(matched: Sequence[Mistake]) -> str:
    """The misconceptions an answer matches: one named with its rule and numbers, several as
    "either … or …" (never one picked among them), none as ""."""
    if not matched:
        return ""
    if len(matched) == 1:
        (mistake,) = matched
        return f"{_capital(mistake.name)}: {mistake.detail}. {mistake.misconception.rule}"
    options = " or ".join(f"{mistake.name} ({mistake.detail})" for mistake in matched)
    return f"Either {options}: your number fits each of them."


def written_out(worked: Worked, question: Question) -> str:
    """The question's rule with the numbers, e.g. ``∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9``."""
    return _rule(worked, question, True)


def up_to_result(worked: Worked, question: Question) -> str:
    """``written_out`` up to, not including, the result: ``… = 4·1 + 5·1 = ?``."""
    return _rule(worked, question, False)


def _rule(worked: Worked, question: Question, result: bool) -> str:
    names, node = worked.names, question.node
    end = f" = {format_number(question.answer)}" if result else " = ?"
    if question.kind == "value":
        symbols, numbers = _formula(node, names)
        return f"{names[node]} = {symbols} = {numbers}{end}"
    if question.kind == "local":
        assert question.edge is not None
        return _local_rule(question.key, question.edge, names, result)
    top = worked.root_name
    uses = worked.uses[node]
    if len(uses) == 1 and uses[0].user is worked.root:  # one edge from the output: its local rule
        return _local_rule(question.key, _edge(uses[0].user, uses[0].position), names, result)
    terms: list[list[Factor]] = []
    if question.kind == "path" and worked.counts.get(node, 0) <= MOST_PATHS:  # each path written out
        for path in upward_paths(worked, node):
            terms.append([(*worked.symbol(edge), edge.local) for edge in path.edges])
    else:  # a node's gradient from the nodes directly above it
        for user, position, local in uses:
            mark = worked.symbol(_edge(user, position))[2]
            own = (names[user], names[node], mark, local)
            above = (top, names[user], "", worked.gradients[user])
            terms.append([own] if user is worked.root else [above, own])
    return _sum_of_products(f"∂{top}/∂{names[node]}", terms, end)


def _sum_of_products(lhs: str, terms: list[list[Factor]], end: str) -> str:
    """``∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1`` and ``end``: ``see.explanation``'s text,
    without its LaTeX (a checker writes thousands of these)."""
    symbols = " + ".join("·".join(f"∂{o}/∂{i}{m}" for o, i, m, _ in term) for term in terms)
    numbers = ""
    for k, term in enumerate(terms):
        product = "·".join(
            f"({_number(x)})" if x < 0 and j else _number(x) for j, (_, _, _, x) in enumerate(term)
        )
        numbers = (
            product
            if k == 0
            else numbers + (f" - {product[1:]}" if product.startswith("-") else f" + {product}")
        )
    parts = [lhs, symbols, numbers]
    return " = ".join(part for j, part in enumerate(parts) if j == 0 or part != parts[j - 1]) + end


def _capital(text: str) -> str:
    """``a path left out`` → ``A path left out``; a name that starts with a symbol (``f′(z)``) kept."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if first.isalpha() and first.islower() else text


# ---- helpers ---------------------------------------------------------------------------------------


def _edge(user: Value, position: int) -> Edge:
    input_, local = user.edges[position]
    return Edge(user, input_, local, position)


def _local_rule(key: str, edge: Edge, names: dict[Value, str], result: bool = True) -> str:
    """``∂y/∂a = 3, since y = a × c, and ∂/∂a = c``: the rule's docstring in the node's names (without
    ``result``: ``∂y/∂a = ?, since …``)."""
    node, inputs = edge.output, [input_ for input_, _ in edge.output.edges]
    symbols, _ = _formula(node, names)
    head = f"{key} = {_number(edge.local) if result else '?'}, since {names[node]} = {symbols}"
    if node.op == "pow" and inputs[1].constant:
        base, k, x = names[inputs[0]], inputs[1].data, inputs[0].data
        numbers = f"{_number(k)}·{_number(x) if x >= 0 else f'({_number(x)})'}^{_number(k - 1)}"
        rule = f"∂({base}^{_number(k)})/∂{base} = {_number(k)}·{base}^{_number(k - 1)} = {numbers}"
        return f"{head}, and {rule}"
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
