"""Running one hostile input and judging the answer: a result, or an error of an expected type whose
message is one short line naming what was wrong; never a traceback from deep inside, never a silent
nan, never a result where a refusal is promised. Time and memory are measured for each input.
"""

from __future__ import annotations

import math
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import autograd_tiny as at
from autograd_tiny import Value

EXPECTED: tuple[type[BaseException], ...] = (TypeError, ValueError, ArithmeticError, at.BranchChangedError)
LONGEST_MESSAGE = 1000  # characters: a message is for reading, not a dump of the input
CLI_SECONDS = 60
ROOT = Path(__file__).resolve().parents[2]  # the source tree, for the command line's subprocess


@dataclass(frozen=True)
class Case:
    """One input: ``call`` runs it; ``expect`` are the error types that count as a clear refusal.

    Attributes:
        refuse: a result is wrong: the promise is an error (``math.exp(Value)``).
        succeed: an error is wrong: the promise is a result (numpy data like any other).
        check: given the result, a problem in words, or "" (an oracle for the number itself).
    """

    name: str
    call: Callable[[], Any]
    expect: tuple[type[BaseException], ...] = EXPECTED
    refuse: bool = False
    succeed: bool = False
    check: Callable[[Any], str] | None = field(default=None, compare=False)


@dataclass
class Outcome:
    name: str
    seconds: float
    peak_bytes: int
    problem: str  # "" when the promise held


def judge_error(error: BaseException, expect: tuple[type[BaseException], ...]) -> str:
    """ "" for a clear refusal; otherwise what is wrong with it."""
    if not isinstance(error, expect):
        return f"unexpected {type(error).__name__}: {str(error)[:200]}"
    message = str(error)
    if not message or "\n" in message.strip():
        return f"{type(error).__name__} without a one-line message: {message[:200]!r}"
    if len(message) > LONGEST_MESSAGE:
        return f"{type(error).__name__} with a message of {len(message):,} characters"
    return ""


def judge_result(result: Any) -> str:
    """ "" unless the result holds a number that is not finite (a silent nan or inf)."""
    numbers = result if isinstance(result, (list, tuple)) else [result]
    for number in numbers:
        value = number.data if isinstance(number, Value) else number
        if isinstance(value, float) and not math.isfinite(value):
            return f"silent {value}"
    return ""


def _children_peak() -> int:
    """The largest resident set of any finished child process so far (a renderer), in bytes."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def run_in_process(case: Case) -> Outcome:
    """Run ``case`` here: tracemalloc's peak, or a renderer child's if this input set a new largest."""
    children = _children_peak()
    tracemalloc.start()
    start = time.perf_counter()
    result: Any = None
    error: BaseException | None = None
    try:
        result = case.call()
    except Exception as caught:  # the point: anything at all is judged
        error = caught
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    if _children_peak() > children:
        peak = max(peak, _children_peak())
    if error is not None:
        problem = judge_error(error, case.expect)
        if case.succeed:
            problem = f"refused: {type(error).__name__}: {str(error)[:200]}"
    elif case.refuse:
        problem = f"answered {str(result)[:80]!r} where an error is promised"
    else:
        problem = judge_result(result) or (case.check(result) if case.check else "")
    return Outcome(case.name[:120], seconds, peak, problem)


_MEASURED = """
import os, resource, runpy, sys
try:
    sys.argv = ["autograd-tiny", *sys.argv[1:]]
    runpy.run_module("autograd_tiny.cli", run_name="__main__")
finally:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["PEAK_FILE"], "w") as peak:
        peak.write(str(max(own, children) * 1024))
"""


def _python_path() -> str:
    return os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])


def run_cli(arguments: list[str], bad: bool | None, check: Callable[[str], str] | None = None) -> Outcome:
    """Run the command line in a subprocess: bad input must give status 2 and one ``error:`` line;
    ``bad=None``: either that or an answer (the grader's verdicts, whose form may change).

    The memory is the child's own peak resident set, or its renderer's, whichever is larger.
    """
    name = "cli " + " ".join(a if len(a) <= 40 else f"{a[:24]}…({len(a):,} characters)" for a in arguments)
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", _MEASURED, *arguments],
                capture_output=True,
                text=True,
                timeout=CLI_SECONDS,
                check=False,
                cwd=scratch,
                env={**os.environ, "PEAK_FILE": str(peak_file), "PYTHONPATH": _python_path()},
            )
        except subprocess.TimeoutExpired:
            return Outcome(name, CLI_SECONDS, 0, f"no answer within {CLI_SECONDS} s")
        seconds = time.perf_counter() - start
        peak = int(peak_file.read_text()) if peak_file.exists() else 0
    lines = done.stderr.strip().splitlines()
    problem = ""
    if bad is None:
        bad = done.returncode == 2
    if bad:
        if done.returncode != 2 or len(lines) != 1 or not lines[0].startswith("error:"):
            problem = f"status {done.returncode}, stderr {done.stderr.strip()[-300:]!r}"
        elif len(lines[0]) > LONGEST_MESSAGE:
            problem = f"an error line of {len(lines[0]):,} characters"
    elif done.returncode not in (0, 1):  # 1: graph --check found a wrong answer, as promised
        problem = f"status {done.returncode}, stderr {done.stderr.strip()[-300:]!r}"
    elif check is not None:
        problem = check(done.stdout)
    return Outcome(name, seconds, peak, problem)
