"""The chain rule as one loop, and the record of one of its steps, shared by every pass that shows it.

The composite-function tutorial's rule, "each node's derivative is the sum of products with the
directly connected nodes above it", run in reverse topological order: for every edge node → input,
``gradient[input] += local × gradient[node]``. ``chain_rule`` is that loop once, for both number
types, parameterised by how a local derivative is read (a ``Reading``):

- ``STORED``: the float the forward pass stored on the edge (``grad``, ``jacobian``, ``see.trace``,
  ``see.frames``, the exercises);
- ``RECOMPUTED``: the rule's partial recomputed on ``Value``s, so that the gradient is itself a
  graph (``grad(..., create_graph=True)``, second derivatives).

Each edge is yielded as an ``EdgeStep``; forward mode's loop (``forward.tangents.tangent_rule``)
yields the same record, so the backward and forward traces, their tables and the frames all read
one kind of step. (``backward.py`` runs the float loop once more on the nodes' own slots: the hot
path.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from autograd_tiny.core.rules import RULES
from autograd_tiny.core.value import Constant, Value

__all__ = ["RECOMPUTED", "STORED", "EdgeStep", "Reading", "chain_rule"]

Number = TypeVar("Number", float, Value)


@dataclass(frozen=True, slots=True)
class EdgeStep(Generic[Number]):
    """One use of the chain rule on one edge ``node → input``: ``total += local × upstream``.

    In a backward pass the total is the input's gradient and ``upstream`` is ∂root/∂node; in a
    forward pass the total is the node's tangent and ``upstream`` is the input's tangent ∂input/∂x.

    Attributes:
        node: the node the edge leaves (the output of the operation).
        input: the node at the other end (an argument of the operation).
        local: ∂node/∂input, the edge's local derivative.
        upstream: the factor the chain rule multiplies ``local`` by (see above).
        contribution: ``local × upstream``, what this edge adds.
        before, after: the total before and after the addition.
    """

    node: Value
    input: Value
    local: Number
    upstream: Number
    contribution: Number
    before: Number
    after: Number


@dataclass(frozen=True)
class Reading(Generic[Number]):
    """How the chain rule reads a node's local derivatives, and the zero a gradient starts from.

    Attributes:
        partials: ``node → ((input, ∂node/∂input), …)``, one pair per edge in argument order.
        zero: the gradient of a node no edge has reached yet (what a step's ``before`` shows).
    """

    partials: Callable[[Value], Iterable[tuple[Value, Number]]]
    zero: Number


def _stored(node: Value) -> tuple[tuple[Value, float], ...]:
    """The floats the forward pass stored on the edges."""
    return node.edges


def _recomputed(node: Value) -> list[tuple[Value, Value]]:
    """The rule's partials recomputed on ``Value``s (constants as numbers), so they are graphs too."""
    inputs = [input_ for input_, _ in node.edges]
    if not inputs:  # a leaf: no rule, no partials
        return []
    arguments: list[Any] = [x.data if x.constant else x for x in inputs]
    return list(zip(inputs, RULES[node.op].partials(node, *arguments), strict=True))


STORED: Reading[float] = Reading(_stored, 0.0)
RECOMPUTED: Reading[Value] = Reading(_recomputed, Constant(0.0))


def chain_rule(
    order: Sequence[Value], gradients: dict[Value, Number], reading: Reading[Number]
) -> Iterator[EdgeStep[Number]]:
    """Apply the chain rule node by node in reverse ``order``, into ``gradients``.

    ``gradients`` holds the starting gradients (∂root/∂root = 1 at least; a float pass usually
    starts every node at 0). Each edge adds ``local × upstream`` to its input's entry and is
    yielded as an ``EdgeStep``, so a caller can watch the pass (``see.trace``) or just run it
    (``grad``). A node no gradient reached is skipped; an input reached for the first time takes
    the contribution as it is (on ``Value``s, adding it to a zero would record a node ``0 + …``).
    """
    for node in reversed(order):
        upstream = gradients.get(node)
        if upstream is None:
            continue
        for input_, local in reading.partials(node):
            contribution = local * upstream
            before = gradients.get(input_)
            after = contribution if before is None else before + contribution
            gradients[input_] = after
            yield EdgeStep(
                node, input_, local, upstream, contribution, reading.zero if before is None else before, after
            )
