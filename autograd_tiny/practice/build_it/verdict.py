"""``CodeVerdict``: what a check says about the learner's code, a hint before the answer.

A first failure names the bug and where it shows, with the numbers; a second call that fails the same
way also gets the worked fix; the reference code only on ``reveal()``. Which bug each step last
failed with is remembered per thread and per context (``contextvars``), by the bug's name only: the
learner's code is never stored.
"""

from __future__ import annotations

import html
from contextvars import ContextVar
from dataclasses import dataclass, replace

from autograd_tiny.practice.report import Checked

__all__ = ["STATUSES", "CodeVerdict", "failed", "passed"]

STATUSES = ("right", "wrong", "not written")
_MARKS = {"right": "✓", "wrong": "✗", "not written": "…"}

_LAST_FAILURE: ContextVar[dict[str, tuple[str, int]] | None] = ContextVar(
    "autograd_tiny.practice.build_it", default=None
)


def _failures() -> dict[str, tuple[str, int]]:
    """The bug each step last failed with, in this thread and context (made on first use)."""
    failures = _LAST_FAILURE.get()
    if failures is None:
        failures = {}
        _LAST_FAILURE.set(failures)
    return failures


@dataclass(frozen=True)
class CodeVerdict(Checked):
    """The verdict on one piece of the learner's code; ``print`` it, or let Jupyter show it.

    Attributes:
        step: what was checked, e.g. ``check_rule('tanh')``.
        status: one of ``STATUSES`` ("not written": the skeleton is still empty).
        bug: the bug's name (e.g. "gradient overwritten instead of accumulated"), "" when right.
        message: what went wrong and where, with the numbers; or what was checked, when right.
        fix: the worked fix, shown from the second failure of the same kind on.
        tries: how many calls in a row this step has failed with this bug (0 when right).
        solution: the reference code, shown only by ``reveal()``.
        revealed: True once ``reveal()`` was asked for.
    """

    step: str
    status: str
    bug: str
    message: str
    fix: str = ""
    tries: int = 0
    solution: str = ""
    revealed: bool = False

    def reveal(self) -> CodeVerdict:
        """The same verdict with the worked fix and the reference code shown (the answer)."""
        return replace(self, revealed=True)

    def _lines(self) -> list[tuple[str, str]]:
        """(heading, text) pairs in the order shown: the verdict, then the fix, then the code."""
        head = "right" if self.right else self.bug
        lines = [(f"{_MARKS[self.status]} {self.step}: {head}", self.message)]
        if not self.right and self.fix and (self.tries >= 2 or self.revealed):
            lines.append(("the fix", self.fix))
        elif self.status == "wrong" and self.fix:
            lines.append(
                (
                    "",
                    "Try a fix and run the check again; "
                    "a second failure of the same kind shows how to correct it.",
                )
            )
        if self.revealed and self.solution:
            lines.append(("a solution", self.solution))
        return lines

    def __str__(self) -> str:
        parts = []
        for heading, text in self._lines():
            if heading.startswith(tuple(_MARKS.values())):
                parts.append(f"{heading}\n  {text}")
            elif heading:
                parts.append(f"{heading}:\n{_indented(text)}")
            else:
                parts.append(f"  {text}")
        return "\n".join(parts)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        rows = []
        for heading, text in self._lines():
            body = html.escape(text)
            if heading == "a solution":
                body = f"<pre style='text-align:left;margin:0'>{body}</pre>"
            rows.append(
                f"<tr><th style='text-align:left;vertical-align:top'>{html.escape(heading)}</th>"
                f"<td style='text-align:left;white-space:pre-wrap'>{body}</td></tr>"
            )
        return f"<table><tbody>{''.join(rows)}</tbody></table>"


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def passed(step: str, message: str, solution: str = "") -> CodeVerdict:
    """A right verdict; forgets the step's last failure."""
    _failures().pop(step, None)
    return CodeVerdict(step, "right", "", message, solution=solution)


def failed(
    step: str, bug: str, message: str, fix: str = "", solution: str = "", *, written: bool = True
) -> CodeVerdict:
    """A wrong (or not yet written) verdict; counts how many calls in a row failed with this bug.

    Args:
        step: what was checked. bug: the bug's name. message: what went wrong and where, with numbers.
        fix: the worked fix (shown from the second failure with the same bug).
        solution: the reference code (shown on ``reveal()``).
        written: False when the skeleton is still empty (status "not written", no try counted).
    """
    failures = _failures()
    tries = 1
    if written:
        last_bug, last_tries = failures.get(step, ("", 0))
        tries = last_tries + 1 if last_bug == bug else 1
        failures[step] = (bug, tries)
    status = "wrong" if written else "not written"
    return CodeVerdict(step, status, bug, message, fix, tries if written else 0, solution)
