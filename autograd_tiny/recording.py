"""Whether operations record their edges: ``no_grad()`` turns recording off for a block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["is_recording", "no_grad"]

enabled = True  # read by every operation; changed only by no_grad()


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
