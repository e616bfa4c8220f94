"""``record`` a function once as a tape (a Wengert list), then replay it on new numbers at array speed.

The composite-function tutorial: "keep the intermediate values". Running ``fn`` once on ``Value``s builds its
graph; the tape keeps the operations in an order where inputs come first, v₃ = v₁ × v₂, v₄ = tanh(v₃), …, with
their input slots and constants. For a fixed network that sequence does not depend on the data, so it can be
replayed on new inputs (or on a batch of B examples at once) without building one object per number: forward
sweep vᵢ = op(vⱼ, …), reverse sweep v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ, derivatives from ``RULES``.

Design:
- Inputs are fresh leaves made from ``example_inputs``. Every other leaf ``fn`` reaches that is not a
  ``Constant`` (a model's parameters, captured by ``fn``) is a parameter: its ``.data`` is read again
  at each ``forward``, so an optimiser can change it between replays, and ``backward`` adds to its
  ``.grad`` as ``Value.backward`` does. Constants are frozen.
- Control flow is recorded once. Every comparison ``fn`` makes on a Value (``if v > 0``, ``max(vs)``)
  is noted as a guard and re-checked on every replay: a replay that would take another branch raises
  ``BranchChangedError`` instead of returning wrong numbers. What a comparison cannot see is a number
  taken out of the graph (``v.data``): it is frozen into the tape like any constant.
  That is the promise ``fn`` makes: branch on Values, not on their ``.data``.
- numpy does the replay (``program.py``, ``replay.py``); ``autograd_tiny.record`` loads this layer
  only when it is first used, so the engine itself needs only the standard library.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import autograd_tiny.core.recording as recording
from autograd_tiny.core.errors import as_float
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.tape.program import compile_graph
from autograd_tiny.tape.tape import Tape

__all__ = ["record"]


def record(
    fn: Callable[..., Value | Sequence[Value]], example_inputs: Iterable[float], *, matrices: bool = True
) -> Tape:
    """Run ``fn(*inputs)`` once on ``Value``s made from ``example_inputs`` and keep its operations.

    Args:
        fn: takes one ``Value`` per example input and returns a ``Value`` or a list of them. The
            inputs are labelled with ``fn``'s parameter names when it has plain ones.
        example_inputs: one number per argument of ``fn``.
        matrices: replay each layer found in the graph (Σ nodes of parameter × input products that
            share their inputs) as one matrix product z = Wa + b (``matrices.py``); False replays
            every scalar operation on its own (same numbers to rounding, slower).

    Returns:
        The tape, holding the recorded values (print it to see the Wengert list).

    Raises:
        TypeError: ``fn`` is not callable, an example input is not a real number, or ``fn`` does not
            return Values.
        ValueError: an example input is not finite, recording is off (inside ``no_grad``), or ``fn``
            uses a value it made with ``detach()`` or under ``no_grad`` (a replay would freeze it).
        ModuleNotFoundError: numpy is not installed.
    """
    if not callable(fn):
        raise TypeError(f"record: fn must be a function, got {type(fn).__name__}")
    if isinstance(example_inputs, (str, bytes)) or not isinstance(example_inputs, Iterable):
        raise TypeError(f"record: example_inputs must be a sequence of numbers, got {example_inputs!r}")
    example_inputs = list(example_inputs)  # a list, a tuple, a numpy row
    if not recording.is_recording():
        raise ValueError("record: called inside no_grad(), where operations record nothing")
    names = _input_names(fn, len(example_inputs))
    inputs = [
        Value(as_float(x, f"record: example_inputs[{i}]"), names[i]) for i, x in enumerate(example_inputs)
    ]
    with recording.taping(recording.TapeLog(comparisons=[], frozen=[])) as log:
        result = fn(*inputs)
    single = isinstance(result, Value)
    outputs = (
        [result] if isinstance(result, Value) else list(result) if isinstance(result, Sequence) else None
    )
    if not outputs or not all(isinstance(v, Value) for v in outputs):
        raise TypeError(f"record: fn must return a Value or a non-empty list of Values, got {result!r}")
    _refuse_frozen(outputs, log)
    return Tape(*compile_graph(inputs, outputs, log.comparisons, matrices), single)


def _refuse_frozen(outputs: list[Value], log: recording.TapeLog) -> None:
    """Refuse a value that ``fn`` took out of the graph and then used: a replay would repeat it frozen.

    ``x.detach()`` and an operation under ``no_grad`` give a leaf that remembers only its number;
    on a tape it would keep its recording-time number for every new input, a wrong number with no
    error. So if such a value reaches an output or a comparison, recording stops here.

    Raises:
        ValueError: naming the value and how it was made.
    """
    if not log.frozen:
        return
    frozen = {id(v): v for v in log.frozen}
    used = [v for output in outputs for v in topological_order(output) if not v.edges]
    used += [x for left, _, right, _ in log.comparisons for x in (left, right) if isinstance(x, Value)]
    for v in used:
        if id(v) in frozen:
            name = f" {v.label!r}" if v.label else ""
            raise ValueError(
                f"record: fn uses a value{name} = {format_number(v.data)} made by detach() or under "
                "no_grad(); a tape would replay it frozen at that number for every new input. "
                "Compute it with recorded operations, or pass it in as an input"
            )


def _input_names(fn: Callable[..., Any], n: int) -> list[str]:
    """``fn``'s positional parameter names if it has exactly n plain ones, else x1 … xn."""
    try:
        parameters = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        parameters = []
    plain = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return plain if len(plain) == n == len(parameters) else [f"x{i + 1}" for i in range(n)]
