"""Grading at the precision the learner wrote: an answer is right when it is the true value rounded
to the digits given, and a number worked out by hand needs three significant digits at least.

``read_answer`` keeps how many decimals and significant digits an answer was written with;
``matches`` says whether it is some number rounded to those digits; ``grade`` gives the status;
``apart`` says whether two numbers can always be told apart by an answer of three significant digits.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

__all__ = ["DIGITS", "SLACK", "Reading", "apart", "check_slack", "exactly", "grade", "matches", "read_answer"]

DIGITS = 3
"""Significant digits a hand answer needs when the true value is not a short exact decimal."""
SLACK = 1e-9
"""Relative slack on top of the learner's rounding, for the last bits of float arithmetic."""
MOST_SLACK = 1e-3
"""The largest slack an exercise accepts: a tenth of a percent, far below any misconception's gap."""
_EXACT_DECIMALS = 6  # a true value equal to itself at 6 decimals is exact: 241, 0.25, -0.0384


@dataclass(frozen=True)
class Reading:
    """A hand answer read as a number, with the precision it was written at.

    Attributes:
        number: the value.
        decimals: the digits after the point (0 for ``240``, 2 for ``0.10``); None for a fraction
            such as ``3/4``, which is exact.
        significant: the significant digits written (2 for ``0.10``, 3 for ``240``); None for a fraction.
    """

    number: float
    decimals: int | None
    significant: int | None


def read_answer(raw: object) -> Reading | str:
    """A hand answer as a ``Reading``, or a message saying why it is not a number.

    Accepts ints, floats (read at their shortest repr: ``0.1`` has one decimal), and text such as
    ``4``, ``-0.5``, ``−2`` (the minus sign of print), ``1e-3`` or a fraction ``3/4``.
    """
    if isinstance(raw, bool) or raw is None:
        return _not_a_number(raw)
    if isinstance(raw, numbers.Integral):
        text = str(int(raw))
    elif isinstance(raw, numbers.Real):
        text = repr(float(raw))
    elif isinstance(raw, str):
        text = raw.strip().replace("−", "-").replace("_", "")
    else:
        return _not_a_number(raw)
    top, slash, bottom = text.partition("/")
    try:
        if slash:
            fraction = Fraction(Decimal(top.strip())) / Fraction(Decimal(bottom.strip()))
            return _finite(raw, float(fraction), None, None)
        exact = Decimal(text)
    except (InvalidOperation, ValueError, ZeroDivisionError, OverflowError):
        return _not_a_number(raw)
    if not exact.is_finite():
        return f"{_short(raw)} is not a finite number: every answer here is finite."
    _, digits, exponent = exact.as_tuple()
    assert isinstance(exponent, int)
    decimals = max(0, -exponent)
    significant = len("".join(map(str, digits)).lstrip("0")) or 1
    return _finite(raw, float(exact), decimals, significant)


def matches(reading: Reading, number: float, slack: float = SLACK) -> bool:
    """Whether ``reading`` is ``number`` rounded to the decimals it was written with."""
    if not math.isfinite(number):
        return False
    room = 0.0 if reading.decimals is None else 0.5 * 10.0 ** (-reading.decimals)
    return abs(reading.number - number) <= room + slack * max(abs(number), abs(reading.number)) + 1e-12


def grade(reading: Reading, right: float, slack: float = SLACK) -> str:
    """``"right"``, ``"wrong"`` or ``"more digits"`` (the right number, too roughly rounded).

    Right when the answer is the true value rounded to the digits given, and those digits are
    enough: all of them for an integer or a short exact decimal (241, 0.25), otherwise ``DIGITS``
    significant digits at least (0.105 for 0.10499…, not 0.1).
    """
    if not matches(reading, right, slack):
        return "wrong"
    exact_match = _exact(right) and matches(Reading(reading.number, None, None), right, slack)
    if reading.decimals is None or exact_match:
        return "right"
    if _exact(right) or (reading.significant or 0) < DIGITS:
        return "more digits"
    return "right"


def exactly(reading: Reading, number: float) -> bool:
    """Whether ``reading`` is ``number`` itself, a short exact decimal written out in full (``0`` for 0)."""
    return _exact(number) and abs(reading.number - number) <= 1e-12 * max(1.0, abs(number))


def needed(right: float) -> str:
    """What a ``more digits`` verdict asks for: the exact number's digits, or three significant."""
    if _exact(right):
        return f"this number is exact: give all its digits (it has {_decimals(right)} after the point)"
    return "give three significant digits"


def apart(first: float, second: float) -> bool:
    """Whether no answer of three significant digits (or exact) can be both numbers at once.

    Two short exact decimals are apart when they differ; otherwise they must be more than 1 % apart.
    (An exact mistake such as 0, written as it is, is graded wrong even where it rounds to the right
    number: see ``feedback.judge``.)
    """
    if _exact(first) and _exact(second):
        return abs(first - second) > 1e-9 * max(1.0, abs(first), abs(second))
    return abs(first - second) > 0.01 * max(abs(first), abs(second))


def check_slack(slack: object, where: str) -> float:
    """``slack`` as a float, if it is a number in [0, ``MOST_SLACK``].

    Raises:
        ValueError: it is not, naming ``where`` (e.g. ``Exercise``).
    """
    if isinstance(slack, bool) or not isinstance(slack, (int, float)) or not 0 <= slack <= MOST_SLACK:
        raise ValueError(
            f"{where}: tolerance is the relative slack for float rounding, a number in [0, {MOST_SLACK}]; "
            f"answers are graded at the digits the learner gives; got {slack!r}"
        )
    return float(slack)


def _exact(x: float) -> bool:
    return math.isfinite(x) and abs(x) < 1e12 and abs(round(x, _EXACT_DECIMALS) - x) <= 1e-12 * max(1, abs(x))


def _decimals(x: float) -> int:
    text = f"{round(x, _EXACT_DECIMALS):.{_EXACT_DECIMALS}f}".rstrip("0")
    return len(text.partition(".")[2])


def _finite(raw: object, number: float, decimals: int | None, significant: int | None) -> Reading | str:
    if not math.isfinite(number):
        return f"{_short(raw)} is too large: every answer here is a finite number of ordinary size."
    return Reading(number, decimals, significant)


def _not_a_number(raw: object) -> str:
    return f"{_short(raw)} is not a number: write a number such as 4, -0.5 or 3/4."


def _short(raw: object) -> str:
    """The answer's repr, cut to 40 characters (an int of 400 digits is not echoed whole)."""
    text = repr(raw)
    return text if len(text) <= 40 else f"{text[:30]}…({len(text)} characters)"
