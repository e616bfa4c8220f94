"""The bounds of an animation: a drawing's own, for all its frames together.

An animation draws its graph once per step of the chain-rule tutorial's two passes, about
values + edges pictures. It keeps ``draw``'s bounds, not a second set: at most ``MAX_NODES`` values
and ``MAX_EDGES`` edges in the graph (checked before anything is drawn), the renderer stopped after
``RENDER_SECONDS`` (here for all the frames together, not for each), and at most ``RENDER_MEMORY``
bytes of pictures kept. Each is one line that says what to do instead.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from autograd_tiny.core.gradients import topological_order
from autograd_tiny.see.draw import MAX_EDGES, MAX_NODES
from autograd_tiny.see.frames import Frames
from autograd_tiny.see.render import RENDER_MEMORY, RENDER_SECONDS, render_bytes

__all__ = ["INSTEAD", "check_animation_size", "rendered_frames", "too_much_memory"]

INSTEAD = (
    "animate a part of the graph (an inner node), draw it once with draw(), or read its steps as "
    "text with trace() (--trace)"
)
"""What to do about an animation that is too big, the end of every such error."""


def check_animation_size(passes: Frames, caller: str) -> None:
    """Refuse a graph that ``draw`` would refuse, before any frame is drawn.

    Raises:
        ValueError: the graph has more than ``MAX_NODES`` values or ``MAX_EDGES`` edges.
    """
    order = topological_order(passes.root)
    edges = sum(len(node.edges) for node in order)
    for count, bound, kind, what in (
        (len(order), MAX_NODES, "values", "MAX_NODES"),
        (edges, MAX_EDGES, "edges", "MAX_EDGES"),
    ):
        if count > bound:
            raise ValueError(
                f"{caller}: the graph has {count:,} {kind}, more than a drawing's {what}={bound:,}, "
                f"and an animation draws it {len(passes):,} times: {INSTEAD}"
            )


def rendered_frames(sources: Iterable[str], format_: str, caller: str) -> Iterator[bytes]:
    """Each DOT source rendered as ``format_``, within one time bound and one memory bound for all.

    Raises:
        RuntimeError: the frames took longer than ``RENDER_SECONDS`` together, or their pictures
            more than ``RENDER_MEMORY`` bytes; also as for ``render_bytes``.
    """
    deadline = time.monotonic() + RENDER_SECONDS
    kept = 0
    for index, source in enumerate(sources):
        left = deadline - time.monotonic()
        if left <= 0:
            raise _too_slow(caller, index)
        try:
            picture = render_bytes(source, format_, seconds=left)
        except RuntimeError:
            if time.monotonic() < deadline:
                raise  # the renderer failed for another reason: its own message says which
            raise _too_slow(caller, index) from None
        kept += len(picture)
        if kept > RENDER_MEMORY:
            raise too_much_memory(caller, f"the pictures of the first {index + 1} frames", kept)
        yield picture


def too_much_memory(caller: str, what: str, size: int) -> RuntimeError:
    """The error for pictures that would take more than ``RENDER_MEMORY`` bytes."""
    return RuntimeError(
        f"{caller}: {what} take {size / 2**20:,.0f} MiB, more than a drawing's "
        f"RENDER_MEMORY={RENDER_MEMORY / 2**20:,.0f} MiB: {INSTEAD}"
    )


def _too_slow(caller: str, done: int) -> RuntimeError:
    return RuntimeError(
        f"{caller}: drawing the frames took longer than a drawing's RENDER_SECONDS={RENDER_SECONDS:g} s "
        f"and was stopped after {done} frames: {INSTEAD}"
    )
