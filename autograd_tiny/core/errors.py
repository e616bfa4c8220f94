"""The checks and errors of the engine: a number as a finite float, and the error for an operation
whose result or local derivative is not finite, each naming the operation and its numbers."""

from __future__ import annotations

import math
import numbers

__all__ = [
    "as_float",
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
    """``x`` as a finite float; ``TypeError`` for anything that is not a real number, bool included."""
    if type(x) is not float:
        if isinstance(x, bool) or not isinstance(x, numbers.Real):
            raise TypeError(f"{what} needs a real number, got {type(x).__name__} {short_repr(x)}")
        try:
            x = float(x)
        except OverflowError:  # an int past 1.8e308
            raise ValueError(
                f"{what} needs a finite number, got {short_repr(x)}, too large for a float"
            ) from None
    if not -_INF < x < _INF:
        raise ValueError(f"{what} needs a finite number, got {x}")
    return x


def short_repr(x: object) -> str:
    """``repr(x)``, cut to 40 characters (an int of 400 digits, a long string)."""
    try:
        text = repr(x)
    except ValueError:  # an int past Python's 4,300-digit limit for str()
        return f"an int of about {x.bit_length() * 0.30103:.0f} digits" if isinstance(x, int) else "it"
    return text if len(text) <= 40 else f"{text[:37]}..."


def describe(op: str, *data: float) -> str:
    """``log(0.5)``: an operation and its inputs, for a message."""
    return f"{op}({', '.join(f'{d:g}' for d in data)})"


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
