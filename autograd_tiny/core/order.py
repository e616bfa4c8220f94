"""The order of the backward pass: every node of a graph, each after the inputs it was made from.

Depth-first, iterative (an explicit stack, so depth is limited by memory, not by Python's recursion
limit), over edges in argument order, so the order is the same on every run. It reads the node
slots that ``value.py`` defines and imports nothing of the engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autograd_tiny.core.value import Value

__all__ = ["depth_first", "inputs_of"]


def depth_first(
    root: Value, interior: list[Value], leaves: list[Value], seen: set[Value | None] | None = None
) -> None:
    """Post-order depth-first search with an explicit stack: no recursion, no per-node tuples.

    Appends the nodes that have inputs to ``interior``, each after its inputs, ``root`` last; and
    each leaf to ``leaves`` when it is first reached. A node stays on the stack until its inputs
    are done; when it is looked at again, the inputs already seen are passed over and the next
    one is pushed, or the node is finished. A ``sum`` node
    (a tuple of inputs) keeps an iterator over them in ``resume``, so that each of its inputs is
    looked at once; an input whose own inputs are all done already is finished on the spot
    rather than pushed (the same order, fewer steps round the loop).

    ``root`` must have inputs. ``seen`` holds the nodes already ordered by earlier calls (one
    traversal under several roots: a tape's outputs), which are passed over; it is added to.
    """
    if seen is None:  # None stands for the missing input of a one-input node
        seen = {root, None}
    else:  # the nodes already ordered under earlier roots, passed over here
        seen.update((root, None))
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
                        interior.append(x)  # inputs all done (a neuron's w·x): finished at once
                    else:
                        push(x)
                        break
            else:
                interior.append(stack.pop())
            continue
        # The same five lines for a and for b, on purpose (a duplicate that stays): a loop over
        # (a, b) would build a tuple per node on the engine's hottest loop.
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
        interior.append(stack.pop())


def inputs_of(node: Value) -> tuple[Value, ...]:
    """``node``'s inputs in argument order, none for a leaf (its edges without the partials); a
    ``sum`` node's own tuple, not a copy."""
    a: Any = node._a
    if a is None:
        return ()
    if a.__class__ is tuple:
        return a  # a sum: its own tuple of inputs
    return (a,) if node._b is None else (a, node._b)
