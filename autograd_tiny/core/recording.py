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


class _Switch(list[bool]):
    """Whether operations record: a list, so that its truth, read on every operation, is one C call
    (``[True]`` records, ``[]`` does not). Each ``no_grad`` block is a switch of its own, off.

    A block normally ends where it began, and the context variable is reset to the switch before it.
    A block can also end in another context: a generator that yields inside ``with no_grad()`` and
    is closed (or collected) in another thread. That thread cannot reset the first one's variable,
    so the block's switch *follows* the switch it replaced instead, now and whenever that one changes:
    the first thread records again exactly when it would have after an ordinary end.
    """

    __slots__ = ("followers", "outer")

    def __init__(self, on: bool, outer: _Switch | None = None) -> None:
        super().__init__([True] if on else [])
        self.outer = outer
        self.followers: list[_Switch] = []

    def follow_outer(self) -> None:
        """From now on be what the switch this one replaced is (the block ended in another context)."""
        outer = self.outer
        assert outer is not None  # only a no_grad block ends, and each has an outer switch
        if outer is not _ON:  # the default never changes: nothing to follow later
            outer.followers.append(self)
        pending, on = [self], bool(outer)
        while pending:
            switch = pending.pop()
            if bool(switch) != on:
                switch[:] = [True] if on else []
                pending.extend(switch.followers)


_ON = _Switch(True)
_RECORDING: ContextVar[_Switch] = ContextVar("autograd_tiny.core.recording", default=_ON)
is_recording = _RECORDING.get
"""``is_recording()``: true (a non-empty switch) unless inside ``no_grad()`` (in this thread or task)."""


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
    A generator that yields inside the block may be closed in another thread: the thread that
    entered the block records again then, as if the block had ended there.
    """
    block = _Switch(False, _RECORDING.get())
    token = _RECORDING.set(block)
    try:
        yield
    finally:
        try:
            _RECORDING.reset(token)
        except ValueError:  # ended in another context: a generator suspended inside, closed elsewhere
            block.follow_outer()


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
