"""Calling a user's function the way JAX and ``torch.func`` do: ``f(*inputs)``, one argument per input.

A wrong number of arguments is caught before ``f`` runs and named in one line (Python's own error,
"missing 1 required positional argument", would not say which call of ours made it).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["call_spread"]

Result = TypeVar("Result")


def call_spread(f: Callable[..., Result], arguments: Sequence[object], call: str) -> Result:
    """``f(*arguments)``, after checking that ``f`` takes that many positional arguments.

    Args:
        f: the user's function.
        arguments: one argument per input (``Dual``s or ``Value``s).
        call: how the caller names the call in an error, e.g. ``"jvp: f(*primals)"``.

    Returns:
        Whatever ``f`` returns.

    Raises:
        TypeError: ``f`` is not callable, or cannot take ``len(arguments)`` positional arguments.
    """
    if not callable(f):
        raise TypeError(f"{call}: f must be a function, got {type(f).__name__} {f!r}")
    try:
        signature = inspect.signature(f)
    except (TypeError, ValueError):  # a builtin without a signature: let the call itself decide
        return f(*arguments)
    try:
        signature.bind(*arguments)
    except TypeError:
        count = len(arguments)
        name = getattr(f, "__name__", "f")
        raise TypeError(
            f"{call} passes {count} argument{'s' if count != 1 else ''}, one per input, "
            f"but {'f' if name == '<lambda>' else name}{_plain(signature)} cannot take them: "
            "write f with one parameter per input"
        ) from None
    return f(*arguments)


def _plain(signature: inspect.Signature) -> str:
    """The parameters alone, ``(x1, x2)``, without annotations or defaults' types."""
    empty = inspect.Parameter.empty
    parameters = [parameter.replace(annotation=empty) for parameter in signature.parameters.values()]
    return str(signature.replace(parameters=parameters, return_annotation=empty))
