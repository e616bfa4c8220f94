"""Network diagrams: δ on each unit against the backpropagation derivation's formulas in numpy.

δ⁽ᴸ⁾ = −(y − a⁽ᴸ⁾)⊙f′(z⁽ᴸ⁾), δ⁽ˡ⁾ = ((W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾)⊙f′(z⁽ˡ⁾), ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ,
∂J/∂b⁽ˡ⁾ = δ⁽ˡ⁾, with f′ = f(1 − f) for the sigmoid and 1 − f² for tanh.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import nn
from autograd_tiny.see.draw import find_renderer

X = [0.5, -1.0, 2.0]
DERIVATIVES = {
    "sigmoid": lambda a: a * (1 - a),
    "tanh": lambda a: 1 - a * a,
    "linear": lambda a: np.ones_like(a),
}
FUNCTIONS = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "linear": lambda z: z}


def numpy_backprop(
    model: nn.MLP, x: list[float], y: list[float]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(δ⁽ˡ⁾ for each layer, ∂J/∂W⁽ˡ⁾ for each layer), by the derivation's matrix formulas."""
    activations, names = [np.array(x)], [layer.activation for layer in model.layers]
    matrices = [(np.array(W), np.array(b)) for W, b in model.to_matrices()]
    for (W, b), name in zip(matrices, names, strict=True):
        activations.append(FUNCTIONS[name](W @ activations[-1] + b))
    deltas = [-(np.array(y) - activations[-1]) * DERIVATIVES[names[-1]](activations[-1])]
    for l in range(len(matrices) - 2, -1, -1):  # noqa: E741  # the derivation's l
        deltas.insert(0, (matrices[l + 1][0].T @ deltas[0]) * DERIVATIVES[names[l]](activations[l + 1]))
    return deltas, [np.outer(d, a) for d, a in zip(deltas, activations[:-1], strict=True)]


@pytest.mark.parametrize(
    ("sizes", "hidden", "output", "y"),
    [([3, 1], "sigmoid", "sigmoid", [1.0]), ([4, 3, 2], "tanh", None, [0.5, -1.0])],
)
def test_delta_on_each_unit_is_the_derivations_formula(
    sizes: list[int], hidden: str, output: str | None, y: list[float]
) -> None:
    model = nn.MLP(3, sizes, hidden, output_activation=output, init=nn.init.normal(0.5), seed=7)
    diagram = nn.network_diagram(model, X, y)
    deltas, weight_gradients = numpy_backprop(model, X, y)
    for layer, delta, gradient in zip(diagram.layers, deltas, weight_gradients, strict=True):
        np.testing.assert_allclose(layer.delta, delta, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(layer.weight_gradients, gradient, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(layer.bias_gradients, delta, rtol=1e-12, atol=1e-15)
    assert min(abs(d) for d in diagram.layers[0].delta) > 1e-4  # not a comparison between zeros
    assert all(p.grad == 0.0 for p in model.parameters())  # the model's .grad are left alone


def test_the_matrix_view_gives_each_quantity_with_its_shape() -> None:
    model = nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid", init=nn.init.normal(0.5), seed=7)
    text = nn.network_diagram(model, X, 1.0).matrices()
    # the backpropagation derivation's numbering: the input is layer 1, W⁽ˡ⁾ maps layer l to l + 1
    assert "W⁽¹⁾   (3×3)" in text and "W⁽²⁾   (1×3)" in text and "a⁽¹⁾ = x   (3×1)  [0.5, -1, 2]" in text
    assert "δ⁽²⁾ = ∂J/∂z⁽²⁾   (3×1)" in text and "δ⁽³⁾ = ∂J/∂z⁽³⁾   (1×1)" in text
    assert "∂J/∂W⁽¹⁾ = δ⁽²⁾(a⁽¹⁾)ᵀ   (3×3)" in text and "z⁽³⁾ = W⁽²⁾a⁽²⁾ + b⁽²⁾   (1×1)" in text


def test_the_drawings_carry_the_numbers_forward_and_reversed() -> None:
    model = nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid", init=nn.init.normal(0.5), seed=7)
    forward = nn.network_diagram(model, X, 1.0)
    backward = nn.network_diagram(model, X, 1.0, reverse=True).dot()
    W2, delta2 = forward.layers[1].weights[0], forward.layers[1].delta[0]
    # nine input edges, unlabelled (they cross): each unit carries its own weights and ∂J/∂w, and
    # each layer is one table, so its units keep their order
    assert (
        len(re.findall(r"L0:u\d:e -> L1:u\d:w \[color", forward.dot())) == 9
        and "dir=back" not in forward.dot()
    )
    W1, gradients1 = forward.layers[0].weights, forward.layers[0].weight_gradients
    for row, gradient_row in zip(W1, gradients1, strict=True):
        assert "w = " + ", ".join(f"{w:.3g}" for w in row) in forward.dot()
        assert "∂J/∂w = a(1)·δ(2) =<br/>" + ", ".join(f"{g:.3g}" for g in gradient_row) in forward.dot()
    assert "layer 1: input<br/>a(1) = x" in forward.dot() and "layer 2<br/>hidden, sigmoid" in forward.dot()
    assert "layer 3<br/>output, sigmoid" in forward.dot()
    assert backward.count("dir=back") == 9 + 3 + 1  # every edge points back towards the inputs
    for w, a in zip(W2, forward.layers[0].a, strict=True):  # w·δ, written out in each hidden unit
        assert f"Σw·δ =<br/>{w:.3g}·({delta2:.3g})<br/>= {w * delta2:.3g}" in backward
        assert f"f′(z) = {a * (1 - a):.3g}" in backward  # the sigmoid's f′ = f(1 − f)


def test_each_weight_gradient_is_shown_beside_the_input_it_multiplies() -> None:
    # ∂J/∂w = a⁽ˡ⁻¹⁾·δ⁽ˡ⁾ uses the previous layer's a, not the unit's own: each unit of layer 3 lists
    # the inputs a⁽²⁾ its weights multiply, and each of its ∂J/∂w is that input times its δ⁽³⁾
    model = nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid", init=nn.init.normal(0.5), seed=7)
    diagram = nn.network_diagram(model, X, 1.0)
    hidden, output = diagram.layers
    a2 = np.array(
        [FUNCTIONS["sigmoid"](z) for z in np.array(model.to_matrices()[0].W) @ X + model.to_matrices()[0].b]
    )
    np.testing.assert_allclose(hidden.a, a2, rtol=1e-12)
    np.testing.assert_allclose(output.weight_gradients[0], a2 * output.delta[0], rtol=1e-12)
    unit = re.search(r"<b>unit 1</b>.*?</TD>", re.split(r"\n\s*L2 ", diagram.dot())[1]).group(0)  # layer 3's unit
    own_a, incoming = f"a(3) = {output.a[0]:.3g}", "inputs a(2) =<br/>" + ", ".join(f"{a:.3g}" for a in a2)
    products = "∂J/∂w = a(2)·δ(3) =<br/>" + ", ".join(f"{a * output.delta[0]:.3g}" for a in a2)
    assert own_a in unit and incoming in unit and products in unit
    assert abs(output.a[0] * output.delta[0] - output.weight_gradients[0][0]) > 1e-3  # the misreading differs


def test_the_plain_text_form_is_one_line() -> None:
    model = nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid", init=nn.init.normal(0.5), seed=7)
    diagram = nn.network_diagram(model, X, 1.0, reverse=True)
    assert repr(diagram) == (
        f"<NetworkDiagram, reversed: a 3-3-1 network at x = [0.5, -1, 2], J = {diagram.loss:.3g}>"
    )


def test_bad_arguments_are_named() -> None:
    model = nn.MLP(3, [1])
    with pytest.raises(TypeError, match=r"model must be an nn\.MLP"):
        nn.network_diagram(model.layers[0], X)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="3"):
        nn.network_diagram(model, [1.0, 2.0])
    with pytest.raises(ValueError, match="precision"):
        nn.network_diagram(model, X, precision=0)


@pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")
def test_jupyter_shows_the_picture_beside_the_matrix_view() -> None:
    model = nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid", seed=7)
    page = nn.network_diagram(model, X, 1.0)._repr_html_()
    assert "<svg" in page and "W⁽¹⁾" in page


@pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")
@pytest.mark.parametrize("reverse", [False, True])
def test_units_are_drawn_in_order_top_to_bottom(reverse: bool) -> None:
    model = nn.MLP(2, [2, 2, 2], "sigmoid", output_activation="sigmoid", seed=1)
    svg = nn.network_diagram(model, [1.0, -2.0], [1.0, 0.0], reverse=reverse).svg()
    texts = re.findall(r'x="(-?[\d.]+)" y="(-?[\d.]+)"[^>]*>(x1|x2|unit 1|unit 2)</text>', svg)
    columns: dict[str, dict[str, float]] = {}
    for x, y, name in texts:
        columns.setdefault(x, {})[name[-1]] = float(y)  # in SVG, a smaller y is higher up
    assert len(columns) == 4 and all(column["1"] < column["2"] for column in columns.values())
