"""Worksheets: the HTML parses, prints on A4, has a drawing per exercise with blanks; the key is filled."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

import autograd_tiny as at
from autograd_tiny.practice import generate, worksheet, worksheet_markdown
from autograd_tiny.practice.choices import choices_for
from autograd_tiny.practice.sheet import _drawn
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


@needs_renderer
def test_the_key_is_drawn_in_the_same_direction_as_the_sheet() -> None:
    exercises = generate(2, 6, seed=7)
    sheet, key = worksheet(exercises), worksheet(exercises, key=True)
    layouts = [page.count('<div class="side">') for page in (sheet, key)]
    assert layouts[0] == layouts[1]
    for exercise in exercises:  # the same decision, exercise by exercise
        assert _drawn(exercise, False)[0] == _drawn(exercise, True)[0]


@needs_renderer
def test_every_text_is_escaped_in_html_and_markdown() -> None:
    x = at.Value(2.0, "<img src=x onerror=alert(1)>")
    y = x * x + 1
    exercise = at.exercise(y, ask=("paths",))
    exercise.title = "**bold** | <script>alert(1)</script> [link](http://x)"
    text, _ = worksheet_markdown([exercise])
    assert "<img" not in text and "<script>" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "\\*\\*bold\\*\\* \\|" in text and "\\[link\\]" in text
    page = worksheet([exercise], key=True)
    assert "<script>alert" not in page and "<img src=x" not in page


@needs_renderer
def test_a_sheet_and_its_key_never_share_a_picture() -> None:
    exercises = generate(1, 2, seed=1)
    _, sheet = worksheet_markdown(exercises, images="t")
    _, key = worksheet_markdown(exercises, key=True, images="t")
    assert not set(sheet) & set(key) and list(key) == ["t-key-1.svg", "t-key-2.svg"]


@needs_renderer
def test_choices_offer_the_right_answer_and_named_misconceptions() -> None:
    exercises = generate(1, 2, seed=3, ask=("grads", "paths"))
    sheet = worksheet(exercises, choices=4, seed=3)
    key = worksheet(exercises, key=True, choices=4, seed=3)
    assert sheet == worksheet(exercises, choices=4, seed=3)  # the seed fixes the shuffle
    assert sheet.count('class="options"') >= 4 and "(D)" in sheet
    text, _ = worksheet_markdown(exercises, key=True, choices=4, seed=3)
    assert "Distractors:" in key and "Distractors:" in text
    for exercise in exercises:
        for choice in choices_for(exercise, 4, random.Random(0)).values():
            numbers = {(m.name, f"{m.number:.6g}") for m in exercise.mistakes(choice.question.key)}
            wrong = [option for option in choice.options if option.misconception]
            assert len(choice.options) == 4 and len(wrong) == 3
            assert all((option.misconception, option.number) in numbers for option in wrong)
            right = [option for option in choice.options if not option.misconception]
            assert [float(o.number) for o in right] == [pytest.approx(choice.question.answer, rel=1e-5)]
    with pytest.raises(ValueError, match="from 2 to 6"):
        worksheet(exercises, choices=9)
