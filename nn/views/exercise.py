"""The network-level exercise: the learner's residuals δ⁽ˡ⁾ or ∂J/∂W⁽ˡ⁾, graded entry by entry.

The backpropagation derivation's formulas, with its numbering (layer 1 is the input, W⁽ˡ⁾ maps
layer l to layer l + 1): δ⁽ⁿˡ⁾ = ∂J/∂a⁽ⁿˡ⁾ ⊙ f′(z⁽ⁿˡ⁾) at the output, δ⁽ˡ⁾ = (W⁽ˡ⁾ᵀδ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾)
below it, and ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁺¹⁾(a⁽ˡ⁾)ᵀ. The right numbers come from the engine's backward pass;
a wrong entry gets the formula written out with the numbers, and the likely mistake where it is
recognised (f′ left out, a sign lost, δ or a alone).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any

import autograd_tiny as at
from autograd_tiny import Report, Value, Verdict
from nn.model.activations import activation as activation_function
from nn.model.layers import MLP
from nn.training.objectives import resolve

__all__ = ["NetworkExercise"]

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _layer(number: int) -> str:
    return f"⁽{str(number).translate(_SUP)}⁾"


def _index(*numbers: int) -> str:
    """Entry indexes from 1, as the tutorials write them: ``δ⁽²⁾₁``, ``W⁽¹⁾₁₂``."""
    return "".join(str(n + 1).translate(_SUB) for n in numbers)


class NetworkExercise:
    """One example through an ``MLP``: give δ⁽ˡ⁾ per layer or ∂J/∂W⁽ˡ⁾ and ``check`` grades each entry.

    Args:
        model: the network (its parameters are read, never changed).
        x: the example's inputs.
        y: its target, as ``fit`` takes it for ``loss``.
        loss: a loss name of ``nn.LOSSES`` (e.g. ``"half_squared_error"``, ``"binary_cross_entropy"``).
        tolerance: the relative difference a hand answer may have (three significant digits).

    Raises:
        ValueError: ``x`` does not suit the model, or ``y`` does not suit the loss.
    """

    def __init__(
        self,
        model: MLP,
        x: Sequence[float],
        y: Any,
        loss: str = "half_squared_error",
        tolerance: float = 0.005,
    ) -> None:
        model.check_inputs(x)
        self.model, self.loss, self.tolerance = model, loss, tolerance
        inputs: list[Value] = [at.Constant(float(v)) for v in x]
        self.a: list[list[Value]] = [inputs]  # a⁽¹⁾ = x, a⁽²⁾, …
        self.z: list[list[Value]] = []  # z⁽²⁾, z⁽³⁾, …
        for layer in model.layers:
            f = activation_function(layer.activation)
            z = [at.sum([n.b, *map(operator.mul, n.w, self.a[-1])]) for n in layer.neurons]
            self.z.append(z)
            self.a.append([f(value) for value in z])
        self.J = resolve(loss)(self.a[-1], y)
        everything = [*(v for z in self.z for v in z), *(v for a in self.a[1:] for v in a), *model.weights()]
        gradients = iter([g.data for g in at.grad(self.J, everything)])
        self.delta = [[next(gradients) for _ in z] for z in self.z]
        self.dJ_da = [[next(gradients) for _ in a] for a in self.a[1:]]
        self.dJ_dW = [[[next(gradients) for _ in n.w] for n in layer.neurons] for layer in model.layers]

    def __str__(self) -> str:
        sizes = "-".join(str(len(a)) for a in self.a)
        shapes = ", ".join(f"δ{_layer(k + 2)}: {len(z)}" for k, z in enumerate(self.z))
        return (
            f"a {sizes} network, loss {self.loss}, J = {self.J.data:.6g}\n"
            f"give the residuals, one list per layer ({shapes}): exercise.check(deltas=[...])\n"
            "or ∂J/∂W per layer, one row per neuron: exercise.check(weights=[...]);\n"
            "an entry, a row or a layer that is ... is not yet filled in"
        )

    __repr__ = __str__

    def check(self, deltas: Any = None, weights: Any = None) -> Report:
        """Grade δ⁽²⁾, δ⁽³⁾, … (``deltas``, a list per layer) and/or ∂J/∂W⁽¹⁾, … (``weights``, rows).

        Any entry, row or layer may be ``...`` ("fill in your answer").

        Raises:
            ValueError: neither is given, or a list does not have the network's shape.
        """
        if deltas is None and weights is None:
            raise ValueError("check: give deltas=[δ⁽²⁾, δ⁽³⁾, …] or weights=[∂J/∂W⁽¹⁾, …] (or both)")
        verdicts: list[Verdict] = []
        if deltas is not None:
            for k, given in enumerate(_layers(deltas, [len(z) for z in self.z], "deltas")):
                for i, raw in enumerate(_entries(given, len(self.z[k]), f"deltas: δ{_layer(k + 2)}")):
                    verdicts.append(self._delta_verdict(k, i, raw))
        if weights is not None:
            for k, rows in enumerate(_layers(weights, [len(r) for r in self.dJ_dW], "weights")):
                for i, row in enumerate(_entries(rows, len(self.dJ_dW[k]), f"weights: ∂J/∂W{_layer(k + 1)}")):
                    for j, raw in enumerate(_entries(row, len(self.dJ_dW[k][i]), f"weights: row {i + 1}")):
                        verdicts.append(self._weight_verdict(k, i, j, raw))
        return Report(tuple(verdicts), f"a {'-'.join(str(len(a)) for a in self.a)} network, loss {self.loss}")

    def solution(self) -> str:
        """Every δ⁽ˡ⁾ entry with its formula written out, output layer first."""
        lines = []
        for k in reversed(range(len(self.z))):
            lines += [self._delta_formula(k, i) for i in range(len(self.z[k]))]
        return "\n".join(lines)

    # ---- one entry ------------------------------------------------------------------------------

    def _delta_verdict(self, k: int, i: int, raw: object) -> Verdict:
        key, right = f"δ{_layer(k + 2)}{_index(i)}", self.delta[k][i]
        back, f_prime = self._back(k, i), self._f_prime(k, i)
        hints = [(back, f"The derivative f′(z) left out: that is the sum before ⊙ f′(z) = {f_prime:.4g}")]
        hints.append((back * self.a[k + 1][i].data, "The value f(z) used in place of the derivative f′(z)"))
        return self._verdict(key, raw, right, hints, self._delta_formula(k, i))

    def _weight_verdict(self, k: int, i: int, j: int, raw: object) -> Verdict:
        key, right = f"∂J/∂W{_layer(k + 1)}{_index(i, j)}", self.dJ_dW[k][i][j]
        delta, a = self.delta[k][i], self.a[k][j].data
        symbols = f"δ{_layer(k + 2)}{_index(i)}·a{_layer(k + 1)}{_index(j)}"
        formula = f"{key} = {symbols} = {delta:.4g}·{a:.4g} = {right:.4g}"
        hints = [(delta, "The residual δ alone: multiply it by the input a that the weight multiplies")]
        hints.append((a, "The input a alone: multiply it by the residual δ of the neuron the weight feeds"))
        return self._verdict(key, raw, right, hints, formula)

    def _verdict(
        self, key: str, raw: object, right: float, hints: list[tuple[float, str]], formula: str
    ) -> Verdict:
        if raw is ...:
            return Verdict(key, "unfilled", "...", right)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
            return Verdict(
                key, "not a number", repr(raw), right, f"{raw!r} is not a number: write one such as -0.0384."
            )
        given = f"{raw:g}"
        if self._close(raw, right):
            return Verdict(key, "right", given, right)
        if right and self._close(raw, -right):
            return Verdict(key, "wrong", given, right, f"A sign error. {formula}")
        for number, mistake in hints:
            if self._close(raw, number):
                return Verdict(key, "wrong", given, right, f"{mistake}. {formula}")
        return Verdict(key, "wrong", given, right, f"The formula: {formula}")

    def _close(self, given: float, right: float) -> bool:
        return math.isclose(given, right, rel_tol=self.tolerance, abs_tol=1e-9)

    def _f_prime(self, k: int, i: int) -> float:
        activated = self.a[k + 1][i]
        return 1.0 if activated is self.z[k][i] else float(activated.edges[0][1])  # linear: a = z

    def _back(self, k: int, i: int) -> float:
        """(W⁽ˡ⁾ᵀδ⁽ˡ⁺¹⁾)ᵢ for a hidden layer; ∂J/∂aᵢ for the output layer."""
        if k == len(self.z) - 1:
            return self.dJ_da[k][i]
        above = self.model.layers[k + 1].neurons
        return math.fsum(n.w[i].data * d for n, d in zip(above, self.delta[k + 1], strict=True))

    def _delta_formula(self, k: int, i: int) -> str:
        key, f_prime, right = f"δ{_layer(k + 2)}{_index(i)}", self._f_prime(k, i), self.delta[k][i]
        if k == len(self.z) - 1:
            head = f"{key} = ∂J/∂a{_layer(k + 2)}{_index(i)}·f′(z{_layer(k + 2)}{_index(i)})"
            return f"{head} = {self._back(k, i):.4g}·{f_prime:.4g} = {right:.4g}"
        above = self.model.layers[k + 1].neurons
        terms = " + ".join(
            f"{n.w[i].data:.4g}·({d:.4g})" for n, d in zip(above, self.delta[k + 1], strict=True)
        )
        head = f"{key} = (W{_layer(k + 2)}ᵀδ{_layer(k + 3)}){_index(i)}·f′(z{_layer(k + 2)}{_index(i)})"
        return f"{head} = ({terms})·{f_prime:.4g} = {right:.4g}"


def _layers(given: Any, sizes: list[int], what: str) -> list[Any]:
    if given is ...:
        return [...] * len(sizes)
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence) or len(given) != len(sizes):
        raise ValueError(f"{what}: needs a list of {len(sizes)} layers, got {given!r}")
    return list(given)


def _entries(given: Any, size: int, what: str) -> list[Any]:
    if given is ...:
        return [...] * size
    if isinstance(given, (int, float)) and size == 1:
        return [given]  # one neuron: a number for a list of one
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence) or len(given) != size:
        raise ValueError(f"{what} needs {size} number{'s' if size > 1 else ''}, got {given!r}")
    return list(given)
