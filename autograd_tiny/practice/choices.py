"""Multiple choice from real misconceptions: each question with the right answer and distractors
taken from the catalogue (the numbers students holding those misconceptions write), shuffled by a
seeded ``random.Random``, so the same seed gives the same sheet; the key says which misconception
each distractor is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from autograd_tiny.core.formatting import format_number
from autograd_tiny.practice.exercise import Exercise
from autograd_tiny.practice.precision import apart
from autograd_tiny.practice.questions import Question

__all__ = ["LETTERS", "MOST_CHOICES", "Choice", "Option", "choices_for"]

LETTERS = "ABCDEF"
MOST_CHOICES = len(LETTERS)


@dataclass(frozen=True)
class Option:
    """One choice: the number as printed, and ``""`` for the right one or the misconception's name
    and how its number is made."""

    number: str
    misconception: str
    detail: str = ""


@dataclass(frozen=True)
class Choice:
    """A question asked as multiple choice: its options in the printed order, and the right letter."""

    question: Question
    options: tuple[Option, ...]

    @property
    def right(self) -> str:
        """The letter of the right option."""
        return next(LETTERS[k] for k, option in enumerate(self.options) if not option.misconception)


def choices_for(exercise: Exercise, count: int, rng: random.Random) -> dict[str, Choice]:
    """For each asked question with at least ``count − 1`` distractors in the catalogue, its choice.

    Distractors are the catalogue's numbers for the question that are apart (three significant
    digits) from the right answer and from each other, the first ``count − 1`` of them picked by
    ``rng``; a question with too few stays a blank to fill.

    Raises:
        ValueError: ``count`` is not from 2 to ``MOST_CHOICES``.
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 2 <= count <= MOST_CHOICES:
        raise ValueError(
            f"choices: the number of choices must be an int from 2 to {MOST_CHOICES}, got {count!r}"
        )
    found: dict[str, Choice] = {}
    for question in exercise.questions:
        pool: list[Option] = []
        kept: list[float] = [question.answer]
        for mistake in exercise.mistakes(question.key):
            if all(apart(mistake.number, other) for other in kept):
                kept.append(mistake.number)
                pool.append(Option(format_number(mistake.number), mistake.name, mistake.detail))
        if len(pool) < count - 1:
            continue
        options = [Option(format_number(question.answer), ""), *rng.sample(pool, count - 1)]
        rng.shuffle(options)
        found[question.key] = Choice(question, tuple(options))
    return found
