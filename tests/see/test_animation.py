"""Frames of the forward and backward pass, the HTML page, the GIF and ``graph --animate``.

Oracles: the composite-function tutorial's closed forms for y = (x1 + x2)(x2 + 1)
(∂y/∂x1 = x2 + 1, ∂y/∂x2 = x1 + 2·x2 + 1) and central differences of the forward pass alone.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.cli.main import main
from autograd_tiny.see.animation_gif import animation_gif
from autograd_tiny.see.animation_html import animation_html
from autograd_tiny.see.draw import find_renderer
from autograd_tiny.see.frames import frames
from tests.helpers.expressions import NAMES, Tree, evaluate, points, trees

needs_renderer = pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")
EXPRESSIONS = ["(x1+x2)*(x2+1)", "x1**2 + (x1+x2)**2", "(x1+x2)**2 * x2**2 + x2", "tanh(x1*x2) / (1 + x1**2)"]


def central_difference(text: str, point: dict[str, float], name: str, h: float = 1e-6) -> float:
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    return (at.parse(text, **up)[0].data - at.parse(text, **down)[0].data) / (2 * h)


def test_seed_004_frames_fill_values_then_gradients_one_edge_at_a_time() -> None:
    y, xs = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    passes = frames(y)
    texts = [frame.text for frame in passes.frames]
    assert [frame.phase for frame in passes.frames] == ["forward"] * 4 + ["backward"] * 7
    assert texts[1] == "forward: a = x1 + x2 = 5; stores ∂a/∂x1 = 1, ∂a/∂x2 = 1"
    assert texts[9] == "x2.grad += ∂y/∂a × ∂a/∂x2 = 4 × 1 = 4   (5 → 9)"  # x2's second contribution
    assert texts[-1] == "done: ∂y/∂x1 = 4, ∂y/∂x2 = 9"
    assert passes.frames[0].scene.values.get(y) is None and passes.frames[3].scene.values[y] == 20
    x1, x2 = xs["x1"], xs["x2"]
    into_x2 = [
        frame.scene.grads[x2] for frame in passes.frames if frame.scene.edge and frame.text.startswith("x2")
    ]
    assert into_x2 == [2 + 3, 2 + 2 * 3 + 1]  # first ∂y/∂b·1 = a = x1 + x2, then the total x1 + 2·x2 + 1
    final = passes.frames[-1].scene.grads
    assert (final[x1], final[x2]) == (3 + 1, 2 + 2 * 3 + 1)
    assert (x1.grad, x2.grad, y.grad) == (0.0, 0.0, 0.0)  # the graph itself is not touched


def test_each_backward_frame_is_one_row_of_the_step_table_and_constants_have_none() -> None:
    y, _ = at.parse("x1**2 + (x1+x2)**2", x1=2, x2=3)
    passes = frames(y)
    rows = [frame.row for frame in passes.frames if frame.row is not None]
    assert rows == list(range(len(passes.rows))) == list(range(6))
    assert all(row[2] not in ("2", "1") for row in passes.rows)  # the exponents never receive gradient
    assert not any(node.constant for frame in passes.frames for node in frame.scene.grads)
    assert passes.rows == tuple(
        tuple(row) for row in at.trace(at.parse("x1**2 + (x1+x2)**2", x1=2, x2=3)[0])._cells()[1]
    )


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_the_last_frame_holds_the_derivatives_of_central_differences(text: str) -> None:
    point = {"x1": 0.7, "x2": -1.3}
    y, xs = at.parse(text, **point)
    final = frames(y).frames[-1].scene.grads
    for name, leaf in xs.items():
        assert final[leaf] == pytest.approx(central_difference(text, point, name), rel=1e-6, abs=1e-8)


def test_a_bad_root_is_named() -> None:
    with pytest.raises(TypeError, match="root must be a Value"):
        frames(3.0)  # type: ignore[arg-type]


@needs_renderer
def test_the_html_page_holds_every_frame_and_row_and_loads_nothing_from_outside() -> None:
    y, _ = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    page = animation_html(frames(y), title="y = (x1+x2)*(x2+1) <b>")
    assert page.count('class="frame"') == 11 and page.count("<svg") == 11
    assert page.count("<tr>") == 1 + 5  # header and one row per edge into a non-constant
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page) and "<?xml" not in page
    assert "&lt;b&gt;" in page and "y = (x1+x2)*(x2+1) <b>" not in page
    for control in ("first", "prev", "play", "pause", "next", "last", "slider"):
        assert f'id="{control}"' in page


@needs_renderer
def test_the_gif_has_one_picture_per_frame(tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image")
    y, _ = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    written = animation_gif(frames(y), tmp_path / "backprop.gif", seconds=0.5)
    with image.open(written) as gif:
        assert gif.format == "GIF" and gif.n_frames == 11
        pictures = []
        for k in (0, 9):
            gif.seek(k)
            pictures.append(gif.convert("RGB").tobytes())
        assert pictures[0] != pictures[1]


@needs_renderer
@pytest.mark.parametrize("suffix", [".html", ".gif"])
def test_graph_animate_writes_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"backprop{suffix}"
    assert main(["graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "--animate", "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out and out.stat().st_size > 1000


@pytest.mark.parametrize("output", [[], ["-o", "y.png"], ["-o", "y.svg"]])
def test_graph_animate_without_an_html_or_gif_file_is_one_error_line(
    capsys: pytest.CaptureFixture[str], output: list[str]
) -> None:
    assert main(["graph", "x*2", "--at", "x=1", "--animate", *output]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("error: --animate needs -o FILE ending in .html or .gif")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, point=points)
def test_frames_end_with_backwards_gradients_and_show_each_value_once_computed(
    tree: Tree, point: dict[str, float]
) -> None:
    """On random expressions: the last frame holds the gradients ``backward`` computes (itself checked
    against central differences and sympy elsewhere), frame by frame one more value or one more edge."""
    try:
        leaves = {name: Value(point[name], name) for name in NAMES}
        y = evaluate(tree, leaves, lambda f: getattr(at, f))
    except (ValueError, ZeroDivisionError, OverflowError):
        return  # outside the domain at this point
    if not isinstance(y, Value):
        return  # a tree with no variable
    passes = frames(y)
    y.backward()
    final = passes.frames[-1].scene.grads
    for leaf in leaves.values():
        assert final.get(leaf, 0.0) == leaf.grad
    forward = [frame for frame in passes.frames if frame.phase == "forward"]
    assert len(forward) == 1 + sum(1 for node in passes.names if node.edges)
    for before, after in itertools.pairwise(forward):
        assert set(after.scene.values) - set(before.scene.values) == {after.scene.current}
    edges = [frame for frame in passes.frames if frame.row is not None]
    assert (
        len(edges)
        == len(passes.rows)
        == sum(1 for node in passes.names for x, _ in node.edges if not x.constant)
    )
