"""A ``graphviz`` user's habits on ``at.draw(y)``, with no system Graphviz and with a ``dot`` on the PATH.

``at.draw`` returns a ``graphviz.Digraph``; its ``render``, ``pipe``, ``attr``, ``view`` and Jupyter
display must work as the package documents them, through pip's ``graphviz-pure`` when no ``dot``
is on the PATH, and through the system ``dot`` (here a stand-in script) when there is one, under
the same time and memory bound. Oracles: the files' own magic numbers, the SVG's size (a graph
drawn left to right is wider than tall, top to bottom the other way), the texts in the SVG.
"""

from __future__ import annotations

import functools
import importlib
import shutil
import stat
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import graphviz  # type: ignore[import-untyped]
import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.see import render
from autograd_tiny.see.render import RENDER_MEMORY, find_renderer

digraph_module = importlib.import_module("autograd_tiny.see.digraph")
SVG = "{http://www.w3.org/2000/svg}"
PURE = shutil.which("graphviz-pure") or shutil.which("graphviz-pure", path=str(Path(sys.executable).parent))
unix_only = pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for dot")


def composite() -> Value:
    """y = (x1 + x2)(x2 + 1) at (2, 3), the composite-function tutorial's example, after backward."""
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    y = (x1 + x2) * (x2 + 1)
    y.backward()
    return y


def size(svg: bytes) -> tuple[float, float]:
    root = ElementTree.fromstring(svg)
    return float(root.attrib["width"].removesuffix("pt")), float(root.attrib["height"].removesuffix("pt"))


@pytest.fixture
def no_system_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH with no ``dot`` (graphviz-pure is still found beside Python, where pip puts it)."""
    if PURE is None:
        pytest.skip("graphviz-pure is not installed (pip install 'autograd-tiny[viz]')")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.chdir(tmp_path)
    assert shutil.which("dot") is None
    found = find_renderer()
    if found is None or found[0] != "graphviz-pure":  # graphviz-pure only on the PATH, not beside Python
        pytest.skip("graphviz-pure is not beside the running Python")
    return tmp_path


def test_draw_is_a_graphviz_digraph_built_by_the_package() -> None:
    drawing = at.draw(composite())
    assert isinstance(drawing, graphviz.Digraph)
    assert drawing.source.startswith("digraph autograd {\n")
    assert '\tn0 -> n2op [label="∂a/∂x1 = 1"]' in drawing.source  # the package's own quoting
    assert repr(drawing) == repr(at.draw(composite())) and "lines of DOT" in repr(drawing)  # no address


def test_dot_text_where_a_name_belongs_is_a_clear_error() -> None:
    with pytest.raises(
        TypeError, match=r"graphviz\.Source\(text\); for a frame of a pass, frames\(y\)\.drawing\(k\)"
    ):
        at.Drawing(at.to_dot(composite()))
    assert at.Drawing("autograd").name == "autograd"


def test_render_with_a_format_writes_the_source_and_the_png_with_pip_alone(no_system_dot: Path) -> None:
    drawing = at.draw(composite())
    assert drawing.render("y", format="png") == "y.png"
    png = (no_system_dot / "y.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (no_system_dot / "y").read_text(encoding="utf-8") == drawing.source
    width = int.from_bytes(png[16:20], "big")
    svg_width, _ = size(drawing.pipe(format="svg"))
    assert width == pytest.approx(svg_width * 144 / 72, rel=0.05)  # drawn at 144 dpi, not 72


def test_pipe_attr_and_pdf_work_as_the_package_documents_them(no_system_dot: Path) -> None:
    drawing = at.draw(composite())
    svg = drawing.pipe(format="svg")
    texts = {"".join(t.itertext()) for t in ElementTree.fromstring(svg).iter(f"{SVG}text")}
    assert {"∂a/∂x2 = 1", "∂y/∂b = 5", "grad 9"} <= texts
    assert drawing.pipe(format="svg", encoding="utf-8") == svg.decode("utf-8")
    wide, tall = size(svg)
    assert wide > tall  # left to right
    drawing.attr(rankdir="TB")
    wide, tall = size(drawing.pipe(format="svg"))
    assert tall > wide  # top to bottom: the user's attribute wins
    assert drawing.render(outfile="y.pdf") == "y.pdf"  # graphviz-pure has no PDF: its PNG on a page
    assert (no_system_dot / "y.pdf").read_bytes()[:5] == b"%PDF-"


def test_view_renders_and_opens_the_viewer_the_package_picks(
    no_system_dot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(at.Drawing, f"_view_{sys.platform.rstrip('0123456789')}", None, raising=False)
    monkeypatch.setattr(
        at.Drawing, "_view", lambda self, path, *, format, quiet: opened.append(f"{path} {format}")
    )
    drawing = at.draw(composite())
    drawing.format = "svg"
    assert drawing.view("y") == "y.svg"
    assert opened == ["y.svg svg"] and (no_system_dot / "y.svg").read_bytes().startswith(b"<?xml")


def test_jupyter_shows_the_svg_inline_or_the_format_graphviz_is_told(no_system_dot: Path) -> None:
    drawing = at.draw(composite())
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(drawing)
    assert data["image/svg+xml"].startswith("<?xml") and data["image/svg+xml"] == drawing._repr_svg_()
    both = drawing._repr_mimebundle_(include=["image/svg+xml", "image/png"])
    assert set(both) == {"image/svg+xml", "image/png"} and both["image/png"][:4] == b"\x89PNG"
    assert drawing._repr_mimebundle_(include=["image/png"], exclude=["image/png"]) == {}
    old = graphviz.set_jupyter_format("png")
    try:
        assert list(drawing._repr_mimebundle_()) == ["image/png"]
    finally:
        graphviz.set_jupyter_format(old)


def test_a_label_with_a_lone_surrogate_never_breaks_the_display(no_system_dot: Path) -> None:
    drawing = at.draw(Value(1.0, "x\ud800") * 2)
    bundle = drawing._repr_mimebundle_()  # must not raise, whatever it shows
    assert "image/svg+xml" in bundle or "text/plain" in bundle
    assert drawing.pipe(format="svg").startswith(b"<?xml")  # the odd character is written as its escape
    assert "x\\ud800" in drawing.source  # the source file too
    assert drawing.render("y", format="png") == "y.png"


@unix_only
def test_a_system_dot_is_used_when_there_is_one_under_the_memory_bound(
    no_system_dot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = no_system_dot / "called"
    dot = no_system_dot / "bin" / "dot"  # a stand-in: records how it was run, then draws with graphviz-pure
    dot.write_text(f'#!/bin/sh\necho "$(ulimit -v) $*" > "{log}"\nexec "{PURE}" "$@"\n', encoding="utf-8")
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)
    assert find_renderer() == ("dot", dot)
    assert at.draw(composite()).render("y", format="png") == "y.png"
    kib, *flags = log.read_text(encoding="utf-8").split()
    assert int(kib) * 1024 == RENDER_MEMORY and flags == ["-Kdot", "-Tpng", "-Gdpi=144"]
    assert (no_system_dot / "y.png").read_bytes()[:4] == b"\x89PNG"


@unix_only
def test_a_slow_layout_is_stopped_in_render_and_pipe_too(
    no_system_dot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dot = no_system_dot / "bin" / "dot"
    dot.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "import time; time.sleep(5)"\n', encoding="utf-8")
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(digraph_module, "render_bytes", functools.partial(render.render_bytes, seconds=0.3))
    drawing = at.draw(composite())
    with pytest.raises(RuntimeError, match=r"^dot did not finish laying out the graph within 0\.3 s"):
        drawing.render("y", format="png")
    with pytest.raises(RuntimeError, match=r"within 0\.3 s"):
        drawing.pipe(format="svg")
    assert not (no_system_dot / "y.png").exists()
