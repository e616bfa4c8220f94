"""The Jupyter widgets without a browser: the explorer's update and the step-through's frames.

Oracles: the composite-function tutorial's closed forms ∂y/∂x1 = x2 + 1, ∂y/∂x2 = x1 + 2·x2 + 1
for y = (x1 + x2)(x2 + 1), and the parser's own error messages.
"""

from __future__ import annotations

import re

import pytest

import autograd_tiny as at
from autograd_tiny.jupyter import Explorer, explore, frame_page, step_through
from autograd_tiny.see.draw import find_renderer

needs_renderer = pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")


def gradients(page: str) -> dict[str, float]:
    """The leaf gradients read back from the step table's footer."""
    footer = re.search(r"leaf gradients: ([^<]*)", page)
    assert footer is not None
    return {m[1]: float(m[2]) for m in re.finditer(r"∂y/∂(\w+) = ([-\d.e]+)", footer[1])}


@needs_renderer
def test_moving_a_slider_redraws_every_part_with_the_new_numbers() -> None:
    explorer = Explorer("(x1+x2)*(x2+1)", x1=2, x2=3)
    page = explorer.view()
    assert "<svg" in page and "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9" in page
    assert gradients(page) == {"x1": 3 + 1, "x2": 2 + 2 * 3 + 1}
    for x1, x2 in [(-1.5, 0.5), (4.0, -2.0)]:
        page = explorer.view(x1=x1, x2=x2)
        assert gradients(page) == pytest.approx({"x1": x2 + 1, "x2": x1 + 2 * x2 + 1})
        assert f"backward pass of y = {at.parse('(x1+x2)*(x2+1)', x1=x1, x2=x2)[0].data:g}" in page


@needs_renderer
def test_new_text_takes_new_names_and_keeps_the_values_of_old_ones() -> None:
    explorer = Explorer("(x1+x2)*(x2+1)", x1=2, x2=3)
    page = explorer.view("x2**2 + z")
    assert explorer.names() == ["x2", "z"] and explorer.values["z"] == 1.0
    assert gradients(page) == {"x2": 2 * 3, "z": 1}
    assert Explorer("exp(a) * sum(a, b)").names() == ["a", "b"]  # function names are not inputs


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(x1+x2", "error: "),
        ("x.real", "error: attribute access is not allowed at column 1"),
        ("log(x - 1)", "error: log"),  # x = 1 by default: log(0)
    ],
)
def test_a_bad_expression_shows_the_parsers_one_line_error_in_place(text: str, message: str) -> None:
    explorer = Explorer("x*2", x=1)
    page = explorer.view(text)
    assert page.startswith('<p style="color:#b2182b">' + message) and page.count("<p") == 1
    assert "<svg" not in page and "\n" not in page
    assert "<svg" in explorer.view("x*2") or find_renderer() is None  # a good text brings the pictures back


@needs_renderer
def test_the_widgets_are_built_with_their_controls() -> None:
    pytest.importorskip("ipywidgets")
    y, _ = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    widget = step_through(y)
    controls, view = widget.children
    _, back, forward, slider = controls.children  # play, ◀ back, forward ▶, the slider
    assert (slider.min, slider.max) == (0, 10) and "step 1 of 11" in view.value
    forward.click()
    forward.click()
    assert slider.value == 2 and "b = x2 + 1 = 4" in view.value
    back.click()
    assert slider.value == 1 and "a = x1 + x2 = 5" in view.value
    slider.value = 9
    assert (
        "(5 → 9)" in view.value
        and 'style="background:#d9f2e6;font-weight:bold"><td></td><td></td><td>x2' in view.value
    )
    box, sliders, output = explore("(x1+x2)*(x2+1)", x1=2, x2=3).children
    assert [s.description for s in sliders.children] == ["x1", "x2"]
    sliders.children[0].value = -1.5
    assert gradients(output.value) == {"x1": 4, "x2": -1.5 + 2 * 3 + 1}
    box.value = "x1 * w"
    assert [s.description for s in sliders.children] == ["x1", "w"]
    box.value = "x1 *"
    assert output.value.startswith('<p style="color:#b2182b">error:')


def test_frame_page_refuses_a_frame_that_does_not_exist() -> None:
    y, _ = at.parse("x*2", x=1)
    passes = at.frames(y)
    assert len(passes) == 5  # inputs, y = x × 2; y.grad = 1, x.grad += 1 × 2 (the constant has none), done
    with pytest.raises(IndexError, match="there are frames 0 to 4, not 5"):
        frame_page(passes, ["<svg/>"] * len(passes), 5)
