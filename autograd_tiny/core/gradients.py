"""Gradients as a user asks for them: ``backward``, ``grad`` (with ``create_graph``), ``zero_grad``.

Every function here is the chain rule of the composite-function tutorial, ∂y/∂input = Σ over the
nodes that use it of local derivative × their gradient, run in reverse topological order: ``grad``
runs ``chain.chain_rule`` on the stored floats, or on ``Value``s recomputed from the rules for
``create_graph``; ``backward`` runs ``backward.py``'s copy of the float loop on the nodes' own
slots, because it is the hot path.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from autograd_tiny.core.backward import backward_pass
from autograd_tiny.core.chain import RECOMPUTED, STORED, chain_rule
from autograd_tiny.core.order import depth_first
from autograd_tiny.core.value import Constant, Value

__all__ = ["backward", "grad", "topological_order", "zero_grad"]


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, inputs before the nodes that use them, ``root`` last.

    Depth-first over edges in argument order, so the order is the same on every run.
    """
    _require_value(root, "root")
    order: list[Value] = []
    depth_first(root, order, leaves=order)  # a leaf is finished as soon as it is reached
    return order


def backward(root: Value) -> None:
    """Set ``node.grad = ∂root/∂node`` for every node under ``root``; leaves other than constants accumulate.

    The same as ``root.backward()``.

    Raises:
        TypeError: ``root`` is not a ``Value``.
        OverflowError: a gradient overflowed to inf or nan (exploding gradients); the message
            names the node.
    """
    _require_value(root, "root")
    backward_pass(root)


def grad(output: Value, inputs: Value | Sequence[Value], create_graph: bool = False) -> tuple[Value, ...]:
    """∂output/∂input for each input, without touching any ``.grad``.

    Args:
        output: the scalar to differentiate.
        inputs: one ``Value`` or a sequence of them.
        create_graph: if True, the returned gradients are themselves graphs of ``Value``s, so they
            can be differentiated again (second derivatives, Hessians). The local partials are
            then recomputed from the rules on ``Value``s rather than read from the stored floats.

    Returns:
        One ``Value`` per input (0 for an input that ``output`` does not depend on).

    Raises:
        TypeError: ``output`` or an input is not a ``Value``.
        OverflowError: a gradient is not finite.
    """
    _require_value(output, "output")
    targets = [inputs] if isinstance(inputs, Value) else list(inputs)
    for i, target in enumerate(targets):
        _require_value(target, f"inputs[{i}]")
    order: list[Value] = []
    leaves: list[Value] = []
    depth_first(output, order, leaves)
    if create_graph:
        graphs: dict[Value, Value] = {output: Constant(1.0)}
        for _ in chain_rule(order, graphs, RECOMPUTED):
            pass
        return tuple(graphs.get(t) or Constant(0.0) for t in targets)
    gradients = dict.fromkeys([*leaves, *order], 0.0)  # every gradient starts from 0
    gradients[output] = 1.0
    for _ in chain_rule(order, gradients, STORED):
        pass
    values = [gradients.get(t, 0.0) for t in targets]
    for i, value in enumerate(values):
        if not -math.inf < value < math.inf:
            raise OverflowError(f"grad: ∂output/∂inputs[{i}] is {value}")
    return tuple(Value(g) for g in values)


def zero_grad(*values: Value | Iterable[Value]) -> None:
    """Reset ``.grad`` to 0 for the given values (or iterables of values, such as parameters).

    Raises:
        TypeError: an argument is neither a ``Value`` nor an iterable of them; nothing is reset then.
    """
    found: list[Value] = []
    for i, item in enumerate(values):
        if isinstance(item, Value):
            found.append(item)
            continue
        if isinstance(item, (str, bytes)) or not isinstance(item, Iterable):
            raise TypeError(
                f"zero_grad: argument {i} must be a Value or an iterable of Values, got {type(item).__name__}"
            )
        for j, value in enumerate(item):
            _require_value(value, f"zero_grad: argument {i}, item {j},")
            found.append(value)
    for value in found:
        value.grad = 0.0


def _require_value(x: object, what: str) -> None:
    if not isinstance(x, Value):
        raise TypeError(f"{what} must be a Value, got {type(x).__name__} {x!r}")
