"""Seeing forward mode: tangents in drawings, the forward pass as a table, sums over paths factored.

Oracles: the composite-function tutorial's numbers (a = x1 + x2 = 5, b = x2 + 1 = 4, y = 20,
∂a/∂x2 = ∂b/∂x2 = 1, ∂y/∂x2 = 9), path counts worked out by hand, and ``backward``.
"""

from __future__ import annotations

import math

import pytest

import autograd_tiny as at
from autograd_tiny import Value


def seed_graph() -> tuple[Value, Value, Value]:
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    return x1, x2, (x1 + x2) * (x2 + 1)


def test_forward_trace_of_the_tutorial_lists_every_edge_inputs_first() -> None:
    _, x2, y = seed_graph()
    text = str(at.forward_trace(y, x2))
    rows = [line.split() for line in text.splitlines()[4:-1]]
    assert rows == [
        ["a", "x1", "0", "1", "×", "0", "=", "0", "0", "→", "0"],
        ["x2", "1", "1", "×", "1", "=", "1", "0", "→", "1"],
        ["b", "x2", "1", "1", "×", "1", "=", "1", "0", "→", "1"],
        ["1", "0", "1", "×", "0", "=", "0", "1", "→", "1"],
        ["y", "a", "1", "4", "×", "1", "=", "4", "0", "→", "4"],
        ["b", "1", "5", "×", "1", "=", "5", "4", "→", "9"],
    ]
    assert text.splitlines()[-1] == "∂y/∂x2 = 9"
    trace = at.forward_trace(y, x2)
    assert trace.tangents == {"x1": 0.0, "x2": 1.0, "a": 1.0, "b": 1.0, "y": 9.0}
    assert "<table>" in trace._repr_html_() and trace._repr_html_().count("<tr>") == 1 + 6 + 1


def test_forward_trace_ends_with_the_gradient_backward_finds_and_changes_no_grad() -> None:
    x = Value(0.7, "x")
    y = (x * x).tanh() * x - x.exp()
    trace = at.forward_trace(y, x)
    assert x.grad == 0.0
    y.backward()
    assert trace.tangents["y"] == pytest.approx(x.grad, rel=1e-15)
    assert trace.tangents["y"] == pytest.approx(
        (1 - math.tanh(0.49) ** 2) * 2 * 0.7 * 0.7 + math.tanh(0.49) - math.exp(0.7), rel=1e-14
    )


def test_drawing_with_forward_from_shows_tangents_in_place_of_gradients() -> None:
    _, x2, y = seed_graph()
    y.backward()
    dot = at.to_dot(y, forward_from=x2)
    for label in ("∂x1/∂x2 = 0", "∂x2/∂x2 = 1", "∂a/∂x2 = 1", "∂b/∂x2 = 1", "∂y/∂x2 = 9"):
        assert label in dot
    assert "grad 9" not in dot and "grad 4" not in dot  # the gradients are not drawn
    assert "forward pass from x2: fill ∂node/∂x2" in dot
    assert "∂y/∂a = 4" in dot and "∂a/∂x2 = 1" in dot  # the edges keep their local derivatives
    assert dot == at.to_dot(y, forward_from=x2)  # deterministic
    assert at.draw(y, forward_from=x2).source == dot


def test_drawing_fill_follows_the_sign_of_the_tangent() -> None:
    x = Value(1.0, "x")
    y = (-x).exp() + x  # ∂(−x)/∂x = −1 < 0, ∂y/∂x = 1 − e⁻¹ > 0
    dot = at.to_dot(y, forward_from=x)
    lines = {line.split("[")[0].strip(): line for line in dot.splitlines() if "label=<" in line}
    negative = next(line for line in lines.values() if "/∂x = -1<" in line)
    assert 'fillcolor="#e' in negative or 'fillcolor="#d' in negative  # towards red (178, 24, 43)
    assert "∂y/∂x = 0.632121" in dot


def test_forward_from_must_be_a_node_of_the_graph() -> None:
    _, _, y = seed_graph()
    with pytest.raises(ValueError, match=r"forward_from=.* is not part of the graph"):
        at.to_dot(y, forward_from=Value(1.0))
    with pytest.raises(TypeError, match="forward_from must be a Value"):
        at.to_dot(y, forward_from=2.0)  # type: ignore[arg-type]


def test_factoring_both_ways_ends_with_the_sum_over_paths() -> None:
    _, x2, y = seed_graph()
    reverse, forward = at.factor(y, x2, "reverse"), at.factor(y, x2, "forward")
    assert [s.partial for s in reverse.steps] == ["∂y/∂b", "∂y/∂a", "∂y/∂x2"]
    assert [s.partial for s in forward.steps] == ["∂a/∂x2", "∂b/∂x2", "∂y/∂x2"]
    assert reverse.value == forward.value == 9.0
    assert reverse.steps[-1].text() == "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9"
    assert forward.steps[-1].text() == reverse.steps[-1].text()
    assert forward.steps[0].text() == "∂a/∂x2 = ∂a/∂x2·∂x2/∂x2 = 1·1 = 1"


def test_factoring_shows_how_many_paths_each_partial_product_stands_for_and_serves() -> None:
    x = Value(1.1, "x")
    a = x * x  # 2 edges to x
    b = a * a  # 2 edges to a: 4 paths from b to x
    y = b.tanh() * b  # through tanh and directly: 8 paths from y to x
    reverse = at.factor(y, x, "reverse")
    assert reverse.total_paths == 8
    by = {s.partial: (s.paths, s.reused_by) for s in reverse.steps}
    # ∂y/∂node sums the paths from y down to the node, and serves every path on from it to x
    assert by == {"∂y/∂c": (1, 4), "∂y/∂b": (2, 4), "∂y/∂a": (4, 2), "∂y/∂x": (8, 1)}
    forward = at.factor(y, x, "forward")
    by = {s.partial: (s.paths, s.reused_by) for s in forward.steps}
    # ∂node/∂x sums the paths from the node down to x, and serves every path from y that reaches it
    assert by == {"∂a/∂x": (2, 4), "∂b/∂x": (4, 2), "∂c/∂x": (4, 1), "∂y/∂x": (8, 1)}
    y.backward()
    assert reverse.value == pytest.approx(x.grad, rel=1e-15) and forward.value == pytest.approx(
        x.grad, rel=1e-15
    )
    assert "∂y/∂a = ∂y/∂b·∂b/∂a[1] + ∂y/∂b·∂b/∂a[2]" in reverse.steps[2].text()


def test_explain_with_factor_writes_the_steps_as_text_and_latex() -> None:
    _, x2, y = seed_graph()
    text = at.explain(y, x2, factor="forward")
    assert text.splitlines() == [
        "∂y/∂x2 factored right to left (forward mode): each partial product once, from x2; "
        "2 paths from y to x2",
        "  ∂x2/∂x2 = 1",
        "  ∂a/∂x2 = ∂a/∂x2·∂x2/∂x2 = 1·1 = 1    [sums 1 path; used by 1 of the 2 paths]",
        "  ∂b/∂x2 = ∂b/∂x2·∂x2/∂x2 = 1·1 = 1    [sums 1 path; used by 1 of the 2 paths]",
        "  ∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9    [sums 2 paths; used by 1 of the 2 paths]",
    ]
    assert text.value == 9.0
    assert text.latex.startswith(r"\begin{aligned}\frac{\partial x_{2}}{\partial x_{2}} &= 1")
    assert str(at.explain(y, y, factor="reverse")) == "∂y/∂y = 1"
    assert str(at.explain(y, Value(1.0, "z"), factor="reverse")) == "∂y/∂z = 0 (no path from y to z)"
    with pytest.raises(ValueError, match="factor must be 'reverse' or 'forward'"):
        at.explain(y, x2, factor="sideways")
