"""Pickling and copying a graph without recursion, however deep it is.

``pickle`` and ``copy.deepcopy`` follow a node's inputs recursively, so a chain of a thousand
operations would exceed Python's recursion limit. Instead a ``Value`` reduces itself to a flat
list: its leaves (pickled as objects, so a leaf shared with anything else pickled alongside stays
one object) and one record per interior node, inputs first, naming its inputs by position. The
graph is rebuilt from that list in the same order (by ``value.py``, the one place that builds
nodes). Leaves reduce to their fields alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd_tiny.core.order import depth_first

if TYPE_CHECKING:
    from autograd_tiny.core.value import Value

__all__ = ["Record", "flatten"]

Record = tuple[Any, float, float, str, str, tuple[int, ...], tuple[Any, ...]]
"""One interior node: class, data, grad, op, label, its inputs' positions, its local partials."""


def flatten(root: Value) -> tuple[tuple[Value, ...], list[Record]]:
    """The leaves under ``root`` and a record per interior node, in an order where inputs come first.

    A record names its inputs by position in ``[*leaves, *interior]``, in argument order, beside
    their local partials; ``value.py`` builds the nodes again from the records.
    """
    interior: list[Value] = []
    leaves: list[Value] = []
    depth_first(root, interior, leaves)
    position = {id(node): i for i, node in enumerate([*leaves, *interior])}
    records: list[Record] = []
    for node in interior:
        edges = node.edges
        inputs = tuple(position[id(x)] for x, _ in edges)
        records.append(
            (type(node), node.data, node.grad, node.op, node.label, inputs, tuple(p for _, p in edges))
        )
    return tuple(leaves), records
