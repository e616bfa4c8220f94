"""Recording state, per thread and per async context (``contextvars``): whether operations record
their edges (``no_grad``), and what a tape being recorded has to know about.

Each thread starts recording, and ``with no_grad():`` in one thread or asyncio task changes nothing
in any other. A tape being recorded (``autograd_tiny.tape.record``) gets a ``TapeLog`` for its own
context: the comparisons made on ``Value``s, to re-check on every replay, and the values that were
taken out of the graph (by ``detach()`` or an operation under ``no_grad``), which a replay could
only repeat frozen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

__all__ = ["TapeLog", "is_recording", "no_grad", "tape_log", "taping"]

_RECORDING: ContextVar[bool] = ContextVar("autograd_tiny.core.recording", default=True)
is_recording = _RECORDING.get
"""``is_recording()``: True unless inside ``no_grad()`` (in this thread or task)."""


class TapeLog(NamedTuple):
    """What a tape being recorded is told about.

    Attributes:
        comparisons: ``(left, operator, right, result)`` for each comparison made on a ``Value``.
        frozen: each ``Value`` made by ``detach()`` or by an operation under ``no_grad``.
    """

    comparisons: list[tuple[Any, str, Any, bool]]
    frozen: list[Any]


_TAPE_LOG: ContextVar[TapeLog | None] = ContextVar("autograd_tiny.tape_log", default=None)
tape_log = _TAPE_LOG.get
"""``tape_log()``: the ``TapeLog`` of the tape being recorded in this context, or None."""


@contextmanager
def no_grad() -> Iterator[None]:
    """Run a block (or, as ``@no_grad()``, a function) without recording edges.

    Values computed inside are leaves: they keep their number but remember nothing of how it was
    made, so nothing flows back through them. Use it for evaluation, parameter updates and
    numerical gradient checks. Nesting is allowed; other threads and asyncio tasks keep recording.
    """
    token = _RECORDING.set(False)
    try:
        yield
    finally:
        _RECORDING.reset(token)


@contextmanager
def taping(log: TapeLog) -> Iterator[TapeLog]:
    """Give ``log`` to the tape being recorded in this context; an outer tape's log sees it too."""
    outer = _TAPE_LOG.get()
    token = _TAPE_LOG.set(log)
    try:
        yield log
    finally:
        _TAPE_LOG.reset(token)
        if outer is not None:  # a tape recorded inside another recording: the outer one sees these too
            outer.comparisons.extend(log.comparisons)
            outer.frozen.extend(log.frozen)
