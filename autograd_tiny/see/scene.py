"""``Scene``: the state of a graph part-way through a pass, for one frame of an animation.

The forward pass of the chain-rule tutorial fills in values inputs first; the backward pass fills
in gradients from the output back, one ``input.grad += upstream × local`` at a time. A scene says
which numbers are known so far and which node and edge the current step is at; ``to_dot`` draws it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from autograd_tiny.core.value import Value

__all__ = ["Scene"]


@dataclass(frozen=True)
class Scene:
    """What a drawing shows part-way through a pass.

    Attributes:
        values: the values computed so far; a node not in it is drawn with ``?``.
        grads: the gradients so far; a node not in it is drawn without one (the forward pass).
        current: the node the step is at, drawn in green, or None.
        edge: ``(node, position)``: the edge ``node.edges[position]`` the step uses, or None.
        caption: one line under the picture, e.g. ``a.grad += 1 × 4 = 4``.
    """

    values: Mapping[Value, float]
    grads: Mapping[Value, float]
    current: Value | None = None
    edge: tuple[Value, int] | None = None
    caption: str = ""
