"""``Exercise``: a graph to work out by hand, as the composite-function tutorial works y = (x1 + x2)(x2 + 1).

The learner fills in some or all of: every node's value (the forward pass), every edge's local
derivative, every node's gradient ∂y/∂node, and every input's gradient as a sum over paths. The
drawing leaves those numbers blank; ``check`` grades a dict of answers and names the likely mistake.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Collection, Mapping
from types import EllipsisType
from typing import Any

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value
from autograd_tiny.parsing.build import parse
from autograd_tiny.practice.diagnosis import diagnose, written_out
from autograd_tiny.practice.questions import ASKS, Question, Worked, normalise_key, work_out
from autograd_tiny.practice.report import Report, Verdict, read_answer, shown, verdicts_in_order
from autograd_tiny.practice.solution import Solution, svg_or_text
from autograd_tiny.see.digraph import Drawing
from autograd_tiny.see.dot import drawing_of
from autograd_tiny.see.dot_options import DrawingOptions

__all__ = ["KINDS", "TOLERANCE", "Exercise", "exercise"]

TOLERANCE = 0.005
"""Relative tolerance for a hand answer: three significant digits are enough (0.0384 for −0.03840…)."""

KINDS = {
    "value": "value",
    "local": "local derivative",
    "grad": "gradient",
    "path": "gradient, sum over paths",
}


class Exercise:
    """A graph whose numbers the learner works out; ``check`` grades the answers.

    Args:
        root: the output of the graph (its nodes are named as in ``draw``: ``a``, ``b``, …, ``y``).
        ask: what to ask for, any of ``ASKS``: ``"values"``, ``"locals"``, ``"grads"``, ``"paths"``.
        title: a line that says what the graph is, e.g. ``y = (x1+x2)*(x2+1) at x1 = 2, x2 = 3``.
        tolerance: the relative difference a hand answer may have from the right number.

    Raises:
        TypeError: ``root`` is not a ``Value``.
        ValueError: ``ask`` is empty or names something else, ``tolerance`` is not in [0, 0.5), or
            ``root`` is a leaf (no operation to work out).

    Nothing here changes any ``.grad`` of the graph.
    """

    def __init__(
        self, root: Value, *, ask: Collection[str] = ASKS, title: str = "", tolerance: float = TOLERANCE
    ) -> None:
        if isinstance(ask, str) or not ask or any(item not in ASKS for item in ask):
            raise ValueError(f"Exercise: ask must be some of {', '.join(ASKS)}, got {ask!r}")
        if not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 0.5:
            raise ValueError(f"Exercise: tolerance must be a number in [0, 0.5), got {tolerance!r}")
        self.worked: Worked = work_out(root)
        if not root.edges:
            raise ValueError("Exercise: the output is an input (a leaf): there is no operation to work out")
        self.root = root
        self.ask = tuple(item for item in ASKS if item in ask)
        self.title = title or f"{self.worked.root_name} = {format_number(root.data)}: work out the graph"
        self.tolerance = float(tolerance)
        self.questions: list[Question] = self.worked.asked(self.ask)

    @property
    def keys(self) -> list[str]:
        """The questions' keys, in the order to work them out (values, locals, gradients, inputs)."""
        return [question.key for question in self.questions]

    def blank(self) -> dict[str, Any]:
        """``{key: ...}`` for every question: fill in the ``...`` and pass it to ``check``."""
        return dict.fromkeys(self.keys, ...)

    def check(self, answers: Mapping[str, object] | EllipsisType) -> Report:
        """Grade hand answers: each right, wrong (with the right number and the likely mistake),
        unfilled (``...``: "fill in your answer") or not a number (with what to write).

        Args:
            answers: ``{key: answer}``, keys as in ``keys`` (``dy/dx2`` is read as ``∂y/∂x2``);
                any question of the graph may be answered, asked or not. ``...`` alone: nothing
                filled in yet.

        Returns:
            A ``Report``: ``print`` it, or let Jupyter show it as a table.

        Raises:
            TypeError: ``answers`` is not a mapping with string keys.
            ValueError: a key names no question of this graph (the message lists the keys), or two
                keys name the same question (``dy/dx2`` and ``∂y/∂x2``).
        """
        if answers is ...:
            answers = self.blank()  # check(...) before anything is filled in
        if not isinstance(answers, Mapping):
            raise TypeError(f"check: answers must be a dict such as {{'∂y/∂x1': 4}}, got {answers!r}")
        verdicts = [self._verdict(key, raw) for key, raw in answers.items()]
        seen: dict[str, object] = {}
        for raw_key, verdict in zip(answers, verdicts, strict=True):
            if verdict.key in seen:
                raise ValueError(
                    f"check: {verdict.key} is answered twice, as {seen[verdict.key]!r} and {raw_key!r}"
                )
            seen[verdict.key] = raw_key
        return Report(verdicts_in_order(verdicts, list(self.worked.questions)), self.title)

    def solution(self) -> Solution:
        """The worked answers: the filled-in drawing, every number, and the sums over paths."""
        return Solution(self)

    def drawing(self, *, filled: bool = False, rankdir: str = "LR") -> Drawing:
        """The graph with a ``?`` for every number asked (or, ``filled``, with every number).

        ``rankdir`` is ``to_dot``'s: ``"LR"`` (inputs on the left) or ``"TB"`` (inputs at the top) ….
        """
        blanks = [] if filled else _blanks(self.ask)
        show_grad = filled or "grads" in self.ask or "paths" in self.ask
        options = DrawingOptions(show_grad=show_grad, blanks=blanks, rankdir=rankdir)
        return self._with_gradients(lambda: drawing_of(self.root, options, "drawing"))

    def graph_text(self) -> list[str]:
        """The graph in words, a line per node: ``x1 = 2``, then ``a = x1 + x2`` and so on."""
        names = self.worked.names
        lines = []
        for node, name in names.items():
            if node.constant:
                continue
            if not node.edges:
                lines.append(f"{name} = {format_number(node.data)}")
            else:
                lines.append(f"{name} = {_formula_only(self.worked, node)}")
        return lines

    def __str__(self) -> str:
        rows = [
            f"  {key} = ...   ({KINDS[q.kind]})" for key, q in zip(self.keys, self.questions, strict=True)
        ]
        return "\n".join(
            [
                self.title,
                "the graph (names as in the drawing):",
                *(f"  {line}" for line in self.graph_text()),
                "work out:",
                *rows,
                "answers = exercise.blank(); fill in each ...; then exercise.check(answers)",
            ]
        )

    def __repr__(self) -> str:
        return f"<Exercise {self.title!r}: {len(self.questions)} questions; print() it to read them>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(q.key)}</td><td>{KINDS[q.kind]}</td><td style='min-width:6em'></td></tr>"
            for q in self.questions
        )
        return (
            f"<p><b>{html.escape(self.title)}</b></p>{svg_or_text(self.drawing(), self.graph_text())}"
            f"<table><thead><tr><th>question</th><th>what</th><th>your answer</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            "<p>answers = exercise.blank(), fill in each <code>...</code>, then exercise.check(answers)</p>"
        )

    def _verdict(self, raw_key: object, raw: object) -> Verdict:
        if not isinstance(raw_key, str):
            raise TypeError(f"check: each key must be a str such as '∂y/∂x1', got {raw_key!r}")
        key = normalise_key(raw_key)
        question = self.worked.questions.get(key)
        if question is None:
            constant = self.worked.constant_named(key)
            if constant is None:
                raise ValueError(
                    f"check: {raw_key!r} is not a question of this graph; the questions are "
                    f"{', '.join(self.worked.questions)}"
                )
            name = self.worked.names[constant]
            return Verdict(
                key, "not asked", shown(raw), None,
                f"{name} is a constant: it is not an input or a parameter, so nothing asks for its "
                "gradient (the backward pass may compute one in passing; nothing uses it). Leave it out.",
            )  # fmt: skip
        if raw is ...:
            return Verdict(key, "unfilled", "...", question.answer)
        number = read_answer(raw)
        if isinstance(number, str):
            return Verdict(key, "not a number", shown(raw), question.answer, number)
        if self._close(number, question.answer):
            return Verdict(key, "right", shown(raw), question.answer)
        return Verdict(
            key, "wrong", shown(raw), question.answer, diagnose(self.worked, question, number, self._close)
        )

    def _close(self, given: float, right: float) -> bool:
        return math.isclose(given, right, rel_tol=self.tolerance, abs_tol=1e-9)

    def _with_gradients(self, make: Callable[[], Drawing]) -> Drawing:
        """``make()`` with every ``.grad`` set to ∂root/∂node, then every ``.grad`` put back."""
        kept = {node: node.grad for node in self.worked.names}
        try:
            for node in kept:
                node.grad = self.worked.gradients.get(node, 0.0)
            return make()
        finally:
            for node, grad in kept.items():
                node.grad = grad


def exercise(
    graph: str | Value, /, *, ask: Collection[str] = ASKS, tolerance: float = TOLERANCE, **values: float
) -> Exercise:
    """An exercise from an expression (``exercise("(x1+x2)*(x2+1)", x1=2, x2=3)``) or a ``Value``.

    Args:
        graph: the text of an expression (read by ``parse``) or the output ``Value`` of a graph.
        ask: what to ask for (see ``Exercise``).
        tolerance: the relative difference a hand answer may have.
        **values: with text, a number for every name in the expression.

    Raises:
        TypeError: ``graph`` is neither text nor a ``Value``, or values come with a ``Value``.
        ValueError: the text cannot be parsed at these values (see ``parse``), or a bad ``ask``.
    """
    if isinstance(graph, Value):
        if values:
            raise TypeError(
                f"exercise: values ({', '.join(values)}) are only for an expression given as text"
            )
        return Exercise(graph, ask=ask, tolerance=tolerance)
    if not isinstance(graph, str):
        raise TypeError(f"exercise: graph must be an expression (str) or a Value, got {type(graph).__name__}")
    root, leaves = parse(graph, **values)
    where = ", ".join(f"{name} = {format_number(leaf.data)}" for name, leaf in leaves.items())
    name = work_out(root).root_name
    title = f"{name} = {graph}" + (f" at {where}" if where else "")
    return Exercise(root, ask=ask, title=title, tolerance=tolerance)


def _blanks(ask: Collection[str]) -> list[str]:
    hidden = {"values": "data", "locals": "local", "grads": "grad", "paths": "grad"}
    return sorted({hidden[item] for item in ask})


def _formula_only(worked: Worked, node: Value) -> str:
    text = written_out(worked, Question(worked.names[node], "value", node.data, node))
    return text.split(" = ")[1]
