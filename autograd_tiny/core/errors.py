"""The checks and errors of the engine: a number as a finite float, and the error for an operation
whose result or local derivative is not finite, each naming the operation and its numbers."""

from __future__ import annotations

import contextlib
import math
import numbers

from autograd_tiny.core.formatting import format_number

__all__ = [
    "as_float",
    "check_number",
    "derivative_error",
    "describe",
    "not_finite",
    "overflow",
    "short_repr",
    "silent_float_error",
    "variable_exponent_error",
]

_INF = math.inf


def as_float(x: object, what: str = "Value") -> float:
    """``x`` as a finite float: ``check_number`` with no interval, a float returned at once."""
    if type(x) is float and -_INF < x < _INF:  # the engine's common case, without a call
        return x
    return check_number(x, what)


def check_number(
    x: object,
    what: str,
    *,
    low: float = -_INF,
    high: float = _INF,
    open_low: bool = False,
    open_high: bool = False,
) -> float:
    """``x`` as a float, if it is a finite real number in the interval from ``low`` to ``high``: the
    one check of a number, for the engine and for ``nn`` (as ``autograd_tiny.check_number``).

    One exception type for one mistake, everywhere: what is not a real number (a bool, a string, a
    ``Value``) is a ``TypeError``; a number that is not finite, or outside the interval, a ``ValueError``.

    Args:
        x: what was given. what: how the message names it (``"lr"``, ``"fit: X[0][1]"``).
        low, high: the interval; ``open_low`` and ``open_high`` leave out its ends.

    Raises:
        TypeError, ValueError: as above; the message names ``what``, the interval and ``x``.
    """
    if high == _INF:
        bound = "" if low == -_INF else f" {'>' if open_low else '≥'} {format_number(low)}"
    elif low == -_INF:
        bound = f" {'<' if open_high else '≤'} {format_number(high)}"
    else:
        ends = f"{format_number(low)}, {format_number(high)}"
        bound = " in " + ("(" if open_low else "[") + ends + (")" if open_high else "]")
    shown = short_repr(x)
    if isinstance(x, numbers.Real) and not isinstance(x, (bool, int)):  # a numpy scalar reads as its float
        with contextlib.suppress(TypeError, ValueError, OverflowError):
            shown = repr(float(x))
    wanted = f"{what} must be a finite number{bound}, got {shown}"
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{wanted} ({type(x).__name__}, not a real number)")
    try:
        number = float(x)
    except OverflowError:  # an int past 1.8e308
        raise ValueError(f"{wanted}, too large for a float") from None
    above = number > low if open_low else number >= low
    below = number < high if open_high else number <= high
    if not (-_INF < number < _INF and above and below):
        raise ValueError(wanted)
    return number


def short_repr(x: object) -> str:
    """``repr(x)``, cut to 40 characters (an int of 400 digits, a long string)."""
    try:
        text = repr(x)
    except ValueError:  # an int past Python's 4,300-digit limit for str()
        return f"an int of about {x.bit_length() * 0.30103:.0f} digits" if isinstance(x, int) else "it"
    return text if len(text) <= 40 else f"{text[:37]}..."


def describe(op: str, *data: float) -> str:
    """``log(0.5)``: an operation and its inputs, for a message."""
    return f"{op}({', '.join(map(format_number, data))})"


def derivative_error(op: str, data: tuple[float, ...], error: Exception | str) -> ValueError:
    """The error for a local derivative that is not finite (or cannot be computed) at these inputs."""
    return ValueError(f"{describe(op, *data)}: the local derivative is not finite here ({error})")


def not_finite(
    op: str, out: float, data: tuple[float, ...], detail: Exception | str
) -> ArithmeticError | ValueError:
    """The error for a result (OverflowError) or a local derivative (ValueError) that is not finite."""
    if not math.isfinite(out):
        return overflow(op, out, *data)
    return derivative_error(op, data, detail)


def overflow(op: str, out: float, *data: float) -> OverflowError:
    """The error for a result that is not a finite float."""
    return OverflowError(f"{describe(op, *data)} = {out}: the result is not a finite float")


def silent_float_error(kind: str, name: str) -> TypeError:
    """The error for ``float(x)`` on a ``Value`` or ``Dual`` (what ``math.exp(x)`` calls): the number
    would leave the graph without a word, and the derivative through it would be silently wrong."""
    return TypeError(
        f"a {kind} is not turned into a float silently (math.exp({name}) would drop its derivative): "
        f"use {name}.exp() or autograd_tiny.exp({name}) to stay in the graph, {name}.data for the number"
    )


def variable_exponent_error(base: float, exponent: float) -> ValueError:
    """The error for aᵇ with a variable exponent b at a base a ≤ 0, where ∂/∂b = aᵇ·ln a does not exist
    (``Value``, ``Dual`` and the tape's replay all refuse it with this message)."""
    return ValueError(
        f"{describe('pow', base, exponent)}: a variable exponent needs a positive base, "
        "because ∂(aᵇ)/∂b = aᵇ·ln a is undefined for a ≤ 0"
    )
