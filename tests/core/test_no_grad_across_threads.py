"""A ``no_grad`` block that ends in another thread: a generator suspended inside it, closed there.

Before the third hostile-input pass, closing such a generator from another thread raised
``ValueError: <Token> was created in a different Context`` in the closing thread and left the thread
that had entered the block without recording for good. The oracle is the plain ordering of events:
recording is off exactly while a block that the thread entered has not ended.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import autograd_tiny as at
from autograd_tiny import Value


def records() -> bool:
    """Whether an operation made now records its edges (the public view: an op and an edge)."""
    x = Value(2.0)
    y = x * 3.0
    return y.op == "mul" and len(y.edges) == 2


def suspended_inside_no_grad() -> Iterator[int]:
    with at.no_grad():
        yield 1
        yield 2


def in_another_thread(work: Callable[[], object]) -> list[BaseException]:
    """Run ``work`` in a new thread; the exceptions it raised there."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # the test reports whatever escaped
            raised.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    return raised


def test_closing_the_generator_in_another_thread_raises_nothing_and_recording_resumes() -> None:
    generator = suspended_inside_no_grad()
    next(generator)
    assert not records()  # the suspended block is still open in this thread
    assert in_another_thread(generator.close) == []
    assert records()


def test_the_closing_thread_keeps_recording_before_and_after() -> None:
    generator = suspended_inside_no_grad()
    next(generator)
    seen: list[bool] = []

    def close_between_two_looks() -> None:
        seen.append(records())
        generator.close()
        seen.append(records())

    assert in_another_thread(close_between_two_looks) == []
    assert seen == [True, True]
    assert records()


def test_an_outer_block_still_open_keeps_recording_off_until_it_ends() -> None:
    with at.no_grad():
        generator = suspended_inside_no_grad()
        next(generator)
        assert in_another_thread(generator.close) == []
        assert not records()  # the outer block has not ended
    assert records()


def test_blocks_closed_elsewhere_in_any_order_leave_recording_on() -> None:
    outer, inner = suspended_inside_no_grad(), suspended_inside_no_grad()
    next(outer)
    next(inner)
    assert in_another_thread(inner.close) == []
    assert not records()  # outer is still open
    assert in_another_thread(outer.close) == []
    assert records()


def test_a_generator_run_to_its_end_in_this_thread_is_unchanged() -> None:
    assert list(suspended_inside_no_grad()) == [1, 2]
    assert records()
