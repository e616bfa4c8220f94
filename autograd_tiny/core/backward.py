"""The backward pass: ∂root/∂node into every node's ``.grad``, in reverse topological order.

The whole pass is the composite-function tutorial's rule, "each node's derivative is the sum of
products with the directly connected nodes above it": ``input.grad += local * node.grad``. It knows no
operation; the locals were stored by the forward pass. This is the engine's hot path, written on the
node slots of ``value.py`` for speed; ``gradients.py`` has the checked public functions.
"""

from __future__ import annotations

import math
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from autograd_tiny.core.order import depth_first

if TYPE_CHECKING:
    from autograd_tiny.core.value import Value

__all__ = ["backward_pass"]


def backward_pass(root: Value) -> None:
    """Set ``node.grad = ∂root/∂node`` for every node under ``root``; leaves other than constants accumulate.

    Raises:
        OverflowError: a gradient overflowed to inf or nan (exploding gradients); the message
            names the node, and every ``.grad`` is left as it was before the call.
    """
    if root._a is None:  # a leaf: ∂root/∂root = 1 and nothing else
        before = root.grad
        root.grad += 1.0
        if not -math.inf < root.grad < math.inf:
            root.grad = before
            raise OverflowError(f"backward: the gradient of {_name(root)} would be {before + 1.0}")
        return
    interior: list[Value] = []
    leaves: list[Value] = []
    depth_first(root, interior, leaves)
    # Interior gradients start from 0. What they held is kept, to undo a pass that fails; in a new
    # graph they hold 0 already, so most nodes cost one test here.
    kept: list[tuple[Value, float]] = []
    for node in interior:
        if node.grad:
            kept.append((node, node.grad))
            node.grad = 0.0
    kept_leaves = [leaf.grad for leaf in leaves]
    for leaf in leaves:
        if leaf.constant:  # shared between graphs (the 2 of every ``x * 2``): never accumulates
            leaf.grad = 0.0
    root.grad = 1.0  # ∂root/∂root = 1
    for node in reversed(interior):
        upstream = node.grad
        if upstream:
            # the chain rule, once per edge: input.grad += local × node.grad. (For speed this is a
            # copy of gradients.chain_rule's loop, on the nodes' own slots instead of a dict.)
            a: Any = node._a  # never None: only interior nodes are in this list
            if a.__class__ is tuple:  # a sum: an edge per term
                for input_, local in zip(a, node._local_a):  # noqa: B905  # equal lengths, by construction
                    input_.grad += local * upstream
                continue
            a.grad += node._local_a * upstream
            b = node._b
            if b is not None:
                b.grad += node._local_b * upstream
    try:
        _check_finite(interior, leaves)
    except OverflowError:  # every .grad back as it was before the call
        for node in interior:
            node.grad = 0.0
        for node, grad in kept:
            node.grad = grad
        for leaf, grad in zip(leaves, kept_leaves, strict=True):
            leaf.grad = grad
        raise


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


def _name(node: Value) -> str:
    return node.label or (f"the output of {node.op}" if node.op else "a leaf")
