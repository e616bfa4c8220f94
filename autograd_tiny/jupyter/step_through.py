"""``step_through(y)``: the forward and backward pass as a Jupyter widget (play, pause, step, slider).

The same frames as the HTML page and the GIF (``see.frames``): the forward pass fills in values
one operation at a time, then the composite-function tutorial's rule input.grad += upstream × local
runs one edge per frame, with the matching row of the step table highlighted beside the picture.
"""

from __future__ import annotations

import html
from typing import Any

from autograd_tiny.core.value import Value
from autograd_tiny.see.animation_html import frame_svgs
from autograd_tiny.see.frames import Frames, frames
from autograd_tiny.see.html import html_table

__all__ = ["frame_page", "step_through"]

_CURRENT = "background:#d9f2e6;font-weight:bold"


def frame_page(passes: Frames, svgs: list[str], index: int) -> str:
    """Frame ``index`` as HTML: what the step does, its picture and the step table, its row highlighted.

    Raises:
        IndexError: there is no frame ``index``.
    """
    if not 0 <= index < len(passes):
        raise IndexError(f"frame_page: there are frames 0 to {len(passes) - 1}, not {index}")
    frame = passes.frames[index]
    table = html_table(passes.headers, passes.rows, marked=frame.row, marked_style=_CURRENT)
    where = f"step {index + 1} of {len(passes)} ({frame.phase})"
    return (
        f"<p><b>{html.escape(where)}</b>: {html.escape(frame.text)}</p>"
        f'<div style="display:flex;gap:20px;flex-wrap:wrap;align-items:flex-start"><div>{svgs[index]}</div>'
        f"{table}</div>"
    )


def step_through(root: Value, *, precision: int | None = 3, rankdir: str = "LR", interval: int = 1200) -> Any:
    """A widget that steps through the forward and backward pass of ``root``.

    Args:
        root: the output of the graph (its ``.data`` and ``.grad`` are not changed).
        precision: significant digits in the pictures.
        rankdir: the direction of the drawings (``to_dot``).
        interval: milliseconds per frame when playing.

    Returns:
        An ``ipywidgets.VBox``: play/pause, step back and forward, a slider, and the frame.

    Raises:
        ImportError: ipywidgets is not installed (the message says how to install it).
        RendererMissingError: no Graphviz renderer is installed.
    """
    try:
        import ipywidgets as widgets  # type: ignore[import-untyped]  # optional: only the widgets need it
    except ImportError:
        raise ImportError("the widget needs ipywidgets: pip install 'autograd-tiny[notebooks]'") from None
    passes = frames(root)
    svgs = frame_svgs(passes, precision=precision, rankdir=rankdir)
    last = len(passes) - 1
    view = widgets.HTML(frame_page(passes, svgs, 0))
    play = widgets.Play(min=0, max=last, interval=interval, description="play")
    slider = widgets.IntSlider(min=0, max=last, description="step")
    widgets.jslink((play, "value"), (slider, "value"))
    back, forward = widgets.Button(description="◀ back"), widgets.Button(description="forward ▶")
    back.on_click(lambda _: setattr(slider, "value", max(0, slider.value - 1)))
    forward.on_click(lambda _: setattr(slider, "value", min(last, slider.value + 1)))

    def show(change: dict[str, Any]) -> None:
        view.value = frame_page(passes, svgs, change["new"])

    slider.observe(show, names="value")
    return widgets.VBox([widgets.HBox([play, back, forward, slider]), view])
