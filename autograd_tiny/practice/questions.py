"""The questions of an exercise on one graph, named as its drawing names the nodes.

The composite-function tutorial works y = (x1 + x2)(x2 + 1) in three steps, and each step is a kind
of question here: the value of every node (keep the intermediate values), the local derivative on
every edge, and each node's gradient ∂y/∂node (the sum, over the nodes directly above it, of their
gradient times the local derivative); an input's gradient is asked as a sum over paths.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from autograd_tiny.core.chain import STORED, chain_rule
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.paths import Edge, Path, edge_symbol

__all__ = ["ASKS", "Question", "Use", "Worked", "normalise_key", "work_out"]

ASKS = ("values", "locals", "grads", "paths")
"""What an exercise may ask for: node values, edge local derivatives, node gradients, input gradients."""


@dataclass(frozen=True)
class Question:
    """One number the learner works out.

    Attributes:
        key: how the learner names it: ``a`` (a value), ``∂a/∂x2`` (a local derivative, or a
            gradient when the top is the output, ``∂y/∂a``).
        kind: ``"value"``, ``"local"``, ``"grad"`` (an interior node) or ``"path"`` (an input).
        answer: the right number.
        node: the node asked about; for a local derivative, the edge's output.
        edge: for a local derivative, the edge; otherwise None.
    """

    key: str
    kind: str
    answer: float
    node: Value
    edge: Edge | None = None


class Use(NamedTuple):
    """One edge into a node, seen from below: the node ``user`` takes it as input ``position``."""

    user: Value
    position: int
    local: float


@dataclass(frozen=True)
class Worked:
    """A graph with everything a checker needs: names, every gradient, and every question.

    Attributes:
        root: the output.
        names: every node's name, inputs first (as ``see.naming.node_names``).
        gradients: ∂root/∂node for every node, worked out without touching any ``.grad``.
        questions: every question the graph allows, by key, in the order of ``ASKS``.
        uses: for every node, the edges that take it as an input (so a question reads its own, in
            time independent of the graph's size).
        counts: for every node, how many paths lead from the root down to it (up to 2⁶⁰).
        along: for every node, the sum over those paths of the sum of their local derivatives (what
            a learner gets who adds along a path where the derivatives multiply).
        found_paths: the paths listed so far, by node (filled by ``misconceptions.upward_paths``).
        repeated: each node's inputs that it takes more than once, found when first asked (``symbol``).
    """

    root: Value
    names: dict[Value, str]
    gradients: dict[Value, float]
    questions: dict[str, Question]
    uses: dict[Value, list[Use]] = field(default_factory=dict)
    counts: dict[Value, int] = field(default_factory=dict)
    along: dict[Value, float] = field(default_factory=dict)
    found_paths: dict[Value, list[Path]] = field(default_factory=dict, compare=False, repr=False)
    repeated: dict[Value, set[Value]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def root_name(self) -> str:
        """The output's name (``y`` unless it has a label)."""
        return self.names[self.root]

    def symbol(self, edge: Edge) -> tuple[str, str, str]:
        """``see.paths.edge_symbol``, with each node's repeated inputs found once (a sum of n terms)."""
        output = edge.output
        if output not in self.repeated:
            seen: set[Value] = set()
            self.repeated[output] = set()
            for input_, _ in output.edges:
                (self.repeated[output] if input_ in seen else seen).add(input_)
        mark = f"[{edge.position + 1}]" if edge.input in self.repeated[output] else ""
        return self.names[output], self.names[edge.input], mark

    def asked(self, asks: Collection[str]) -> list[Question]:
        """The questions of the kinds in ``asks`` (a subset of ``ASKS``), in graph order."""
        kinds = {ask[:-1] for ask in asks}
        return [question for question in self.questions.values() if question.kind in kinds]

    def constant_named(self, key: str) -> Value | None:
        """The constant a key such as ``∂y/∂1`` differentiates by, or None."""
        _, slash, bottom = key.partition("/∂")
        if not slash:
            return None
        return next((node for node, name in self.names.items() if node.constant and name == bottom), None)


def work_out(root: Value) -> Worked:
    """Names, gradients and every question of the graph under ``root``.

    Raises:
        TypeError: ``root`` is not a ``Value``.
    """
    order = topological_order(root)  # checks that root is a Value
    names = node_names(root)
    gradients = dict.fromkeys(order, 0.0)
    gradients[root] = 1.0
    for _ in chain_rule(order, gradients, STORED):  # the chain rule on floats: no .grad changes
        pass
    uses: dict[Value, list[Use]] = {node: [] for node in order}
    counts = dict.fromkeys(order, 0)
    along = dict.fromkeys(order, 0.0)
    counts[root] = 1
    for node in reversed(order):  # the output first: a node's sums are final before its inputs'
        for position, (input_, local) in enumerate(node.edges):
            uses[input_].append(Use(node, position, local))
            counts[input_] = min(counts[input_] + counts[node], _MOST_COUNTED)
            along[input_] += along[node] + counts[node] * local
    top = names[root]
    values: list[Question] = []
    locals_: list[Question] = []
    grads: list[Question] = []
    inputs: list[Question] = []
    for node in order:
        name = names[node]
        if node.constant:
            continue
        if not node.edges:
            inputs.append(Question(f"∂{top}/∂{name}", "path", gradients.get(node, 0.0), node))
            continue
        values.append(Question(name, "value", node.data, node))
        if node is not root:
            grads.append(Question(f"∂{top}/∂{name}", "grad", gradients.get(node, 0.0), node))
        for position, (input_, local) in enumerate(node.edges):
            if not input_.constant:
                edge = Edge(node, input_, local, position)
                key = "∂{}/∂{}{}".format(*edge_symbol(edge, names))
                locals_.append(Question(key, "local", local, node, edge))
    derivatives = {question.key for question in (*grads, *inputs)}
    values = [_value_key(question, derivatives) for question in values]
    questions = {question.key: question for question in (*values, *grads, *inputs)}
    for question in locals_:  # an edge out of the output is written like a gradient: ∂y/∂a
        key = question.key
        if key in questions:
            if questions[key].answer == question.answer:
                continue  # the same question twice: ∂y/∂a when y's only use of a is this edge
            key = f"{key} {_EDGE}"
        questions[key] = Question(key, "local", question.answer, question.node, question.edge)
    ordered = sorted(questions.values(), key=lambda q: ("value", "local", "grad", "path").index(q.kind))
    return Worked(
        root, names, gradients, {question.key: question for question in ordered}, uses, counts, along
    )


def _value_key(question: Question, derivatives: set[str]) -> Question:
    """A value's question keyed ``value of NAME`` when its name reads as another key (a label ``dy/dx``)."""
    name = question.key
    if normalise_key(name) == name and name not in derivatives and not name.startswith(_VALUE_OF):
        return question
    return Question(f"{_VALUE_OF}{name}", "value", question.answer, question.node)


def normalise_key(key: str) -> str:
    """``dy/dx2``, ``d y / d x2`` and ``∂y/∂x2`` all as ``∂y/∂x2``; ``z'`` as ``z′`` and ``z''`` as ``z″``;
    a direct edge's ``∂y/∂x2|direct`` (as drawings write it) as ``∂y/∂x2 (edge)``; a value's name
    unchanged."""
    text = "".join(key.split()).replace("''", "″").replace('"', "″").replace("'", "′")
    edge = text.endswith((_EDGE, _DIRECT))
    text = text.removesuffix(_EDGE).removesuffix(_DIRECT)
    top, slash, bottom = text.partition("/")
    if slash and top[:1] in "d∂" and bottom[:1] in "d∂" and len(top) > 1 and len(bottom) > 1:
        text = f"∂{top[1:]}/∂{bottom[1:]}"
    return f"{text} {_EDGE}" if edge else text


_EDGE = "(edge)"
_DIRECT = "|direct"  # see.local_symbols.DIRECT, the drawings' mark of a direct edge
_MOST_COUNTED = 2**60  # path counts can grow exponentially with depth: past this they stay here
_VALUE_OF = "value of "
