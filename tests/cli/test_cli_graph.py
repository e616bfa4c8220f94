"""``autograd-tiny graph``: seed 004's three exercises against their closed forms, and bad input → exit 2."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from autograd_tiny.cli.main import main
from autograd_tiny.see.draw import find_renderer
from tests.parsing.test_parse import HOSTILE

Derivatives = Callable[[float, float], tuple[float, float, float]]

# y, ∂y/∂x1, ∂y/∂x2 worked out by hand
SEED_004: list[tuple[str, Derivatives]] = [
    ("(x1+x2)*(x2+1)", lambda x1, x2: ((x1 + x2) * (x2 + 1), x2 + 1, x1 + 2 * x2 + 1)),
    ("x1**2 + (x1+x2)**2", lambda x1, x2: (x1**2 + (x1 + x2) ** 2, 2 * x1 + 2 * (x1 + x2), 2 * (x1 + x2))),
    (
        "(x1+x2)**2 * x2**2 + x2",
        lambda x1, x2: (
            (x1 + x2) ** 2 * x2**2 + x2,
            2 * (x1 + x2) * x2**2,
            2 * (x1 + x2) * x2**2 + 2 * (x1 + x2) ** 2 * x2 + 1,
        ),
    ),
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["graph", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def numbers_after(label: str, text: str) -> list[float]:
    """Every number printed as ``<label> = <number>`` at the end of a line."""
    return [float(n) for n in re.findall(rf"^\s*{re.escape(label)} = .*?(-?[\d.e+-]+)$", text, re.M)]


def test_seed_004_first_example_prints_the_worked_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3")
    assert (status, err) == (0, "")
    assert out == "y = (x1+x2)*(x2+1)  at x1 = 2, x2 = 3\ny = 20\n∂y/∂x1 = 4\n∂y/∂x2 = 9\n"


@pytest.mark.parametrize(("expression", "closed_form"), SEED_004, ids=["product", "squares", "quartic"])
@pytest.mark.parametrize(("x1", "x2"), [(2.0, 3.0), (-1.5, 0.25), (0.5, -2.0)])
def test_seed_004_round_trip_matches_the_closed_forms(
    capsys: pytest.CaptureFixture[str], expression: str, closed_form: Derivatives, x1: float, x2: float
) -> None:
    status, out, _ = run(capsys, expression, "--at", f"x1={x1}", "--at", f"x2={x2}", "--paths", "--trace")
    assert status == 0
    value, by_x1, by_x2 = closed_form(x1, x2)
    assert [float(n) for n in re.findall(r"^y = (\S+)$", out, re.M)] == [pytest.approx(value, rel=1e-5)]
    # printed as the result and at the end of the sum over paths
    assert numbers_after("∂y/∂x1", out) == [pytest.approx(by_x1, rel=1e-5, abs=1e-9)] * 2
    assert numbers_after("∂y/∂x2", out) == [pytest.approx(by_x2, rel=1e-5, abs=1e-9)] * 2
    trace_line = out.rstrip().splitlines()[-1]
    assert trace_line.startswith("leaf gradients: ∂y/∂x1 = ")
    assert "sum over paths" in out and "backward pass of y" in out


def test_paths_and_trace_show_seed_004s_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "--paths", "--trace")
    assert "  ∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9\n" in out
    assert "\n                x2     4 × 1 = 4                        5 → 9\n" in out  # a's second edge


@pytest.mark.parametrize("suffix", [".dot", ".svg", ".png"])
def test_output_writes_the_picture(capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str) -> None:
    if suffix != ".dot" and find_renderer() is None:
        pytest.skip("no Graphviz renderer installed")
    target = tmp_path / f"graph{suffix}"
    status, out, _ = run(capsys, "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "-o", str(target))
    assert status == 0 and out.endswith(f"wrote {target}\n")
    data = target.read_bytes()
    starts = {".dot": b"digraph", ".svg": b"<svg", ".png": b"\x89PNG"}[suffix]
    assert starts in data[:400]
    assert suffix == ".png" or b"x2" in data


def test_an_input_named_y_leaves_the_output_another_name(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "y*y", "--at", "y=3")
    assert out == "f = y*y  at y = 3\nf = 9\n∂f/∂y = 6\n"


def test_the_output_name_skips_every_input_name(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "y*f + g", "--at", "y=1,f=2,g=3")
    # y, f and g are inputs, a is y*f: the output takes the next fresh letter (naming.node_names)
    assert out.splitlines()[1:] == ["b = 5", "∂b/∂y = 2", "∂b/∂f = 1", "∂b/∂g = 1"]


def test_an_unwritable_picture_is_an_error_with_nothing_half_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "graph.dot"
    status, out, err = run(capsys, "x*x", "--at", "x=1", "--paths", "--trace", "-o", str(target))
    assert (status, out) == (2, "") and err.startswith("error: ") and "graph.dot" in err


def test_an_expression_starting_with_minus_goes_after_double_dash(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--at", "x=2", "--", "-x**2")
    assert status == 0 and out.endswith("y = -4\n∂y/∂x = -4\n")  # −x², derivative −2x


BAD_INPUT = [
    (["x1 +", "--at", "x1=1"], "error: invalid syntax"),
    (["x", "--at", "x"], "error: --at: 'x' is not name=number"),
    (["x", "--at", "x=1=2"], "is not a number"),
    (["x", "--at", "x=1,x=2"], "error: --at: x is given twice"),
    (["x", "--at", "2=x"], "is not name=number"),
    (["x", "--at", "x=nan"], "must be a finite number"),
    (["x", "--at", "x=1e999"], "must be a finite number"),
    (["x1 + x2", "--at", "x1=1"], r"error: no value given for x2 \(column 6\)"),
    (["x1", "--at", "x1=1,x9=2"], "error: a value was given for x9"),
    (["x", "--at", "x=1", "-o", "graph.jpg"], "error: -o: cannot tell the picture format of 'graph.jpg'"),
    (["log(x)", "--at", "x=0"], r"error: log\(0\)"),
    (["1/x", "--at", "x=0"], "error: division by zero"),
    (["sqrt(x)", "--at", "x=-1"], r"error: sqrt\(-1\)"),
    (["exp(x)", "--at", "x=1000"], "error: exp.* overflows"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_is_one_error_line_and_exit_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert re.match(message, err) or re.search(message, err), err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(("text", "message"), HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_every_hostile_expression_exits_2(
    capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    names = [f"{name}=1" for name in ("x", "y") if re.search(rf"\b{name}\b", text)]
    status, out, err = run(capsys, *(["--at", ",".join(names)] if names else []), "--", text)
    assert (status, out) == (2, "")
    assert err.startswith("error: ") and re.search(message, err), err


def test_usage_errors_also_start_with_error_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["graph"], ["graph", "x", "--colour"], ["draw"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
        assert capsys.readouterr().err.startswith("error: ")


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["graph", "--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0
    assert 'autograd-tiny graph "(x1+x2)**2 * x2**2 + x2" --at x1=2,x2=3 --trace -o graph.svg' in out


def test_demo_still_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    assert "∂y/∂x2" in capsys.readouterr().out


def test_the_installed_script_runs_and_exits_2_on_bad_input() -> None:
    script = Path(sys.executable).parent / "autograd-tiny"
    if not script.exists():
        pytest.skip("autograd-tiny is not installed next to this Python")
    done = subprocess.run(
        [script, "graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, "∂y/∂x2 = 9")
    done = subprocess.run([script, "graph", "__import__('os').system('id')"], capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.startswith("error: call is not allowed")
    assert done.stdout == "" and "Traceback" not in done.stderr
