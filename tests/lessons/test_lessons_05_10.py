"""Lessons 05–10 as stored: pictures that fit a notebook column, no words meant for us, graded
your-turn cells with their solutions at the end, and the tutorial items each lesson must teach.

These read the stored notebooks (what a reader sees on a code-hosting site); running them top to
bottom is nbmake's job. The shared rules for every lesson are in ``test_lessons.py``; the checks here
are the ones lessons 05–10 rely on, so they can be run on their own.
"""

from __future__ import annotations

import base64
import re
import struct
from pathlib import Path
from typing import Any

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = sorted(path for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb") if "05" <= path.name[:2] <= "10")
MAX_WIDTH = 750  # pt or px: a notebook column shows a wider picture shrunk, and its labels below 9 pt
INTERNAL = (
    re.compile(r"course's CI", re.I),
    re.compile(r"\boracles?\b", re.I),
    re.compile(r"earlier version of this lesson", re.I),
    re.compile(r"\bseed 00[0-4]\b", re.I),
    re.compile(r"\b00[0-4]_[0-9a-f]{6}"),
)
SVG_SIZE = re.compile(r"<svg\b[^>]*?\swidth=\"([0-9.]+)(pt|px)?\"", re.S)


def _cells(path: Path) -> list[Any]:
    return list(nbformat.read(path, as_version=4).cells)


def _picture_widths(cell: Any) -> list[tuple[str, float]]:
    """(kind, width) of each picture a code cell shows: a PNG's width in pt (its pixels are px, 3/4 pt:
    refresh.py stores each drawing's SVG as a PNG of the same size), an SVG's in pt or px."""
    widths = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "image/png" in data:
            raw = base64.b64decode(data["image/png"])
            widths.append(("png", float(struct.unpack(">I", raw[16:20])[0]) * 3 / 4))
        for kind in ("image/svg+xml", "text/html"):
            text = data.get(kind, "")
            text = "".join(text) if isinstance(text, list) else text
            for match in SVG_SIZE.finditer(text):
                widths.append((f"svg in {kind}", float(match.group(1))))
    return widths


@pytest.fixture(params=LESSONS, ids=[path.stem for path in LESSONS])
def lesson(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_lessons_05_to_10_are_all_here() -> None:
    assert [path.name[:2] for path in LESSONS] == ["05", "06", "07", "08", "09", "10"]


def test_every_stored_picture_fits_a_notebook_column(lesson: Path) -> None:
    too_wide = [
        (number, kind, width)
        for number, cell in enumerate(_cells(lesson))
        for kind, width in _picture_widths(cell)
        if width > MAX_WIDTH
    ]
    assert not too_wide, f"{lesson.name}: pictures wider than {MAX_WIDTH} (cell, kind, width): {too_wide}"


def test_every_lesson_has_pictures_to_measure() -> None:
    # the width test must not pass because no picture was found
    for path in LESSONS:
        assert any(_picture_widths(cell) for cell in _cells(path)), path.name


def test_no_internal_words(lesson: Path) -> None:
    for number, cell in enumerate(_cells(lesson)):
        texts = [cell.source] + [
            output.get("text", "")
            for output in cell.get("outputs", [])
            if output.get("output_type") == "stream"
        ]
        for text in texts:
            for pattern in INTERNAL:
                assert not pattern.search(text), f"{lesson.name}, cell {number}: {pattern.pattern!r}"


def test_starts_with_what_you_will_be_able_to_do(lesson: Path) -> None:
    first = _cells(lesson)[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "**What you will be able to do**" in first.source


def _answer_cells(cells: list[Any]) -> list[int]:
    """The answer cells: code with ``...`` to fill in, graded by ``.check(``, before the solutions."""
    end = _heading(cells, "## Solutions")
    return [
        k
        for k, cell in enumerate(cells[:end])
        if cell.cell_type == "code" and ".check(" in cell.source and "..." in cell.source
    ]


def _heading(cells: list[Any], heading: str) -> int:
    found = [
        k
        for k, cell in enumerate(cells)
        if cell.cell_type == "markdown" and cell.source.splitlines()[0].strip() == heading
    ]
    assert len(found) == 1, f"one {heading!r} heading, found {len(found)}"
    return found[0]


def test_your_turn_cells_are_graded_and_left_blank(lesson: Path) -> None:
    cells = _cells(lesson)
    assert any(cell.cell_type == "markdown" and "Your turn" in cell.source for cell in cells)
    answers = _answer_cells(cells)
    assert answers, f"{lesson.name}: no answer cell graded by .check(...)"
    for k in answers:
        shown = "".join(
            "".join(output.get("data", {}).get("text/plain", "")) + output.get("text", "")
            for output in cells[k].outputs
        )
        assert "fill in your answer" in shown, (
            f"{lesson.name}, cell {k}: a your-turn cell is stored filled in"
        )


def test_solutions_come_after_every_answer_cell_and_before_the_checks(lesson: Path) -> None:
    cells = _cells(lesson)
    solutions, checks = _heading(cells, "## Solutions"), _heading(cells, "## Checks")
    assert solutions < checks == len(cells) - 2  # the checks: a heading and one cell, last
    early = [
        k
        for k, cell in enumerate(cells[:solutions])
        if cell.cell_type == "code" and ".solution()" in cell.source
    ]
    assert not early, f"{lesson.name}: solutions shown before the Solutions section, cells {early}"
    assert max(_answer_cells(cells)) < solutions


def _markdown(name: str) -> str:
    """The lesson's text, each run of white space as one space (so a phrase may break across lines)."""
    (path,) = [path for path in LESSONS if path.name.startswith(name)]
    return " ".join(" ".join(cell.source.split()) for cell in _cells(path) if cell.cell_type == "markdown")


def test_lesson_05_teaches_the_gradient_checking_tutorials_last_items() -> None:
    text = _markdown("05")
    assert (
        r"\frac{\lambda}{2m}" in text
        and r"\frac{\lambda}{2}" in text
        and "λ/m" not in text.split("Checks")[-1]
    )
    for bug in ("sigmoid derivative forgotten", "index error", "bias forgotten", "penalty computed wrongly"):
        assert bug in text, bug
    assert "Include the penalty in the check" in text and "Turn the check off when training" in text


def test_lessons_05_and_06_explain_what_they_use() -> None:
    for term in ("**Mini-batches and epochs.**", "**He initialisation.**", "**Momentum.**", "lesson 2"):
        assert term in _markdown("06"), term
    for name in ("05", "06"):
        (path,) = [path for path in LESSONS if path.name.startswith(name)]
        code = "\n".join(cell.source for cell in _cells(path) if cell.cell_type == "code")
        assert "nn.Adam" not in code, f"lesson {name} uses Adam, which it does not explain"


def test_lesson_07_states_the_five_remedies_and_corrects_the_learning_rate_claim() -> None:
    text = _markdown("07")
    remedies = text.split("## The tutorial's five remedies")[1].split("###")[0]
    stated = remedies.split("What this lesson shows")[0]
    assert re.findall(r"\b([1-5])\. ", stated) == ["1", "2", "3", "4", "5"]
    assert "batch normalisation (BN)" in stated and "standard normal" in stated
    assert "### Batch normalisation" in text and "layer normalisation" not in text
    assert "A small learning rate does not make the gradient small" in text


def test_lesson_07_draws_relu_prime_without_a_vertical_segment() -> None:
    # the plot is drawn by nn.plots.plot_activations; the gap at the jump is tested in tests/nn, and
    # the lesson says what the dot and the circle are
    assert "the filled dot is the engine's value" in _markdown("07")
