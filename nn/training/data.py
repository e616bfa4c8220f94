"""Checking data before any training step: X is m examples x⁽ⁱ⁾ of n_in numbers, y one target each.

The backpropagation derivation's cost J(W, b) = (1/m)Σᵢ J(W, b; x⁽ⁱ⁾, y⁽ⁱ⁾) runs over every
example: one bad number anywhere spoils every step after the one that meets it, so it is found
here, first, and named (``X[3][1] is nan``). Data may be lists, tuples or numpy arrays and numbers
numpy scalars: anything with ``len()`` and iteration, numbers that are ``numbers.Real``. nn does
not import numpy.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import autograd_tiny as at

__all__ = ["check_classes", "check_examples", "check_labels", "items"]


def items(data: object, what: str, caller: str, holding: str = "") -> list[Any]:
    """The entries of ``data`` as a list, if it has a length and can be iterated (a list, a tuple,
    a numpy array), and is not a string or a mapping; ``holding`` says what it should hold.

    Raises:
        TypeError: anything else; the message names ``what`` and what it was.
    """
    if not isinstance(data, (str, bytes, Mapping)):
        try:
            entries: list[Any] = list(data)  # type: ignore[call-overload]  # the except checks it
            if len(entries) == len(data):  # type: ignore[arg-type]  # a generator has no len
                return entries
        except TypeError:  # not iterable, no len(), or a 0-d numpy array
            pass
    raise TypeError(
        f"{caller}: {what} must be a list or array{holding}, got {type(data).__name__} {_short(data)}"
    )


def check_examples(
    X: object, n_in: int, caller: str, *, model: str = "the model", at_least: int = 1
) -> list[list[float]]:
    """``X`` as lists of floats, after checking that it holds at least ``at_least`` examples and that
    every example is ``n_in`` finite real numbers. A row that is such a list already is passed on as
    it is, not copied (fit, predict and accuracy only read it); any other row becomes a new list.

    Args:
        X: the examples, e.g. a list of lists or a 2-d numpy array.
        n_in: how many numbers each example must have (the model's ``n_in``).
        caller: the function to name in errors, e.g. ``"fit"``.
        model: how to name the model in errors, e.g. its ``repr``.
        at_least: the fewest examples allowed.

    Raises:
        TypeError: ``X`` or an example is not a list or array, or an entry is not a real number
            (``fit: X[1][1] is 'a' (str), not a number``).
        ValueError: there are fewer than ``at_least`` examples, an example has the wrong length,
            or an entry is not finite (``fit: X[3][1] is nan``).
    """
    rows = items(X, "X", caller, " of examples")
    if len(rows) < at_least:
        raise ValueError(f"{caller}: X holds {len(rows)} examples, at least {at_least} are needed")
    checked = []
    for i, row in enumerate(rows):
        if type(row) is list and len(row) == n_in and _only_floats(map(type, row)):  # the usual row:
            total = sum(row)  # one test for all of it: an inf or nan anywhere makes the sum inf or nan
            if total - total == 0.0:  # (so may an overflow, which the slow path below clears)
                checked.append(row)
                continue
        numbers_ = items(row, f"X[{i}]", caller, f" of {n_in} numbers (one example)")
        if len(numbers_) != n_in:
            raise ValueError(f"{caller}: X[{i}] has {len(numbers_)} numbers but {model} expects {n_in}")
        checked.append([_finite(x, f"X[{i}][{j}]", caller) for j, x in enumerate(numbers_)])
    return checked


_only_floats = frozenset({float}).issuperset


def check_labels(y: object, m: int, caller: str, what: str = "targets") -> list[Any]:
    """The entries of ``y``, if there is one per example (``m`` of them); each is checked later
    against the loss (``nn.objectives.check_targets``) or compared as a label.

    Raises:
        TypeError: ``y`` is not a list or array.
        ValueError: it does not have ``m`` entries.
    """
    labels = items(y, "y", caller)
    if len(labels) != m:
        raise ValueError(f"{caller}: {m} examples and {len(labels)} {what} (need the same number)")
    return labels


def check_classes(y: object, m: int, caller: str) -> list[Any]:
    """``check_labels``, and each label is one that can be compared with a prediction: a finite
    real number (a class index, 0/1, ±1) or a one-hot vector, a non-empty list or array of them.

    Raises:
        TypeError: ``y`` is not a list or array, or a label is neither a number nor a vector of them.
        ValueError: ``y`` does not have ``m`` entries, or a label is empty or not finite.
    """
    labels = check_labels(y, m, caller, "labels")
    for k, label in enumerate(labels):
        if isinstance(label, numbers.Real) and not isinstance(label, bool):
            _finite(label, f"y[{k}]", caller)
            continue
        try:
            vector = items(label, f"y[{k}]", caller)
        except TypeError:
            raise TypeError(
                f"{caller}: y[{k}] is {_short(label)} ({type(label).__name__}): a label is a class "
                "number or a one-hot list of numbers"
            ) from None
        if not vector:
            raise ValueError(f"{caller}: y[{k}] is empty: a one-hot label needs one number per class")
        for j, x in enumerate(vector):
            _finite(x, f"y[{k}][{j}]", caller)
    return labels


def _finite(x: object, where: str, caller: str) -> float:
    return at.check_number(x, f"{caller}: {where}")


def _short(x: object, most: int = 60) -> str:
    """``repr(x)``, cut to ``most`` characters (an int of over 4,300 digits has no repr at all)."""
    if isinstance(x, numbers.Integral) and abs(int(x)).bit_length() > 4 * most:
        return f"an integer of {abs(int(x)).bit_length():,} bits"
    text = repr(x)
    return text if len(text) <= most else text[: most - 1] + "…"
