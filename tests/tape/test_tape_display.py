"""print(tape) and its HTML: the Wengert list of seed 004's example, values and adjoints written out."""

from __future__ import annotations

import numpy as np

import autograd_tiny as at
from autograd_tiny import Value


def seed_004() -> at.Tape:
    return at.record(lambda x1, x2: (x1 + x2) * (x2 + 1), [2.0, 3.0])


def test_the_wengert_list_of_seed_004() -> None:
    lines = [line.split() for line in str(seed_004()).splitlines()]
    assert lines[0][0] == "Tape(2"
    assert lines[1:] == [
        ["x1", "=", "2", "input"],
        ["x2", "=", "3", "input"],
        ["v1", "=", "x1", "+", "x2", "=", "5"],
        ["v2", "=", "x2", "+", "1", "=", "4"],
        ["y", "=", "v1", "×", "v2", "=", "20"],
    ]


def test_adjoints_appear_after_backward() -> None:
    """ȳ = 1, v̄1 = v2 = 4, v̄2 = v1 = 5, x̄1 = 4, x̄2 = v̄1 + v̄2 = 9 (seed 004's sum over paths)."""
    tape = seed_004()
    tape.backward()
    text = str(tape)
    assert "adjoints v̄ from backward()" in text
    for adjoint in ("x\u03041 = 4", "x\u03042 = 9", "v\u03041 = 4", "v\u03042 = 5", "y\u0304 = 1"):
        assert adjoint in text


def test_a_replay_shows_its_own_values_and_forgets_old_adjoints() -> None:
    tape = seed_004()
    tape.backward()
    tape.forward([1.0, 5.0])
    text = str(tape)
    assert "y = v1 × v2    = 36" in text
    assert "\u0304" not in text


def test_a_batch_shows_its_first_example() -> None:
    tape = seed_004()
    tape.forward([np.array([1.0, 7.0]), 5.0])
    assert "example 0 of 2" in str(tape)
    assert "= 36" in str(tape)


def test_labels_parameters_unary_operations_and_several_outputs() -> None:
    w = Value(0.5, label="w")
    tape = at.record(lambda x: [(w * x).tanh(), -x], [2.0])
    text = str(tape)
    lines = [line.split() for line in text.splitlines()[1:]]
    assert ["w", "=", "0.5", "parameter"] in lines
    assert ["v1", "=", "w", "×", "x", "=", "1"] in lines
    assert ["y1", "=", "tanh(v1)", "=", "0.761594"] in lines
    assert ["y2", "=", "−x", "=", "-2"] in lines
    assert repr(tape) == "Tape(1 input, 1 parameter, 3 operations, 2 outputs)"


def test_a_long_tape_is_cut_in_the_middle() -> None:
    def chain(x: Value) -> Value:
        for _ in range(100):
            x = x * 1.0001 + 0.0001
        return x

    tape = at.record(chain, [1.0])
    lines = str(tape).splitlines()
    assert len(lines) < 60
    assert any("more lines" in line for line in lines)
    assert lines[-1].split()[0] == "y"


def test_html_is_a_table_with_the_same_lines() -> None:
    tape = seed_004()
    tape.backward()
    page = tape._repr_html_()
    assert page.count("<tr>") == 1 + 5
    assert '<td style="text-align:left">v1 = x1 + x2</td>' in page
    assert "x\u03042 = 9" in page


def test_guards_are_counted() -> None:
    tape = at.record(lambda x: x if x > 0 else -x, [1.0])
    assert repr(tape) == "Tape(1 input, 0 operations, 1 output, 1 guard)"


def test_an_output_is_called_f_when_an_input_is_y() -> None:
    tape = at.record(lambda x, y: x * y, [2.0, 3.0])
    assert str(tape).splitlines()[-1].split() == ["f", "=", "x", "×", "y", "=", "6"]
