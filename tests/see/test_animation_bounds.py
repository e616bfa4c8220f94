"""The animation keeps a drawing's bounds, and its frames take memory linear in the graph.

Before the third hostile-input pass, ``graph --animate -o a.html`` on a 499-factor product ran five
minutes and wrote 1.31 GB, a GIF of 25 factors took 3.2 GB, and ``frames`` of an 8,000-value chain
4.6 GB (each frame copied every number). Oracles: the bounds of ``draw`` and ``render`` themselves,
counts of the graph worked out by hand, and tracemalloc for memory.
"""

from __future__ import annotations

import importlib
import time
import tracemalloc
from pathlib import Path

import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.cli.main import main
from autograd_tiny.see.animation_gif import animation_gif
from autograd_tiny.see.animation_html import animation_html, frame_svgs
from autograd_tiny.see.draw import MAX_EDGES, MAX_NODES, find_renderer
from autograd_tiny.see.frames import frames

bounds = importlib.import_module("autograd_tiny.see.animation_bounds")
needs_renderer = pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")


def chain(n: int) -> Value:
    """x · 1.0001 · 1.0001 … : n − 1 operations on one input, n values and one constant."""
    y = Value(0.5, "x")
    for _ in range(n - 1):
        y = y * 1.0001
    return y


def power(n: int) -> str:
    """``x*x*…*x`` with n factors: n values (x and n − 1 products) and 2(n − 1) edges."""
    return "*".join(["x"] * n)


@pytest.mark.parametrize("suffix", [".html", ".gif"])
def test_the_cli_refuses_an_animation_of_more_values_than_a_drawing_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"a{suffix}"
    start = time.perf_counter()
    assert main(["graph", power(MAX_NODES + 1), "--at", "x=1.001", "--animate", "-o", str(out)]) == 2
    assert time.perf_counter() - start < 5
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    expected = f"the graph has {MAX_NODES + 1} values, more than a drawing's MAX_NODES={MAX_NODES}"
    assert expected in captured.err
    assert "animate a part of the graph" in captured.err
    assert not out.exists()


def test_every_animation_refuses_more_edges_than_a_drawing() -> None:
    x = Value(1.0, "x")
    y = at.sum([x] * (MAX_EDGES + 1))  # two values: x, and one sum with an edge per term
    passes = frames(y)
    message = f"the graph has {MAX_EDGES + 1:,} edges, more than a drawing's MAX_EDGES={MAX_EDGES:,}"
    with pytest.raises(ValueError, match=message):
        frame_svgs(passes)
    with pytest.raises(ValueError, match=message):
        animation_html(passes)
    with pytest.raises(ValueError, match=message):
        animation_gif(passes, "never-written.gif")
    assert not Path("never-written.gif").exists()


def test_step_through_refuses_a_graph_too_big_to_draw() -> None:
    pytest.importorskip("ipywidgets")
    with pytest.raises(ValueError, match="MAX_NODES"):
        at.step_through(chain(MAX_NODES + 1))


@needs_renderer
@pytest.mark.parametrize("make", ["html", "gif"])
def test_drawing_the_frames_is_stopped_after_the_drawings_time_bound(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make: str
) -> None:
    if make == "gif":
        pytest.importorskip("PIL")
    monkeypatch.setattr(bounds, "RENDER_SECONDS", 0.3)
    passes = frames(chain(60))  # 121 frames: several seconds to draw
    start = time.perf_counter()
    stopped = r"took longer than a drawing's RENDER_SECONDS=0.3 s .*stopped after"
    with pytest.raises(RuntimeError, match=stopped):
        animation_html(passes) if make == "html" else animation_gif(passes, tmp_path / "a.gif")
    assert time.perf_counter() - start < 3


@needs_renderer
def test_the_frames_pictures_are_bounded_by_the_drawings_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "RENDER_MEMORY", 20_000)  # bytes: a few frames' SVG
    y, _ = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    with pytest.raises(RuntimeError, match=r"the pictures of the first \d+ frames take .* RENDER_MEMORY"):
        animation_html(frames(y))


@needs_renderer
def test_the_gif_refuses_more_pixels_than_the_drawings_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("PIL")
    gif = importlib.import_module("autograd_tiny.see.animation_gif")
    monkeypatch.setattr(gif, "RENDER_MEMORY", 100_000)  # pixels at a byte each: less than 11 frames hold
    y, _ = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    with pytest.raises(RuntimeError, match=r"11 frames of \d+×\d+ pixels take .* RENDER_MEMORY"):
        animation_gif(frames(y), tmp_path / "a.gif")
    assert not (tmp_path / "a.gif").exists()


def _peak_of_frames(n: int) -> int:
    y = chain(n)
    tracemalloc.start()
    try:
        passes = frames(y)
        assert len(passes) == 2 * n + 1  # the inputs, n − 1 operations, y.grad = 1, n − 1 edges, done
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_frames_take_memory_linear_in_the_graph() -> None:
    small, large = _peak_of_frames(1000), _peak_of_frames(4000)
    assert large / small < 6  # linear: 4; every frame copying every number: 16
    assert large < 40 * 2**20


def test_each_frame_still_shows_the_numbers_known_at_its_step() -> None:
    """x2 receives its two contributions one after the other, 0 → 5 → 9, and earlier frames keep theirs."""
    y, leaves = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    x2 = leaves["x2"]
    passes = frames(y)
    seen = [frame.scene.grads.get(x2) for frame in passes.frames]
    assert seen[:4] == [None] * 4  # the forward pass shows no gradient
    assert [g for k, g in enumerate(seen) if k == 0 or g != seen[k - 1]] == [None, 0.0, 5.0, 9.0]
    assert seen[-1] == 9.0 == 2 + 2 * 3 + 1  # ∂y/∂x2 = x1 + 2·x2 + 1
    assert len(passes.frames[0].scene.values) == 3  # x1, x2 and the constant 1, before any operation
    assert x2.grad == 0.0  # the graph's own numbers are not changed
