"""What every stored lesson keeps: pictures that fit a notebook column, words meant for learners, a
start that says what the learner will be able to do, and graded your-turn cells whose solutions wait
at the end.

Read from the notebooks as stored (outputs included), so nothing is executed: nbmake runs the
lessons themselves. A picture's width is read from its SVG ``width`` attribute (pt or px) or its PNG
header; its smallest text from the SVG's font sizes, scaled as the picture is.
"""

from __future__ import annotations

import base64
import re
import struct
from pathlib import Path
from typing import Any

import nbformat
import pytest

LESSONS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MAX_WIDTH_PT = 760.0
"""A notebook column is about 1,000 px (750 pt) wide; a wider picture is shrunk, and so is its text."""
PX_PER_PT = 4 / 3
MIN_TEXT_PT = 9.0
INTERNAL_WORDS = (
    "for the course's ci",
    "oracle",
    "an earlier version of this lesson",
    "seed 00",
    "seed's",
    "stand-in",
    "issue 2",
)
"""Words for the people who build the course, not for learners (the tutorials are named by topic)."""
SOURCE_FILE = re.compile(r"\b00[0-4]_[0-9a-f]{16}\b")


def _cells(path: Path) -> list[Any]:
    return list(nbformat.read(path, as_version=4).cells)


def _pictures(path: Path) -> list[tuple[int, str, Any]]:
    """(cell number, MIME type, content) of every stored picture, SVG inside HTML included."""
    found = []
    for number, cell in enumerate(_cells(path)):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/svg+xml" in data:
                found.append((number, "image/svg+xml", "".join(data["image/svg+xml"])))
            if "image/png" in data:
                found.append((number, "image/png", data["image/png"]))
            html = "".join(data.get("text/html", ""))
            found += [(number, "image/svg+xml", svg) for svg in re.findall(r"<svg\b.*?</svg>", html, re.S)]
    return found


def svg_width_pt(svg: str) -> float:
    """The width an SVG picture is shown at, in pt (Graphviz writes pt; px are 3/4 pt)."""
    match = re.search(r"<svg\b[^>]*?\swidth=\"([\d.]+)(pt|px)?\"", svg)
    if match is None:
        return 0.0  # no width: shown at the column's width
    width, unit = float(match.group(1)), match.group(2) or "px"
    return width if unit == "pt" else width / PX_PER_PT


def svg_smallest_text_pt(svg: str) -> float:
    """The smallest font size in the picture as shown: its font sizes scaled by width / viewBox width."""
    sizes = [float(size) for size in re.findall(r"font-size=\"([\d.]+)\"", svg)]
    view = re.search(r"<svg\b[^>]*?viewBox=\"[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+\"", svg)
    width = svg_width_pt(svg)
    scale = width / float(view.group(1)) if view and width and float(view.group(1)) else 1.0
    return min(sizes, default=MIN_TEXT_PT) * scale


def png_width_pt(encoded: str) -> float:
    """The width of a stored PNG (base64), from its header, shown one pixel per px."""
    header = base64.b64decode("".join(encoded).strip()[:64])
    (width,) = struct.unpack(">I", header[16:20])
    return width / PX_PER_PT


def _name(path: Path) -> str:
    return path.name


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_every_picture_fits_a_notebook_column(path: Path) -> None:
    too_wide = []
    for number, kind, content in _pictures(path):
        width = svg_width_pt(content) if kind == "image/svg+xml" else png_width_pt(content)
        if width > MAX_WIDTH_PT:
            too_wide.append(f"cell {number}: {kind} {width:.0f} pt")
    assert not too_wide, f"{path.name}: pictures wider than {MAX_WIDTH_PT:.0f} pt: {too_wide}"


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_every_drawing_keeps_its_text_legible(path: Path) -> None:
    small = [
        f"cell {number}: {svg_smallest_text_pt(svg):.1f} pt"
        for number, kind, svg in _pictures(path)
        if kind == "image/svg+xml" and svg_smallest_text_pt(svg) < MIN_TEXT_PT - 0.05
    ]
    assert not small, f"{path.name}: drawings with text under {MIN_TEXT_PT:g} pt: {small}"


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_no_words_meant_for_the_course_builders(path: Path) -> None:
    found = []
    for number, cell in enumerate(_cells(path)):
        texts = [cell.source] + [
            "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
            for output in cell.get("outputs", [])
        ]
        for text in texts:
            lowered = text.lower()
            found += [f"cell {number}: {word!r}" for word in INTERNAL_WORDS if word in lowered]
            found += [f"cell {number}: {name!r}" for name in SOURCE_FILE.findall(text)]
    assert not found, f"{path.name}: {found}"


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_the_lesson_starts_with_what_you_will_be_able_to_do(path: Path) -> None:
    first = _cells(path)[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# ")
    assert "what you will be able to do" in first.source.lower()


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_the_lesson_has_graded_your_turn_cells_with_solutions_at_the_end(path: Path) -> None:
    cells = _cells(path)
    turns = [k for k, c in enumerate(cells) if c.cell_type == "markdown" and "your turn" in c.source.lower()]
    graded = [  # an answer graded by an exercise, or the learner's code graded by a build-it-yourself check
        k
        for k, c in enumerate(cells)
        if c.cell_type == "code" and re.search(r"\.check\(|\bcheck_(rule|forward|sort|backward)\(", c.source)
    ]
    assert turns, f"{path.name}: no 'Your turn' section"
    assert graded, f"{path.name}: no graded answer cell (one that calls .check(...) or a check_… function)"
    headings = [
        k for k, c in enumerate(cells) if c.cell_type == "markdown" and re.match(r"#+ Solutions", c.source)
    ]
    shown = [
        k
        for k, c in enumerate(cells)
        if c.cell_type == "code" and re.search(r"\.(solution|reveal)\(", c.source)
    ]
    early = [k for k in shown if not headings or k < headings[0]]
    assert not early, f"{path.name}: solutions shown before the 'Solutions' section, in cells {early}"
    assert not headings or min(graded) < headings[0], f"{path.name}: the Solutions section comes first"


def test_the_readme_has_no_words_meant_for_the_course_builders() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lowered = readme.lower()
    found = [word for word in INTERNAL_WORDS if word in lowered] + SOURCE_FILE.findall(readme)
    assert not found, f"README.md: {found}"
