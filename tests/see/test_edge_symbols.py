"""Local derivatives written so that none reads as a gradient, and operands whose order matters named.

Oracles: the composite-function tutorial's exercises worked by hand (closed forms), central
differences of the forward functions written with floats, and the forward values (5 − 2 = 3 tells
the minuend from the subtrahend).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.see.dot import to_dot
from autograd_tiny.see.draw import DrawingOptions, draw
from tests.see.test_draw import seed_004_first, seed_004_third

# an edge into an operation: source, the operation, ∂output/∂input, mark, number
EDGE = re.compile(r'\t(n\d+) -> (n\d+)op \[label="∂(\w+)/∂(\w+)(\[\d\]|\|direct)? = ([-\d.e?]+)"')
BOX = re.compile(
    r"\t(n\d+) \[label=<<b>(\w+)</b> = [^<]*<br/><font point-size=\"10\">grad ([-\d.e?]+)</font>"
)


def labels(dot: str) -> list[tuple[str, str, str, str]]:
    """(output, input, mark, number) of every labelled edge."""
    return [(output, input_, mark, number) for _, _, output, input_, mark, number in EDGE.findall(dot)]


def grads(dot: str) -> dict[str, str]:
    """{name: the gradient its box shows}."""
    return {name: grad for _, name, grad in BOX.findall(dot)}


def central(f: Callable[..., float], point: list[float], i: int, h: float = 1e-6) -> float:
    up, down = list(point), list(point)
    up[i] += h
    down[i] -= h
    return (f(*up) - f(*down)) / (2 * h)


def test_the_direct_edge_into_the_output_is_not_written_as_the_inputs_gradient() -> None:
    y = seed_004_third()  # y = (x1 + x2)²·x2² + x2 at (1, 2): ∂y/∂x2 = 2·3·4 + 9·2·2 + 1 = 61
    dot = to_dot(y)
    assert ("y", "x2", "|direct", "1") in labels(dot)  # ∂(d + x2)/∂x2 with d held fixed
    assert not [label for label in labels(dot) if label[:3] == ("y", "x2", "")]
    assert grads(dot)["x2"] == "61"
    x2 = y.edges[1][0]
    text = at.explain(y, x2)
    assert text.endswith("+ ∂y/∂x2|direct = 1·4·6·1 + 1·9·4 + 1 = 61")
    assert r"\left.\frac{\partial y}{\partial x_{2}}\right|_{\text{direct}}" in text.latex
    reverse = at.explain(y, x2, factor="reverse")
    assert "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂c·∂c/∂x2 + ∂y/∂y·∂y/∂x2|direct = 24·1 + 9·4 + 1·1 = 61" in reverse
    assert r"\right|_{\text{direct}}" in reverse.latex


def test_an_edge_that_is_its_inputs_only_path_keeps_the_tutorials_symbol() -> None:
    y = seed_004_first()  # y = a·b: ∂y/∂a = b = 4 is a's whole gradient, as its box says
    dot = to_dot(y)
    assert ("y", "a", "", "4") in labels(dot) and grads(dot)["a"] == "4"
    x2 = y.edges[1][0].edges[0][0]
    assert at.explain(y, x2) == "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9"


GRAPHS: dict[str, tuple[Callable[..., float], list[float]]] = {
    "x1² + (x1 + x2)²": (lambda x1, x2: x1**2 + (x1 + x2) ** 2, [1.0, 2.0]),
    "(x1 + x2)²·x2² + x2": (lambda x1, x2: (x1 + x2) ** 2 * x2**2 + x2, [1.0, 2.0]),
    "x1·x1 + x1 − x2": (lambda x1, x2: x1 * x1 + x1 - x2, [3.0, 0.5]),
    "x1·x2 + x2/x1": (lambda x1, x2: x1 * x2 + x2 / x1, [2.0, 3.0]),
    "(x1 − x2)·x1": (lambda x1, x2: (x1 - x2) * x1, [2.0, 5.0]),
}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_no_edge_label_names_an_inputs_gradient_with_another_number(name: str) -> None:
    f, point = GRAPHS[name]
    x1, x2 = Value(point[0], "x1"), Value(point[1], "x2")
    y = f(x1, x2)
    y.backward()
    dot = to_dot(y, precision=None)
    exact = {"x1": central(f, point, 0), "x2": central(f, point, 1)}  # f on floats: not the engine
    for output, input_, mark, number in labels(dot):
        if output == "y" and input_ in exact and not mark:  # reads as ∂y/∂x, the gradient
            assert float(number) == pytest.approx(exact[input_], rel=1e-6)
    for input_, value in exact.items():
        assert float(grads(dot)[input_]) == pytest.approx(value, rel=1e-6)


def test_x_times_x_keeps_its_two_marked_edges_and_a_further_direct_edge_is_marked_direct() -> None:
    x = Value(3.0, "x")
    dot = to_dot(x * x)
    assert {label[2] for label in labels(dot)} == {"[1]", "[2]"}
    y = x * x + x  # ∂y/∂x = 2x + 1 = 7: 3 + 3 through a, 1 directly
    y.backward()
    dot = to_dot(y)
    assert ("y", "x", "|direct", "1") in labels(dot) and grads(dot)["x"] == "7"
    assert at.explain(y, x) == "∂y/∂x = ∂y/∂a·∂a/∂x[1] + ∂y/∂a·∂a/∂x[2] + ∂y/∂x|direct = 1·3 + 1·3 + 1 = 7"


def test_forward_mode_marks_the_direct_term_of_a_node_that_reaches_x_another_way() -> None:
    x = Value(3.0, "x")
    y = (x * x + x) * 2  # b = x·x + x: ∂b/∂x = 2x + 1 = 7, of which 1 directly; ∂y/∂x = 14
    text = at.explain(y, x, factor="forward")
    assert "\n  ∂b/∂x = ∂b/∂a·∂a/∂x + ∂b/∂x|direct·∂x/∂x = 1·6 + 1·1 = 7    [sums 3 paths" in text
    assert text.value == 14.0


def circles(dot: str) -> list[str]:
    return re.findall(r"\tn\d+op \[label=<([^>]*)>", dot)


def test_subtraction_division_and_power_name_their_operands_in_order() -> None:
    x1, x2, p = Value(5.0, "x1"), Value(2.0, "x2"), Value(3.0, "p")
    a = x1 - x2
    y = a / (x2 - 3)
    dot = to_dot(y)
    assert circles(dot) == ["x1 − x2", "x2 − 3", "a ÷ b"]
    assert a.data == 5.0 - 2.0  # the first name is the minuend: x1 − x2, not x2 − x1
    assert ("a", "x2", "", "-1") in labels(dot) and ("a", "x1", "", "1") in labels(dot)
    assert circles(to_dot(3 - x2)) == ["3 − x2"] and circles(to_dot(1 / x2)) == ["1 ÷ x2"]
    assert circles(to_dot(x2**p)) == ["x2 ^ p"] and circles(to_dot(x2**2)) == ["^2"]
    assert circles(to_dot((x1 * x2) - x1)) == ["×", "a − x1"]
    assert "fontsize=12 margin=0.03" in to_dot(x1 - x2) and "fontsize=14" in to_dot(x1 * x2)


def test_blank_grads_hide_chosen_gradients_on_their_boxes_and_edges() -> None:
    y = seed_004_first()  # ∂y/∂a = 4, ∂y/∂b = 5
    a, b = y.edges[0][0], y.edges[1][0]
    dot = to_dot(y, blank_grads=[a])
    assert grads(dot)["a"] == "?" and grads(dot)["b"] == "5" and grads(dot)["x2"] == "9"
    assert ("y", "a", "|direct", "4") in labels(dot) and ("y", "b", "", "5") in labels(dot)
    fill = re.search(r"\tn2 \[[^\n]*fillcolor=\"(#\w+)\"", dot)
    assert fill is not None and fill.group(1) == "#ffffff"  # a's colour would give its sign away
    assert draw(y, DrawingOptions(blank_grads=(a, b))).source.count("grad ?") == 2
    with pytest.raises(TypeError, match="draw: blank_grads must be a collection of Values"):
        draw(y, blank_grads=a)
    with pytest.raises(TypeError, match="to_dot: blank_grads may hold only Values, not str 'a'"):
        to_dot(y, blank_grads=["a"])


@pytest.mark.parametrize("build", [seed_004_first, seed_004_third])
def test_a_drawing_that_hides_the_gradients_never_prints_one_under_its_name(
    build: Callable[[], Value],
) -> None:
    dot = to_dot(build(), blanks=["grad"])  # as an exercise asking for the gradients draws it
    assert set(grads(dot).values()) - {"?"} == {"1"}  # y's own ∂y/∂y = 1 only
    assert not [label for label in labels(dot) if label[0] == "y" and not label[2]]


def test_a_forward_drawing_marks_the_direct_edge_from_x_into_a_node_that_reaches_x_another_way() -> None:
    x = Value(3.0, "x")
    y = (x * x + x) * 2  # b = x·x + x: its box shows ∂b/∂x = 2x + 1 = 7; the edge from x carries 1
    dot = to_dot(y, forward_from=x)
    assert ("b", "x", "|direct", "1") in labels(dot) and "∂b/∂x = 7<" in dot
    assert ("a", "x", "[1]", "3") in labels(dot) and ("y", "b", "", "2") in labels(dot)
