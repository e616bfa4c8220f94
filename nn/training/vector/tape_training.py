"""``fit(..., engine="tape")``: the backpropagation derivation's batch sum ΔW := ΔW + ∇W J(W, b; x, y),
replayed from one tape.

The model's forward pass z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁺¹⁾ = f(z⁽ˡ⁺¹⁾) is the same sequence of operations
for every example, so it is recorded once (``autograd_tiny.record``) and replayed on a whole batch at
once, the parameters read afresh at each step; the tape finds each layer's Σ nodes and replays
them as one matrix product z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾ over the batch (the matrix tutorial's form).
The loss of each example is small and may depend on its target in any way (``cross_entropy``
picks the logit of the label), so it stays on the Value graph, built on the replayed outputs;
its gradients ∂J/∂outputs seed the tape's reverse sweep, which adds Σ over the batch of ∂J/∂θ to
every parameter's ``.grad``: the chain rule split at the outputs. ``fit`` takes this path for a loss
function of the user's or an optimiser other than ``nn.SGD`` and ``nn.Adam``; otherwise the loss is
computed on the whole batch (``batch_losses.py``) and the parameters are one vector for the epoch
(``tape_epoch.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.module import Module
from nn.training.objectives import Loss
from nn.training.predict import Target, decide, label_of

__all__ = ["TapeEngine"]


class TapeEngine:
    """A model's forward pass recorded once, replayed on the batches of one ``fit``.

    Args:
        model: the network. Its forward pass must be the same operations for every example; a
            comparison of Values in it is a guard (examples that take another branch are handed back
            to the Value graph); a branch on ``.data`` cannot be checked, so nn's activations have none.
        X: all the examples; the first is the one recorded.

    Raises:
        TypeError: an example holds something that is not a number.
    """

    def __init__(self, model: Module, X: Sequence[Sequence[float]]) -> None:
        self.model = model
        self.tape = at.record(lambda *x: model(list(x)), X[0])
        try:
            self.X = np.asarray(X, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"fit: every example in X must be a list of numbers ({error})") from None

    def accumulate(
        self, y: Sequence[Target], batch: list[int], loss_function: Loss
    ) -> tuple[float, int, list[int]]:
        """Add Σ over ``batch`` of ∂J/∂θ to every parameter's ``.grad``.

        Returns:
            The summed loss, the number classified correctly, and the examples left for the Value
            graph (those for which a recorded branch of the model no longer holds).
        """
        try:
            outputs = self.tape.forward(self.X[batch].T)
        except at.BranchChangedError as error:
            changed = [batch[k] for k in error.examples]
            kept = [i for i in batch if i not in set(changed)]
            if not kept:
                return 0.0, 0, changed
            total, correct, _ = self.accumulate(y, kept, loss_function)
            return total, correct, changed
        scores = np.array(outputs)  # one row per output, one column per example
        seeds = np.empty_like(scores)
        total, correct = 0.0, 0
        for column, i in enumerate(batch):
            leaves = [Value(float(s)) for s in scores[:, column]]
            loss = _checked(loss_function(leaves, y[i]))
            loss.backward()  # ∂J/∂output for this example
            seeds[:, column] = [v.grad for v in leaves]
            total += loss.data
            correct += decide([v.data for v in leaves], self.model.output_activation) == label_of(y[i])
        self.tape.backward(list(seeds))  # ΔW := ΔW + Σ ∇W J: the parameters' .grad accumulate
        return total, correct, []


def _checked(loss: Any) -> Value:
    if not isinstance(loss, Value):
        raise TypeError(f"fit: the loss function must return a Value, got {type(loss).__name__}")
    return loss
