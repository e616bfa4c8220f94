"""``autograd-tiny grade``: the template, a class graded to the terminal, HTML and CSV, bad rows on
stderr by line, exit status 0 or 2, and nothing written on bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from autograd_tiny.cli.main import main
from autograd_tiny.practice.sheet import sheet_choices
from tests.practice.planted_class import SHEET_ARGS, STUDENTS, headings, planted_class, sheet


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_template_filled_and_graded_to_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "answers.csv"
    status, out, _ = run(capsys, "grade", "--template", str(table), *SHEET_ARGS)
    assert status == 0 and f"wrote {table}" in out
    header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[1:] == headings(sheet())
    plan = planted_class()
    rows = [",".join(row.get(h, "") for h in header) for row in ({"name": r["name"]} | r for r in plan.rows)]
    table.write_text("\ufeff" + "\n".join([",".join(header), *rows]) + "\n", encoding="utf-8")
    report = tmp_path / "report.html"
    status, out, err = run(capsys, "grade", str(table), *SHEET_ARGS, "-o", str(report))
    assert (status, err) == (0, "")
    assert f"{STUDENTS} students, {len(header) - 1} questions" in out
    page = report.read_text(encoding="utf-8")
    for name, holders in plan.holders.items():
        assert f"{len(holders)} {'student' if len(holders) == 1 else 'students'}: {name}" in out
        assert f"<em>{len(holders)}</em>" in page


def test_template_does_not_overwrite_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "answers.csv"
    table.write_text("name,1:y\nAda,4\n", encoding="utf-8")
    status, _, err = run(capsys, "grade", "--template", str(table), *SHEET_ARGS)
    assert status == 2 and "is not overwritten" in err
    assert table.read_text(encoding="utf-8") == "name,1:y\nAda,4\n"


def test_template_takes_no_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table, report = tmp_path / "t.csv", tmp_path / "r.html"
    status, _, err = run(capsys, "grade", "--template", str(table), *SHEET_ARGS, "-o", str(report))
    assert status == 2 and "--template writes only the table" in err
    assert not table.exists() and not report.exists()


def test_bad_rows_go_to_stderr_by_line_and_the_rest_is_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "answers.csv"
    table.write_text("name,1:y,1:zz\nAda,4,\nAda,5,\nBo,1,2,3\nCy,x,\n", encoding="utf-8")
    report = tmp_path / "report.csv"
    status, out, err = run(capsys, "grade", str(table), *SHEET_ARGS, "-o", str(report))
    assert status == 0
    assert "line 1: column '1:zz' skipped" in err
    assert "line 3: skipped: 'Ada' is already on line 2" in err and "line 4: skipped: 4 cells" in err
    rows = list(csv.reader(report.open(encoding="utf-8")))
    assert [row[0] for row in rows[1:3]] == ["Ada", "Cy"] and rows[2][-1] == "not a number"
    assert "Cy: 0/1 right" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\xff\xfe n\x00a\x00", "not UTF-8"),
        (b"student,1:y\nAda,4\n", "no 'name' column"),
        (b"name,total\nAda,4\n", "no column names a question"),
        (b"name,1:y\n", "no student's row to grade"),
        (b"name,1:y\n,4\n", "line 2: skipped: no name"),
    ],
)
def test_bad_input_is_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    table = tmp_path / "answers.csv"
    if content is not None:
        table.write_bytes(content)
    report = tmp_path / "report.html"
    status, out, err = run(capsys, "grade", str(table), *SHEET_ARGS, "-o", str(report))
    assert status == 2 and message in err and err.startswith("error: ") and out == ""
    assert not report.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "{table}"], "the report would overwrite it"),
        (["-o", "{folder}/ANSWERS.CSV"], "the report would overwrite it"),
        (["-o", "{folder}/report.txt"], "use a name ending in .html or .csv"),
        (["--template", "{folder}/t.csv"], "give the answers' table to grade, or --template"),
        (["--choices", "9"], "--choices: give a number from 2 to"),
    ],
)
def test_bad_arguments_are_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    table = tmp_path / "answers.csv"
    table.write_text("name,1:y\nAda,4\n", encoding="utf-8")
    filled = [a.format(table=table, folder=tmp_path) for a in argv]
    if "ANSWERS.CSV" in filled[-1] and not Path(filled[-1]).exists():
        pytest.skip("a case-sensitive file system: ANSWERS.CSV is another file")
    status, _, err = run(capsys, "grade", str(table), *SHEET_ARGS, *filled)
    assert status == 2 and message in err
    assert table.read_text(encoding="utf-8") == "name,1:y\nAda,4\n"


def test_a_choices_sheet_is_graded_by_letter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exercises = sheet()
    picked = sheet_choices(exercises, 4, 7)
    asked = [(n, k, c) for n, chosen in enumerate(picked, start=1) for k, c in chosen.items()]
    header = ["name", *(f"{n}:{k}" for n, k, _ in asked)]
    right = [c.right for _, _, c in asked]
    wrong = [next("ABCD"[i] for i, o in enumerate(c.options) if o.misconception) for _, _, c in asked]
    table = tmp_path / "quiz.csv"
    lines = [",".join(header), ",".join(["Ada", *right]), ",".join(["Bo", *wrong])]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, err = run(capsys, "grade", str(table), *SHEET_ARGS, "--choices", "4")
    assert (status, err) == (0, "")
    assert f"Ada: {len(asked)}/{len(asked)} right" in out and f"Bo: 0/{len(asked)} right" in out
    first = asked[0][2].options["ABCD".index(wrong[0])]
    line = out.split("Bo:")[1].splitlines()[1]
    assert (
        line.startswith(f"    {asked[0][0]}:{asked[0][1]} = {wrong[0]}: wrong (")
        and first.misconception in line
    )
