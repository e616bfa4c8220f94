"""The network-level exercise: the learner's residuals δ⁽ˡ⁾ or ∂J/∂W⁽ˡ⁾, graded entry by entry.

The backpropagation derivation's formulas, with its numbering (layer 1 is the input, W⁽ˡ⁾ maps
layer l to layer l + 1): δ⁽ⁿˡ⁾ = ∂J/∂a⁽ⁿˡ⁾ ⊙ f′(z⁽ⁿˡ⁾) at the output, δ⁽ˡ⁾ = (W⁽ˡ⁾ᵀδ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾)
below it, and ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁺¹⁾(a⁽ˡ⁾)ᵀ. The right numbers come from the engine's backward pass.
Grading is ``autograd_tiny.practice``'s: at the learner's precision, the misconceptions of its
catalogue named (f′ left out, f in place of f′, W for Wᵀ, the neighbouring layer, the squared-error
δ on a log-loss output, the bias row kept, a sign), a hint with the formula before the answer.
"""

from __future__ import annotations

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
        tolerance: the relative slack for float rounding, in [0, 0.001]; answers are graded at the
            digits the learner gives (three significant digits at least).

    Raises:
        ValueError: ``x`` does not suit the model, ``y`` does not suit the loss, or ``tolerance``
            is out of range.

    Tries are counted on this object, per entry, as ``Exercise`` counts them.
    """

    def __init__(
        self,
        model: MLP,
        x: Sequence[float],
        y: Any,
        loss: str = "half_squared_error",
        tolerance: float = at.practice.SLACK,
    ) -> None:
        slack = at.practice.check_slack(tolerance, "NetworkExercise")
        model.check_inputs(x)
        self.model, self.loss, self.tolerance = model, loss, slack
        self.tries = at.practice.Tries()
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
        self.numbers = at.practice.NetworkNumbers(
            W=[[[w.data for w in n.w] for n in layer.neurons] for layer in model.layers],
            b=[[n.b.data for n in layer.neurons] for layer in model.layers],
            z=[[v.data for v in z] for z in self.z],
            a=[[v.data for v in a] for a in self.a],
            f_prime=[[self._f_prime(k, i) for i in range(len(z))] for k, z in enumerate(self.z)],
            delta=self.delta,
            dJ_da=self.dJ_da[-1],
            dJ_dW=self.dJ_dW,
            linear=[layer.activation == "linear" for layer in model.layers],
            log_loss=loss == "binary_cross_entropy",
        )
        self.questions = {q.key: q for q in self._questions()}

    @property
    def keys(self) -> list[str]:
        """Every entry's key: ``δ⁽²⁾₁`` …, then ``∂J/∂W⁽¹⁾₁₁`` …."""
        return list(self.questions)

    def answer(self, key: str) -> float:
        """The right number for an entry.

        Raises:
            KeyError: ``key`` names no entry.
        """
        return self.numbers.answer(self._question(key))

    def mistakes(self, key: str) -> list[Any]:
        """Each misconception's number for an entry (``autograd_tiny.practice.Mistake`` objects).

        Raises:
            KeyError: ``key`` names no entry.
        """
        return at.practice.network_mistakes(self.numbers, self._question(key))

    def diagnose(self, key: str, answer: object) -> Any:
        """The status of ``answer`` to an entry and the misconceptions it matches, with no hint
        given and no try counted (an ``autograd_tiny.practice.Diagnosis``).

        Raises:
            KeyError: ``key`` names no entry.
        """
        return at.practice.diagnose(answer, self.answer(key), self.mistakes(key), self.tolerance)

    def reveal(self) -> str:
        """The worked answers; from now on every verdict shows its answer too."""
        self.tries.revealed = True
        return self.solution()

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
        return self._verdict(f"δ{_layer(k + 2)}{_index(i)}", raw, self._delta_formula(k, i))

    def _weight_verdict(self, k: int, i: int, j: int, raw: object) -> Verdict:
        return self._verdict(f"∂J/∂W{_layer(k + 1)}{_index(i, j)}", raw, self._weight_formula(k, i, j))

    def _verdict(self, key: str, raw: object, formula: str) -> Verdict:

        def steps(result: bool) -> str:
            return formula if result else f"{formula.rpartition(' = ')[0]} = ?"

        mistakes = self.mistakes(key) if raw is not ... else []
        return at.practice.judge(key, raw, self.answer(key), mistakes, steps, self.tries, self.tolerance)

    def _questions(self) -> list[Any]:
        question = at.practice.NetworkQuestion
        deltas = [
            question(f"δ{_layer(k + 2)}{_index(i)}", "delta", k, i)
            for k, z in enumerate(self.z)
            for i in range(len(z))
        ]
        weights = [
            question(f"∂J/∂W{_layer(k + 1)}{_index(i, j)}", "weight", k, i, j)
            for k, rows in enumerate(self.dJ_dW)
            for i, row in enumerate(rows)
            for j in range(len(row))
        ]
        return [*deltas, *weights]

    def _question(self, key: str) -> Any:
        if key not in self.questions:
            raise KeyError(
                f"{key!r} is not an entry of this network; the entries are {', '.join(self.questions)}"
            )
        return self.questions[key]

    def _weight_formula(self, k: int, i: int, j: int) -> str:
        key, right = f"∂J/∂W{_layer(k + 1)}{_index(i, j)}", self.dJ_dW[k][i][j]
        delta, a = self.delta[k][i], self.a[k][j].data
        symbols = f"δ{_layer(k + 2)}{_index(i)}·a{_layer(k + 1)}{_index(j)}"
        return f"{key} = {symbols} = {delta:.4g}·{a:.4g} = {right:.4g}"

    def _f_prime(self, k: int, i: int) -> float:
        activated = self.a[k + 1][i]
        return 1.0 if activated is self.z[k][i] else float(activated.edges[0][1])  # linear: a = z

    def _back(self, k: int, i: int) -> float:
        """(W⁽ˡ⁾ᵀδ⁽ˡ⁺¹⁾)ᵢ for a hidden layer; ∂J/∂aᵢ for the output layer."""
        return float(self.numbers.back(k, i))

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
