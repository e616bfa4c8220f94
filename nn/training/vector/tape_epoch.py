"""``fit(..., engine="tape")`` with the parameters kept as one numpy vector θ for a whole epoch: the
backpropagation derivation's batch step ΔW := Σ ∇W J(W, b; x, y), W := W − α((1/m)ΔW + λW), in arrays.

The model's tape replays each batch with θ given (``Tape.forward(..., parameters=θ)``), the named loss
and its ∂J/∂outputs are computed on the whole batch (``batch_losses.py``), and those seed the model's
reverse sweep, which returns ∂J/∂θ as one array (``add_to_grad=False``). The
optimiser steps on θ with ``nn.optim``'s own formulas (``vector_optim.py``). No ``Value`` is made or
read per parameter or per example until the epoch ends: then ``.data``, ``.grad`` (the last batch's
gradient, as the Value engine leaves it) and the optimiser's state are written back, and they are
written back too when anything fails mid-epoch, as they stood after the last good step.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, filterfalse
from typing import TYPE_CHECKING, Any

import numpy as np

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.module import Module
from nn.training.objectives import Loss
from nn.training.optim import Optimizer
from nn.training.predict import Target, decide, label_of
from nn.training.vector.batch_losses import BatchLoss
from nn.training.vector.vector_optim import vector_optimizer, vectorised

if TYPE_CHECKING:
    from autograd_tiny import Tape

__all__ = ["VectorTraining"]

Array = Any  # numpy.ndarray


class VectorTraining:
    """One ``fit``'s batches on a recorded model, the parameters as a vector during each epoch.

    Made by ``VectorTraining.make``, which says None where this cannot be done exactly (a loss function
    of the user's, an optimiser that is not exactly ``nn.SGD`` or ``nn.Adam``, a model whose tape reads
    a leaf that is not one of its parameters): ``fit`` then keeps ``TapeEngine``'s path.

    θ holds the tape's parameters first, in the tape's order (a replay reads them as one run, the
    gradient comes back in that order), then the model's parameters that the forward pass does not
    read (their gradient is 0, but the optimiser still steps them: weight decay, momentum).
    """

    def __init__(
        self,
        model: Module,
        X: Sequence[Sequence[float]],
        y: Sequence[Target],
        loss: str,
        loss_function: Loss,
        tape: Tape,
        optimizer: Optimizer,
        l2: float,
        parameters: list[Value],
    ) -> None:
        self.model, self.X, self.y, self.loss_function, self.l2 = model, X, y, loss_function, l2
        self.tape = tape
        read = set(tape.parameters)  # Values hash and compare by identity
        self.parameters = [*tape.parameters, *filterfalse(read.__contains__, parameters)]
        self.n_read = len(tape.parameters)
        n = len(X) * model.n_in  # fit has checked every number: X is lists of n_in floats, read as one run
        self.examples = np.fromiter(chain.from_iterable(X), np.float64, n).reshape(len(X), model.n_in)
        self.loss = BatchLoss(loss, model.n_out, y)
        self.labels = np.array(list(map(label_of, y)), dtype=np.float64)
        position = dict(zip(self.parameters, range(len(self.parameters)), strict=True))
        stepped = np.array(list(map(position.__getitem__, optimizer.params)), dtype=np.intp)
        order = np.argsort(stepped)  # the optimiser's parameters in θ's order
        everything = len(stepped) == len(self.parameters)
        self.stepped: Array | slice = slice(None) if everything else stepped[order]
        self.optimizer = vector_optimizer(optimizer, order)  # type: ignore[arg-type]  # make: vectorised
        self.weights = (
            np.array(list(map(position.__getitem__, model.weights())), dtype=np.intp) if l2 else None
        )
        self.theta = np.array([p.data for p in self.parameters], dtype=np.float64)
        self.gradient: Array | None = None  # of the last batch: ∂J/∂θ, what .grad holds after it

    @classmethod
    def make(
        cls,
        model: Module,
        X: Sequence[Sequence[float]],
        y: Sequence[Target],
        loss: object,
        loss_function: Loss,
        optimizer: Optimizer,
        l2: float,
        parameters: list[Value],
    ) -> VectorTraining | None:
        """The vector path for this ``fit``, or None where it would not give the Value engine's numbers.

        Args:
            parameters: ``model.parameters()``, as ``fit`` listed them.
        """
        if not isinstance(loss, str) or not vectorised(optimizer):
            return None
        tape = at.record(lambda *x: model(list(x)), X[0])
        if not set(tape.parameters) <= set(parameters):
            return None  # a leaf the model captured without listing it: only .data can follow it
        return cls(model, X, y, loss, loss_function, tape, optimizer, l2, parameters)

    @contextmanager
    def epoch(self) -> Iterator[None]:
        """θ read from the parameters before the epoch; θ, ``.grad`` and the optimiser's state written
        back after it, or after the last good step if the epoch stops (an error, an interrupt)."""
        self.theta = np.array([p.data for p in self.parameters], dtype=np.float64)
        try:
            yield
        finally:
            for p, x in zip(self.parameters, self.theta.tolist(), strict=True):
                p.data = x
            if self.gradient is not None:
                for p, g in zip(self.parameters, self.gradient.tolist(), strict=True):
                    p.grad = g
            self.optimizer.store()

    def gradients(self, batch: list[int]) -> tuple[float, int]:
        """∂J/∂θ of the batch into ``self.gradient``, (1/m)ΔW + λW; return J (+ the penalty) and the
        number classified correctly.

        Raises:
            ValueError, ArithmeticError: a loss or gradient is not finite, or outside its domain.
        """
        gradient, total, correct = self._accumulate(batch)
        gradient /= len(batch)  # (1/m)ΔW
        penalty = 0.0
        if self.weights is not None:
            w = self.theta[self.weights]
            half = self.l2 / 2
            penalty = half * float(np.dot(w, w))
            gradient[self.weights] += w * half  # ∂(λ/2·w·w)/∂w, once for each factor,
            gradient[self.weights] += w * half  # as the Value engine adds it: λW
        self.gradient = gradient
        return total / len(batch) + penalty, correct

    def step(self) -> None:
        """The optimiser's step on θ, from the last batch's gradient."""
        assert self.gradient is not None, "step() before gradients()"
        chosen = self.stepped
        if isinstance(chosen, slice):  # every parameter: the new θ is the step's own array
            self.theta = self.optimizer.step(self.theta, self.gradient)
        else:
            self.theta[chosen] = self.optimizer.step(self.theta[chosen], self.gradient[chosen])

    def _accumulate(self, batch: list[int]) -> tuple[Array, float, int]:
        """Σ over ``batch`` of ∂J/∂θ, the summed loss and the number correct; examples whose recorded
        branch no longer holds go to the Value graph."""
        index = np.array(batch)
        try:
            scores = np.array(self.tape.forward(self.examples[index].T, parameters=self.theta[: self.n_read]))
        except at.BranchChangedError as error:
            changed = [batch[k] for k in error.examples]
            kept = [i for i in batch if i not in set(changed)]
            gradient, total, correct = self._accumulate(kept) if kept else (np.zeros(len(self.theta)), 0.0, 0)
            more_total, more_correct = self._on_the_graph(changed, gradient)
            return gradient, total + more_total, correct + more_correct
        losses, seeds = self.loss(scores, index)
        self.tape.backward(seeds, add_to_grad=False, input_gradients=False)
        read = self.tape.parameter_gradients
        gradient = (
            read
            if len(read) == len(self.theta)
            else np.concatenate([read, np.zeros(len(self.theta) - len(read))])
        )
        return gradient, float(losses.sum()), int((self._decide(scores) == self.labels[index]).sum())

    def _decide(self, scores: Array) -> Array:
        """``nn.predict.decide`` on every column: the first largest output, or the rule for one."""
        if len(scores) > 1:
            return scores.argmax(axis=0)
        if self.model.output_activation == "sigmoid":
            return np.where(scores[0] >= 0.5, 1, 0)
        return np.where(scores[0] > 0, 1, -1)

    def _on_the_graph(self, examples: list[int], gradient: Array) -> tuple[float, int]:
        """The Value engine on ``examples``, with the parameters set to θ for it."""
        for p, x in zip(self.parameters, self.theta.tolist(), strict=True):
            p.data = x
        at.zero_grad(self.parameters)
        total, correct = 0.0, 0
        for i in examples:
            outputs = self.model(self.X[i])
            example_loss = self.loss_function(outputs, self.y[i])
            example_loss.backward()
            total += example_loss.data
            correct += decide([v.data for v in outputs], self.model.output_activation) == label_of(self.y[i])
        gradient += np.array([p.grad for p in self.parameters])
        return total, correct
