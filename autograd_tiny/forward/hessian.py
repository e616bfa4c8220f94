"""Second derivatives as forward-over-reverse: the Hessian-vector product H·v = ∂(∇f·v)/∂x.

Reverse mode writes the gradient ∇f as a graph (``grad(..., create_graph=True)``: the local
partials recomputed from the rules on ``Value``s); forward mode then pushes the direction v
through that graph, and the tangent of each ∂f/∂xᵢ is Σⱼ ∂²f/∂xᵢ∂xⱼ·vⱼ = (H·v)ᵢ. One reverse pass
and one forward pass give H·v without forming H; n forward passes give all of H.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from autograd_tiny.core.gradients import grad
from autograd_tiny.core.value import Value
from autograd_tiny.forward.calling import call_spread
from autograd_tiny.forward.tangents import graph_order, numbers, tangent_rule

__all__ = ["hessian", "hessian_vector_product"]


def hessian_vector_product(
    f: Callable[..., Value], inputs: Sequence[float], vector: Sequence[float]
) -> tuple[float, ...]:
    """H·v, the Hessian of ``f`` at ``inputs`` times ``vector``, by forward mode over reverse mode.

    Args:
        f: takes one ``Value`` per input (called as ``f(*inputs)``) and returns one ``Value`` (a
            scalar such as a loss).
        inputs: the point x.
        vector: the direction v, one number per input.

    Returns:
        (H·v)ᵢ = Σⱼ ∂²f/∂xᵢ∂xⱼ·vⱼ for each input i.

    Raises:
        TypeError: a number is not a real number, ``f`` cannot take one argument per input, or
            ``f`` did not return a ``Value``.
        ValueError: ``inputs`` and ``vector`` differ in length, or a number is not finite.
        OverflowError: a derivative is not finite.
    """
    xs = numbers(inputs, "hessian_vector_product: inputs")
    vs = numbers(vector, "hessian_vector_product: vector")
    if len(xs) != len(vs):
        raise ValueError(
            f"hessian_vector_product: {len(xs)} inputs but a vector of {len(vs)}: give one number per input"
        )
    leaves, gradient, order = _gradient_graph(f, xs, "hessian_vector_product")
    return _push(leaves, gradient, order, vs, "hessian_vector_product")


def hessian(f: Callable[..., Value], inputs: Sequence[float]) -> tuple[tuple[float, ...], ...]:
    """The Hessian ∂²f/∂xᵢ∂xⱼ: the gradient recorded once by reverse mode, then one forward pass per input.

    Args:
        f: takes one ``Value`` per input (called as ``f(*inputs)``) and returns one ``Value``.
        inputs: the point x.

    Returns:
        n rows of n numbers; row i is ∂(∂f/∂xᵢ)/∂x (symmetric up to rounding).

    Raises:
        TypeError, ValueError, OverflowError: as for ``hessian_vector_product``.
    """
    xs = numbers(inputs, "hessian: inputs")
    leaves, gradient, order = _gradient_graph(f, xs, "hessian")
    columns = [
        _push(leaves, gradient, order, [1.0 if k == j else 0.0 for k in range(len(xs))], "hessian")
        for j in range(len(xs))
    ]
    return tuple(zip(*columns, strict=True))


def _gradient_graph(
    f: Callable[..., Value], xs: list[float], what: str
) -> tuple[list[Value], tuple[Value, ...], list[Value]]:
    """Reverse mode: the leaves, ∇f as ``Value``s that are graphs themselves, and their merged order."""
    if not xs:
        raise ValueError(f"{what}: inputs is empty: give at least one number")
    leaves = [Value(x, f"x{j + 1}") for j, x in enumerate(xs)]
    y = call_spread(f, leaves, f"{what}: f(*inputs)")
    if not isinstance(y, Value):
        raise TypeError(f"{what}: f must return one Value (a scalar), got {type(y).__name__} {y!r}")
    gradient = grad(y, leaves, create_graph=True)
    return leaves, gradient, graph_order(gradient)


def _push(
    leaves: list[Value], gradient: tuple[Value, ...], order: list[Value], vs: list[float], what: str
) -> tuple[float, ...]:
    """Forward mode over the gradient's graph: the tangent of each ∂f/∂xᵢ along v."""
    pushed = dict(zip(leaves, vs, strict=True))
    for _ in tangent_rule(order, pushed):
        pass
    result = tuple(pushed[g] for g in gradient)
    for i, x in enumerate(result):
        if not math.isfinite(x):
            raise OverflowError(f"{what}: (H·v) at x{i + 1} is {x}")
    return result
