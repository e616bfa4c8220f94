"""Verdicts on hand answers, one per answer, as text for a terminal and as a table for Jupyter."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from autograd_tiny.core.errors import short_repr
from autograd_tiny.core.formatting import format_number

__all__ = ["GRADED", "STATUSES", "UNFILLED", "Checked", "Report", "Verdict", "shown", "verdicts_in_order"]

STATUSES = ("right", "wrong", "more digits", "unfilled", "not a number", "not asked", "unknown key")
GRADED = ("right", "wrong", "more digits", "not a number")
"""The statuses that count in a score: an answer given to a question that was asked."""
UNFILLED = "fill in your answer"
_MARKS = {
    "right": "✓",
    "wrong": "✗",
    "more digits": "≈",
    "unfilled": "…",
    "not a number": "?",
    "not asked": "–",
    "unknown key": "?",
}


class Checked:
    """What a verdict on hand answers (``Verdict``) and one on code (``CodeVerdict``) share: a
    ``status``, right when it is "right"."""

    status: str

    @property
    def right(self) -> bool:
        """True when the answer is right, or the code passed every check of its step."""
        return self.status == "right"


@dataclass(frozen=True)
class Verdict(Checked):
    """What the checker says about one answer.

    Attributes:
        key: the question, e.g. ``∂y/∂x2``.
        status: one of ``STATUSES``.
        given: the answer as the learner wrote it.
        answer: the right number (None where nothing is asked, e.g. a constant's gradient); it is
            shown only when ``revealed``.
        message: for a wrong answer the misconception and a hint, otherwise what to do next ("" when right).
        revealed: whether the learner may see ``answer`` (right, after a second wrong try, or after
            ``reveal()``).
    """

    key: str
    status: str
    given: str
    answer: float | None
    message: str = ""
    revealed: bool = False

    def __str__(self) -> str:
        mark = _MARKS[self.status]
        if self.status == "unfilled":
            return f"{mark} {self.key}: {UNFILLED}"
        if self.status == "right":
            return f"{mark} {self.key} = {self.given}: right"
        if self.status == "wrong" and self.revealed:
            return f"{mark} {self.key} = {self.given}: wrong, it is {_number(self.answer)}. {self.message}"
        if self.status == "wrong":
            return f"{mark} {self.key} = {self.given}: wrong. {self.message}"
        return f"{mark} {self.key} = {self.given}: {self.message}"


@dataclass(frozen=True)
class Report:
    """The verdicts on a set of answers; ``print`` it, or let Jupyter show it as a table.

    Attributes:
        verdicts: one per answer given, in the order of the questions.
        title: a line above the verdicts (e.g. the expression), or "".
    """

    verdicts: tuple[Verdict, ...]
    title: str = ""

    @property
    def all_right(self) -> bool:
        """True when every answer was filled in and is right."""
        return bool(self.verdicts) and all(verdict.right for verdict in self.verdicts)

    @property
    def score(self) -> tuple[int, int]:
        """(right answers, answers graded): unfilled answers and constants are not graded."""
        graded = [v for v in self.verdicts if v.status in GRADED]
        return sum(v.right for v in graded), len(graded)

    def summary(self) -> str:
        """``2 of 3 right``, or ``fill in your answers`` when nothing was filled in."""
        right, graded = self.score
        if not graded:
            return "fill in your answers, then run the cell again"
        unfilled = sum(v.status == "unfilled" for v in self.verdicts)
        rest = f", {unfilled} still to fill in" if unfilled else ""
        return f"{right} of {graded} right{rest}"

    def __str__(self) -> str:
        lines = [self.title] if self.title else []
        return "\n".join([*lines, *map(str, self.verdicts), self.summary()])

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        """The table; a "right answer" column only once some answer may be shown (hints come first)."""
        answers = any(v.revealed and v.status not in ("right", "unfilled") for v in self.verdicts)
        rows = "".join(
            f"<tr><td>{_MARKS[v.status]}</td><td>{html.escape(v.key)}</td><td>{html.escape(v.given)}</td>"
            + (
                f"<td>{_number(v.answer) if v.revealed and v.status != 'unfilled' else ''}</td>"
                if answers
                else ""
            )
            + f"<td style='text-align:left'>{html.escape(_comment(v))}</td></tr>"
            for v in self.verdicts
        )
        title = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        column = "<th>right answer</th>" if answers else ""
        return (
            f"<table>{title}<thead><tr><th></th><th>question</th><th>your answer</th>{column}"
            f"<th>comment</th></tr></thead><tbody>{rows}</tbody>"
            f"<tfoot><tr><td colspan='{5 if answers else 4}'>"
            f"{html.escape(self.summary())}</td></tr></tfoot></table>"
        )


def _comment(verdict: Verdict) -> str:
    return UNFILLED if verdict.status == "unfilled" else verdict.message


def _number(x: float | None) -> str:
    return "" if x is None else format_number(x)


def shown(raw: object) -> str:
    """How an answer is echoed back: a number as the learner would write it, anything else as its repr,
    cut to 40 characters (a report is for reading, not a copy of whatever was pasted)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        try:
            return format_number(float(raw))
        except OverflowError:  # an int past float's range: its first digits
            text = str(raw)
            return f"{text[:8]}…({len(text)} digits)"
    return cut(raw) if isinstance(raw, str) else short_repr(raw)


def cut(text: str) -> str:
    """``text``, cut to 40 characters: a key or an answer as a report echoes it."""
    return text if len(text) <= 40 else f"{text[:37]}..."


def verdicts_in_order(verdicts: Sequence[Verdict], order: Sequence[str]) -> tuple[Verdict, ...]:
    """The verdicts sorted by the position of their key in ``order`` (unknown keys last)."""
    rank = {key: k for k, key in enumerate(order)}
    return tuple(sorted(verdicts, key=lambda v: rank.get(v.key, len(rank))))
