"""The numbers of one example through a network, as the backpropagation derivation names them, for
grading residuals and weight gradients entry by entry.

Layer 1 is the input; W⁽ˡ⁾ maps layer l to layer l + 1; δ⁽ⁿˡ⁾ = ∂J/∂a⁽ⁿˡ⁾ ⊙ f′(z⁽ⁿˡ⁾) at the output,
δ⁽ˡ⁾ = (W⁽ˡ⁾ᵀδ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾) below it, ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁺¹⁾(a⁽ˡ⁾)ᵀ. Lists are indexed from 0 here:
``z[k]`` is z⁽ᵏ⁺²⁾, ``a[0]`` is the input x and ``a[k + 1]`` is f(z[k]), ``W[k]`` is W⁽ᵏ⁺¹⁾.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["NetworkNumbers", "NetworkQuestion"]


@dataclass(frozen=True)
class NetworkQuestion:
    """One entry to work out: a residual δ (``kind`` ``"delta"``, ``layer`` k, ``row`` i) or a weight
    gradient ∂J/∂W (``kind`` ``"weight"``, with ``column`` j), and its key such as ``δ⁽²⁾₁``."""

    key: str
    kind: str
    layer: int
    row: int
    column: int = 0


@dataclass(frozen=True)
class NetworkNumbers:
    """Every number of one example's forward and backward pass.

    Attributes:
        W: ``W[k][i][j]``, the weight from neuron j of layer k + 1 into neuron i of layer k + 2.
        b: ``b[k][i]``, the bias of neuron i of layer k + 2.
        z: the weighted sums, per layer.
        a: the activations, the input first.
        f_prime: f′(z), per layer.
        delta: the residuals δ = ∂J/∂z, per layer.
        dJ_da: ∂J/∂a of the output layer.
        dJ_dW: ∂J/∂W, per layer, one row per neuron.
        linear: per layer, whether its activation is the identity (f′ = 1, nothing to leave out).
        log_loss: whether the loss is the log loss (binary cross-entropy), whose δ at a sigmoid output
            is a − y.
    """

    W: list[list[list[float]]]
    b: list[list[float]]
    z: list[list[float]]
    a: list[list[float]]
    f_prime: list[list[float]]
    delta: list[list[float]]
    dJ_da: list[float]
    dJ_dW: list[list[list[float]]]
    linear: list[bool]
    log_loss: bool

    def back(self, k: int, i: int) -> float:
        """(W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺²⁾)ᵢ for a hidden layer k, ∂J/∂aᵢ for the output layer: δ before ⊙ f′(z)."""
        if k == len(self.delta) - 1:
            return self.dJ_da[i]
        return math.fsum(row[i] * d for row, d in zip(self.W[k + 1], self.delta[k + 1], strict=True))

    def answer(self, question: NetworkQuestion) -> float:
        """The right number for ``question``."""
        if question.kind == "delta":
            return self.delta[question.layer][question.row]
        return self.dJ_dW[question.layer][question.row][question.column]

    def f_prime_of(self, question: NetworkQuestion) -> float:
        """f′(z) of the neuron the question is about."""
        return self.f_prime[question.layer][question.row]
