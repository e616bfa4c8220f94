"""What a tape remembers between calls, for each thread: the workspace of its last replay.

``Tape.backward`` continues the last ``Tape.forward``, and ``print(tape)`` shows them, so a tape
keeps their numbers. Each thread keeps its own (``threading.local``): two threads replaying one
tape at once each get their own forward and backward, never a mixture of the two.

A replay writes into a ``Workspace`` that is not the last replay's, so a replay that fails (an
error, a changed branch) leaves the last one as it was; two workspaces per shape of replay are
enough for that, and the workspaces of at most ``SHAPES`` shapes are kept (the first ones made go
first).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from autograd_tiny.tape.workspace import Workspace

__all__ = ["SHAPES", "ReplayState"]

Array = Any  # numpy.ndarray
SHAPES = 4  # batch sizes whose workspaces are kept (a training loop has two: the batch, the last one)


class ReplayState(threading.local):
    """One thread's replays of one tape.

    Attributes:
        workspace: the last forward's (or, before any, None: the recording is the last replay).
        shared: which inputs the last forward was given as one number (their gradient is a sum).
        backward_done: the workspace's adjoints and gradients are those of a backward of it.
        input_gradients: that backward computed the inputs' adjoints.
    """

    def __init__(self, n_inputs: int) -> None:
        self.workspace: Workspace | None = None
        self.shared = [True] * n_inputs
        self.backward_done = False
        self.input_gradients = True
        self._pools: dict[int | None, list[Workspace]] = {}

    def spare(self, batch: int | None, make: Callable[[int | None], Workspace]) -> Workspace:
        """A workspace for ``batch`` examples that is not the last replay's, made if needed."""
        pool = self._pools.setdefault(batch, [])
        for workspace in pool:
            if workspace is not self.workspace:
                return workspace
        workspace = make(batch)
        pool.append(workspace)
        if len(self._pools) > SHAPES:  # forget the oldest shape (never the last replay's)
            oldest = next(b for b, kept in self._pools.items() if self.workspace not in kept)
            del self._pools[oldest]
        return workspace
