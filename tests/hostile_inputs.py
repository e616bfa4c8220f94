"""Hostile inputs against every surface: a report, not a test.

``python -m tests.hostile_inputs`` tries each input and prints how many were tried, which were not
answered as the project promises (a result, or an error of an expected type whose message is one
short line and names what was wrong; never a traceback from deep inside, never a silent nan, never a
number where a refusal is promised), and the slowest input and the one that took the most memory
(tracemalloc's peak in this process; a command's or a renderer's peak resident set). The surfaces:
the engine (and ``math`` on a ``Value``), forward mode, the parser, the tape, nn and the bridge to
PyTorch, practice and grading, the animation and the command line (a subprocess per input). It takes
a few minutes, so it is not part of the test suite; the suite has a regression test for each case it
found broken, and ``tests/hostile/test_hostile_smoke.py`` runs a few of each kind.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.hostile.animation import animation_cases
from tests.hostile.command_line import command_line_outcomes
from tests.hostile.engine import engine_cases, exp_limit_cases, no_grad_thread_cases, silent_float_cases
from tests.hostile.forward import dual_cases, forward_function_cases
from tests.hostile.harness import Case, Outcome, run_in_process
from tests.hostile.networks import bridge_cases, nn_cases
from tests.hostile.parsing import parser_cases, random_chain_cases
from tests.hostile.practice import practice_cases
from tests.hostile.tape import tape_cases

SURFACES: dict[str, Callable[[Path], list[Case]]] = {
    "engine": lambda _: engine_cases(),
    "math on a Value or Dual": lambda _: silent_float_cases(),
    "the exponential's limit": lambda _: exp_limit_cases(),
    "no_grad across threads": lambda _: no_grad_thread_cases(),
    "forward mode: Dual": lambda _: dual_cases(),
    "forward mode: jvp, jacobian, hessian": lambda _: forward_function_cases(),
    "parser": lambda _: [*parser_cases(), *random_chain_cases()],
    "tape": lambda _: tape_cases(),
    "nn": lambda _: nn_cases(),
    "bridge to PyTorch": lambda _: bridge_cases(),
    "practice and grading": lambda _: practice_cases(),
    "animation": animation_cases,
}


def _tally(surface: str, outcomes: list[Outcome]) -> None:
    failed = sum(1 for outcome in outcomes if outcome.problem)
    print(f"{surface}: {len(outcomes)} inputs, {failed} not answered as promised", flush=True)


def main() -> None:
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as scratch:
        for surface, make in SURFACES.items():
            tried = [run_in_process(case) for case in make(Path(scratch))]
            _tally(surface, tried)
            outcomes += tried
    tried = command_line_outcomes()
    _tally("command line", tried)
    outcomes += tried
    problems = [o for o in outcomes if o.problem]
    slowest = max(outcomes, key=lambda o: o.seconds)
    hungriest = max(outcomes, key=lambda o: o.peak_bytes)
    print(f"\n{len(outcomes)} inputs tried; {len(problems)} not answered as promised")
    for outcome in problems:
        print(f"  {outcome.name}: {outcome.problem}")
    print(f"slowest single input: {slowest.seconds:.2f} s ({slowest.name})")
    print(f"most memory of a single input: {hungriest.peak_bytes / 2**20:.1f} MiB ({hungriest.name})")


if __name__ == "__main__":
    main()
