"""Names for the nodes of a graph, shared by drawings, sums over paths and backward traces.

The composite-function tutorial names the intermediate values of y = (x1 + x2)(x2 + 1) as a = x1 + x2 and b =
x2 + 1 and the output y. ``node_names`` does the same for any graph, so that a picture, an explanation and a
trace of one graph always call a node by the same name. Names come from traversal position, never from
``id()``, so they are the same on every run.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Collection, Iterator

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.grouping import group_of, short_name

__all__ = ["OUTPUT_NAMES", "node_names", "output_name"]

OUTPUT_NAMES = ("y", "f", "g")  # an output is y = f(x) in the seeds; f and g when an input is y


def output_name(labels: Collection[str]) -> str | None:
    """The name of an unlabelled output: ``y``, or ``f`` or ``g`` if a label already says ``y``.

    Returns:
        The first of ``OUTPUT_NAMES`` that no label uses, or None if all three are taken.
    """
    return next((name for name in OUTPUT_NAMES if name not in labels), None)


def node_names(root: Value) -> dict[Value, str]:
    """A name for every node under ``root``, inputs before the nodes that use them.

    A node keeps its label (a lone surrogate in it, which no file or display can encode, written
    as its escape ``\\ud800``). A constant is named by its number. An unlabelled output is ``y`` (or
    ``f``, ``g`` when labels already use ``y``: see ``output_name``); the other unlabelled nodes
    are ``a``, ``b``, ``c``, … in topological order (inputs first), skipping names already taken
    by labels and the short names of grouped parameters (``w0``, ``b``: how a drawing names
    them inside their neuron's box), then ``v27``, ``v28``, … once the letters run out.

    Args:
        root: the output of the graph.

    Returns:
        ``{node: name}`` in topological order (iteration order is that order).
    """
    order = topological_order(root)
    taken = {_writable(node.label) for node in order if node.label}
    taken |= {short_name(node) for node in order if group_of(node)}
    root_name = None if root.label else output_name(taken)
    if root_name:
        taken.add(root_name)
    fresh = _fresh_names(taken)
    names: dict[Value, str] = {}
    for node in order:
        if node.label:
            names[node] = _writable(node.label)
        elif node.constant:
            names[node] = format_number(node.data)
        elif node is root and root_name:
            names[node] = root_name
        else:
            names[node] = next(fresh)
    return names


def _writable(label: str) -> str:
    """``label`` as text that UTF-8 can encode: a display hook or a file must never fail on a name."""
    return label if label.isascii() else label.encode("utf-8", "backslashreplace").decode("utf-8")


def _fresh_names(taken: set[str]) -> Iterator[str]:
    letters = (letter for letter in string.ascii_lowercase)
    numbered = (f"v{i}" for i in itertools.count(27))
    return (name for name in itertools.chain(letters, numbered) if name not in taken)
