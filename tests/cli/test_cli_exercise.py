"""``autograd-tiny exercise`` and ``graph --check``: files written, verdicts printed, exit status 0, 1, 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograd_tiny.cli.main import main
from autograd_tiny.see.draw import find_renderer

needs_renderer = pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")
TUTORIAL = ["graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_all_right_is_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, *TUTORIAL, "--check", "dy/dx1=4,dy/dx2=9")
    assert (status, err) == (0, "")
    assert "✓ ∂y/∂x1 = 4: right" in out and "2 of 2 right" in out


def test_check_some_wrong_is_exit_1_with_the_diagnosis(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, *TUTORIAL, "--check", "dy/dx1=4,dy/dx2=8")
    assert status == 1
    rule = "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9"
    assert f"✗ ∂y/∂x2 = 8: wrong. The rule with the numbers: {rule[:-1]}? Try again." in out
    status, out, _ = run(capsys, *TUTORIAL, "--check", "dy/dx2=4")
    assert status == 1 and "misses the path y → b → x2" in out


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("dy/dx1=four", "'four' is not a number"),
        ("dy/dz=4", "'dy/dz' is not a question of this graph"),
        ("dy/d1=5", "1 is a constant"),
        ("dydx1=4", "did you mean ∂y/∂x1?"),
        ("dy/dx1", "is not question=answer"),
        ("dy/dx1=4,dy/dx1=4", "answered twice"),
        ("dy/dx1=4 --paths", "on its own"),
    ],
)
def test_check_bad_input_is_one_error_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], answers: str, message: str
) -> None:
    answers, *more = answers.split()
    status, out, err = run(capsys, *TUTORIAL, "--check", answers, *more)
    assert status == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err


@needs_renderer
def test_exercise_writes_the_sheet_and_the_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet, key = tmp_path / "sheet.html", tmp_path / "key.html"
    argv = ["exercise", "--level", "2", "--count", "6", "--seed", "7"]
    argv += ["-o", str(sheet), "--answers", str(key)]
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "") and f"wrote {sheet}" in out
    first = sheet.read_text(encoding="utf-8")
    assert first.count("<svg") == 6 and "answer key" in key.read_text(encoding="utf-8")
    run(capsys, *argv)
    assert sheet.read_text(encoding="utf-8") == first  # the same seed, the same sheet


@needs_renderer
def test_exercise_writes_markdown_with_its_drawings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, _ = run(capsys, "exercise", "--count", "2", "-o", str(tmp_path / "sheet.md"))
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet-1.svg", "sheet-2.svg", "sheet.md"]


def test_exercise_without_files_prints_the_exercises_and_answers(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "exercise", "--level", "3", "--count", "2", "--seed", "1")
    assert status == 0 and out.count("exercise 1:") == 1 and "sums over paths:" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--count", "0"], "count must be an int from 1 to 50"),
        (["-o", "sheet.pdf"], "cannot tell the format of 'sheet.pdf'"),
        (["-o", "same.html", "--answers", "same.html"], "would both write"),
        (["-o", "s.html", "--answers", "./s.html"], "would both write"),
        (["-o", "t.md", "--answers", "t.MD"], "would both write"),
        (["-o", "s.html", "--answers", "missing/k.html"], "does not exist"),
        (["--choices", "9", "-o", "q.html"], "--choices: give a number from 2 to 6"),
        (["--level", "4"], "invalid choice"),
    ],
)
def test_exercise_bad_input_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        try:
            status, _, err = run(capsys, "exercise", *argv)
        except SystemExit as exit_:  # argparse's own errors
            status, err = int(str(exit_.code)), capsys.readouterr().err
    assert status == 2 and err.startswith("error: ") and message in err
    assert list(tmp_path.iterdir()) == []  # nothing written


@needs_renderer
def test_exercise_with_choices_writes_a_quiz_and_a_key_naming_the_distractors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz, key = tmp_path / "quiz.md", tmp_path / "quiz-key.md"
    argv = ["exercise", "--level", "1", "--count", "2", "--seed", "3", "--choices", "4"]
    status, _, err = run(capsys, *argv, "-o", str(quiz), "--answers", str(key))
    assert (status, err) == (0, "")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "quiz-1.svg",
        "quiz-2.svg",
        "quiz-key-key-1.svg",
        "quiz-key-key-2.svg",
        "quiz-key.md",
        "quiz.md",
    ]
    assert "(D)" in quiz.read_text(encoding="utf-8") and "Distractors:" in key.read_text(encoding="utf-8")
