"""Recording state: whether operations record their edges (``no_grad``), and the log of comparisons
that a tape being recorded keeps."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["comparison_log", "is_recording", "no_grad"]

enabled = True  # read by every operation; changed only by no_grad()

# While ``tape.record`` runs a function, the comparisons it makes on Values, as
# (left, operator, right, result); None otherwise. The tape re-checks them on every replay.
comparison_log: list[tuple[Any, str, Any, bool]] | None = None


def is_recording() -> bool:
    """True unless inside ``no_grad()``."""
    return enabled


@contextmanager
def no_grad() -> Iterator[None]:
    """Run a block (or, as ``@no_grad()``, a function) without recording edges.

    Values computed inside are leaves: they keep their number but remember nothing of how it was
    made, so nothing flows back through them. Use it for evaluation, parameter updates and
    numerical gradient checks. Nesting is allowed.
    """
    global enabled
    previous, enabled = enabled, False
    try:
        yield
    finally:
        enabled = previous
