"""Gradient checking as the gradient-checking tutorial teaches it: central differences and the relative error
‖g₁ − g₂‖ / ‖g₁ + g₂‖.

The gradient-checking tutorial approximates ∂J/∂θᵢ ≈ (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε and trusts the analytic
gradient when the relative difference is below 1e−7.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from autograd_tiny.core.errors import as_float
from autograd_tiny.core.gradients import grad
from autograd_tiny.core.recording import no_grad
from autograd_tiny.core.value import Value

__all__ = ["GradientCheckError", "check_gradients", "numerical_gradient", "relative_error"]

Function = Callable[[list[Value]], Value]


class GradientCheckError(AssertionError):
    """The analytic and numerical gradients disagree; the message lists them input by input."""


def numerical_gradient(f: Function, xs: Sequence[Value | float], eps: float = 1e-6) -> list[float]:
    """Central differences (f(x + ε) − f(x − ε)) / 2ε for each input.

    Args:
        f: maps a list of ``Value``s to a ``Value``.
        xs: numbers, or existing leaves such as a model's parameters; a leaf's ``data`` is moved by
            ±ε and always put back.
        eps: the step ε.
    """
    leaves = _leaves(xs)
    gradient = []
    with no_grad():
        for leaf in leaves:
            original = leaf.data
            try:
                leaf.data = original + eps
                plus = _output(f(leaves))
                leaf.data = original - eps
                minus = _output(f(leaves))
            finally:
                leaf.data = original
            gradient.append((plus - minus) / (2 * eps))
    return gradient


def relative_error(a: Sequence[float] | float, b: Sequence[float] | float) -> float:
    """‖a − b‖ / ‖a + b‖ (Euclidean norms); 0 when both are zero, inf when only a + b is."""
    va = [a] if isinstance(a, (int, float)) else list(a)
    vb = [b] if isinstance(b, (int, float)) else list(b)
    if len(va) != len(vb):
        raise ValueError(f"relative_error: lengths differ ({len(va)} and {len(vb)})")
    difference = math.hypot(*(x - y for x, y in zip(va, vb, strict=True)))
    total = math.hypot(*(x + y for x, y in zip(va, vb, strict=True)))
    if total == 0:
        return 0.0 if difference == 0 else math.inf
    return difference / total


def check_gradients(f: Function, xs: Sequence[Value | float], tol: float = 1e-7, eps: float = 1e-6) -> float:
    """Compare the engine's gradient of ``f`` at ``xs`` with central differences.

    Returns:
        The relative error, when it is below ``tol``.

    Raises:
        GradientCheckError: the relative error is ``tol`` or more; lists analytic vs numeric per input.
    """
    leaves = _leaves(xs)
    analytic = [g.data for g in grad(_checked(f(leaves)), leaves)]
    numeric = numerical_gradient(f, leaves, eps)
    error = relative_error(analytic, numeric)
    if not error < tol:
        rows = "\n".join(
            f"  input {i}: analytic {a:.10g}, numeric {n:.10g}, difference {a - n:.3g}"
            for i, (a, n) in enumerate(zip(analytic, numeric, strict=True))
        )
        raise GradientCheckError(f"gradient check failed: relative error {error:.3g} ≥ {tol:g}\n{rows}")
    return error


def _leaves(xs: Sequence[Value | float]) -> list[Value]:
    return [x if isinstance(x, Value) else Value(as_float(x, f"xs[{i}]")) for i, x in enumerate(xs)]


def _checked(output: object) -> Value:
    if not isinstance(output, Value):
        raise TypeError(f"f must return a Value, got {type(output).__name__} {output!r}")
    return output


def _output(output: object) -> float:
    return _checked(output).data
