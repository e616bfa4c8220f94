"""The step-through animation as one self-contained HTML page: every frame's picture inline, the
step table beside it, and a few lines of script for play, pause, step back and forward and a slider.

It shows the chain-rule tutorial's forward pass and then the composite-function tutorial's backward
rule, input.grad += upstream × local, one edge per frame. Nothing is loaded from the network: the
page works from a file, on a slide or in a learning-management system. ``?press=next,next,prev`` in
the address presses those buttons when the page loads (a link can open it at a given step).
"""

from __future__ import annotations

import html
import re

from autograd_tiny.see.animation_bounds import check_animation_size, rendered_frames
from autograd_tiny.see.frames import Frames

__all__ = ["animation_html", "frame_svgs"]

_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)  # the XML declaration and doctype before <svg

_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; margin: 16px; color: #222; }
.controls button { font-size: 15px; min-width: 44px; margin-right: 4px; }
.controls input[type=range] { width: 320px; vertical-align: middle; }
#where { margin-left: 8px; }
#text { font-size: 17px; margin: 10px 0; min-height: 1.4em; }
.main { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
.frame svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; }
tr.current td { background: #d9f2e6; font-weight: bold; }
"""

_SCRIPT = """
const frames = [...document.querySelectorAll('.frame')];
const rows = [...document.querySelectorAll('tbody tr')];
const slider = document.getElementById('slider');
let step = 0, timer = null;
function show(k) {
  step = Math.max(0, Math.min(frames.length - 1, k));
  frames.forEach((f, i) => { f.hidden = i !== step; });
  const row = frames[step].dataset.row;
  rows.forEach((r, i) => r.classList.toggle('current', String(i) === row));
  slider.value = step;
  document.getElementById('text').textContent = frames[step].dataset.text;
  document.getElementById('where').textContent = `step ${step + 1} of ${frames.length}`;
  document.body.dataset.step = step;
}
function pause() { clearInterval(timer); timer = null; }
function play() {
  pause();
  if (step === frames.length - 1) show(0);
  timer = setInterval(() => { if (step === frames.length - 1) pause(); else show(step + 1); }, 1200);
}
const actions = {
  first: () => { pause(); show(0); }, prev: () => { pause(); show(step - 1); },
  play: play, pause: pause,
  next: () => { pause(); show(step + 1); }, last: () => { pause(); show(frames.length - 1); },
};
for (const [name, act] of Object.entries(actions)) document.getElementById(name).onclick = act;
slider.oninput = () => { pause(); show(Number(slider.value)); };
show(0);
for (const name of (new URLSearchParams(location.search).get('press') || '').split(',')) {
  if (Object.hasOwn(actions, name)) document.getElementById(name).click();  // own names only: not toString
}
document.body.dataset.ready = 'yes';
"""


def frame_svgs(frames: Frames, *, precision: int | None = 3, rankdir: str = "LR") -> list[str]:
    """Every frame drawn as SVG text, without the XML prologue (ready to put inline in HTML).

    Within a drawing's bounds (``animation_bounds``): the graph's size, and the renderer's time and
    memory for all the frames together.

    Raises:
        ValueError: the graph has more values or edges than ``draw`` would draw.
        RendererMissingError: no Graphviz renderer is installed (the message says how to get one).
        RuntimeError: the renderer failed, or the frames took too long or too much memory.
    """
    check_animation_size(frames, "animation")
    sources = (frames.dot(index, precision=precision, rankdir=rankdir) for index in range(len(frames)))
    return [
        _PROLOGUE.sub("", svg.decode("utf-8"), count=1)
        for svg in rendered_frames(sources, "svg", "animation")
    ]


def animation_html(frames: Frames, *, title: str = "", precision: int | None = 3, rankdir: str = "LR") -> str:
    """The page: controls, the current step in words, the picture and the step table.

    Args:
        frames: the passes to show (``frames.frames(root)``).
        title: a heading, e.g. the expression; escaped.
        precision: significant digits in the pictures.
        rankdir: the direction of the drawings (``to_dot``).

    Returns:
        The HTML text, with no reference to anything outside it.

    Raises:
        ValueError: the graph has more values or edges than ``draw`` would draw.
        RendererMissingError: no Graphviz renderer is installed.
        RuntimeError: the renderer failed, or the frames took too long or too much memory.
    """
    pictures = []
    for frame, svg in zip(
        frames.frames, frame_svgs(frames, precision=precision, rankdir=rankdir), strict=True
    ):
        row = "" if frame.row is None else str(frame.row)
        text = html.escape(f"{frame.phase} · {frame.text}" if frame.phase not in frame.text else frame.text)
        pictures.append(f'<div class="frame" data-row="{row}" data-text="{text}" hidden>{svg}</div>')
    head = "".join(f"<th>{html.escape(h)}</th>" for h in frames.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in frames.rows
    )
    buttons = [
        ("first", "first"),
        ("prev", "◀ back"),
        ("play", "play"),
        ("pause", "pause"),
        ("next", "forward ▶"),
    ]
    controls = "".join(
        f'<button id="{name}" type="button">{label}</button>' for name, label in [*buttons, ("last", "last")]
    )
    slider = f'<input id="slider" type="range" min="0" max="{len(frames) - 1}" value="0" aria-label="step">'
    heading = html.escape(title or "forward and backward pass")
    rule = html.escape(f"input.grad += {frames.headers[1]} × local")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{heading}</title><style>{_STYLE}</style></head>
<body>
<h2>{heading}</h2>
<div class="controls">{controls}{slider}<span id="where"></span></div>
<div id="text"></div>
<div class="main"><div class="pictures">{"".join(pictures)}</div>
<table><caption>the backward pass, one row per edge: {rule}</caption>
<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>
<script>{_SCRIPT}</script>
</body></html>
"""
