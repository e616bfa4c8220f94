"""Pickling and copying a graph without recursion, however deep it is.

``pickle`` and ``copy.deepcopy`` follow a node's inputs recursively, so a chain of a thousand
operations would exceed Python's recursion limit. Instead a ``Value`` reduces itself to a flat
list: its leaves (pickled as objects, so a leaf shared with anything else pickled alongside stays
one object) and one record per interior node, inputs first, naming its inputs by position. The
graph is rebuilt from that list in the same order. Leaves reduce to their fields alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd_tiny.core.order import depth_first

if TYPE_CHECKING:
    from autograd_tiny.core.value import Value

__all__ = ["flatten", "leaf", "rebuild"]

Record = tuple[Any, float, float, str, str, Any, Any, int, Any]  # class, data, grad, op, label, a, ∂a, b, ∂b


def leaf(cls: type[Value], data: float, grad: float, label: str) -> Value:
    """A leaf again, from its fields (the reduction of a node without inputs)."""
    node = cls.__new__(cls)
    node.data, node.grad, node.op, node.label = data, grad, "", label
    node._a = node._b = None
    node._local_a = node._local_b = 0.0
    return node


def flatten(root: Value) -> tuple[tuple[Value, ...], list[Record]]:
    """The leaves under ``root`` and a record per interior node, in an order where inputs come first.

    A record names its inputs by position in ``[*leaves, *interior]``: a tuple of positions for a
    ``sum``, else the position of ``_a`` and of ``_b`` (-1 for none).
    """
    interior: list[Value] = []
    leaves: list[Value] = []
    depth_first(root, interior, leaves)
    position = {id(node): i for i, node in enumerate([*leaves, *interior])}
    records = []
    for node in interior:
        a: Any = node._a
        inputs = tuple(position[id(x)] for x in a) if a.__class__ is tuple else position[id(a)]
        b = -1 if node._b is None else position[id(node._b)]
        records.append(
            (type(node), node.data, node.grad, node.op, node.label, inputs, node._local_a, b, node._local_b)
        )
    return tuple(leaves), records


def rebuild(leaves: tuple[Value, ...], records: list[Record]) -> Value:
    """The graph that ``flatten`` took apart; returns its root (the last node)."""
    built: list[Any] = list(leaves)
    for cls, data, grad, op, label, inputs, local_a, b, local_b in records:
        node = cls.__new__(cls)
        node.data, node.grad, node.op, node.label = data, grad, op, label
        node._a = tuple(built[i] for i in inputs) if isinstance(inputs, tuple) else built[inputs]
        node._local_a = local_a
        node._b = None if b < 0 else built[b]
        node._local_b = local_b
        built.append(node)
    return built[-1]  # type: ignore[no-any-return]
