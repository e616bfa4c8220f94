"""Checks of numeric arguments, so that every bad argument is an error that names it.

Any real number is a number here (``numbers.Real``: numpy scalars too), any integer a count
(``numbers.Integral``), but never a bool.
"""

from __future__ import annotations

import math
import numbers

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
    """``x`` as a float, if it is a finite real number (not a bool) in the interval from low to high.

    Raises:
        ValueError: anything else; the message names ``what`` and the interval.
    """
    number = math.nan
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        try:
            number = float(x)
        except OverflowError:  # an int too large for a float
            number = math.inf
    above = number > low if open_low else number >= low
    below = number < high if open_high else number <= high
    if not (math.isfinite(number) and above and below):
        if high == math.inf:
            bound = "" if low == -math.inf else f" {'>' if open_low else '≥'} {low:g}"
        else:
            bound = " in " + ("(" if open_low else "[") + f"{low:g}, {high:g}" + (")" if open_high else "]")
        raise ValueError(f"{what} must be a finite number{bound}, got {x!r}")
    return number


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
