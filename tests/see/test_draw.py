"""Drawings: golden DOT for seed 004's three exercises, local derivatives against closed forms, rendering.

Regenerate the goldens (after checking the pictures by eye) with ``python -m tests.see.test_draw``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import graphviz  # type: ignore[import-untyped]
import pytest

import autograd_tiny as at
from autograd_tiny import Constant, Value
from autograd_tiny.see.dot import to_dot
from autograd_tiny.see.draw import INSTALL_HINT, DrawingOptions, RendererMissingError, draw, find_renderer

GOLDEN = Path(__file__).parent / "golden"
LABEL = re.compile(r'\s*(n\d+) -> (n\d+op) \[label="∂(\w+)/∂(\w+)(\[\d\]|\|direct)? = ([-\d.e]+)"')
needs_renderer = pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")


def seed_004_first() -> Value:
    """y = (x1 + x2)(x2 + 1) at (2, 3)."""
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    y = (x1 + x2) * (x2 + 1)
    y.backward()
    return y


def seed_004_second() -> Value:
    """y = x1² + (x1 + x2)² at (1, 2)."""
    x1, x2 = Value(1.0, "x1"), Value(2.0, "x2")
    y = x1**2 + (x1 + x2) ** 2
    y.backward()
    return y


def seed_004_third() -> Value:
    """y = (x1 + x2)²·x2² + x2 at (1, 2)."""
    x1, x2 = Value(1.0, "x1"), Value(2.0, "x2")
    y = (x1 + x2) ** 2 * x2**2 + x2
    y.backward()
    return y


SEEDS: dict[str, Callable[[], Value]] = {
    "seed004_first": seed_004_first,
    "seed004_second": seed_004_second,
    "seed004_third": seed_004_third,
}


def edge_labels(dot: str) -> dict[str, float]:
    """``{"∂a/∂x2": 1.0, …}`` read back from the DOT text."""
    return {f"∂{o}/∂{i}{m or ''}": float(v) for _, _, o, i, m, v in LABEL.findall(dot)}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_004_drawings_match_the_golden_dot_byte_for_byte(name: str) -> None:
    expected = (GOLDEN / f"{name}.dot").read_bytes()
    assert to_dot(SEEDS[name]()).encode("utf-8") == expected


def test_the_dot_text_is_the_same_in_a_fresh_interpreter() -> None:
    code = "from tests.see.test_draw import seed_004_third; from autograd_tiny.see.dot import to_dot; "
    code += "import sys; sys.stdout.buffer.write(to_dot(seed_004_third()).encode())"
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=root, env=environment, check=True
    )
    assert done.stdout == (GOLDEN / "seed004_third.dot").read_bytes()


def test_edge_labels_are_the_local_derivatives_of_seed_004() -> None:
    # y = a·b with a = x1 + x2 = 5 and b = x2 + 1 = 4: ∂y/∂a = b, ∂y/∂b = a, the sums' partials are 1
    assert edge_labels(to_dot(seed_004_first())) == {
        "∂a/∂x1": 1.0,
        "∂a/∂x2": 1.0,
        "∂b/∂x2": 1.0,
        "∂y/∂a": 4.0,
        "∂y/∂b": 5.0,
    }
    # y = d + x2, d = b·c, b = a², c = x2², a = x1 + x2 at (1, 2): ∂b/∂a = 2a, ∂c/∂x2 = 2·x2;
    # the edge from x2 straight into y is 1 of x2's gradient 61: written ∂y/∂x2|direct
    assert edge_labels(to_dot(seed_004_third())) == {
        "∂a/∂x1": 1.0,
        "∂a/∂x2": 1.0,
        "∂b/∂a": 6.0,
        "∂c/∂x2": 4.0,
        "∂d/∂b": 4.0,
        "∂d/∂c": 9.0,
        "∂y/∂d": 1.0,
        "∂y/∂x2|direct": 1.0,
    }


def test_values_show_data_and_grad_and_operations_their_symbols() -> None:
    dot = to_dot(seed_004_third())
    # ∂y/∂x2 = 2(x1 + x2)·x2² + (x1 + x2)²·2·x2 + 1 = 61 and ∂y/∂x1 = 2(x1 + x2)·x2² = 24 at (1, 2)
    assert '<b>x2</b> = 2<br/><font point-size="10">grad 61</font>' in dot
    assert '<b>x1</b> = 1<br/><font point-size="10">grad 24</font>' in dot
    assert dot.count("label=<^2>") == 2 and dot.count("label=<×>") == 1 and dot.count("label=<+>") == 2
    assert "shape=plaintext" not in dot  # the exponents are written in ^2, not drawn


def test_shared_input_draws_two_edges() -> None:
    x = Value(3.0, "x")
    y = x * x
    y.backward()
    dot = to_dot(y)
    assert re.findall(r"n0 -> n1op.*", dot) == [
        'n0 -> n1op [label="∂y/∂x[1] = 3"]',
        'n0 -> n1op [label="∂y/∂x[2] = 3"]',
    ]
    assert "grad 6" in dot  # 2x


def test_inputs_interior_nodes_constants_and_output_look_different() -> None:
    x = Value(2.0, "x")
    y = x * Constant(3.0) + 1
    styles = {m[0]: m[1] for m in re.findall(r"\t(n\w+) \[(.*)\]", to_dot(y))}
    assert {"shape=box", "penwidth=2.2", "style=filled"} <= set(styles["n0"].split())  # input: thick box
    assert "shape=plaintext" in styles["n2opin1"] and "label=<3>" in styles["n2opin1"]  # constant
    assert 'style="rounded,filled"' in styles["n2"] and "peripheries" not in styles["n2"]  # interior
    assert "peripheries=2" in styles["n4"]  # output
    assert 'n2opin1 -> n2op [color="#b0b0b0" style=dashed]' in to_dot(y)  # a constant's edge: no label


def test_a_constant_is_drawn_at_each_use() -> None:
    x, y = Value(2.0, "x"), Value(3.0, "y")
    dot = to_dot(x * 2 + y * 2)  # one shared Constant(2.0) in the graph, two numbers in the picture
    assert dot.count("label=<2>") == 2
    assert len(re.findall(r"\tn\w+opin1 -> n\w+op \[color=\"#b0b0b0\" style=dashed", dot)) == 2


def test_gradient_colour_shows_sign_and_size() -> None:
    w, x, big = Value(2.0, "w"), Value(-1.0, "x"), Value(5.0, "v")
    y = w * x + big * 10  # ∂y/∂w = x = -1, ∂y/∂x = w = 2, ∂y/∂v = 10
    y.backward()
    fills = {
        name: colour
        for name, colour in re.findall(r'<b>(\w+)</b>[^\n]*?fillcolor="(#[0-9a-f]{6})"', to_dot(y))
    }

    def rgb(name: str) -> tuple[int, int, int]:
        colour = fills[name]
        return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)

    assert rgb("w")[0] > rgb("w")[2]  # negative: red
    assert rgb("x")[2] > rgb("x")[0] and rgb("v")[2] > rgb("v")[0]  # positive: blue
    assert sum(rgb("v")) < sum(rgb("x"))  # larger |grad|: darker
    assert set(re.findall(r'fillcolor="(#\w+)"', to_dot(y, show_grad=False))) == {"#ffffff", "#eeeeee"}


def test_highlight_emphasises_exactly_the_paths_to_the_leaf() -> None:
    y = seed_004_first()
    x1 = y.edges[0][0].edges[0][0]
    dot = to_dot(y, highlight=x1)
    orange = {m for m in re.findall(r"\t(n\w+(?: -> n\w+)?) \[[^\n]*#e66101", dot)}
    assert orange == {
        "n0",
        "n2op",
        "n2",
        "n0 -> n2op",
        "n2op -> n2",
        "n5op",
        "n5",
        "n2 -> n5op",
        "n5op -> n5",
    }
    assert "orange: the paths from y to x1" in dot


def test_options_turn_parts_off_and_bad_options_are_named() -> None:
    y = seed_004_first()
    assert 'label="∂' not in to_dot(y, show_local=False) and ">grad " not in to_dot(y, show_grad=False)
    assert ">grad 9<" in to_dot(y, show_local=False) and "∂a/∂x2 = 1" in to_dot(y, show_grad=False)
    assert "rankdir=TB" in to_dot(y, rankdir="TB")
    with pytest.raises(ValueError, match="rankdir must be one of LR, RL, TB, BT, auto, got 'up'"):
        to_dot(y, rankdir="up")
    with pytest.raises(TypeError, match="root must be a Value, got float"):
        to_dot(1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="show_grad must be True or False, got int"):
        to_dot(y, show_grad=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"highlight=.* is not part of the graph"):
        to_dot(y, highlight=Value(1.0))
    with pytest.raises(TypeError, match="highlight must be a Value or None, got str"):
        to_dot(y, highlight="x1")  # type: ignore[arg-type]


def test_one_options_record_serves_draw_and_to_dot_and_a_typo_is_named() -> None:
    y = seed_004_first()
    options = DrawingOptions(show_grad=False, rankdir="TB")
    assert draw(y, options).source == to_dot(y, options) == to_dot(y, show_grad=False, rankdir="TB")
    assert to_dot(y, options, rankdir="LR") == to_dot(y, show_grad=False)  # a keyword replaces a field
    assert options.blanks == frozenset() and dataclasses.replace(options, blanks=["grad"]).blanks == {"grad"}
    with pytest.raises(TypeError, match="draw: no option 'colour'; the options are show_grad, show_local"):
        draw(y, colour="red")
    with pytest.raises(TypeError, match="to_dot: options must be a DrawingOptions or None, got dict"):
        to_dot(y, {"rankdir": "TB"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="draw: rankdir must be one of"):
        draw(y, options, rankdir="up")


def test_a_deep_chain_draws_without_recursion() -> None:
    x = Value(0.5, "x")
    y = x
    for _ in range(5_000):
        y = y * 1.0
    dot = to_dot(y, highlight=x)
    assert dot.count(" -> ") == 3 * 5_000  # per multiplication: input, constant, output edges
    assert dot.count("#e66101") == 1 + 4 * 5_000  # x; per step: edge in, operation, edge out, value


def test_labels_are_escaped() -> None:
    x = Value(1.0, 'a "b" <c> & d\\')
    dot = to_dot(x * 2)
    assert "<b>a &quot;b&quot; &lt;c&gt; &amp; d\\</b>" in dot
    assert 'label="∂y/∂(a \\"b\\" <c> & d\\\\) = 2"' in dot  # a name with spaces is bracketed


@needs_renderer
def test_svg_rendering_really_produces_svg(tmp_path: Path) -> None:
    drawing = draw(seed_004_first())
    written = drawing.write(tmp_path / "y.svg")
    assert written == tmp_path / "y.svg"
    svg = ElementTree.parse(written).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {"".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert {"∂a/∂x2 = 1", "∂y/∂b = 5", "grad 9", "×"} <= texts
    assert drawing._repr_mimebundle_() == {"image/svg+xml": drawing._repr_svg_()}
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(drawing)
    assert data["image/svg+xml"] == drawing.svg()


@needs_renderer
def test_png_pdf_and_dot_files(tmp_path: Path) -> None:
    drawing = draw(seed_004_second())
    png = drawing.write(tmp_path / "y.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 400 and height > 100
    assert drawing.write(tmp_path / "y.pdf").read_bytes()[:5] == b"%PDF-"
    assert (drawing.write(tmp_path / "y.dot")).read_text(encoding="utf-8") == drawing.source
    with pytest.raises(ValueError, match=r"cannot tell the format of .*y\.gif.*\.svg, \.png, \.pdf, \.dot"):
        drawing.write(tmp_path / "y.gif")


def test_with_no_renderer_jupyter_shows_the_hint_and_render_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot, no graphviz-pure on the PATH …
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))  # … nor beside Python
    assert find_renderer() is None
    drawing = draw(seed_004_first())
    bundle = drawing._repr_mimebundle_()
    assert INSTALL_HINT in bundle["text/plain"] and drawing.source in bundle["text/plain"]
    assert (
        "pip install &#x27;autograd-tiny[viz]&#x27;" in bundle["text/html"]
        and "<pre>digraph" in bundle["text/html"]
    )
    assert drawing._repr_svg_() is None
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(drawing)  # what Jupyter does: must not raise
    assert INSTALL_HINT in data["text/plain"] and "image/svg+xml" not in data
    with pytest.raises(RendererMissingError, match=re.escape(INSTALL_HINT)):
        drawing.write(tmp_path / "y.svg")
    with pytest.raises(graphviz.ExecutableNotFound):  # what a graphviz user catches
        drawing.render(tmp_path / "y", format="png")
    assert drawing.write(tmp_path / "y.dot").read_text(encoding="utf-8") == drawing.source


if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    for name, build in SEEDS.items():
        (GOLDEN / f"{name}.dot").write_bytes(to_dot(build()).encode("utf-8"))
        print(f"wrote {GOLDEN / name}.dot")


def test_grads_given_to_a_drawing_are_shown_in_place_of_the_nodes_own() -> None:
    x = Value(3.0, label="x")
    y = x * x
    source = at.draw(y, grads={y: 1.0, x: 6.0}).source  # 2x at 3, given; no backward has run
    assert "grad 6" in source and x.grad == 0.0
    with pytest.raises(TypeError, match="grads must be a mapping"):
        at.draw(y, grads=[6.0])
