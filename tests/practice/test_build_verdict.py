"""Verdicts on the learner's code: a hint first, the fix on the second same failure, the code on reveal()."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator

import pytest

from autograd_tiny.practice import check_rule
from autograd_tiny.practice.build_it import verdict


@pytest.fixture(autouse=True)
def _fresh_tries() -> Iterator[None]:
    token = verdict._LAST_FAILURE.set(None)
    yield
    verdict._LAST_FAILURE.reset(token)


def wrong(out: float, a: float) -> tuple[float]:
    return (out * (1 - out),)  # sigmoid's rule for tanh


def test_the_first_failure_names_the_slip_without_the_fix_or_the_code() -> None:
    first = check_rule("tanh", wrong)
    assert first.tries == 1 and "the fix:" not in str(first) and "1 - out * out" not in str(first)
    assert ">the fix<" not in first._repr_html_() and "1 - out * out" not in first._repr_html_()


def test_the_second_failure_of_the_same_kind_shows_the_fix_but_not_the_code() -> None:
    check_rule("tanh", wrong)
    second = check_rule("tanh", wrong)
    assert second.tries == 2 and "the fix:" in str(second) and "1 − out²" in second.fix
    assert "1 - out * out" not in str(second)


def test_reveal_shows_the_code() -> None:
    shown = check_rule("tanh", wrong).reveal()
    assert "lambda out, a: (1 - out * out,)" in str(shown) and "lambda out, a" in shown._repr_html_()


def test_a_pass_forgets_the_failures() -> None:
    check_rule("tanh", wrong)
    assert check_rule("tanh", lambda out, a: (1 - out * out,)).right
    assert check_rule("tanh", wrong).tries == 1


def test_a_different_bug_starts_counting_again() -> None:
    check_rule("tanh", wrong)
    assert check_rule("tanh", lambda out, a: (-(1 - out * out),)).tries == 1


def test_tries_are_counted_per_thread() -> None:
    check_rule("tanh", wrong)
    tries: list[int] = []
    thread = threading.Thread(target=lambda: tries.append(check_rule("tanh", wrong).tries))
    thread.start()
    thread.join()
    assert tries == [1] and contextvars.copy_context().run(lambda: check_rule("tanh", wrong).tries) == 2


def test_the_html_escapes_the_learners_text() -> None:
    result = check_rule("tanh", lambda out, a: ("<b>",))
    assert "&lt;b&gt;" in result._repr_html_() and "<b>" not in result._repr_html_()
