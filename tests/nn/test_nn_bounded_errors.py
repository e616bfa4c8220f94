"""Bad labels and bad state dicts are one short line, never a RecursionError, a KeyError or megabytes.

Before the third hostile-input pass, ``nn.accuracy(m, [[.1, .2]], ['a'])`` recursed until Python
stopped it (a one-character string is a sequence of itself), labels that were dicts raised
``KeyError: 0``, a label ``b'a'`` was silently compared as the class 97, and ``load_state_dict``
of an all-NaN state on a large MLP raised a 3 MB message listing every entry.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

import nn

MODEL = nn.MLP(2, [3, 2], seed=0)
X = [[0.1, 0.2]]


@pytest.mark.parametrize(
    ("labels", "error", "message"),
    [
        (["a"], TypeError, r"y\[0\] is 'a' \(str\): a label is a class number or a one-hot list"),
        ([b"a"], TypeError, r"y\[0\] is b'a' \(bytes\)"),
        ([{"a": 1}], TypeError, r"y\[0\] is \{'a': 1\} \(dict\)"),
        ([None], TypeError, r"y\[0\] is None"),
        ([True], TypeError, r"y\[0\] is True \(bool\)"),
        ([[[[1]]]], TypeError, r"y\[0\]\[0\] must be a finite number, got \[\[1\]\] \(list"),
        ([[]], ValueError, r"y\[0\] is empty: a one-hot label needs one number per class"),
        ([math.nan], ValueError, r"y\[0\] must be a finite number, got nan"),
        ([[0.0, math.inf]], ValueError, r"y\[0\]\[1\] must be a finite number, got inf"),
        ({0: 1}, TypeError, "y must be a list or array, got dict"),
    ],
)
def test_a_label_that_is_no_class_is_named_in_one_line(labels: object, error: type, message: str) -> None:
    with pytest.raises(error, match=f"^accuracy: {message}") as refused:
        nn.accuracy(MODEL, X, labels)  # type: ignore[arg-type]
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 200


def test_labels_of_every_accepted_form_still_count() -> None:
    """Oracle: the class is the index of the larger of the model's two outputs, read off by hand."""
    outputs = [v.data for v in MODEL(X[0])]
    right = int(np.argmax(outputs))
    one_hot = [1.0 if k == right else 0.0 for k in range(2)]
    for labels in ([right], [np.int64(right)], np.array([right]), [one_hot], [np.array(one_hot)], [[right]]):
        assert nn.accuracy(MODEL, X, labels) == 1.0
    assert nn.accuracy(MODEL, X, [1 - right]) == 0.0


def test_an_all_nan_state_of_a_large_mlp_is_a_short_message_that_counts() -> None:
    model = nn.MLP(64, [256, 256, 10], seed=0)
    before = model.state_dict()
    state = dict.fromkeys(before, math.nan)
    with pytest.raises(ValueError) as refused:
        model.load_state_dict(state)
    message = str(refused.value)
    assert len(message) < 500 and "\n" not in message
    assert f"{len(before)} bad entries: layers.0.neurons.0.w0 must be a finite number, got nan" in message
    assert f"({len(before) - 5} more)" in message
    assert model.state_dict() == before  # nothing loaded


def test_huge_keys_and_entries_are_cut_in_the_message() -> None:
    state = MODEL.state_dict()
    first = next(iter(state))
    with pytest.raises(ValueError) as refused:
        MODEL.load_state_dict({**state, "k" * 10**6: 1.0, first: "v" * 10**6})
    message = str(refused.value)
    assert len(message) < 400
    assert "unexpected 1 entries: 'kkk" in message and f"{first} must be a finite number, got 'vvv" in message


def test_only_the_entries_named_are_written_out() -> None:
    """Every entry a string of 10⁶ characters: writing out each would take 85,002 megabytes of repr."""
    model = nn.MLP(64, [256, 256, 10], seed=0)
    state = dict.fromkeys(model.state_dict(), "x" * 10**6)
    start = time.perf_counter()
    with pytest.raises(ValueError, match="85002 bad entries"):
        model.load_state_dict(state)
    assert time.perf_counter() - start < 5
