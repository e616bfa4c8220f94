"""Network diagrams as the tutorials draw them: neurons in layer columns with z, a and δ on each unit.

For an MLP, an example x and a target y, the numbers of the backpropagation derivation, numbered
as it numbers layers (layer 1 is the input, a⁽¹⁾ = x): the forward pass z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾,
a⁽ˡ⁺¹⁾ = f(z⁽ˡ⁺¹⁾) and the residuals δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾ of the cost J = ½‖a⁽ⁿˡ⁾ − y‖², which the
derivation writes δ⁽ⁿˡ⁾ = −(y − a⁽ⁿˡ⁾)⊙f′(z⁽ⁿˡ⁾) and δ⁽ˡ⁾ = ((W⁽ˡ⁾)ᵀδ⁽ˡ⁺¹⁾)⊙f′(z⁽ˡ⁾). Here they
are read off the engine (``at.grad``), not computed by those formulas, so that a picture of them is
also a check of them. The drawing is in
``diagram_dot.py``; the matrix view (W⁽ˡ⁾, a⁽ˡ⁾, δ⁽ˡ⁾ with their shapes) is ``matrices``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.activations import activation
from nn.model.layers import MLP
from nn.training.losses import half_squared_error
from nn.views.diagram_dot import layer_mark, network_drawing

__all__ = ["LayerNumbers", "NetworkDiagram", "network_diagram"]


@dataclass(frozen=True)
class LayerNumbers:
    """One layer l of the network at one example: every number the diagram shows.

    Attributes:
        activation: f. weights: W⁽ˡ⁾, one row per neuron. biases: b⁽ˡ⁾.
        z, a: z⁽ˡ⁾ and a⁽ˡ⁾ = f(z⁽ˡ⁾), one per neuron. delta: δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾.
        weight_gradients: ∂J/∂W⁽ˡ⁾, shaped as ``weights``. bias_gradients: ∂J/∂b⁽ˡ⁾.
        derivatives: f′(z⁽ˡ⁾) = ∂a/∂z, one per neuron, read off the engine.
    """

    activation: str
    weights: list[list[float]]
    biases: list[float]
    z: list[float]
    a: list[float]
    delta: list[float]
    weight_gradients: list[list[float]]
    bias_gradients: list[float]
    derivatives: list[float]


@dataclass(frozen=True, repr=False)
class NetworkDiagram:
    """A network at one example, drawn forward or as the reversed network.

    Attributes:
        x: the example, a⁽¹⁾. target: y, or None (then J is the sum of the outputs).
        loss: J. layers: one ``LayerNumbers`` per layer, the first hidden one first.
        reverse: draw the backward pass, δ flowing right to left through the weights.
        precision: significant digits of every number shown.
    """

    x: list[float]
    target: list[float] | None
    loss: float
    layers: tuple[LayerNumbers, ...]
    reverse: bool = False
    precision: int = 3

    def drawing(self) -> at.Drawing:
        """The diagram as an ``at.Drawing``, a ``graphviz.Digraph`` (``.render``, ``.pipe``, ``.attr``)."""
        return network_drawing(self)

    def __repr__(self) -> str:
        """One line (Jupyter's plain-text form): the network's sizes, the example and J."""
        sizes = "-".join(str(size) for size in [len(self.x), *(len(layer.a) for layer in self.layers)])
        example = ", ".join(self.number(v) for v in self.x)
        kind = "reversed" if self.reverse else "forward"
        return f"<NetworkDiagram, {kind}: a {sizes} network at x = [{example}], J = {self.number(self.loss)}>"

    def dot(self) -> str:
        """The diagram as Graphviz DOT text."""
        return str(self.drawing().source)

    def number(self, value: float) -> str:
        """``value`` to ``precision`` significant digits."""
        return f"{value:.{self.precision}g}"

    def matrices(self) -> str:
        """Each of a⁽ˡ⁾, W⁽ˡ⁾, b⁽ˡ⁾, z⁽ˡ⁾, δ⁽ˡ⁾ and ∂J/∂W⁽ˡ⁾ with its shape, numbered as the
        backpropagation derivation numbers layers: a⁽¹⁾ = x, z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾,
        ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁺¹⁾(a⁽ˡ⁾)ᵀ."""

        def vector(values: list[float]) -> str:
            return "[" + ", ".join(self.number(v) for v in values) + "]"

        def matrix(rows: list[list[float]]) -> str:
            return "[" + "; ".join(", ".join(self.number(v) for v in row) for row in rows) + "]"

        lines = [f"a⁽¹⁾ = x   ({len(self.x)}×1)  {vector(self.x)}"]
        for index, layer in enumerate(self.layers, start=1):
            this, after = layer_mark(index), layer_mark(index + 1)
            m, n = len(layer.weights), len(layer.weights[0])
            lines += [
                f"W{this}   ({m}×{n})  {matrix(layer.weights)}",
                f"b{this}   ({m}×1)  {vector(layer.biases)}",
                f"z{after} = W{this}a{this} + b{this}   ({m}×1)  {vector(layer.z)}",
                f"a{after} = {layer.activation}(z{after})   ({m}×1)  {vector(layer.a)}",
                f"δ{after} = ∂J/∂z{after}   ({m}×1)  {vector(layer.delta)}",
                f"∂J/∂W{this} = δ{after}(a{this})ᵀ   ({m}×{n})  {matrix(layer.weight_gradients)}",
            ]
        return "\n".join([*lines, f"J = {self.number(self.loss)}"])

    def svg(self) -> str:
        """The diagram as SVG (needs a Graphviz renderer: ``pip install 'autograd-tiny[viz]'``)."""
        return self.drawing().svg()

    def render(self, path: str | Path) -> Path:
        """Write the diagram to a ``.svg``, ``.png``, ``.pdf`` or ``.dot`` file (``at.Drawing.write``)."""
        return self.drawing().write(path)

    def _repr_html_(self) -> str:
        try:
            picture = self.svg()
        except RuntimeError as error:  # no renderer: the hint, and the matrix view all the same
            picture = f"<p>{html.escape(str(error))}</p>"
        view = f'<pre style="font-size:12px">{html.escape(self.matrices())}</pre>'
        return (
            f'<div style="display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start">{picture}{view}</div>'
        )


def network_diagram(
    model: MLP,
    x: Sequence[float],
    target: float | Sequence[float] | None = None,
    *,
    reverse: bool = False,
    precision: int = 3,
) -> NetworkDiagram:
    """The numbers of ``model`` at example ``x`` (and ``target``), ready to draw.

    Nothing of the model changes: gradients come from ``at.grad``, which leaves every ``.grad`` alone.

    Args:
        model: an ``nn.MLP``.
        x: one example, a number per input.
        target: y for J = ½‖a⁽ᴸ⁾ − y‖²; None differentiates the sum of the outputs instead.
        reverse: draw the reversed network of the chain-rule tutorial (δ flowing back through
            the weights) rather than the forward pass.
        precision: significant digits of the numbers shown, 1 to 17.

    Raises:
        TypeError: ``model`` is not an ``nn.MLP``.
        ValueError: ``x`` or ``target`` does not fit the model, or ``precision`` is out of range.
    """
    if not isinstance(model, MLP):
        raise TypeError(f"network_diagram: model must be an nn.MLP, got {type(model).__name__}")
    if isinstance(precision, bool) or not isinstance(precision, int) or not 1 <= precision <= 17:
        raise ValueError(f"network_diagram: precision must be a whole number from 1 to 17, got {precision!r}")
    model.check_inputs(x)
    inputs: list[Value] = [Value(v, f"x{i + 1}") for i, v in enumerate(x)]
    zs: list[list[Value]] = []
    activations: list[list[Value]] = [inputs]
    for layer in model.layers:
        f = activation(layer.activation)
        z = [
            at.sum([n.b, *(w * a for w, a in zip(n.w, activations[-1], strict=True))]) for n in layer.neurons
        ]
        zs.append(z)
        activations.append([f(value) for value in z])
    outputs = activations[-1]
    cost = at.sum(outputs) if target is None else half_squared_error(outputs, target)
    parameters = [p for layer in model.layers for n in layer.neurons for p in (*n.w, n.b)]
    flat_z = [value for layer_z in zs for value in layer_z]
    gradients = iter(g.data for g in at.grad(cost, [*flat_z, *parameters]))
    deltas = [[next(gradients) for _ in layer_z] for layer_z in zs]
    layers = []
    for layer, z, a, delta in zip(model.layers, zs, activations[1:], deltas, strict=True):
        weight_gradients: list[list[float]] = []
        bias_gradients: list[float] = []
        for n in layer.neurons:
            weight_gradients.append([next(gradients) for _ in n.w])
            bias_gradients.append(next(gradients))
        weights = [[w.data for w in n.w] for n in layer.neurons]
        biases = [n.b.data for n in layer.neurons]
        z_values, a_values = [v.data for v in z], [v.data for v in a]
        derivatives = [at.grad(out, [into])[0].data for out, into in zip(a, z, strict=True)]  # f′(z)
        numbers = (weights, biases, z_values, a_values, delta, weight_gradients, bias_gradients, derivatives)
        layers.append(LayerNumbers(layer.activation, *numbers))
    targets = None if target is None else list(target) if isinstance(target, Sequence) else [float(target)]
    return NetworkDiagram([float(v) for v in x], targets, cost.data, tuple(layers), reverse, precision)
