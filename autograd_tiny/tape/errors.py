"""The error a replay raises when the inputs would take another branch than the recording did."""

from __future__ import annotations

__all__ = ["BranchChangedError"]


class BranchChangedError(ValueError):
    """A replay's inputs make a comparison noted by ``record`` come out the other way.

    Attributes:
        examples: positions in the batch (``[0]`` for one example) whose branch changed.
    """

    def __init__(self, message: str, examples: list[int]) -> None:
        super().__init__(message)
        self.examples = examples
