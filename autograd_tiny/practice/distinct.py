"""Points at which mistakes can be told apart: every misconception's number differs from the right
answer and from every other misconception's number, and no path's product is 0 (leaving out a path
of product 0 cannot be seen).

Two numbers that are the same *function* of the inputs (on y = (x1 + x2)(x2 + 1), the paths to x2
multiplied give a·b, which is y's value at every point) are one mistake in two words, not a clash of
the point: the diagnosis says "either … or …". ``clashes`` tells them apart by working the graph out
again at two nearby points; numbers that meet there too are the same function.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Protocol

from autograd_tiny.core.functions import sum as sum_of
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.operators import OPERATORS
from autograd_tiny.core.value import Constant, Value
from autograd_tiny.practice.misconceptions import Mistake, graph_mistakes
from autograd_tiny.practice.precision import apart
from autograd_tiny.practice.questions import Worked, work_out

__all__ = ["Gradable", "clashes", "distinct"]

_OPERATORS: dict[str, Callable[..., Value]] = {**OPERATORS, "sum": lambda *terms: sum_of(terms)}
_NEARBY = 2  # nearby points at which two numbers that meet are tried again
_SAME = 1e-9


class Gradable(Protocol):
    """What ``clashes`` needs of an exercise: its keys, each key's right number and mistakes."""

    @property
    def keys(self) -> list[str]: ...

    def answer(self, key: str) -> float: ...

    def mistakes(self, key: str) -> list[Mistake]: ...


def distinct(exercise: Gradable, keys: Sequence[str] | None = None) -> bool:
    """Whether every mistake of every question of ``exercise`` can be told apart (``clashes`` is empty).

    A lesson asserts it of its fixed exercise: ``assert at.practice.distinct(your_turn)``.
    """
    return not clashes(exercise, keys)


def clashes(exercise: Gradable, keys: Sequence[str] | None = None) -> list[str]:
    """Why the mistakes of ``exercise`` cannot all be told apart at its point, one line each; ``[]``
    when they can.

    For every question: each misconception's number must be apart (``precision.apart``: at three
    significant digits) from the right number and from every other one's; on a graph, no edge's
    local derivative and no gradient may be 0. Numbers that are the same function of the inputs are
    not a clash.
    ``keys``: only these questions (those a lesson asks), instead of all of ``exercise.keys``.
    """
    worked: Worked | None = getattr(exercise, "worked", None)
    found: list[str] = []
    if worked is not None:
        for node in worked.names:
            for input_, local in node.edges:
                if local == 0 and not input_.constant:
                    edge = f"∂{worked.names[node]}/∂{worked.names[input_]}"
                    found.append(
                        f"{edge} = 0: every path through it has product 0, so leaving it out cannot be seen"
                    )
        for question in worked.questions.values():
            if question.kind in ("grad", "path") and question.answer == 0:
                found.append(f"{question.key} = 0: the paths cancel, so a path left out cannot be told apart")
    candidates: list[tuple[str, int, int | None, str]] = []
    for key in exercise.keys if keys is None else keys:
        right, mistakes = exercise.answer(key), exercise.mistakes(key)
        for k, mistake in enumerate(mistakes):
            if not apart(mistake.number, right):
                candidates.append(
                    (
                        key,
                        k,
                        None,
                        f"{key}: {mistake.name} gives {mistake.number:.6g}, the right answer {right:.6g}",
                    )
                )
            for m in range(k):
                other = mistakes[m]
                if not apart(mistake.number, other.number):
                    both = f" ({other.detail}; {mistake.detail})" if other.name == mistake.name else ""
                    candidates.append(
                        (
                            key,
                            k,
                            m,
                            f"{key}: {other.name} and {mistake.name} both give {mistake.number:.6g}{both}",
                        )
                    )
    if candidates and worked is not None:  # the same function of the inputs is no clash: try nearby points
        nearby = _nearby(worked)
        again = {key: [_again(point, key) for point in nearby] for key, _, _, _ in candidates}
        candidates = [c for c in candidates if not _same(again[c[0]], c[1], c[2])]
    return found + [text for _, _, _, text in candidates]


def _again(worked: Worked | None, key: str) -> tuple[float, list[float]] | None:
    """The right number and the mistakes' numbers of ``key`` at a nearby point (None: not there)."""
    if worked is None or key not in worked.questions:
        return None
    question = worked.questions[key]
    return question.answer, [mistake.number for mistake in graph_mistakes(worked, question)]


def _same(again: Sequence[tuple[float, list[float]] | None], k: int, m: int | None) -> bool:
    """Whether mistake ``k`` and mistake ``m`` (None: the right number) meet at every nearby point."""
    if not again or any(point is None for point in again):
        return False
    for point in again:
        assert point is not None
        right, numbers = point
        if k >= len(numbers) or (m is not None and m >= len(numbers)):
            return False
        first, second = numbers[k], right if m is None else numbers[m]
        if abs(first - second) > _SAME * max(1.0, abs(first), abs(second)):
            return False
    return True


def _nearby(worked: Worked) -> list[Worked | None]:
    """The graph worked out again at ``_NEARBY`` points near its own (None where it cannot be)."""
    rng = random.Random(0)
    points: list[Worked | None] = []
    for _ in range(_NEARBY):
        try:
            points.append(work_out(_rebuilt(worked, rng)))
        except (ValueError, ArithmeticError):  # a nearby point outside a domain: no evidence there
            points.append(None)
    return points


def _rebuilt(worked: Worked, rng: random.Random) -> Value:
    """The same graph, its inputs moved a little (constants kept), labels kept so names match."""
    copies: dict[Value, Value] = {}
    for node in topological_order(worked.root):  # inputs first
        if node.constant:
            copy: Value = Constant(node.data)
        elif not node.edges:
            copy = Value(node.data + 0.037 * (1 + abs(node.data)) * rng.uniform(-1, 1))
        else:
            inputs = [copies[input_] for input_, _ in node.edges]
            operation: Callable[..., Value] = _OPERATORS.get(node.op) or getattr(Value, node.op)
            copy = operation(*inputs)
        copy.label = node.label
        copies[node] = copy
    return copies[worked.root]
