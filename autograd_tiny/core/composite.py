"""The composite rules: derivatives of whole operations on arrays, one row each, checked against ``rules.py``.

``rules.py`` knows the derivative of every scalar operation; this table knows the few derivatives
that the vector fast paths take in one step instead of replaying scalar rules: the matrix tutorial's
layer z = Wa + b (δaᵀ, Σδ and Wᵀδ) and each named loss on a batch (its closed-form gradient). Every
row is the same calculus as a graph of scalar rules, and says how to build that graph
(``on_values``), so that ``tests/core/test_composite.py`` checks each row against ``backward()``
on the day it is written.

The engine imports only the standard library, so a row computes with the array module it is given
(``xp``: numpy for the tape and ``nn``'s vector path); it uses only ``xp.matmul``, ``xp.exp``,
``xp.log``, ``xp.maximum``, ``xp.where``, ``xp.arange`` and array methods.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from autograd_tiny.core.value import Value, sum_values

__all__ = ["COMPOSITE_RULES", "CompositeRule"]


@dataclass(frozen=True)
class CompositeRule:
    """The derivative of one whole operation on arrays.

    Attributes:
        name: the row's name (a loss's is the name ``nn.fit`` takes).
        rule: the derivative as the tutorials write it.
        wrt: the argument it differentiates with respect to.
        compute: ``(xp, *arrays) → gradient``, with ``xp`` the array module; a loss's is
            ``(xp, outputs, targets) → (J of each example, ∂J/∂outputs)``. Arrays have one column
            per example (a class index per example for ``cross_entropy``'s targets).
        on_values: the same quantity as a scalar graph: from the arguments (``wrt`` as ``Value``s,
            the rest as numbers, all as nested lists) a ``Value`` L with ∂L/∂``wrt`` = the gradient.
        example: a small random point (nested lists, by argument name) to check the row at.
    """

    name: str
    rule: str
    wrt: str
    compute: Callable[..., Any]
    on_values: Callable[..., Value]
    example: Callable[[random.Random], dict[str, Any]]


# ---- the matrix tutorial's layer z = Wa + b, with δ = ∂L/∂z given -------------------------------


def weight_gradient(xp: Any, delta: Any, a: Any, out: Any = None) -> Any:
    """∂L/∂W = δaᵀ (into ``out`` if given)."""
    return xp.matmul(delta, a.T, out=out)


def bias_gradient(xp: Any, delta: Any, ones: Any, out: Any = None) -> Any:
    """∂L/∂b = Σ δ over the examples, as δ·1 (numpy's sum along short rows is slower)."""
    return xp.matmul(delta, ones, out=out)


def input_gradient(xp: Any, W: Any, delta: Any) -> Any:  # W as in the tutorial
    """∂L/∂a = Wᵀδ."""
    return xp.matmul(W.T, delta)


def _layer(W: Any, b: Any, a: Any, delta: Any) -> Value:
    """L = Σᵢⱼ δᵢⱼ zᵢⱼ with z = Wa + b, so that ∂L/∂z = δ: the layer as scalar rules."""
    terms = []
    for i, row in enumerate(W):
        for j in range(len(a[0])):
            z = sum_values([*(w * a[k][j] for k, w in enumerate(row)), b[i]])
            terms.append(z * delta[i][j])
    result = sum_values(terms)
    assert isinstance(result, Value)
    return result


def _layer_example(rng: random.Random) -> dict[str, Any]:
    m, n, batch = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3)

    def matrix(rows: int, columns: int) -> list[list[float]]:
        return [[rng.uniform(-2, 2) for _ in range(columns)] for _ in range(rows)]

    return {
        "W": matrix(m, n),
        "b": [rng.uniform(-1, 1) for _ in range(m)],
        "a": matrix(n, batch),
        "delta": matrix(m, batch),
        "ones": [1.0] * batch,
    }


# ---- the named losses on a batch: J of each example and ∂J/∂outputs -----------------------------


def cross_entropy(xp: Any, z: Any, labels: Any) -> tuple[Any, Any]:
    """J = log Σⱼ e^(zⱼ − m) + m − z_label (m = max z); ∂J/∂z = ŷ − y with ŷ = softmax(z)."""
    columns = xp.arange(z.shape[1])
    largest = z.max(axis=0)
    exponentials = xp.exp(z - largest)
    sums = exponentials.sum(axis=0)
    losses = xp.log(sums) + largest - z[labels, columns]
    gradient = exponentials / sums  # ŷ = softmax(z)
    gradient[labels, columns] -= 1.0  # ŷ − y
    return losses, gradient


def binary_cross_entropy(xp: Any, h: Any, y: Any) -> tuple[Any, Any]:
    """J = −Σₖ[yₖ log hₖ + (1 − yₖ) log(1 − hₖ)]; ∂J/∂hₖ = −yₖ/hₖ + (1 − yₖ)/(1 − hₖ)."""
    losses = -(y * xp.log(h) + (1 - y) * xp.log(1 - h)).sum(axis=0)
    return losses, (1 - y) / (1 - h) - y / h


def half_squared_error(xp: Any, h: Any, y: Any) -> tuple[Any, Any]:
    """J = ½Σₖ(hₖ − yₖ)²; ∂J/∂h = h − y."""
    difference = h - y
    return 0.5 * (difference * difference).sum(axis=0), difference


def hinge(xp: Any, s: Any, y: Any) -> tuple[Any, Any]:
    """J = max(0, 1 − y·s); ∂J/∂s = −y where 1 − y·s > 0, else 0 (one output)."""
    margin = 1 - y * s
    return xp.maximum(margin, 0.0)[0], xp.where(margin > 0, -y, 0.0)


def _columns(matrix: Sequence[Sequence[Any]]) -> list[list[Any]]:
    return [list(column) for column in zip(*matrix, strict=True)]


def _total(terms: list[Value]) -> Value:
    result = sum_values(terms)
    assert isinstance(result, Value)
    return result


def _cross_entropy_values(z: Any, labels: Any) -> Value:
    losses = []
    for column, label in zip(_columns(z), labels, strict=True):
        largest = max(v.data for v in column)  # a number: J does not depend on it
        losses.append(_total([(v - largest).exp() for v in column]).log() + largest - column[label])
    return _total(losses)


def _binary_cross_entropy_values(h: Any, y: Any) -> Value:
    terms = [
        -(t * p.log() + (1 - t) * (1 - p).log())
        for ps, ts in zip(h, y, strict=True)
        for p, t in zip(ps, ts, strict=True)
    ]
    return _total(terms)


def _half_squared_error_values(h: Any, y: Any) -> Value:
    terms = [
        0.5 * (p - t) * (p - t) for ps, ts in zip(h, y, strict=True) for p, t in zip(ps, ts, strict=True)
    ]
    return _total(terms)


def _hinge_values(s: Any, y: Any) -> Value:
    return _total([(1 - t * v).relu() for v, t in zip(s[0], y[0], strict=True)])


def _outputs(rng: random.Random, low: float, high: float, rows: int | None = None) -> list[list[float]]:
    k, batch = rows or rng.randint(1, 4), rng.randint(1, 4)
    return [[rng.uniform(low, high) for _ in range(batch)] for _ in range(k)]


def _cross_entropy_example(rng: random.Random) -> dict[str, Any]:
    z = _outputs(rng, -3, 3)
    batch = len(z[0])
    return {"z": z, "labels": [rng.randrange(len(z)) for _ in range(batch)]}


def _targets(rng: random.Random, outputs: list[list[float]], values: Sequence[float]) -> list[list[float]]:
    return [[rng.choice(values) for _ in row] for row in outputs]


def _binary_cross_entropy_example(rng: random.Random) -> dict[str, Any]:
    h = _outputs(rng, 0.05, 0.95)
    return {"h": h, "y": _targets(rng, h, (0.0, 1.0))}


def _half_squared_error_example(rng: random.Random) -> dict[str, Any]:
    h = _outputs(rng, -2, 2)
    return {"h": h, "y": [[rng.uniform(-2, 2) for _ in row] for row in h]}


def _hinge_example(rng: random.Random) -> dict[str, Any]:
    s = _outputs(rng, -2, 2, rows=1)
    return {"s": s, "y": _targets(rng, s, (-1.0, 1.0))}


COMPOSITE_RULES: dict[str, CompositeRule] = {
    row.name: row
    for row in [
        # the matrix tutorial's layer z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, with δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾
        CompositeRule("weight_gradient", "∂L/∂W = δaᵀ", "W", weight_gradient, _layer, _layer_example),
        CompositeRule(
            "bias_gradient", "∂L/∂b = Σ δ over the examples", "b", bias_gradient, _layer, _layer_example
        ),
        CompositeRule("input_gradient", "∂L/∂a = Wᵀδ", "a", input_gradient, _layer, _layer_example),
        # the named losses, J of each example (one column each) and ∂J/∂outputs
        CompositeRule(
            "cross_entropy",
            "∂J/∂z = softmax(z) − y (the matrix tutorial's δ⁽ᴸ⁾)",
            "z",
            cross_entropy,
            _cross_entropy_values,
            _cross_entropy_example,
        ),
        CompositeRule(
            "binary_cross_entropy",
            "∂J/∂hₖ = −yₖ/hₖ + (1 − yₖ)/(1 − hₖ) (the gradient-checking tutorial's log-loss)",
            "h",
            binary_cross_entropy,
            _binary_cross_entropy_values,
            _binary_cross_entropy_example,
        ),
        CompositeRule(
            "half_squared_error",
            "∂J/∂h = h − y (the backpropagation derivation's)",
            "h",
            half_squared_error,
            _half_squared_error_values,
            _half_squared_error_example,
        ),
        CompositeRule(
            "hinge", "∂J/∂s = −y where 1 − y·s > 0, else 0", "s", hinge, _hinge_values, _hinge_example
        ),
    ]
}
