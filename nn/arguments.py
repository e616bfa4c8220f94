"""Checks of numeric arguments, so that every bad argument is an error that names it."""

from __future__ import annotations

import math

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
    number = float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else math.nan
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
    """``n`` itself, if it is an integer (not a bool) from ``low`` to ``high`` (no limit if None).

    Raises:
        ValueError: anything else; the message names ``what`` and the range.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < low or (high is not None and n > high):
        expected = f"in {low}..{high}" if high is not None else f"≥ {low}"
        raise ValueError(f"{what} must be an integer {expected}, got {n!r}")
    return n
