"""Worksheets for a class: each exercise drawn with blanks to fill, and the answer key.

The sheet is the composite-function tutorial's method as a form to fill: for each graph, the value
of every node, the local derivative on every edge, every gradient, and each input's gradient as a
sum over paths. The key shows the filled-in graph and the sums over paths. HTML prints on A4 (CSS
``@page``) with the drawings inline as SVG; Markdown refers to one SVG file per drawing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from autograd_tiny.core.formatting import format_number
from autograd_tiny.practice.exercise import KINDS, Exercise
from autograd_tiny.practice.questions import Question
from autograd_tiny.see.paths import explain

__all__ = ["TITLE", "worksheet", "worksheet_markdown"]

TITLE = "Backpropagation by hand"
_INSTRUCTIONS = (
    "For each graph, fill in every blank: the value of each node (the forward pass), the local "
    "derivative on each edge, the gradient of each node, and the gradient of each input as a sum over "
    "the paths from the output down to it. Three significant digits are enough."
)
_WIDEST = 700  # points: a drawing wider than this, scaled to the page, is too small to read
_TALLEST = 640  # points: the most a drawing top to bottom may take of an A4 page
_SIZE = re.compile(r'width="([\d.]+)pt" height="([\d.]+)pt"')
_STYLE = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 182mm;
       margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2mm 0; }
h2 { font-size: 12pt; margin: 0 0 1mm 0; }
p.meta { color: #444; margin: 0 0 3mm 0; }
section { break-inside: avoid; page-break-inside: avoid; border-top: 1px solid #999; padding: 3mm 0; }
.graph svg { max-width: 100%; height: auto; max-height: 95mm; }
.across .blanks { columns: 3; column-gap: 6mm; margin-top: 2mm; }
.side { display: flex; gap: 6mm; align-items: flex-start; }
.side .graph { flex: 0 0 62%; }
.side .graph svg { max-height: none; }
.blanks .group { break-inside: avoid; margin-bottom: 2mm; }
.blanks h3 { font-size: 8.5pt; font-weight: normal; color: #666; margin: 0 0 1mm 0; }
.blanks div div { margin: 0 0 2.2mm 0; white-space: nowrap; }
.blanks .line { display: inline-block; min-width: 22mm; border-bottom: 1px solid #333; }
pre { font-size: 9.5pt; white-space: pre-wrap; margin: 1mm 0; }
"""


def worksheet(exercises: Sequence[Exercise], *, key: bool = False, title: str = TITLE, meta: str = "") -> str:
    """A printable HTML page: each exercise drawn (inline SVG) with its blanks, or, with ``key``, filled.

    A graph too long to read across the page is drawn top to bottom, with its blanks beside it.

    Args:
        exercises: the exercises, e.g. from ``generate``.
        key: write the answer key instead of the sheet.
        title: the page's heading.
        meta: a line under the heading (e.g. the level and seed, so a sheet can be made again).

    Raises:
        ValueError: no exercises.
        RendererMissingError: no Graphviz renderer is installed (the message says how to get one).
    """
    _check(exercises)
    heading = f"{title} · answer key" if key else title
    parts = [
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(heading)}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(heading)}</h1>",
        f'<p class="meta">{html.escape(meta)}{"" if key else "  ·  Name: ____________________"}</p>',
        "" if key else f"<p>{html.escape(_INSTRUCTIONS)}</p>",
    ]
    for number, exercise in enumerate(exercises, start=1):
        rankdir, svg = _drawn(exercise, key)
        groups = "".join(
            f'<div class="group"><h3>{heading}</h3>{"".join(_blank(q, key) for q in questions)}</div>'
            for heading, questions in _groups(exercise)
        )
        layout = "side" if rankdir == "TB" else "across"
        sums = f"<pre>{html.escape(chr(10).join(_sums(exercise)))}</pre>" if key else ""
        parts.append(
            f"<section><h2>Exercise {number}</h2><p>{html.escape(exercise.title)}</p>"
            f'<div class="{layout}"><div class="graph">{_inline(svg)}</div>'
            f'<div class="blanks">{groups}</div></div>{sums}</section>'
        )
    parts.append("</body></html>\n")
    return "\n".join(parts)


def worksheet_markdown(
    exercises: Sequence[Exercise],
    *,
    key: bool = False,
    title: str = TITLE,
    meta: str = "",
    images: str = "sheet",
) -> tuple[str, dict[str, str]]:
    """The sheet (or ``key``) as Markdown, and its drawings as ``{file name: SVG text}``.

    Each drawing is ``{images}-{number}.svg``; write those files beside the Markdown file.

    Raises:
        ValueError: no exercises.
        RendererMissingError: no Graphviz renderer is installed.
    """
    _check(exercises)
    heading = f"{title} · answer key" if key else title
    lines = [f"# {heading}", ""]
    if meta:
        lines += [meta, ""]
    if not key:
        lines += [_INSTRUCTIONS, ""]
    files: dict[str, str] = {}
    for number, exercise in enumerate(exercises, start=1):
        name = f"{images}-{number}.svg"
        files[name] = _drawn(exercise, key)[1]
        lines += [f"## Exercise {number}", "", f"`{exercise.title}`", "", f"![exercise {number}]({name})", ""]
        lines += ["| question | what | answer |", "|---|---|---|"]
        lines += [
            f"| {q.key} | {KINDS[q.kind]} | {_filled(q.answer) if key else ''} |" for q in exercise.questions
        ]
        if key:
            lines += ["", "Sums over paths:", "", "```", *_sums(exercise), "```"]
        lines.append("")
    return "\n".join(lines), files


def _drawn(exercise: Exercise, key: bool) -> tuple[str, str]:
    """(rankdir, SVG): left to right, or top to bottom when that would be too small to read."""
    svg = exercise.drawing(filled=key).svg()
    size = _SIZE.search(svg)
    if size and float(size.group(1)) > _WIDEST:
        svg = exercise.drawing(filled=key, rankdir="TB").svg()
        size = _SIZE.search(svg)
        if size:  # ≈ 0.7 of Graphviz's size (8-point labels), and never taller than the page
            width, height = float(size.group(1)), float(size.group(2))
            scale = min(0.7, _TALLEST / height)
            svg = _SIZE.sub(f'width="{width * scale:.0f}pt" height="{height * scale:.0f}pt"', svg, count=1)
        return "TB", svg
    return "LR", svg


def _blank(question: Question, key: bool) -> str:
    """``∂y/∂x2 = ____``, the line empty on the sheet and filled in the key."""
    filled = _filled(question.answer) if key else ""
    return f'<div>{html.escape(question.key)} = <span class="line">{filled}</span></div>'


def _groups(exercise: Exercise) -> list[tuple[str, list[Question]]]:
    """The questions under a heading per kind, in the order of ``KINDS``."""
    headings = {
        "value": "values",
        "local": "local derivatives",
        "grad": "gradients",
        "path": "inputs: sums over paths",
    }
    grouped = [(headings[kind], [q for q in exercise.questions if q.kind == kind]) for kind in KINDS]
    return [(heading, questions) for heading, questions in grouped if questions]


def _sums(exercise: Exercise) -> list[str]:
    worked = exercise.worked
    return [str(explain(worked.root, q.node)) for q in worked.questions.values() if q.kind == "path"]


def _filled(answer: float) -> str:
    return format_number(answer)


def _inline(svg: str) -> str:
    """SVG text for inside an HTML page: without the XML declaration, doctype and comments."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.DOTALL)
    return svg.strip()


def _check(exercises: Sequence[Exercise]) -> None:
    if not exercises or not all(isinstance(exercise, Exercise) for exercise in exercises):
        raise ValueError("worksheet: needs a list of one or more exercises (from generate or exercise)")
