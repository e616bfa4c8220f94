"""Hints before answers: one hand answer graded at the learner's precision, and what it is told.

A first wrong answer to a question gets the misconceptions its number matches, named with their
rule, and the question's rule with the numbers filled in up to, not including, the result; a second,
different wrong answer gets the worked step, result included; the answer itself is shown only then,
or after ``reveal()``. Tries are counted per exercise object and per key, as the set of different
wrong numbers given so far: running the same cell again with the same answer is not a new try.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from autograd_tiny.practice.diagnosis import name_mistakes
from autograd_tiny.practice.misconceptions import Mistake
from autograd_tiny.practice.precision import exactly, grade, matches, needed, read_answer
from autograd_tiny.practice.report import Verdict, shown

__all__ = ["HINTS_BEFORE_ANSWER", "Diagnosis", "Tries", "diagnose", "judge"]

HINTS_BEFORE_ANSWER = 1
"""Wrong answers to a question that get a hint (the rule up to the result) before the worked step."""


@dataclass(frozen=True)
class Diagnosis:
    """What an answer is, without any hint or try counted: for grading a class's answers together.

    Attributes:
        status: ``"right"``, ``"wrong"``, ``"more digits"``, ``"unfilled"`` or ``"not a number"``.
        mistakes: for a wrong answer, every misconception whose number it matches (none: no
            misconception of the catalogue explains it).
    """

    status: str
    mistakes: tuple[Mistake, ...] = ()


def diagnose(raw: object, right: float, mistakes: Sequence[Mistake], slack: float) -> Diagnosis:
    """The status of one answer and the misconceptions it matches, as ``judge`` grades it.

    Args:
        raw: the answer as given (``...`` or ``""`` for not filled in).
        right: the right number.
        mistakes: the catalogue's numbers for the question (``exercise.mistakes(key)``).
        slack: the relative slack for float rounding.
    """
    if raw is ... or raw == "":
        return Diagnosis("unfilled")
    reading = read_answer(raw)
    if isinstance(reading, str):
        return Diagnosis("not a number")
    status = grade(reading, right, slack)
    if status == "more digits" and any(exactly(reading, mistake.number) for mistake in mistakes):
        status = "wrong"  # a misconception's exact number (0 for −0.044), not a rough right answer
    if status != "wrong":
        return Diagnosis(status)
    return Diagnosis(
        "wrong", tuple(mistake for mistake in mistakes if matches(reading, mistake.number, slack))
    )


class Tries:
    """The different wrong numbers given so far to each question of one exercise, and ``revealed``.

    Attributes:
        revealed: True once the exercise's answers were asked for (``reveal()``): every verdict
            shows its answer from then on.
    """

    def __init__(self) -> None:
        self._wrong: dict[str, list[float]] = {}
        self.revealed = False

    def record(self, key: str, number: float) -> int:
        """Note a wrong ``number`` for ``key``; how many different wrong numbers ``key`` has had."""
        seen = self._wrong.setdefault(key, [])
        if number not in seen:
            seen.append(number)
        return len(seen)

    def count(self, key: str) -> int:
        """How many different wrong numbers ``key`` has had so far."""
        return len(self._wrong.get(key, ()))


def judge(
    key: str,
    raw: object,
    right: float,
    mistakes: Sequence[Mistake],
    steps: Callable[[bool], str],
    tries: Tries,
    slack: float,
) -> Verdict:
    """The verdict on one answer.

    Args:
        key: the question's key.
        raw: the answer as given (``...`` for not filled in).
        right: the right number.
        mistakes: the catalogue's numbers for this question (``exercise.mistakes(key)``).
        steps: the rule with the numbers: ``steps(False)`` up to the result (``… = 4·1 + 5·1 = ?``),
            ``steps(True)`` with it; only the one shown is written.
        tries: the exercise's tries, updated here.
        slack: the relative slack for float rounding.
    """
    if raw is ...:
        return Verdict(key, "unfilled", "...", right, revealed=tries.revealed)
    reading = read_answer(raw)
    if isinstance(reading, str):
        return Verdict(key, "not a number", shown(raw), right, reading, revealed=tries.revealed)
    found = diagnose(raw, right, mistakes, slack)
    status = found.status
    if status == "right":
        return Verdict(key, "right", shown(raw), right, revealed=True)
    if status == "more digits":
        return Verdict(
            key, "more digits", shown(raw), right, f"Close: {needed(right)}.", revealed=tries.revealed
        )
    named = name_mistakes(found.mistakes)
    if tries.record(key, reading.number) <= HINTS_BEFORE_ANSWER and not tries.revealed:
        hint = f"The rule with the numbers: {steps(False)}"
        return Verdict(
            key, "wrong", shown(raw), right, f"{named} {hint} Try again." if named else f"{hint} Try again."
        )
    worked = f"The worked step: {steps(True)}"
    text = f"{named} {worked}" if named else worked
    return Verdict(key, "wrong", shown(raw), right, text, revealed=True)
