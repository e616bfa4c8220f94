"""A few inputs of each surface of the hostile-input report, so that the suite notices when the
report itself breaks or a promise it checks stops holding (the full report: ``python -m
tests.hostile_inputs``, a few minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile import command_line
from tests.hostile.animation import animation_cases
from tests.hostile.engine import engine_cases, exp_limit_cases, no_grad_thread_cases, silent_float_cases
from tests.hostile.forward import dual_cases, forward_function_cases
from tests.hostile.harness import Case, run_in_process
from tests.hostile.networks import bridge_cases, nn_cases
from tests.hostile.parsing import parser_cases
from tests.hostile.practice import practice_cases
from tests.hostile.tape import tape_cases


def _sample(cases: list[Case]) -> list[Case]:
    return [c for c in cases[:: max(1, len(cases) // 12)] if "200, 200" not in c.name] + [
        c for c in cases if "issue" in c.name
    ]


@pytest.mark.parametrize(
    "make",
    [
        engine_cases, silent_float_cases, exp_limit_cases, no_grad_thread_cases, dual_cases,
        forward_function_cases, parser_cases, tape_cases, nn_cases, bridge_cases, practice_cases,
    ],
    ids=lambda make: make.__name__,
)  # fmt: skip
def test_a_sample_of_each_surface_is_answered_as_promised(make: object) -> None:
    outcomes = [run_in_process(case) for case in _sample(make())]  # type: ignore[operator]
    assert [(o.name, o.problem) for o in outcomes if o.problem] == []


def test_the_animation_refuses_what_a_drawing_refuses(tmp_path: Path) -> None:
    chosen = ("animation_html(a product of 499 factors)", "frames of a 1000-value chain: memory")
    outcomes = [
        run_in_process(case) for case in animation_cases(tmp_path, browser=False) if case.name in chosen
    ]
    assert len(outcomes) == 2
    assert [(o.name, o.problem) for o in outcomes if o.problem] == []


def test_the_command_line_answers_in_one_line() -> None:
    outcomes = command_line.smoke()
    assert [(o.name, o.problem) for o in outcomes if o.problem] == []
    assert all(o.peak_bytes > 0 for o in outcomes)  # the child's own peak was read back
