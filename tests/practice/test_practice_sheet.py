"""Worksheets: the HTML parses, prints on A4, has a drawing per exercise with blanks; the key is filled."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import autograd_tiny as at
from autograd_tiny.practice import generate, worksheet, worksheet_markdown
from autograd_tiny.see.draw import find_renderer

needs_renderer = pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")


class _Outline(HTMLParser):
    """Counts sections and the SVGs inside them, and keeps the text; fails on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.sections = 0
        self.svgs_in_sections = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "link"):
            return
        self.open.append(tag)
        self.sections += tag == "section"
        self.svgs_in_sections += tag == "svg" and "section" in self.open

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <path/>, <polygon/> …: nothing to close

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def outline(page: str) -> _Outline:
    parsed = _Outline()
    parsed.feed(page)
    parsed.close()
    assert parsed.open == []
    return parsed


@needs_renderer
def test_the_sheet_parses_and_has_one_drawing_per_exercise_with_blanks() -> None:
    exercises = generate(2, 3, seed=7)
    page = worksheet(exercises, meta="level 2 · seed 7")
    parsed = outline(page)
    assert parsed.sections == 3 and parsed.svgs_in_sections == 3
    assert "@page { size: A4" in page and "break-inside: avoid" in page
    text = "".join(parsed.text)
    assert "grad ?" in text and "Name:" in text
    assert all(e.title in text for e in exercises)
    assert "sum over" in text.lower()  # the instructions
    for exercise in exercises:  # no answer is given away: no gradient of an input is printed
        for question in exercise.questions:
            if question.kind == "path":
                assert f"{question.key} = {question.answer:g} " not in text


@needs_renderer
def test_the_key_has_the_filled_graph_and_the_sums_over_paths() -> None:
    exercises = generate(1, 2, seed=1)
    parsed = outline(worksheet(exercises, key=True))
    text = "".join(parsed.text)
    assert parsed.svgs_in_sections == 2 and "answer key" in text and "grad ?" not in text
    for exercise in exercises:
        for question in exercise.worked.questions.values():
            if question.kind == "path":
                assert str(at.explain(exercise.worked.root, question.node)) in text


@needs_renderer
def test_markdown_refers_to_one_svg_file_per_drawing() -> None:
    text, files = worksheet_markdown(generate(3, 2, seed=4), images="sheet")
    assert list(files) == ["sheet-1.svg", "sheet-2.svg"]
    assert "![exercise 1](sheet-1.svg)" in text and "| question | what | answer |" in text
    assert all(svg.lstrip().startswith("<?xml") or "<svg" in svg for svg in files.values())


def test_a_sheet_needs_exercises() -> None:
    with pytest.raises(ValueError, match="one or more exercises"):
        worksheet([])


def test_to_dot_blanks_hide_only_what_is_named() -> None:
    y, _ = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    y.backward()
    locals_only = at.to_dot(y, blanks=("local",))
    assert "∂a/∂x2 = ?" in locals_only and "grad 9" in locals_only and "= 5<br/>" in locals_only
    everything = at.to_dot(y, blanks=("data", "grad", "local"))
    assert "grad 9" not in everything and "x2</b> = 3" in everything and "<b>a</b> = ?" in everything
    assert "grad 1" in everything and "fill: grad" not in everything and "#ffffff" in everything
    with pytest.raises(ValueError, match="blanks may hold data, grad, local"):
        at.to_dot(y, blanks=("values",))
    with pytest.raises(TypeError, match="blanks must be a collection"):
        at.to_dot(y, blanks="grad")
