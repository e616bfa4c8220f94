"""``Label``: a node's label that also names the group it belongs to (one neuron), for drawings.

A drawing boxes a network's neurons (the backpropagation derivation's a = f(Σᵢ wᵢxᵢ + b)) by the
groups of their parameters. The group travels with the label, as data of its own: a ``Label`` is a
``str`` (the label a reader sees, ``layers.0.neurons.2.w1``) with a ``group`` attribute
(``layers.0.neurons.2``). Nothing is read out of the text, and the engine's nodes carry nothing
more: a ``Value``'s label is only looked at by drawings and messages, never on the hot path.
"""

from __future__ import annotations

from typing import Any

from autograd_tiny.core.value import Value

__all__ = ["Label", "group_of", "short_name"]


class Label(str):
    """A label with the group it belongs to: ``Label("layers.0.neurons.2.w1", group="layers.0.neurons.2")``.

    ``nn`` labels every weight and bias this way, with its neuron as the group; ``at.draw`` boxes
    the parameters of each group with the operations that read them directly and the activation of
    the sum that adds one of them (the bias). A ``Label`` is a ``str`` in every other way.

    Attributes:
        group: the name of the unit it belongs to; ``""`` for none.
    """

    group: str

    def __new__(cls, text: str, group: str = "") -> Label:
        """``text``, the label, and ``group``, both ``str``."""
        if not isinstance(text, str) or type(group) is not str:
            raise TypeError(
                f"Label needs a str and a str group, got {type(text).__name__} {text!r} "
                f"and {type(group).__name__} {group!r}"
            )
        label = super().__new__(cls, text)
        label.group = group
        return label

    def __reduce__(self) -> tuple[Any, ...]:
        """For ``copy`` and ``pickle``: the text and the group."""
        return Label, (str(self), self.group)

    def __repr__(self) -> str:
        return f"Label({str(self)!r}, group={self.group!r})"


def group_of(node: Value) -> str:
    """The group of a leaf whose label is a ``Label``; ``""`` for every other node."""
    label = node.label
    return label.group if isinstance(label, Label) and not node.edges else ""


def short_name(node: Value) -> str:
    """How a drawing names a grouped leaf inside its group's box: the label without the group's
    prefix (``w1`` for ``layers.0.neurons.2.w1``); any other node's label as it is."""
    group, label = group_of(node), str(node.label)
    prefix = f"{group}."
    if group and label.startswith(prefix) and len(label) > len(prefix):
        return label[len(prefix) :]
    return label
