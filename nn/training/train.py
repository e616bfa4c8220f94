"""``fit``: the backpropagation derivation's batch gradient descent on a network, with a progress bar and a
``History``.

One step per batch of m examples, as the backpropagation derivation writes it: ΔW := 0; for each example,
backprop and ΔW := ΔW + ∇W J(W, b; x, y) (the engine's leaves accumulate); then ∇W = (1/m)ΔW + λW and ∇b =
(1/m)Δb, and the optimiser moves the parameters.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.arguments import check_count, check_number
from nn.model.module import Module
from nn.training.data import check_examples, check_labels
from nn.training.losses import l2_penalty
from nn.training.objectives import Loss, check_targets, resolve
from nn.training.optim import Optimizer
from nn.training.predict import Target, decide, label_of

if TYPE_CHECKING:
    from nn.training.vector.tape_epoch import VectorTraining
    from nn.training.vector.tape_training import TapeEngine

__all__ = ["History", "fit"]


@dataclass
class History:
    """What ``fit`` measured in each epoch, averaged over its examples with the parameters each
    batch saw before its update (for full-batch training: J(W, b) at the start of each step, as
    the gradient-checking tutorial's ``J_history``).

    Attributes:
        loss: the mean loss per example, plus the L2 penalty, one entry per epoch.
        accuracy: the fraction of examples classified correctly, one entry per epoch.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)


def fit(
    model: Module,
    X: Sequence[Sequence[float]],
    y: Sequence[Target],
    *,
    loss: str | Loss,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int | None = None,
    l2: float = 0.0,
    progress: bool = True,
    seed: int = 0,
    engine: str = "graph",
) -> History:
    """Train ``model`` on (X, y) by gradient descent, one optimiser step per batch.

    Args:
        model: the network; the optimiser must hold (some of) its parameters.
        X: examples, each ``model.n_in`` finite numbers: a list of lists, a 2-d numpy array, ….
        y: one target per example, encoded as the loss wants it (see ``nn.objectives``); a list
            or a numpy array.
        loss: ``"cross_entropy"``, ``"binary_cross_entropy"``, ``"half_squared_error"``,
            ``"hinge"``, or a function ``(outputs, target) → Value`` for one example.
        optimizer: e.g. ``nn.SGD(model.parameters(), lr=0.5)``.
        epochs: passes over the data.
        batch_size: examples per step; ``None`` for the whole set (batch gradient descent).
        l2: λ of the weight decay λ/2·ΣW² over ``model.weights()`` (the backpropagation derivation; biases
        excluded). progress: show a tqdm bar with the epoch, loss and accuracy. seed: seeds the shuffling of
        examples into batches; the same seed gives the same history. engine: ``"graph"`` builds a Value graph
        per example; ``"tape"`` records the model's forward
            pass once and replays it on each whole batch (``nn.tape_training``; needs numpy), with
            the same history to rounding, many times faster; with a named loss and ``nn.SGD`` or
            ``nn.Adam`` the loss is computed on the whole batch (``nn.batch_losses``) and the
            parameters are one numpy vector during each epoch (``nn.tape_epoch``), written back
            after it.

    Returns:
        The loss and accuracy of every epoch.

    Raises:
        ValueError: inconsistent data or arguments, or a number in X that is not finite; found
            before anything is trained, and named (``fit: X[3][1] is nan``).
        TypeError: an entry of X that is not a number, or an argument of the wrong kind; found
            before anything is trained, and named.
        FloatingPointError: a loss or gradient is not finite; raised before the optimiser steps
            with it, so the model keeps the parameters of the last good step.
    """
    parameters = model.parameters()  # listed once: the same Values for the whole training
    X, y = _check_arguments(model, parameters, X, y, loss, optimizer, epochs, l2)  # as lists: X of floats
    if engine not in ("graph", "tape"):
        raise ValueError(f"fit: engine must be 'graph' or 'tape', got {engine!r}")
    loss_function = resolve(loss)
    tape: TapeEngine | None = None
    vector: VectorTraining | None = None
    if engine == "tape":
        from nn.training.vector.tape_epoch import VectorTraining  # numpy, only for this engine
        from nn.training.vector.tape_training import TapeEngine

        vector = VectorTraining.make(model, X, y, loss, loss_function, optimizer, l2, parameters)
        tape = TapeEngine(model, X) if vector is None else None
    batch_size = len(X) if batch_size is None else check_count(batch_size, "fit: batch_size", high=len(X))
    rng = random.Random(seed)
    order = list(range(len(X)))
    history = History()
    epoch_numbers = range(1, epochs + 1)
    bar = None
    if progress:  # here: importing tqdm costs 0.15 s, and its first bar a lock even when disabled
        from tqdm.auto import tqdm  # type: ignore[import-untyped]

        bar = tqdm(epoch_numbers, desc="epoch", unit="epoch")
    for epoch in epoch_numbers if bar is None else bar:
        if batch_size < len(X):
            rng.shuffle(order)
        total_loss = correct = 0.0
        with nullcontext() if vector is None else vector.epoch():  # the vector path: θ as one array
            for start in range(0, len(X), batch_size):
                batch = order[start : start + batch_size]
                try:
                    batch_loss, batch_correct = (
                        _gradients(model, parameters, X, y, batch, loss_function, l2, tape)
                        if vector is None
                        else vector.gradients(batch)
                    )
                except (ArithmeticError, ValueError) as error:
                    raise FloatingPointError(
                        f"fit: epoch {epoch}, batch {start // batch_size + 1}: the loss or its gradient is "
                        f"not a finite number ({error}). No parameter was updated with it: the model keeps "
                        "the parameters of the last good step."
                    ) from error
                optimizer.step() if vector is None else vector.step()
                total_loss += batch_loss * len(batch)
                correct += batch_correct
        history.loss.append(total_loss / len(X))
        history.accuracy.append(correct / len(X))
        if bar is not None:
            bar.set_postfix({"loss": f"{history.loss[-1]:.4g}", "accuracy": f"{history.accuracy[-1]:.3f}"})
    return history


def _gradients(
    model: Module,
    parameters: list[Value],
    X: Sequence[Sequence[float]],
    y: Sequence[Target],
    batch: list[int],
    loss_function: Loss,
    l2: float,
    tape: TapeEngine | None = None,
) -> tuple[float, int]:
    """Fill every parameter's ``.grad`` with ∂J/∂θ of the batch; return J and the number correct."""
    at.zero_grad(parameters)  # ΔW := 0, Δb := 0
    total = 0.0
    correct = 0
    remaining = batch
    if tape is not None:  # replays the batch; hands back the examples it cannot replay
        total, correct, remaining = tape.accumulate(y, batch, loss_function)
    for i in remaining:
        outputs = model(X[i])
        example_loss = loss_function(outputs, y[i])
        if not isinstance(example_loss, Value):
            raise TypeError(f"fit: the loss function must return a Value, got {type(example_loss).__name__}")
        example_loss.backward()  # ΔW := ΔW + ∇W J(W, b; x, y): the leaves accumulate
        total += example_loss.data
        correct += decide([v.data for v in outputs], model.output_activation) == label_of(y[i])
    for parameter in parameters:
        parameter.grad /= len(batch)  # (1/m)ΔW
    penalty = 0.0
    if l2:
        weight_decay = l2_penalty(model, l2)
        weight_decay.backward()  # + λW, weights only
        penalty = weight_decay.data
    return total / len(batch) + penalty, correct


def _check_arguments(
    model: Module,
    parameters: list[Value],
    X: Sequence[Sequence[float]],
    y: Sequence[Target],
    loss: str | Loss,
    optimizer: Optimizer,
    epochs: int,
    l2: float,
) -> tuple[list[list[float]], list[Target]]:
    """Every argument checked before the first step; returns X as lists of floats and y as a list."""
    examples = check_examples(X, model.n_in, "fit", model=repr(model))
    targets = check_labels(y, len(examples), "fit")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"fit: optimizer must be an nn optimiser such as nn.SGD, got {type(optimizer).__name__}"
        )
    if not set(optimizer.params) <= set(parameters):
        raise ValueError("fit: the optimizer holds Values that are not parameters of the model")
    try:
        check_targets(loss, targets, model.n_out)
    except (TypeError, ValueError) as error:
        raise type(error)(f"fit: {error}") from None
    check_count(epochs, "fit: epochs")
    check_number(l2, "fit: l2", low=0)
    return examples, targets
