"""Checks of numeric arguments, so that every bad argument is an error that names it.

Any real number is a number here (``numbers.Real``: numpy scalars too), any integer a count
(``numbers.Integral``), but never a bool.
"""

from __future__ import annotations

import math
import numbers

import autograd_tiny as at

__all__ = ["check_count", "check_number"]


def check_number(
    x: object,
    what: str,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    open_low: bool = False,
    open_high: bool = False,
) -> float:
    """``x`` as a float, if it is a finite real number (not a bool) in the interval from low to high:
    the engine's one check (``at.check_number``), so nn and the engine refuse a number alike.

    Raises:
        TypeError: ``x`` is not a real number. ValueError: it is not finite or outside the interval.
    """
    return at.check_number(x, what, low=low, high=high, open_low=open_low, open_high=open_high)


def check_count(n: object, what: str, low: int = 1, high: int | None = None) -> int:
    """``n`` as an int, if it is an integer (not a bool) from ``low`` to ``high`` (no limit if None).

    Raises:
        ValueError: anything else; the message names ``what`` and the range.
    """
    count = int(n) if isinstance(n, numbers.Integral) and not isinstance(n, bool) else None
    if count is None or count < low or (high is not None and count > high):
        expected = f"in {low}..{high}" if high is not None else f"≥ {low}"
        raise ValueError(f"{what} must be an integer {expected}, got {n!r}")
    return count
