"""Where a group of operations reads and adds: slot numbers as a table, read as a view when they are a run.

A tape lays out operations level by level, so the inputs of one level are often the consecutive
slots the level before wrote (the z⁽ˡ⁾ of a layer, then f(z⁽ˡ⁾)). numpy reads a run of slots as a
view and adds into it in place, where a table of arbitrary slot numbers costs a gather and a
scatter; ``Slots`` chooses once, when the tape is compiled.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["Slots", "as_index", "repeats"]

Array = Any  # numpy.ndarray


class Slots:
    """A (rows, columns) table of slot numbers: ``read(values)`` and ``add(target, amount)`` on it.

    A run (row by row, or column by column) is read as a view of ``values``; otherwise numpy
    gathers, and adds with ``np.add.at`` where a slot appears twice.
    """

    __slots__ = ("index", "repeated", "run", "shape", "transposed")

    def __init__(self, index: Array) -> None:
        self.index = index
        flat = index.ravel()
        first = int(flat[0]) if flat.size else 0
        run = np.arange(first, first + flat.size)
        self.run: slice | None = slice(first, first + flat.size)
        self.transposed = False
        if not np.array_equal(flat, run):
            self.transposed = np.array_equal(index.T.ravel(), run)
            self.run = self.run if self.transposed else None
        self.shape: tuple[int, ...] = index.shape[::-1] if self.transposed else index.shape
        self.repeated = repeats(flat)

    def read(self, values: Array) -> Array:
        """``values[index]``: shape (rows, columns) + the batch's, a view when the slots are a run."""
        if self.run is None:
            return values[self.index]
        block = values[self.run].reshape(self.shape + values.shape[1:])
        return block.swapaxes(0, 1) if self.transposed else block

    def transposed_view(self, values: Array) -> Array | None:
        """For slots that are a run column by column and one number per slot: the (columns, rows)
        view of ``values`` whose transpose is the table (no copy, for a matrix product); else None."""
        if self.transposed and values.ndim == 1:
            return values[self.run].reshape(self.shape)
        return None

    def add(self, target: Array, amount: Array) -> None:
        """``target[index] += amount``, every occurrence of a repeated slot included."""
        if self.run is not None:
            view = self.read(target)
            view += amount
        elif self.repeated:
            np.add.at(target, self.index, np.broadcast_to(amount, self.index.shape + target.shape[1:]))
        else:
            target[self.index] += amount


def as_index(index: Array) -> Array | slice:
    """A 1-D table of slots as a slice when it is a run (a view for numpy), else as it is."""
    if len(index) and np.array_equal(index, np.arange(index[0], index[0] + len(index))):
        return slice(int(index[0]), int(index[0]) + len(index))
    return index


def repeats(index: Array) -> bool:
    """Whether a table of slots names a slot twice (adding into it then needs ``np.add.at``)."""
    return len(set(index.ravel().tolist())) < int(index.size)
