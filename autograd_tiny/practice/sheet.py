"""Worksheets for a class: each exercise drawn with blanks to fill, and the answer key.

The sheet is the composite-function tutorial's method as a form to fill: for each graph, the value
of every node, the local derivative on every edge, every gradient, and each input's gradient as a
sum over paths. The key shows the filled-in graph and the sums over paths. HTML prints on A4 (CSS
``@page``) with the drawings inline as SVG; Markdown refers to one SVG file per drawing. With
``choices``, each question that the catalogue of misconceptions gives enough distractors for is
multiple choice, and the key names the misconception behind each distractor. The key is drawn in
the same direction as the sheet; every text is escaped (HTML, and Markdown's own marks).
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Sequence

from autograd_tiny.core.formatting import format_number
from autograd_tiny.practice.choices import LETTERS, Choice, choices_for
from autograd_tiny.practice.exercise import KINDS, Exercise
from autograd_tiny.practice.questions import Question
from autograd_tiny.see.paths import explain

__all__ = ["TITLE", "sheet_choices", "worksheet", "worksheet_markdown"]

TITLE = "Backpropagation by hand"
_INSTRUCTIONS = (
    "For each graph, fill in every blank: the value of each node (the forward pass), the local "
    "derivative on each edge, the gradient of each node, and the gradient of each input as a sum over "
    "the paths from the output down to it. Give a whole number or a short decimal exactly, any other "
    "number to three significant digits."
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
.blanks div.options { white-space: normal; }
.option { display: inline-block; margin-right: 3mm; }
ul.why { font-size: 9pt; margin: 1mm 0 0 0; padding-left: 5mm; }
"""
_CHOOSE = "Where a question offers choices, circle the right one: the others are mistakes students make."
_MARKDOWN = re.compile(r"([\\`*_\[\]|#!~])")  # Markdown's marks, escaped with a backslash


def worksheet(
    exercises: Sequence[Exercise],
    *,
    key: bool = False,
    title: str = TITLE,
    meta: str = "",
    choices: int = 0,
    seed: int = 0,
) -> str:
    """A printable HTML page: each exercise drawn (inline SVG) with its blanks, or, with ``key``, filled.

    A graph too long to read across the page is drawn top to bottom, with its blanks beside it.

    Args:
        exercises: the exercises, e.g. from ``generate``.
        key: write the answer key instead of the sheet.
        title: the page's heading.
        meta: a line under the heading (e.g. the level and seed, so a sheet can be made again).
        choices: 0 for blanks to fill; 2 to 6 for multiple choice (see ``choices_for``).
        seed: shuffles the choices; a sheet and its key are made with the same seed.

    Raises:
        ValueError: no exercises, or ``choices`` out of range.
        RendererMissingError: no Graphviz renderer is installed (the message says how to get one).
    """
    _check(exercises)
    picked = sheet_choices(exercises, choices, seed)
    heading = f"{title} · answer key" if key else title
    instructions = _INSTRUCTIONS + (" " + _CHOOSE if choices else "")
    parts = [
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(heading)}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(heading)}</h1>",
        f'<p class="meta">{html.escape(meta)}{"" if key else "  ·  Name: ____________________"}</p>',
        "" if key else f"<p>{html.escape(instructions)}</p>",
    ]
    for number, (exercise, chosen) in enumerate(zip(exercises, picked, strict=True), start=1):
        rankdir, svg = _drawn(exercise, key)
        groups = "".join(
            f'<div class="group"><h3>{heading}</h3>'
            f"{''.join(_blank(q, key, chosen.get(q.key)) for q in questions)}</div>"
            for heading, questions in _groups(exercise)
        )
        layout = "side" if rankdir == "TB" else "across"
        sums = f"<pre>{html.escape(chr(10).join(_sums(exercise)))}</pre>" if key else ""
        why = ""
        if key and chosen:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in _distractor_lines(chosen))
            why = f'<p>Distractors:</p><ul class="why">{items}</ul>'
        parts.append(
            f"<section><h2>Exercise {number}</h2><p>{html.escape(exercise.title)}</p>"
            f'<div class="{layout}"><div class="graph">{_inline(svg)}</div>'
            f'<div class="blanks">{groups}</div></div>{sums}{why}</section>'
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
    choices: int = 0,
    seed: int = 0,
) -> tuple[str, dict[str, str]]:
    """The sheet (or ``key``) as Markdown, and its drawings as ``{file name: SVG text}``.

    Each drawing is ``{images}-{number}.svg`` on a sheet and ``{images}-key-{number}.svg`` in a key,
    so a sheet and its key never share a picture; write those files beside the Markdown file.
    ``choices`` and ``seed`` as for ``worksheet``.

    Raises:
        ValueError: no exercises, or ``choices`` out of range.
        RendererMissingError: no Graphviz renderer is installed.
    """
    _check(exercises)
    picked = sheet_choices(exercises, choices, seed)
    heading = f"{title} · answer key" if key else title
    lines = [f"# {_md(heading)}", ""]
    if meta:
        lines += [_md(meta), ""]
    if not key:
        lines += [_md(_INSTRUCTIONS + (" " + _CHOOSE if choices else "")), ""]
    files: dict[str, str] = {}
    for number, (exercise, chosen) in enumerate(zip(exercises, picked, strict=True), start=1):
        name = f"{images}-key-{number}.svg" if key else f"{images}-{number}.svg"
        files[name] = _drawn(exercise, key)[1]
        link = name.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        lines += [f"## Exercise {number}", "", _md(exercise.title), "", f"![exercise {number}]({link})", ""]
        lines += ["| question | what | answer |", "|---|---|---|"]
        lines += [
            f"| {_md(q.key)} | {KINDS[q.kind]} | {_md(_cell(q, key, chosen.get(q.key)))} |"
            for q in exercise.questions
        ]
        if key and chosen:
            lines += ["", "Distractors:", "", *(f"- {_md(line)}" for line in _distractor_lines(chosen))]
        if key:
            fence = "~~~~"  # the sums hold no tildes: names are escaped nowhere inside a fence
            sums = [line.replace("~", "∼") for line in _sums(exercise)]
            lines += ["", "Sums over paths:", "", fence, *sums, fence]
        lines.append("")
    return "\n".join(lines), files


def sheet_choices(exercises: Sequence[Exercise], choices: int, seed: int) -> list[dict[str, Choice]]:
    """Each exercise's multiple-choice questions (none when ``choices`` is 0), shuffled by ``seed``:
    the sheet's and its key's, and what ``grade_class`` grades the letters circled against."""
    if choices == 0:
        return [{} for _ in exercises]
    rng = random.Random(seed)
    return [choices_for(exercise, choices, rng) for exercise in exercises]


def _cell(question: Question, key: bool, choice: Choice | None) -> str:
    """The answer as the sheet or the key shows it: blank, ``(A) 9  (B) 20 …``, ``9`` or ``B: 9``."""
    if choice is None:
        return _filled(question.answer) if key else ""
    if key:
        return f"{choice.right}: {_filled(question.answer)}"
    return "  ".join(f"({LETTERS[k]}) {option.number}" for k, option in enumerate(choice.options))


def _distractor_lines(chosen: dict[str, Choice]) -> list[str]:
    """``∂y/∂x2 (A) 20: paths multiplied instead of added (5 × 4 …)``: each wrong option's misconception."""
    return [
        f"{key} ({LETTERS[k]}) {option.number}: {option.misconception} ({option.detail})"
        for key, choice in chosen.items()
        for k, option in enumerate(choice.options)
        if option.misconception
    ]


def _drawn(exercise: Exercise, key: bool) -> tuple[str, str]:
    """(rankdir, SVG): left to right, or top to bottom when the sheet's (blank) drawing would be too
    small to read; the key is drawn in the same direction as the sheet."""
    blank = exercise.drawing().svg()
    size = _SIZE.search(blank)
    if not (size and float(size.group(1)) > _WIDEST):
        return "LR", exercise.drawing(filled=True).svg() if key else blank
    svg = exercise.drawing(filled=key, rankdir="TB").svg()
    size = _SIZE.search(svg)
    if size:  # ≈ 0.7 of Graphviz's size (8-point labels), and never taller than the page
        width, height = float(size.group(1)), float(size.group(2))
        scale = min(0.7, _TALLEST / height)
        svg = _SIZE.sub(f'width="{width * scale:.0f}pt" height="{height * scale:.0f}pt"', svg, count=1)
    return "TB", svg


def _blank(question: Question, key: bool, choice: Choice | None = None) -> str:
    """``∂y/∂x2 = ____``, the line empty on the sheet and filled in the key; or the question's choices."""
    if choice is not None and not key:
        options = "".join(
            f'<span class="option">({LETTERS[k]}) {html.escape(option.number)}</span>'
            for k, option in enumerate(choice.options)
        )
        return f'<div class="options">{html.escape(question.key)}: {options}</div>'
    filled = html.escape(_cell(question, key, choice))
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


def _md(text: str) -> str:
    """Text for Markdown: HTML's ``< > &`` as entities, Markdown's own marks behind a backslash."""
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False)).replace("\n", " ")


def _inline(svg: str) -> str:
    """SVG text for inside an HTML page: without the XML declaration, doctype and comments."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.DOTALL)
    return svg.strip()


def _check(exercises: Sequence[Exercise]) -> None:
    if not exercises or not all(isinstance(exercise, Exercise) for exercise in exercises):
        raise ValueError("worksheet: needs a list of one or more exercises (from generate or exercise)")
