"""``Exercise``: a graph to work out by hand, as the composite-function tutorial works y = (x1 + x2)(x2 + 1).

The learner fills in some or all of: every node's value (the forward pass), every edge's local
derivative, every node's gradient ∂y/∂node, and every input's gradient as a sum over paths. The
drawing leaves those numbers blank; ``check`` grades a dict of answers at the precision the learner
wrote them, names the misconceptions of the catalogue that a wrong number matches, and gives a hint
before the answer (see ``feedback``).
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Collection, Mapping
from types import EllipsisType
from typing import Any

from autograd_tiny.core.errors import short_repr
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value
from autograd_tiny.parsing.build import parse
from autograd_tiny.practice.diagnosis import up_to_result, written_out
from autograd_tiny.practice.feedback import Diagnosis, Tries, diagnose, judge
from autograd_tiny.practice.misconceptions import Mistake, graph_mistakes
from autograd_tiny.practice.precision import SLACK, check_slack
from autograd_tiny.practice.questions import ASKS, Question, Worked, normalise_key, work_out
from autograd_tiny.practice.report import Report, Verdict, cut, shown, verdicts_in_order
from autograd_tiny.practice.solution import Solution, svg_or_text
from autograd_tiny.see.digraph import Drawing
from autograd_tiny.see.dot import drawing_of
from autograd_tiny.see.dot_options import DrawingOptions

__all__ = ["KINDS", "TOLERANCE", "Exercise", "exercise"]

TOLERANCE = SLACK
"""The default relative slack for float rounding; answers are graded at the digits the learner gives."""

KINDS = {
    "value": "value",
    "local": "local derivative",
    "grad": "gradient",
    "path": "gradient, sum over paths",
}

_UNKNOWN_SHOWN = 20  # unknown keys beyond these are counted in one verdict


class Exercise:
    """A graph whose numbers the learner works out; ``check`` grades the answers.

    Args:
        root: the output of the graph (its nodes are named as in ``draw``: ``a``, ``b``, …, ``y``).
        ask: what to ask for, any of ``ASKS``: ``"values"``, ``"locals"``, ``"grads"``, ``"paths"``.
        title: a line that says what the graph is, e.g. ``y = (x1+x2)*(x2+1) at x1 = 2, x2 = 3``.
        tolerance: the relative slack for float rounding, in [0, 0.001] (default 1e-9). An answer
            is right when it is the true value rounded to the digits given (``precision.grade``):
            integers and short exact decimals exactly, three significant digits otherwise.

    Raises:
        TypeError: ``root`` is not a ``Value``.
        ValueError: ``ask`` is empty or names something else, ``tolerance`` is not in [0, 0.001], or
            ``root`` is a leaf (no operation to work out).

    Nothing here changes any ``.grad`` of the graph. Tries are counted on this object, per key
    (``feedback``): a new exercise object starts again from hints.
    """

    def __init__(
        self, root: Value, *, ask: Collection[str] = ASKS, title: str = "", tolerance: float = TOLERANCE
    ) -> None:
        if isinstance(ask, str) or not ask or any(item not in ASKS for item in ask):
            raise ValueError(f"Exercise: ask must be some of {', '.join(ASKS)}, got {ask!r}")
        slack = check_slack(tolerance, "Exercise")
        self.worked: Worked = work_out(root)
        if not root.edges:
            raise ValueError("Exercise: the output is an input (a leaf): there is no operation to work out")
        self.root = root
        self.ask = tuple(item for item in ASKS if item in ask)
        self.title = title or f"{self.worked.root_name} = {format_number(root.data)}: work out the graph"
        self.tolerance = slack
        self.questions: list[Question] = self.worked.asked(self.ask)
        self.tries = Tries()

    @property
    def keys(self) -> list[str]:
        """The questions' keys, in the order to work them out (values, locals, gradients, inputs)."""
        return [question.key for question in self.questions]

    def blank(self) -> dict[str, Any]:
        """``{key: ...}`` for every question: fill in the ``...`` and pass it to ``check``."""
        return dict.fromkeys(self.keys, ...)

    def check(self, answers: Mapping[str, object] | EllipsisType) -> Report:
        """Grade hand answers: each right, wrong (with the misconception named and a hint; the answer
        from the second different wrong try on), "more digits", unfilled (``...``), not a number, or
        an unknown key (with the nearest key); one bad entry never stops the others being graded.

        Args:
            answers: ``{key: answer}``, keys as in ``keys``; ``dy/dx2``, ``d y / d x2`` and ``z'``
                (for ``z′``) are read too. Any question of the graph may be answered, asked or not.
                ``...`` alone: nothing filled in yet.

        Returns:
            A ``Report``: ``print`` it, or let Jupyter show it as a table.

        Raises:
            TypeError: ``answers`` is not a mapping.
        """
        if answers is ...:
            answers = self.blank()  # check(...) before anything is filled in
        if not isinstance(answers, Mapping):
            raise TypeError(
                f"check: answers must be a dict such as {{'∂y/∂x1': 4}}, got {short_repr(answers)}"
            )
        verdicts: list[Verdict] = []
        given: dict[str, tuple[object, object]] = {}  # question key → (key as written, answer)
        unknown = 0
        for raw_key, raw in answers.items():
            question = self.question(raw_key) if isinstance(raw_key, str) else None
            if question is None:
                unknown += 1
                if unknown <= _UNKNOWN_SHOWN:
                    verdicts.append(self._unknown(raw_key, raw))
            elif question.key in given and given[question.key][1] is not ...:
                first = given[question.key][0]
                twice = f"as {cut(str(first))!r} and {cut(raw_key)!r}"
                message = f"{question.key} is answered twice, {twice}: the first is graded"
                verdicts.append(Verdict(str(raw_key), "not asked", shown(raw), None, message))
            else:  # a first answer, or one that fills in a blank left as ...
                given[question.key] = (raw_key, raw)
        verdicts += [self._verdict(self.worked.questions[key], raw) for key, (_, raw) in given.items()]
        if unknown > _UNKNOWN_SHOWN:  # a report is for reading: the rest are counted, not listed
            more = f"{unknown - _UNKNOWN_SHOWN:,} more keys"
            verdicts.append(Verdict(more, "unknown key", "", None, "they name no question of this graph"))
        return Report(verdicts_in_order(verdicts, list(self.worked.questions)), self.title)

    def question(self, key: str) -> Question | None:
        """The question a key names (``dy/dx2``, ``∂y/∂x2`` and ``z'`` read as written), or None."""
        questions = self.worked.questions
        return questions.get(normalise_key(key)) or questions.get(key.strip())

    def mistakes(self, key: str) -> list[Mistake]:
        """Each misconception's number for a question: what a learner holding it would answer.

        Useful to a teacher as well: ``[(m.name, m.number) for m in exercise.mistakes("dy/dx2")]``.

        Raises:
            KeyError: ``key`` names no question of this graph.
        """
        question = self.question(key)
        if question is None:
            raise KeyError(
                f"mistakes: {key!r} is not a question of this graph; "
                f"the questions are {', '.join(self.worked.questions)}"
            )
        return graph_mistakes(self.worked, question)

    def diagnose(self, key: str, answer: object) -> Diagnosis:
        """The status of ``answer`` to ``key`` and the misconceptions it matches, with no hint given
        and no try counted (for grading many learners' answers at once).

        Raises:
            KeyError: ``key`` names no question of this graph.
        """
        return diagnose(answer, self.answer(key), self.mistakes(key), self.tolerance)

    def answer(self, key: str) -> float:
        """The right number for a question (what ``reveal`` shows).

        Raises:
            KeyError: ``key`` names no question of this graph.
        """
        question = self.question(key)
        if question is None:
            raise KeyError(f"answer: {key!r} is not a question of this graph")
        return question.answer

    def reveal(self) -> Solution:
        """The worked answers; from now on every verdict of this exercise shows its answer too."""
        self.tries.revealed = True
        return Solution(self)

    def solution(self) -> Solution:
        """The worked answers: the filled-in drawing, every number, and the sums over paths."""
        return Solution(self)

    def drawing(self, *, filled: bool = False, rankdir: str = "LR") -> Drawing:
        """The graph with a ``?`` for every number asked (or, ``filled``, with every number).

        ``rankdir`` is ``to_dot``'s: ``"LR"`` (inputs on the left) or ``"TB"`` (inputs at the top) ….
        """
        blanks = [] if filled else _blanks(self.ask)
        show_grad = filled or "grads" in self.ask or "paths" in self.ask
        grads = self.worked.gradients  # ∂root/∂node, worked out on floats: no .grad is written
        options = DrawingOptions(show_grad=show_grad, blanks=blanks, rankdir=rankdir, grads=grads)
        return drawing_of(self.root, options, "drawing")

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

    def _verdict(self, question: Question, raw: object) -> Verdict:

        def steps(result: bool) -> str:
            return (written_out if result else up_to_result)(self.worked, question)

        mistakes = graph_mistakes(self.worked, question) if raw is not ... else []
        return judge(question.key, raw, question.answer, mistakes, steps, self.tries, self.tolerance)

    def _unknown(self, raw_key: object, raw: object) -> Verdict:
        """The verdict on a key that names no question: a constant's gradient, or a did-you-mean."""
        if not isinstance(raw_key, str):
            return Verdict(
                short_repr(raw_key), "unknown key", shown(raw), None, "a key is text such as '∂y/∂x1'"
            )
        key = normalise_key(raw_key)
        constant = self.worked.constant_named(key)
        if constant is not None:
            name = self.worked.names[constant]
            return Verdict(
                key, "not asked", shown(raw), None,
                f"{name} is a constant: it is not an input or a parameter, so nothing asks for its "
                "gradient (the backward pass may compute one in passing; nothing uses it). Leave it out.",
            )  # fmt: skip
        return Verdict(
            cut(raw_key),
            "unknown key",
            shown(raw),
            None,
            _did_you_mean(raw_key[:60], list(self.worked.questions)),
        )


def exercise(
    graph: str | Value, /, *, ask: Collection[str] = ASKS, tolerance: float = TOLERANCE, **values: float
) -> Exercise:
    """An exercise from an expression (``exercise("(x1+x2)*(x2+1)", x1=2, x2=3)``) or a ``Value``.

    Args:
        graph: the text of an expression (read by ``parse``) or the output ``Value`` of a graph.
        ask: what to ask for (see ``Exercise``).
        tolerance: the relative slack for float rounding, in [0, 0.001] (see ``Exercise``).
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


def _did_you_mean(raw_key: str, keys: list[str]) -> str:
    """``'dydx2' is not a question of this graph; did you mean ∂y/∂x2?`` (compared in ASCII, d for ∂)."""
    ascii_keys = {key.replace("∂", "d").replace(" ", ""): key for key in keys}
    typed = "".join(raw_key.split()).replace("∂", "d")
    near = difflib.get_close_matches(typed, list(ascii_keys), n=1, cutoff=0.6)
    hint = (
        f"did you mean {ascii_keys[near[0]]}?"
        if near
        else f"the questions are {', '.join(keys[:12])}" + (", …" if len(keys) > 12 else "")
    )
    return f"{raw_key!r} is not a question of this graph; {hint} This answer is not graded."


def _blanks(ask: Collection[str]) -> list[str]:
    hidden = {"values": "data", "locals": "local", "grads": "grad", "paths": "grad"}
    return sorted({hidden[item] for item in ask})


def _formula_only(worked: Worked, node: Value) -> str:
    text = written_out(worked, Question(worked.names[node], "value", node.data, node))
    return text.split(" = ")[1]
