"""The step-through animation as an animated GIF, for places that run no script.

The same frames as the HTML page (the forward pass, then the composite-function tutorial's rule
input.grad += upstream × local, one edge per frame), each drawn to PNG by the renderer and put
together with Pillow (``pip install 'autograd-tiny[viz]'``), imported only here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from autograd_tiny.see.animation_bounds import check_animation_size, rendered_frames, too_much_memory
from autograd_tiny.see.frames import Frames
from autograd_tiny.see.render import RENDER_MEMORY

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
    Within a drawing's bounds (``animation_bounds``); the pictures are kept as PNG until the GIF is
    written and then made into canvases one at a time, so memory is about one byte per pixel of
    the frames, which must fit in ``RENDER_MEMORY``.

    Returns:
        The path written.

    Raises:
        ImportError: Pillow is not installed (the message says how to install it).
        ValueError: the graph has more values or edges than ``draw`` would draw.
        RendererMissingError: no Graphviz renderer is installed.
        RuntimeError: the renderer failed, or the frames took too long or too much memory.
    """
    try:
        from PIL import Image  # optional: only GIFs need Pillow
    except ImportError:
        raise ImportError("an animated GIF needs Pillow: pip install 'autograd-tiny[viz]'") from None
    check_animation_size(frames, "animation_gif")
    dpi = f"{{\n  graph [dpi={_DPI}]\n"
    sources = (
        frames.dot(index, precision=precision, rankdir=rankdir).replace("{\n", dpi, 1)
        for index in range(len(frames))
    )
    pngs = list(rendered_frames(sources, "png", "animation_gif"))
    sizes = [Image.open(io.BytesIO(png)).size for png in pngs]  # reads the header, not the pixels
    width, height = max(w for w, _ in sizes), max(h for _, h in sizes)
    if len(pngs) * width * height > RENDER_MEMORY:
        raise too_much_memory(
            "animation_gif", f"{len(pngs)} frames of {width}×{height} pixels", len(pngs) * width * height
        )

    def canvases() -> Iterator[Image.Image]:
        for png in pngs:
            canvas = Image.new("RGB", (width, height), "white")
            with Image.open(io.BytesIO(png)) as picture:
                canvas.paste(picture.convert("RGB"), (0, 0))
            yield canvas.quantize(colors=64)

    durations = [round(seconds * 1000)] * len(pngs)
    durations[-1] *= 2
    path = Path(path)
    frames_ = canvases()
    next(frames_).save(path, save_all=True, append_images=frames_, duration=durations, loop=0)
    return path
