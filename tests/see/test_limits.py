"""Size bounds on what grows with the graph: drawings, their renderer, and sums over paths.

Oracles: counts worked out by hand or by listing every path; 2¹⁶⁰⁰⁰ written by ``decimal``; the
renderer's bounds read back by a stand-in ``dot`` that reports its own ``ulimit -v``.
"""

from __future__ import annotations

import decimal
import importlib
import shutil
import stat
import sys
from pathlib import Path

import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.cli.main import main
from autograd_tiny.see.draw import MAX_EDGES, MAX_NODES, Drawing, draw, find_renderer
from autograd_tiny.see.paths import count_text, explain, paths
from autograd_tiny.see.render import RENDER_MEMORY, TOO_BIG, render_bytes

draw_module = importlib.import_module("autograd_tiny.see.draw")  # the module, not the function
digraph_module = importlib.import_module("autograd_tiny.see.digraph")
render_module = importlib.import_module("autograd_tiny.see.render")
needs_renderer = pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")
unix_only = pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for dot")


def repeated(op: str, n: int) -> tuple[Value, Value]:
    """x op x op … op x with n uses of x: n − 1 nodes that all read x, which Graphviz lays out slowly."""
    x = Value(1.001, "x")
    y = x
    for _ in range(n - 1):
        y = y * x if op == "*" else y + x
    return y, x


def fake_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """A ``dot`` on an otherwise empty PATH that runs ``body`` (sh); returns the file it may write to."""
    script = tmp_path / "dot"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path))
    return tmp_path / "called"


# ---- draw: a node and an edge bound, checked before any DOT text is made ---------------------------


def test_draw_refuses_more_values_than_max_nodes_before_making_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    y, _ = repeated("+", MAX_NODES + 1)  # x and MAX_NODES additions
    monkeypatch.setattr(draw_module, "drawing_of", lambda *a, **k: pytest.fail("drawing_of ran"))
    with pytest.raises(ValueError) as refused:
        draw(y)
    message = str(refused.value)
    assert f"the graph has {MAX_NODES + 1:,} values, more than max_nodes={MAX_NODES:,}" in message
    assert "draw a part" in message and "to_dot" in message and "max_nodes=None" in message
    assert "\n" not in message


def test_draw_refuses_more_edges_than_max_edges() -> None:
    x = Value(0.5, "x")
    y = at.sum([x] * (MAX_EDGES + 1))  # two values, one edge per term
    with pytest.raises(ValueError, match=rf"{MAX_EDGES + 1:,} edges, more than max_edges={MAX_EDGES:,}"):
        draw(y)
    assert draw(at.sum([x] * MAX_EDGES)).source.count("->") == MAX_EDGES + 1  # + the operation's own


def test_the_bounds_are_inclusive_adjustable_and_can_be_lifted() -> None:
    y, _ = repeated("+", 10)  # 10 values, 18 edges
    assert isinstance(draw(y, max_nodes=10, max_edges=18), Drawing)
    with pytest.raises(ValueError, match="more than max_nodes=9"):
        draw(y, max_nodes=9)
    with pytest.raises(ValueError, match="more than max_edges=17"):
        draw(y, max_edges=17)
    big, _ = repeated("+", 2 * MAX_NODES)
    assert draw(big, max_nodes=None, max_edges=None).source == at.to_dot(big)  # to_dot is unbounded


@pytest.mark.parametrize("bound", [0, -1, 2.5, True, "500"])
def test_a_bad_bound_is_named(bound: object) -> None:
    with pytest.raises(TypeError, match="draw: max_nodes must be a positive int or None"):
        draw(Value(1.0), max_nodes=bound)  # type: ignore[arg-type]


# ---- the renderer: stopped after a time, bounded in memory, every failure one line ----------------


@needs_renderer
def test_a_slow_layout_is_stopped_with_one_clear_line() -> None:
    y, _ = repeated("+", 150)  # Graphviz takes over 20 s to lay this out; a bound of 0.5 s stops it
    with pytest.raises(RuntimeError) as stopped:
        render_bytes(at.to_dot(y), "svg", seconds=0.5)
    message = str(stopped.value)
    assert "did not finish laying out the graph within 0.5 s and was stopped" in message
    assert message.endswith(TOO_BIG) and "\n" not in message


@unix_only
def test_a_layout_past_the_memory_bound_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pure = shutil.which("graphviz-pure") or shutil.which(
        "graphviz-pure", path=str(Path(sys.executable).parent)
    )
    if pure is None:
        pytest.skip("graphviz-pure is not installed")
    monkeypatch.setattr(render_module, "find_renderer", lambda: ("graphviz-pure", Path(pure)))
    y, _ = repeated("+", 1000)  # graphviz-pure asked for 3.8 GiB on this one, then panicked
    with pytest.raises(RuntimeError) as refused:
        render_bytes(at.to_dot(y), "svg", memory=64 * 2**20, seconds=30)
    message = str(refused.value)
    assert "graphviz-pure ran out of memory (the bound is 64 MiB) laying out the graph" in message
    assert message.endswith(TOO_BIG) and "\n" not in message and "panic" not in message


@needs_renderer
@unix_only
def test_a_system_dot_is_preferred_and_runs_under_the_memory_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = find_renderer()
    assert found is not None
    called = fake_dot(
        tmp_path, monkeypatch, f'echo "$(ulimit -v) $*" > "{tmp_path}/called"\nexec "{found[1]}" "$@"'
    )
    assert find_renderer() == ("dot", tmp_path / "dot")
    drawing = Drawing()
    drawing.edge("a", "b")
    assert "<svg" in drawing.svg()
    kib, *flags = called.read_text(encoding="utf-8").split()
    assert int(kib) * 1024 == RENDER_MEMORY and flags == ["-Kdot", "-Tsvg"]  # ulimit -v is in KiB


@unix_only
def test_a_failing_renderer_is_one_line_without_its_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dot(
        tmp_path,
        monkeypatch,
        "echo 'Warning: a font' >&2\necho 'Error: syntax error in line 1' >&2\n"
        "echo '  more detail' >&2\nexit 1",
    )
    with pytest.raises(RuntimeError) as failed:
        render_bytes("digraph {", "svg")
    assert str(failed.value) == "dot could not draw the graph (exit status 1): Error: syntax error in line 1"
    fake_dot(tmp_path, monkeypatch, "kill -SEGV $$")
    with pytest.raises(RuntimeError, match=r"^dot was stopped by signal 11 while laying out the graph: draw"):
        render_bytes("digraph {}", "svg")


def test_jupyter_asks_the_renderer_once_and_shows_the_start_of_the_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def too_slow(source: str, format_: str, **options: object) -> bytes:
        calls.append(format_)
        raise RuntimeError("dot did not finish laying out the graph within 10 s and was stopped")

    monkeypatch.setattr(digraph_module, "render_bytes", too_slow)
    y, _ = repeated("+", 100)
    drawing = draw(y)
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(drawing)  # what Jupyter does: must not raise
    assert calls == ["svg"] and "image/svg+xml" not in data  # a failure is kept, not retried
    assert (
        data["text/plain"].startswith("dot did not finish")
        and "more lines of DOT in .source" in data["text/plain"]
    )
    assert len(data["text/plain"]) < len(drawing.source) / 4
    with pytest.raises(RuntimeError, match="did not finish"):
        drawing.svg()
    assert calls == ["svg"]


# ---- paths and explain: bounded output, counted before listing -----------------------------------


def test_the_edges_on_all_paths_are_counted_exactly_before_listing() -> None:
    y, x = repeated("*", 30)  # x·x·…·x: 30 paths of lengths 29, 29, 28, …, 1
    listed = sum(len(path.edges) for path in paths(y, x))
    assert listed == 29 + sum(range(1, 30))
    assert len(paths(y, x, max_edges=listed)) == 30
    with pytest.raises(
        ValueError,
        match=rf"\(30 of them\) have {listed:,} edges in all, more than max_edges={listed - 1:,}",
    ):
        paths(y, x, max_edges=listed - 1)


def test_a_2000_character_product_is_refused_rather_than_printing_megabytes() -> None:
    y, x = repeated("*", 1000)  # "x*x*…*x": 1,000 paths, 500,499 factors (12.5 MB of text before)
    with pytest.raises(ValueError) as refused:
        explain(y, x)
    message = str(refused.value)
    assert (
        "explain: the paths from the root to this node (1,000 of them) have 500,499 factors in all" in message
    )
    assert "more than max_factors=5,000" in message and "\n" not in message
    small, x = repeated("*", 100)  # 100 paths, 99 + (1 + 2 + … + 99) = 5,049 factors: just over
    with pytest.raises(
        ValueError, match=r"\(100 of them\) have 5,049 factors in all, more than max_factors=5,000"
    ):
        explain(small, x)
    explanation = explain(small, x, max_factors=5_049)
    assert explanation.value == pytest.approx(100 * 1.001**99, rel=1e-12)  # d/dx x¹⁰⁰ = 100x⁹⁹
    assert explanation.count("∂") == 2 + 2 * 5_049  # ∂y/∂x, then two per factor


def test_a_count_of_more_than_4300_digits_is_written_as_a_power_of_ten() -> None:
    x = Value(1.0, "x")
    y = x
    for _ in range(16_000):
        y = (y + y) * 0.5  # 2¹⁶⁰⁰⁰ paths: Python will not write that int in decimal
    expected = f"{decimal.Decimal(2) ** 16_000:.1E}"  # 3.0E+4816
    mantissa, exponent = expected.split("E+")
    with pytest.raises(ValueError, match=rf"there are about {mantissa}×10\^{exponent} paths"):
        explain(y, x)
    assert count_text(10**40 - 1) == f"{10**40 - 1:,}" and count_text(10**40) == "about 1.0×10^40"


# ---- the CLI: one error line and exit status 2 ------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "options", "message"),
    [
        (
            "+".join(["x"] * 1000),
            ["-o", "y.svg"],
            "draw: the graph has 1,000 values, more than max_nodes=500",
        ),
        (
            "*".join(["x"] * 1000),
            ["--paths"],
            "explain: the paths from the root to this node (1,000 of them)",
        ),
    ],
    ids=["draw-1000-term-sum", "paths-2000-character-product"],
)
def test_the_cli_refuses_big_output_with_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    expression: str,
    options: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    status = main(["graph", expression, "--at", "x=1.001", *options])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "") and err.startswith(f"error: {message}") and err.count("\n") == 1
    assert [*tmp_path.iterdir()] == []


def test_the_cli_writes_a_big_graph_as_dot_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = main(["graph", "+".join(["x"] * 1000), "--at", "x=2", "-o", str(tmp_path / "y.dot")])
    assert status == 0 and "∂y/∂x = 1000\n" in capsys.readouterr().out
    assert (tmp_path / "y.dot").read_text(encoding="utf-8").count(" [label=<<b>") == 1000
