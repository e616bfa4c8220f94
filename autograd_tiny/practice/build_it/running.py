"""Running the learner's code: time-bound, every exception caught and described in one line.

The learner's function is called, never changed, copied or kept. On the main thread of a Unix
process (a Jupyter kernel, a script) a call that runs longer than its time bound is stopped with a
timer signal; elsewhere it runs unbounded.
"""

from __future__ import annotations

import math
import numbers
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from autograd_tiny.core.formatting import format_number

__all__ = ["SECONDS", "Outcome", "close", "describe_number", "is_number", "run"]

SECONDS = 10.0
"""How long one call of the learner's code may take (the 10,000-deep chain takes well under 1 s)."""


class _TimeUp(BaseException):
    """Raised inside the learner's code when its time is up; a BaseException, so that the learner's
    own ``except Exception`` cannot swallow it."""


@dataclass(frozen=True)
class Outcome:
    """What one call of the learner's code did.

    Attributes:
        value: what it returned (None when it raised or ran out of time).
        error: "" when it returned; else one line: the exception, its message and the line it came from.
        kind: "" when it returned; else the exception's class name, or "timeout".
    """

    value: Any
    error: str = ""
    kind: str = ""


def run(function: Callable[..., Any], *arguments: Any) -> Outcome:
    """Call ``function(*arguments)`` within ``SECONDS``; never raises what the learner's code raised."""
    seconds = SECONDS
    try:
        with _time_bound(seconds):
            return Outcome(function(*arguments))
    except _TimeUp:
        return Outcome(None, f"it ran for more than {seconds:g} s (a loop that never ends?)", "timeout")
    except RecursionError:
        return Outcome(None, "RecursionError: maximum recursion depth exceeded", "RecursionError")
    except Exception as error:  # the learner's bug, whatever it is, becomes a verdict
        return Outcome(None, _one_line(error), type(error).__name__)


@contextmanager
def _time_bound(seconds: float) -> Iterator[None]:
    """Raise ``_TimeUp`` after ``seconds`` when a timer signal can be used (main thread, Unix, no
    timer already running); otherwise no bound."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def time_up(signum: int, frame: Any) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _one_line(error: Exception) -> str:
    """``ZeroDivisionError: float division by zero (in backward, line 7)``: what the learner's code
    raised, and where."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (in {frames[-1].name}, line {frames[-1].lineno})" if len(frames) > 1 else ""
    message = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}{': ' if message else ''}{message}{where}"


def is_number(x: object) -> bool:
    """True for a finite real number (int, float, numpy's); False for bool, None, a Value, text, nan, inf."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)


def describe_number(x: object) -> str:
    """Why ``x`` is not a number the check can use, or the number as a learner writes it."""
    if is_number(x):
        return format_number(float(x))  # type: ignore[arg-type]  # a Real, checked above
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return f"{x!r} (not finite)"
    kind = type(x).__name__
    return f"{x!r} (a {kind}, not a number)" if len(repr(x)) < 60 else f"a {kind}, not a number"


def close(mine: float, expected: float) -> bool:
    """Equal up to the rounding of a differently written formula (relative 1e-9)."""
    return math.isclose(mine, expected, rel_tol=1e-9, abs_tol=1e-12)
