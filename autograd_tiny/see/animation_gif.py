"""The step-through animation as an animated GIF, for places that run no script.

The same frames as the HTML page (the forward pass, then the composite-function tutorial's rule
input.grad += upstream × local, one edge per frame), each drawn to PNG by the renderer and put
together with Pillow (``pip install 'autograd-tiny[viz]'``), imported only here.
"""

from __future__ import annotations

import io
from pathlib import Path

from autograd_tiny.see.frames import Frames

__all__ = ["animation_gif"]

_DPI = 96


def animation_gif(
    frames: Frames,
    path: str | Path,
    *,
    seconds: float = 1.5,
    precision: int | None = 3,
    rankdir: str = "LR",
) -> Path:
    """Write the frames to ``path`` as a GIF that loops, ``seconds`` per frame (the last one twice as long).

    Every frame is drawn on a white canvas of the largest frame's size, top left, so nothing jumps.

    Returns:
        The path written.

    Raises:
        ImportError: Pillow is not installed (the message says how to install it).
        RendererMissingError: no Graphviz renderer is installed.
        RuntimeError: the renderer failed.
    """
    try:
        from PIL import Image  # optional: only GIFs need Pillow
    except ImportError:
        raise ImportError("an animated GIF needs Pillow: pip install 'autograd-tiny[viz]'") from None
    pictures = []
    for index in range(len(frames)):
        drawing = frames.drawing(index, precision=precision, rankdir=rankdir)
        drawing.attr("graph", dpi=str(_DPI))  # smaller than a PNG's usual 144: a GIF holds many frames
        pictures.append(Image.open(io.BytesIO(drawing.pipe(format="png"))).convert("RGB"))
    width, height = max(p.width for p in pictures), max(p.height for p in pictures)
    canvases = []
    for picture in pictures:
        canvas = Image.new("RGB", (width, height), "white")
        canvas.paste(picture, (0, 0))
        canvases.append(canvas.quantize(colors=64))
    durations = [round(seconds * 1000)] * len(canvases)
    durations[-1] *= 2
    path = Path(path)
    canvases[0].save(path, save_all=True, append_images=canvases[1:], duration=durations, loop=0)
    return path
