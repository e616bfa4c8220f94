"""A class's table read and graded: planted misconceptions counted exactly, bad columns and rows named
by line and skipped, a byte-order mark, the template, multiple choice, and the report escaped."""

from __future__ import annotations

import csv
import io
import random

import pytest

from autograd_tiny.core.formatting import format_number
from autograd_tiny.practice.class_grading import grade_class
from autograd_tiny.practice.class_report import class_csv, class_html, class_text
from autograd_tiny.practice.classroom import ClassTableError, class_template, columns, read_class
from autograd_tiny.practice.generate import generate
from autograd_tiny.practice.sheet import sheet_choices
from tests.practice.planted_class import STUDENTS, headings, planted_class, sheet

EXERCISES = sheet()


def test_planted_misconceptions_are_counted_exactly() -> None:
    plan = planted_class()
    grades = grade_class(read_class(plan.csv(headings(EXERCISES)), EXERCISES), EXERCISES)
    assert len(grades.students) == STUDENTS and grades.problems == ()
    found = {tally.name: tally for tally in grades.tallies}
    assert set(found) == set(plan.holders)
    for name, holders in plan.holders.items():
        assert set(found[name].students) == holders, name
        assert set(found[name].only_ambiguous) == plan.only_ambiguous.get(name, set()), name
        assert {column.heading: n for column, n in found[name].questions} == plan.questions[name], name
    assert any(found[name].only_ambiguous for name in found), "an either … or … answer was planted"
    sizes = [len(tally.students) for tally in grades.tallies]
    assert sizes == sorted(sizes, reverse=True)
    assert grades.unexplained == plan.unexplained
    assert {s.name: s.count("right") for s in grades.students} == plan.right
    assert sum(s.count("not a number") for s in grades.students) == plan.not_numbers


def test_a_student_with_two_planted_misconceptions_counts_for_both() -> None:
    plan = planted_class()
    grades = grade_class(read_class(plan.csv(headings(EXERCISES)), EXERCISES), EXERCISES)
    first = next(s for s in grades.students if s.name == "student 01")
    named = [cell.misconceptions for cell in first.cells if cell.status == "wrong"]
    assert len(named) == 2
    for names in named:
        for name in names:
            assert "student 01" in next(t for t in grades.tallies if t.name == name).students


def test_every_cell_gets_a_verdict_and_blank_is_not_right() -> None:
    ex = EXERCISES[0]
    table = f"name,1:y,1:∂y/∂x1,1:dy/dx2\nAda,{format_number(ex.answer('y'))},,4.5.6\n"
    student = grade_class(read_class(table, EXERCISES), EXERCISES).students[0]
    assert [c.status for c in student.cells] == ["right", "blank", "not a number"]
    assert student.score == "1/3"


def test_bad_columns_and_rows_are_named_by_line_and_skipped() -> None:
    right = format_number(EXERCISES[0].answer("y"))
    table = (
        "name,1:y,1:dy/dx9,7:a,1:∂y/∂x1,score,1:y,Name\n"
        f"Ada,{right},1,2,,,\n"
        "\n"
        f"ada,{right},,,,,\n"
        f",{right},,,,,\n"
        f"Bea,{right},,,,,,,9\n"
        f'"Cy\nCarter",{right},,,,,\n'
        f"Dee,oops,,,,,\n"
    )
    answers = read_class(table, EXERCISES)
    assert list(answers.students) == ["Ada", "Cy\nCarter", "Dee"]
    problems = "\n".join(answers.problems)
    assert "line 1: column '1:dy/dx9' skipped: exercise 1 has no question 'dy/dx9'" in problems
    assert "line 1: column '7:a' skipped: the sheet has exercises 1 to 6" in problems
    assert (
        "line 1: column 'score' skipped" in problems
        and "line 1: column '1:y' skipped: 1:y is already" in problems
    )
    assert "line 4: skipped: 'ada' is already on line 2" in problems
    assert "line 5: skipped: no name" in problems
    assert "line 6: skipped: 9 cells for 8 columns" in problems
    assert "line 1: column 8 skipped: the names are in column 1" in problems
    assert len(answers.problems) == 8
    grades = grade_class(answers, EXERCISES)
    assert [s.cells[0].status for s in grades.students] == ["right", "right", "not a number"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("", "the table is empty"),
        ("student,1:y\nAda,4\n", "line 1: no 'name' column"),
        ("name,score,total\nAda,4,5\n", "line 1: no column names a question of this sheet"),
        ('name,1:y\n"Ada,4\x00\n', "NUL"),
        ('name,1:y\nBo,3\n"Ada,4\n', "line 3: not readable as CSV .unexpected end of data"),
        ('name,1:y\n"A"da,4\n', "line 2: not readable as CSV"),
    ],
)
def test_a_table_that_cannot_be_read_raises(table: str, message: str) -> None:
    with pytest.raises(ClassTableError, match=message):
        read_class(table, EXERCISES)


def test_byte_order_mark_and_semicolons_are_read() -> None:
    plan = planted_class()
    text = "\ufeff" + plan.csv(headings(EXERCISES), delimiter=";")
    answers = read_class(text, EXERCISES)
    assert answers.problems == [] and len(answers.students) == STUDENTS
    assert answers.columns == columns(EXERCISES)


def test_template_filled_in_is_graded() -> None:
    header = next(csv.reader(io.StringIO(class_template(EXERCISES))))
    assert header[0] == "name" and header[1:] == headings(EXERCISES)
    answers = [
        format_number(EXERCISES[int(h.split(":")[0]) - 1].answer(h.split(":", 1)[1])) for h in header[1:]
    ]
    filled = class_template(EXERCISES) + ",".join(["Ada", *answers]) + "\n"
    grades = grade_class(read_class(filled, EXERCISES), EXERCISES)
    assert grades.students[0].score == f"{len(answers)}/{len(answers)}"


def test_multiple_choice_is_graded_by_letter_or_printed_number() -> None:
    picked = sheet_choices(EXERCISES, 4, 7)
    number, key = next((n, k) for n, chosen in enumerate(picked, start=1) for k in chosen)
    choice = picked[number - 1][key]
    wrong = next(k for k, option in enumerate(choice.options) if option.misconception)
    letter = "ABCD"[wrong]
    rows = [
        ("right", choice.right.lower()),
        ("wrong", f"({letter})"),
        ("printed", choice.options[wrong].number),
        ("off the sheet", "E"),
        ("a number not offered", format_number(EXERCISES[number - 1].answer(key) + 9973)),
    ]
    table = f"name,{number}:{key}\n" + "".join(f"{name},{cell}\n" for name, cell in rows)
    grades = grade_class(read_class(table, EXERCISES), EXERCISES, picked)
    statuses = [s.cells[0].status for s in grades.students]
    assert statuses == ["right", "wrong", "wrong", "not a choice", "not a choice"]
    assert choice.options[wrong].misconception in grades.students[1].cells[0].misconceptions
    assert grades.students[1].cells[0].misconceptions == grades.students[2].cells[0].misconceptions


def test_student_text_is_escaped_in_html_and_safe_in_csv() -> None:
    evil = "<img src=x onerror=alert(1)>"
    table = f'name,1:y\n"{evil}",<b>4</b>\n"=HYPERLINK(1)",3\n'
    grades = grade_class(read_class(table, EXERCISES), EXERCISES)
    page = class_html(grades, "meta <script>")
    assert evil not in page and "<b>4</b>" not in page and "<script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    rows = list(csv.reader(io.StringIO(class_csv(grades))))
    assert rows[2][0] == "'=HYPERLINK(1)"
    assert evil in class_text(grades)
    noisy = grade_class(read_class('name,1:y\n"A\x1b[2Jda",4\n', EXERCISES), EXERCISES)
    assert "A�[2Jda: " in class_text(noisy)


def test_reports_agree_on_the_planted_counts() -> None:
    plan = planted_class(seed=random.Random(5).randrange(10**6))
    grades = grade_class(read_class(plan.csv(headings(EXERCISES)), EXERCISES), EXERCISES)
    text, page = class_text(grades), class_html(grades)
    rows = list(csv.reader(io.StringIO(class_csv(grades))))
    table = rows[rows.index([]) + 2 :]
    assert {row[0]: int(row[2]) for row in table} == {name: len(s) for name, s in plan.holders.items()}
    for name, holders in plan.holders.items():
        assert f"{len(holders)} {'student' if len(holders) == 1 else 'students'}: {name}" in text
        assert f"<em>{len(holders)}</em>" in page


def test_a_rough_decimal_is_more_digits_and_three_significant_are_right() -> None:
    level_3 = generate(3, 3, 1)
    answer = level_3[0].answer("d")  # −0.96403…: no short exact decimal
    table = f"name,1:d\nAda,{answer:.1f}\nBo,{answer:.3g}\nCy,{answer + 0.5:.3g}\n"
    grades = grade_class(read_class(table, level_3), level_3)
    assert [s.cells[0].status for s in grades.students] == ["more digits", "right", "wrong"]


def test_empty_cells_past_the_header_are_no_bad_row() -> None:
    answers = read_class("name,1:y\nAda,4,,\nBo,4,,5\n", EXERCISES)
    assert list(answers.students) == ["Ada"] and answers.problems == [
        "line 3: skipped: 4 cells for 2 columns (a comma in an answer?)"
    ]
