"""``Parameter``: a leaf that a model trains, with the group it belongs to (one neuron), for drawings.

A ``Parameter`` is a ``Value`` in every way the engine sees; it only carries one more fact, its
``group``, so that a drawing can box a neuron's parameters and operations together (the
backpropagation derivation's a = f(Σᵢ wᵢxᵢ + b)) without guessing from label text.
"""

from __future__ import annotations

from autograd_tiny.core.value import Value

__all__ = ["Parameter"]


class Parameter(Value):
    """A trainable leaf with a group: ``Parameter(0.5, "layers.0.neurons.2.w1", group="layers.0.neurons.2")``.

    Attributes:
        group: the name of the unit it belongs to (``""``: none). ``nn`` gives each neuron's
            weights and bias the neuron's dotted name; ``at.draw`` boxes every group it finds, with
            the operations that read the group's parameters directly and the activation applied to
            the sum that adds one of them (the bias).
        short_name: the label without the group's prefix (``w1``): how a drawing names it inside
            its group's box.
    """

    __slots__ = ("group",)

    def __init__(self, data: float, label: str = "", *, group: str = "") -> None:
        """A leaf with an optional name and group (both ``str``)."""
        super().__init__(data, label)
        if type(group) is not str:
            raise TypeError(f"Parameter group must be a str, got {type(group).__name__} {group!r}")
        self.group = group

    @property
    def short_name(self) -> str:
        prefix = f"{self.group}."
        if self.group and self.label.startswith(prefix) and len(self.label) > len(prefix):
            return self.label[len(prefix) :]
        return self.label
