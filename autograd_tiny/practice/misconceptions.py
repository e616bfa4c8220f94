"""The catalogue of misconceptions: one row each, with its name, the rule it breaks, and how to
compute the number it produces on any graph or network, like the rules table for derivatives.

A row's ``on_graph`` reads a question of an ``Exercise`` (the composite-function tutorial's rule
∂y/∂x = Σ over the paths from y to x of the product of their local derivatives); its ``on_network``
reads an entry of a ``NetworkExercise`` (the backpropagation derivation's δ⁽ˡ⁾ = (W⁽ˡ⁾ᵀδ⁽ˡ⁺¹⁾) ⊙
f′(z⁽ˡ⁾) and ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁺¹⁾(a⁽ˡ⁾)ᵀ). Each returns ``(number, detail)`` pairs: the number a learner
holding the misconception writes, and what it is made of, in the learner's own names and numbers.
A row applies only where its mistake changes the computation (leaving out a local derivative of a
sum, which is 1, is no mistake); where its number equals the right one by chance, the point is at
fault, and ``distinct`` says so.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value
from autograd_tiny.practice.network import NetworkNumbers, NetworkQuestion
from autograd_tiny.practice.questions import Question, Worked
from autograd_tiny.see.paths import Edge, Path

__all__ = [
    "CATALOGUE",
    "MOST_PATHS",
    "Misconception",
    "Mistake",
    "graph_mistakes",
    "network_mistakes",
    "upward_paths",
]

Detail = str | Callable[[], str]
Numbers = list[tuple[float, Detail]]
"""A row's numbers, each with its detail (or a function that writes it, when writing costs)."""
MOST_PATHS = 10
"""Paths are listed one by one (to name the one left out) only up to this many."""
_ONE = ("add", "sub", "sum")  # operations whose local derivatives are ±1 whatever the point


@dataclass(frozen=True)
class Misconception:
    """One row of the catalogue.

    Attributes:
        name: what the learner did, e.g. ``"a path left out"``.
        rule: the rule it breaks, in one sentence.
        on_graph: the numbers it produces for a question of a graph (``[]`` where it cannot occur).
        on_network: the numbers it produces for an entry of a network exercise.
    """

    name: str
    rule: str
    on_graph: Callable[[Worked, Question], Numbers] | None = None
    on_network: Callable[[NetworkNumbers, NetworkQuestion], Numbers] | None = None


@dataclass(frozen=True)
class Mistake:
    """A misconception's number for one question: what a learner holding it would answer.

    Attributes:
        misconception: the catalogue's row.
        number: the number it produces.
        written: how the number is made (``detail``), or a function that writes it only when read.
    """

    misconception: Misconception
    number: float
    written: Detail = field(repr=False, default="")

    @property
    def detail(self) -> str:
        """How the number is made, with the learner's names and numbers."""
        return self.written if isinstance(self.written, str) else self.written()

    @property
    def name(self) -> str:
        """The misconception's name."""
        return self.misconception.name


def graph_mistakes(worked: Worked, question: Question) -> list[Mistake]:
    """Every catalogue row's numbers for a question of a graph, in the catalogue's order."""
    return _mistakes((row, row.on_graph(worked, question)) for row in CATALOGUE if row.on_graph)


def network_mistakes(numbers: NetworkNumbers, question: NetworkQuestion) -> list[Mistake]:
    """Every catalogue row's numbers for an entry of a network exercise, in the catalogue's order."""
    return _mistakes((row, row.on_network(numbers, question)) for row in CATALOGUE if row.on_network)


def _mistakes(found: Iterable[tuple[Misconception, Numbers]]) -> list[Mistake]:
    """Each row's finite numbers as ``Mistake``s, in order (no learner writes inf or nan)."""
    return [
        Mistake(row, number, detail)
        for row, numbers in found
        for number, detail in numbers
        if math.isfinite(number)
    ]


# ---- on a graph --------------------------------------------------------------------------------


def _gradient(question: Question) -> bool:
    return question.kind in ("grad", "path")


def _path_left_out(worked: Worked, question: Question) -> Numbers:
    found = _few_paths(worked, question)
    return [(question.answer - path.product, partial(_missing, worked, path)) for path in found]


def _paths_multiplied(worked: Worked, question: Question) -> Numbers:
    products = [path.product for path in _few_paths(worked, question)]
    if not products:
        return []
    times = " × ".join(_factor(x, k) for k, x in enumerate(products))
    plus = " + ".join(_factor(x, k) for k, x in enumerate(products))
    return [(math.prod(products), f"{times} multiplies the paths' products; they add: {plus}")]


def _whole_sign(worked: Worked, question: Question) -> Numbers:
    if not question.answer:
        return []
    return [(-question.answer, f"{_number(-question.answer)} has the right size and the wrong sign")]


def _sign_lost_on_a_path(worked: Worked, question: Question) -> Numbers:
    found: Numbers = []
    for path in _few_paths(worked, question):
        minus = next((edge for edge in path.edges if _subtracts(edge)), None)
        if minus is not None:
            number = question.answer - 2 * path.product
            found.append((number, partial(_lost, worked, path, minus)))
    return found


def _upstream_alone(worked: Worked, question: Question) -> Numbers:
    uses = worked.uses[question.node]
    if not _gradient(question) or not uses or any(use.user is worked.root for use in uses):
        return []
    if all(use.user.op in _ONE for use in uses):
        return []  # every local derivative is ±1: nothing to leave out
    names, top = worked.names, worked.root_name
    upstream = math.fsum(worked.gradients[use.user] for use in uses)
    used = " + ".join(f"∂{top}/∂{names[use.user]}" for use in uses)
    locals_ = ", ".join(f"∂{names[use.user]}/∂{names[question.node]}" for use in uses)
    return [(upstream, f"{used} = {_number(upstream)}, not multiplied by {locals_}")]


def _local_alone(worked: Worked, question: Question) -> Numbers:
    uses = worked.uses[question.node]
    if not _gradient(question) or not uses or any(use.user is worked.root for use in uses):
        return []
    names = worked.names
    total = math.fsum(use.local for use in uses)
    locals_ = " + ".join(f"∂{names[use.user]}/∂{names[question.node]}" for use in uses)
    return [(total, f"{locals_} = {_number(total)}, without the gradient ∂{worked.root_name}/∂… from above")]


def _node_value(worked: Worked, question: Question) -> Numbers:
    if question.kind == "value":
        return []
    node = question.edge.output if question.edge is not None else question.node
    return [(node.data, f"{worked.names[node]} = {_number(node.data)} is the node's value")]


def _output_value(worked: Worked, question: Question) -> Numbers:
    if question.kind == "value" or (question.edge is not None and question.edge.output is worked.root):
        return []
    return [(worked.root.data, f"{worked.root_name} = {_number(worked.root.data)} is the output's value")]


def _sum_rule_on_product(worked: Worked, question: Question) -> Numbers:
    node, names = question.node, worked.names
    if question.kind == "value":
        if node.op != "mul":
            return []
        total = math.fsum(input_.data for input_, _ in node.edges)
        return [(total, f"{names[node]} multiplies its inputs; {_number(total)} is their sum")]
    if question.kind == "local":
        if node.op != "mul":
            return []
        return [
            (
                1.0,
                f"1 is the local derivative of a sum; {names[node]} is a product: "
                "its derivative by one factor is the other factor",
            )
        ]
    if all(use.user is worked.root for use in worked.uses[node]):
        return []  # every path is one edge: nothing to add along it
    total = worked.along[node]
    return [(total, f"{_number(total)} adds the local derivatives along each path; they multiply")]


def _product_rule_on_sum(worked: Worked, question: Question) -> Numbers:
    node, names = question.node, worked.names
    if node.op not in ("add", "sum") or question.kind not in ("value", "local"):
        return []
    inputs = [input_.data for input_, _ in node.edges]
    if question.kind == "value":
        return [
            (
                math.prod(inputs),
                f"{names[node]} adds its inputs; {_number(math.prod(inputs))} is their product",
            )
        ]
    assert question.edge is not None
    others = [x for k, x in enumerate(inputs) if k != question.edge.position]
    number = math.prod(others)
    return [
        (
            number,
            f"{_number(number)} is the other input, the rule of a product; a sum passes the derivative on: 1",
        )
    ]


def _input_for_weight(worked: Worked, question: Question) -> Numbers:
    names = worked.names
    if question.kind == "local":
        assert question.edge is not None
        edge = question.edge
        if edge.output.op != "mul":
            return []
        own = edge.input.data
        return [
            (
                own,
                f"{names[edge.input]} = {_number(own)} is the input itself; ∂(a × b)/∂a is the other factor",
            )
        ]
    if not _gradient(question):
        return []
    uses = worked.uses[question.node]
    if not any(use.user.op == "mul" for use in uses) or all(use.user is worked.root for use in uses):
        return []  # (from the output alone, the input's own value is the node's value: that row)
    own = question.node.data
    number = math.fsum(
        worked.gradients[use.user] * (own if use.user.op == "mul" else use.local) for use in uses
    )
    name = names[question.node]
    return [(number, f"{name} = {_number(own)} in place of the factor it multiplies")]


# ---- on a network --------------------------------------------------------------------------------


def _n_whole_sign(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    right = numbers.answer(question)
    return [(-right, f"{_number(-right)} has the right size and the wrong sign")] if right else []


def _n_f_prime_left_out(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    if question.kind != "delta" or numbers.linear[question.layer]:
        return []
    back = numbers.back(question.layer, question.row)
    return [(back, f"{_number(back)} is the sum before ⊙ f′(z) = {_number(numbers.f_prime_of(question))}")]


def _n_f_for_f_prime(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    if question.kind != "delta" or numbers.linear[question.layer]:
        return []
    k, i = question.layer, question.row
    f = numbers.a[k + 1][i]
    return [(numbers.back(k, i) * f, f"⊙ f(z) = {_number(f)} in place of ⊙ f′(z)")]


def _n_w_for_w_transposed(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    k, i = question.layer, question.row
    if question.kind != "delta" or k == len(numbers.delta) - 1:
        return []
    W, delta = numbers.W[k + 1], numbers.delta[k + 1]
    if len(W) < 2 or len(W) != len(W[0]):
        return []  # not square: W·δ would not fit, and a learner's shapes catch it
    total = math.fsum(W[i][m] * delta[m] for m in range(len(delta)))
    return [(total * numbers.f_prime[k][i], f"row {i + 1} of W in place of column {i + 1} (W·δ for Wᵀ·δ)")]


def _n_neighbouring_layer(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    k, i = question.layer, question.row
    if question.kind == "weight":
        j = question.column
        if j >= len(numbers.a[k + 1]):
            return []
        a = numbers.a[k + 1][j]
        return [(numbers.delta[k][i] * a, f"the layer's own output a = {_number(a)} in place of its input")]
    found: Numbers = []
    for other in (k + 1, k - 1):
        if 0 <= other < len(numbers.f_prime) and i < len(numbers.f_prime[other]) and not numbers.linear[k]:
            f_prime = numbers.f_prime[other]
            found.append(
                (numbers.back(k, i) * f_prime[i], f"f′ = {_number(f_prime[i])} of layer {other + 2}")
            )
    return found


def _n_squared_error_delta(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    k = question.layer
    if question.kind != "delta" or k != len(numbers.delta) - 1 or not numbers.log_loss:
        return []
    right, f_prime = numbers.delta[k][question.row], numbers.f_prime[k][question.row]
    return [(right * f_prime, f"(a − y)·f′(z) = {_number(right)}·{_number(f_prime)}, the squared error's δ")]


def _n_bias_row_kept(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    k, i = question.layer, question.row
    if question.kind != "delta" or k == len(numbers.delta) - 1:
        return []
    if i == 0:
        shifted = math.fsum(b * d for b, d in zip(numbers.b[k + 1], numbers.delta[k + 1], strict=True))
        what = "the bias row's Σ b·δ"
    else:
        shifted = numbers.back(k, i - 1)
        what = f"entry {i} of Wᵀδ (the one before)"
    return [(shifted * numbers.f_prime[k][i], f"{what} ⊙ f′(z), the vector shifted by the bias's entry")]


def _n_upstream_alone(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    if question.kind != "weight":
        return []
    delta = numbers.delta[question.layer][question.row]
    return [(delta, f"δ = {_number(delta)} alone, not multiplied by the input a the weight multiplies")]


def _n_local_alone(numbers: NetworkNumbers, question: NetworkQuestion) -> Numbers:
    if question.kind != "weight":
        return []
    a = numbers.a[question.layer][question.column]
    return [(a, f"a = {_number(a)} alone, not multiplied by the δ of the neuron the weight feeds")]


CATALOGUE: tuple[Misconception, ...] = (
    Misconception("a path left out",
                  "∂y/∂x adds the product of the local derivatives along every path from y down to x.",
                  _path_left_out),
    Misconception("paths multiplied instead of added",
                  "The paths' products add: ∂y/∂x = Σ over the paths, never their product.",
                  _paths_multiplied),
    Misconception("a whole-sign error",
                  "Keep every sign: a − b has ∂/∂b = −1, and a negative local derivative flips its path.",
                  _whole_sign, _n_whole_sign),
    Misconception("a sign lost on one path through a subtraction",
                  "∂(a − b)/∂b = −1: the minus stays on every path through the subtraction.",
                  _sign_lost_on_a_path),
    Misconception("the upstream gradient without the local derivative",
                  "Each term is the gradient from above times the local derivative of its edge.",
                  _upstream_alone, _n_upstream_alone),
    Misconception("the local derivative without the upstream gradient",
                  "Each term is the local derivative times the gradient ∂y/∂… arriving from above.",
                  _local_alone, _n_local_alone),
    Misconception("the node's value in place of a derivative",
                  "A derivative is a rate of change, read from the rule, not the node's value.",
                  _node_value),
    Misconception("the output's value in place of a derivative",
                  "∂y/∂… is a rate of change of y, not y's value.",
                  _output_value),
    Misconception("the sum rule used on a product",
                  "Along a path, and in a × b, derivatives multiply: ∂(a × b)/∂a = b, not 1.",
                  _sum_rule_on_product),
    Misconception("the product rule used on a sum",
                  "A sum passes the derivative on unchanged: ∂(a + b)/∂a = 1.",
                  _product_rule_on_sum),
    Misconception("an input swapped with its weight",
                  "∂(w·x)/∂w = x: the derivative by a factor is the other factor, the input it multiplies.",
                  _input_for_weight),
    Misconception("f′(z) left out",
                  "δ = (Wᵀδ above, or ∂J/∂a at the output) ⊙ f′(z): the activation's derivative is a factor.",
                  None, _n_f_prime_left_out),
    Misconception("f(z) in place of f′(z)",
                  "The factor is the activation's derivative f′(z), e.g. σ(1 − σ) or 1 − tanh², not f(z).",
                  None, _n_f_for_f_prime),
    Misconception("W in place of Wᵀ",
                  "δ⁽ˡ⁾ = (W⁽ˡ⁾)ᵀδ⁽ˡ⁺¹⁾ ⊙ f′: neuron i collects the weights leaving it, column i of W.",
                  None, _n_w_for_w_transposed),
    Misconception("the neighbouring layer's f′ or activation",
                  "δ⁽ˡ⁾ uses f′(z⁽ˡ⁾) of its own layer, and ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁺¹⁾(a⁽ˡ⁾)ᵀ the layer's input.",
                  None, _n_neighbouring_layer),
    Misconception("the squared-error δ on a log-loss output",
                  "With a sigmoid output and the log loss, δ = a − y: f′ cancels "
                  "((a − y)·f′ is the squared error's δ).",
                  None, _n_squared_error_delta),
    Misconception("the bias row not dropped",
                  "Θᵀδ has an entry for the bias unit first; drop it before ⊙ f′(z), it has no δ.",
                  None, _n_bias_row_kept),
)  # fmt: skip
"""Every misconception, in the order a diagnosis lists them."""


# ---- helpers ---------------------------------------------------------------------------------------


def upward_paths(worked: Worked, node: Value) -> list[Path]:
    """Every path from the root down to ``node``, found upward through ``worked.uses`` (bounded by the
    caller through ``worked.counts``); in time proportional to their total length."""
    if node in worked.found_paths:
        return worked.found_paths[node]
    found: list[Path] = []
    stack: list[tuple[Value, _Link | None]] = [(node, None)]
    while stack:
        at, below = stack.pop()
        if at is worked.root:
            edges: list[Edge] = []
            while below is not None:
                edges.append(below[0])
                below = below[1]
            found.append(Path((worked.root, *(edge.input for edge in edges)), tuple(edges)))
            continue
        for use in worked.uses[at]:
            stack.append((use.user, (Edge(use.user, at, use.local, use.position), below)))
    found.sort(key=lambda path: [edge.position for edge in path.edges])  # argument order
    worked.found_paths[node] = found
    return found


_Link = tuple[Edge, "_Link | None"]  # an edge and the rest of the path below it


def _few_paths(worked: Worked, question: Question) -> list[Path]:
    """The paths of a gradient question with 2 to ``MOST_PATHS`` paths, else none."""
    if not _gradient(question) or not 2 <= worked.counts.get(question.node, 0) <= MOST_PATHS:
        return []
    return upward_paths(worked, question.node)


def _missing(worked: Worked, path: Path) -> str:
    return f"it misses the path {_path_text(worked, path)}"


def _lost(worked: Worked, path: Path, minus: Edge) -> str:
    return f"the path {_path_text(worked, path)} lost the − of {worked.names[minus.output]}"


def _subtracts(edge: Edge) -> bool:
    return (edge.output.op == "sub" and edge.position == 1) or edge.output.op == "neg"


def _path_text(worked: Worked, path: Path) -> str:
    names = worked.names
    symbols = "·".join("∂{}/∂{}{}".format(*worked.symbol(edge)) for edge in path.edges)
    numbers = "·".join(_factor(edge.local, k) for k, edge in enumerate(path.edges))
    route = " → ".join(names[node] for node in path.nodes)
    if len(path.edges) == 1:
        return f"{route} ({symbols} = {numbers})"
    return f"{route} ({symbols} = {numbers} = {_number(path.product)})"


def _number(x: float) -> str:
    return format_number(x)


def _factor(x: float, position: int) -> str:
    """A number after an operator in parentheses when negative: ``5·(-3)``, ``-27 + (-15)``."""
    return f"({format_number(x)})" if x < 0 and position else format_number(x)
