"""Reverse mode: topological order, ``backward``, ``grad`` (with ``create_graph``) and ``zero_grad``.

The whole backward pass is seed 004's rule, "each node's derivative is the sum of products with the
directly connected nodes above it", run in reverse topological order:
``input.grad += local * node.grad``. It knows no operation; the locals were stored by the forward
pass. Traversal is iterative, so depth is limited by memory, not by Python's recursion limit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Any

from autograd_tiny.rules import RULES
from autograd_tiny.value import Constant, Value

__all__ = ["backward", "grad", "topological_order", "zero_grad"]


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, inputs before the nodes that use them, ``root`` last.

    Depth-first over edges in argument order, so the order is the same on every run.
    """
    _require_value(root, "root")
    order: list[Value] = []
    _depth_first(root, order, leaves=order)  # a leaf is finished as soon as it is reached
    return order


def _depth_first(root: Value, interior: list[Value], leaves: list[Value], zero_grads: bool = False) -> None:
    """Post-order depth-first search with an explicit stack: no recursion, no per-node tuples.

    Appends the nodes that have inputs to ``interior``, each after its inputs, ``root`` last; and
    each leaf to ``leaves`` when it is first reached. A node stays on the stack until its inputs
    are done; when it is looked at again, the inputs already seen are passed over and the next
    one is pushed, or the node is finished. With ``zero_grads`` each interior node's ``.grad`` is
    set to 0 as it is finished (for ``backward``: one pass over the graph fewer). A ``sum`` node
    (a tuple of inputs) keeps an iterator over them in ``resume``, so that each of its inputs is
    looked at once; an input whose own inputs are all done already is finished on the spot
    rather than pushed (the same order, fewer steps round the loop).
    """
    seen: set[Value | None] = {root, None}  # None stands for the missing input of a one-input node
    resume: dict[Value, Iterator[Value]] = {}
    stack = [root]
    push, see = stack.append, seen.add
    while stack:
        node = stack[-1]
        a: Any = node._a  # a Value once past ``not in seen``: None is always seen
        if a.__class__ is tuple:
            inputs = resume.get(node)
            if inputs is None:
                inputs = resume[node] = iter(a)
            for x in inputs:
                if x not in seen:
                    see(x)
                    xa = x._a
                    if xa is None:
                        leaves.append(x)
                    elif xa.__class__ is not tuple and xa in seen and x._b in seen:
                        if zero_grads:  # inputs all done (a neuron's w·x): finished at once
                            x.grad = 0.0
                        interior.append(x)
                    else:
                        push(x)
                        break
            else:
                if zero_grads:
                    node.grad = 0.0
                interior.append(stack.pop())
            continue
        if a not in seen:
            see(a)
            if a._a is not None:
                push(a)
                continue
            leaves.append(a)
        b: Any = node._b
        if b not in seen:
            see(b)
            if b._a is not None:
                push(b)
                continue
            leaves.append(b)
        if zero_grads:
            node.grad = 0.0
        interior.append(stack.pop())


def backward(root: Value) -> None:
    """Set ``node.grad = ∂root/∂node`` for every node under ``root``; leaves other than constants accumulate.

    Raises:
        OverflowError: a gradient overflowed to inf or nan (exploding gradients); the message
            names the node.
    """
    _require_value(root, "root")
    if root._a is None:  # a leaf: ∂root/∂root = 1 and nothing else
        root.grad += 1.0
        _check_finite([], [root])
        return
    interior: list[Value] = []
    leaves: list[Value] = []
    _depth_first(root, interior, leaves, zero_grads=True)
    for leaf in leaves:
        if leaf.constant:  # shared between graphs (the 2 of every ``x * 2``): never accumulates
            leaf.grad = 0.0
    root.grad = 1.0  # ∂root/∂root = 1
    for node in reversed(interior):
        upstream = node.grad
        if upstream:
            # seed 004's rule, once per edge: input.grad += local × node.grad
            a: Any = node._a  # never None: only interior nodes are in this list
            if a.__class__ is tuple:  # a sum: an edge per term
                for input_, local in zip(a, node._local_a):  # noqa: B905  # equal lengths, by construction
                    input_.grad += local * upstream
                continue
            a.grad += node._local_a * upstream
            b = node._b
            if b is not None:
                b.grad += node._local_b * upstream
    _check_finite(interior, leaves)


_grad = attrgetter("grad")


def _check_finite(interior: list[Value], leaves: list[Value]) -> None:
    """Raise if any gradient, of an interior node or of a leaf, is inf or nan.

    Only the leaves need reading: an inf or nan gradient of an interior node reaches every input
    below it (inf × local is ±inf, or nan when local is 0), and so some leaf. The interior is read
    only to name the first node that went wrong.
    """
    if all(map(math.isfinite, map(_grad, leaves))):
        return
    bad = next(node for node in [*interior, *leaves] if not math.isfinite(node.grad))
    raise OverflowError(f"backward: the gradient of {_name(bad)} is {bad.grad}")


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
    """
    _require_value(output, "output")
    targets = [inputs] if isinstance(inputs, Value) else list(inputs)
    for i, target in enumerate(targets):
        _require_value(target, f"inputs[{i}]")
    order: list[Value] = []
    _depth_first(output, order, leaves=[])
    if create_graph:
        grads = _graph_gradients(output, order)
        return tuple(grads.get(t) or Constant(0.0) for t in targets)
    seed: dict[Value, float] = {output: 1.0}
    for node in reversed(order):
        upstream = seed.get(node)
        if upstream:
            for input_, local in node.edges:
                seed[input_] = seed.get(input_, 0.0) + local * upstream
    gradients = [seed.get(t, 0.0) for t in targets]
    for i, value in enumerate(gradients):
        if not -math.inf < value < math.inf:
            raise OverflowError(f"grad: ∂output/∂inputs[{i}] is {value}")
    return tuple(Value(g) for g in gradients)


def _graph_gradients(output: Value, order: list[Value]) -> dict[Value, Value]:
    """The backward pass with ``Value`` gradients and ``Value`` local partials (create_graph)."""
    grads: dict[Value, Value] = {output: Constant(1.0)}
    for node in reversed(order):
        upstream = grads.get(node)
        if upstream is None or not node.edges:
            continue
        inputs = [input_ for input_, _ in node.edges]
        arguments: list[Any] = [x.data if x.constant else x for x in inputs]
        locals_ = RULES[node.op].partials(node, *arguments)
        for input_, local in zip(inputs, locals_, strict=True):
            contribution = local * upstream
            previous = grads.get(input_)
            grads[input_] = contribution if previous is None else previous + contribution
    return grads


def zero_grad(*values: Value | Iterable[Value]) -> None:
    """Reset ``.grad`` to 0 for the given values (or iterables of values, such as parameters)."""
    for item in values:
        for value in [item] if isinstance(item, Value) else item:
            _require_value(value, "zero_grad argument")
            value.grad = 0.0


def _require_value(x: object, what: str) -> None:
    if not isinstance(x, Value):
        raise TypeError(f"{what} must be a Value, got {type(x).__name__} {x!r}")


def _name(node: Value) -> str:
    return node.label or (f"the output of {node.op}" if node.op else "a leaf")
