"""nn takes numpy data like any other, and checks data before the first step.

Oracle: the same training on plain lists of floats (itself checked against PyTorch in
``test_nn_against_torch``) must give the same history and parameters to the last bit; refusals must
name the example and the feature and leave the model and the optimiser exactly as they were.
"""

from __future__ import annotations

import copy
import math
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import nn
from autograd_tiny import Value
from nn.training.data import check_examples

X4 = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [0.0, -0.5]]

# loss, output layer, labels as the loss wants them
LOSS_CASES: list[tuple[str, Callable[[], nn.MLP], list[Any]]] = [
    ("binary_cross_entropy", lambda: nn.MLP(2, [3, 1], output_activation="sigmoid"), [1, 0, 1, 0]),
    ("binary_cross_entropy", lambda: nn.MLP(2, [3, 3], output_activation="sigmoid"), [2, 0, 1, 0]),
    ("cross_entropy", lambda: nn.MLP(2, [3, 3]), [2, 0, 1, 0]),
    ("half_squared_error", lambda: nn.MLP(2, [3, 1]), [0.25, -0.5, 1.0, 0.0]),
    ("hinge", lambda: nn.MLP(2, [3, 1]), [1, -1, 1, -1]),
]


def train(model: nn.MLP, X: Any, y: Any, loss: str, **options: Any) -> tuple[nn.History, dict[str, float]]:
    history = nn.fit(
        model,
        X,
        y,
        loss=loss,
        optimizer=nn.Adam(model.parameters(), lr=0.05),
        epochs=3,
        progress=False,
        **options,
    )
    return history, model.state_dict()


@pytest.mark.parametrize(
    ("loss", "build", "labels"), LOSS_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(LOSS_CASES)]
)
@pytest.mark.parametrize("engine", ["graph", "tape"])
def test_numpy_arrays_train_exactly_as_lists_do(
    loss: str, build: Callable[[], nn.MLP], labels: list[Any], engine: str
) -> None:
    expected_history, expected_state = train(build(), X4, labels, loss, engine=engine, batch_size=2)
    y = np.array(labels)  # np.int64 class indices, or np.float64 numbers
    history, state = train(build(), np.array(X4), y, loss, engine=engine, batch_size=np.int64(2))
    assert history == expected_history and state == expected_state
    model = build()
    model.load_state_dict(state)
    assert nn.predict(model, np.array(X4)) == nn.predict(model, X4)
    assert nn.accuracy(model, np.array(X4), y) == nn.accuracy(model, X4, labels)


def test_float32_data_and_mixed_containers_are_numbers_like_any_other() -> None:
    X32 = np.array(X4, dtype=np.float32)
    as_floats = [[float(x) for x in row] for row in X32]  # what float32 rounding made of them
    mixed = (tuple(X32[0]), list(X32[1]), X32[2], [np.float64(x) for x in X32[3]])
    labels = [np.int64(1), 0, np.int32(1), np.int8(0)]
    build = LOSS_CASES[0][1]
    expected = train(build(), as_floats, [1, 0, 1, 0], "binary_cross_entropy")
    assert train(build(), X32, labels, "binary_cross_entropy") == expected
    assert train(build(), mixed, np.array([1, 0, 1, 0]), "binary_cross_entropy") == expected


def test_rows_of_floats_are_passed_on_and_other_rows_become_lists_of_floats() -> None:
    X = [[0.5, -1.0], (1, 2.5), np.array([0.25, 3.0], dtype=np.float32), [np.float64(2.0), 1]]
    checked = check_examples(X, 2, "fit")
    assert checked[0] is X[0]  # already a list of floats: read, not copied
    assert checked[1:] == [[1.0, 2.5], [0.25, 3.0], [2.0, 1.0]]
    assert all(type(row) is list and {type(x) for x in row} == {float} for row in checked)
    assert X[0] == [0.5, -1.0] and X[1] == (1, 2.5)  # the caller's data is left as it was


def test_a_model_called_on_a_numpy_row_gives_the_list_result() -> None:
    model = nn.MLP(2, [3, 2])
    assert [v.data for v in model(np.array(X4[1]))] == [v.data for v in model(X4[1])]
    with pytest.raises(TypeError, match="expects a list of 2 inputs, got float"):
        model(np.float64(1.0))  # type: ignore[arg-type]


def test_numpy_integer_labels_suit_both_cross_entropies() -> None:
    logits = [Value(0.3), Value(-1.2), Value(2.0)]
    for label in (np.int64(2), np.int32(2), np.uint8(2)):
        assert nn.cross_entropy(logits, label).data == nn.cross_entropy(logits, 2).data  # type: ignore[arg-type]
    closed_form = math.log(sum(math.exp(z.data) for z in logits)) - logits[2].data  # −log softmax₂
    assert nn.cross_entropy(logits, np.int64(2)).data == pytest.approx(closed_form, rel=1e-12)  # type: ignore[arg-type]
    p = Value(0.8)
    assert nn.binary_cross_entropy(p, np.int64(1)).data == pytest.approx(-math.log(0.8), rel=1e-12)  # type: ignore[arg-type]
    assert nn.binary_cross_entropy(p, np.float32(0.0)).data == pytest.approx(-math.log(0.2), rel=1e-12)  # type: ignore[arg-type]


def test_load_state_dict_takes_numpy_numbers_and_refuses_what_value_refuses() -> None:
    model = nn.MLP(2, [2, 1])
    names = [name for name, _ in model.named_parameters()]
    kinds = [np.float64, np.float32, np.int64, np.int8, float, int]
    state = {name: kinds[k % len(kinds)](k - 3) for k, name in enumerate(names)}
    model.load_state_dict(state)
    assert model.state_dict() == {name: float(k - 3) for k, name in enumerate(names)}
    assert all(type(x) is float for x in model.state_dict().values())
    before = model.state_dict()
    for bad in (np.float64("nan"), np.float32("inf"), np.bool_(True), True, "1.0", 10**400):
        with pytest.raises(ValueError, match=rf"nothing loaded .*{names[0]} must be a finite number"):
            model.load_state_dict({**state, names[0]: bad})
        assert model.state_dict() == before


# ---- bad data is found before the first step, and named ----------------------------------------------


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (math.nan, ValueError, r"fit: X\[3\]\[1\] must be a finite number, got nan$"),
        (np.float32("-inf"), ValueError, r"fit: X\[3\]\[1\] must be a finite number, got .*-inf"),
        (10**400, ValueError, r"fit: X\[3\]\[1\] must be a finite number, got 1000.*too large for a float"),
        ("a", TypeError, r"fit: X\[3\]\[1\] must be a finite number, got 'a' \(str, not a real number\)"),
        (None, TypeError, r"fit: X\[3\]\[1\] must be a finite number, got None \(NoneType, not a real"),
        (True, TypeError, r"fit: X\[3\]\[1\] must be a finite number, got True \(bool, not a real"),
        (Value(1.0), TypeError, r"fit: X\[3\]\[1\] must be a finite number, got Value\(.*\) \(Value, not"),
    ],
    ids=["nan", "inf", "huge-int", "str", "None", "bool", "Value"],
)
@pytest.mark.parametrize("engine", ["graph", "tape"])
def test_a_bad_number_is_named_before_the_first_step_and_changes_nothing(
    bad: object, error: type[Exception], message: str, engine: str
) -> None:
    model = nn.MLP(2, [3, 1], output_activation="sigmoid")
    optimizer = nn.Adam(model.parameters(), lr=0.05)
    nn.fit(
        model, X4, [1, 0, 1, 0], loss="binary_cross_entropy", optimizer=optimizer, epochs=1, progress=False
    )
    state, moments = model.state_dict(), copy.deepcopy(vars(optimizer))
    grads = [p.grad for p in model.parameters()]
    X = [*X4[:3], [0.0, bad]]
    with pytest.raises(error, match=message):
        nn.fit(
            model,
            X,
            [1, 0, 1, 0],
            loss="binary_cross_entropy",
            optimizer=optimizer,
            epochs=2,
            batch_size=1,
            progress=False,
            engine=engine,
        )
    assert model.state_dict() == state and [p.grad for p in model.parameters()] == grads
    assert {k: v for k, v in vars(optimizer).items() if k != "params"} == {
        k: v for k, v in moments.items() if k != "params"
    }


@pytest.mark.parametrize(
    ("X", "y", "error", "message"),
    [
        (np.zeros((0, 2)), [], ValueError, r"fit: X holds 0 examples, at least 1 are needed"),
        (np.array(X4), np.array([1, 0, 1]), ValueError, r"fit: 4 examples and 3 targets"),
        (np.array(X4)[:, :1], [1, 0, 1, 0], ValueError, r"fit: X\[0\] has 1 numbers but MLP.* expects 2"),
        (np.array([1.0, 2.0]), [1, 0], TypeError, r"fit: X\[0\] must be a list or array of 2 numbers"),
        (np.float64(3.0), [1], TypeError, r"fit: X must be a list or array of examples, got float64"),
        (
            (row for row in X4),
            [1, 0, 1, 0],
            TypeError,
            r"fit: X must be a list or array of examples, got generator",
        ),
        ({"a": [1.0, 2.0]}, [1], TypeError, r"fit: X must be a list or array of examples, got dict"),
        (X4, "1010", TypeError, r"fit: y must be a list or array, got str"),
        (X4, [1, 0, np.nan, 0], ValueError, r"y\[2\] = nan does not suit loss 'binary_cross_entropy'"),
    ],
    ids=["empty", "short-y", "narrow", "one-example-as-X", "scalar", "generator", "dict", "str-y", "nan-y"],
)
def test_inconsistent_data_is_refused_before_training(
    X: Any, y: Any, error: type[Exception], message: str
) -> None:
    model = nn.MLP(2, [3, 1], output_activation="sigmoid")
    state = model.state_dict()
    with pytest.raises(error, match=message):
        nn.fit(
            model,
            X,
            y,
            loss="binary_cross_entropy",
            optimizer=nn.SGD(model.parameters(), lr=0.1),
            epochs=1,
            progress=False,
        )
    assert model.state_dict() == state


def test_predict_and_accuracy_name_the_bad_number_before_running_the_model() -> None:
    calls: list[object] = []

    class Counting(nn.MLP):
        def __call__(self, inputs: Any) -> list[Value]:
            calls.append(inputs)
            return super().__call__(inputs)

    model = Counting(2, [3, 1])
    X = [*X4[:2], [np.nan, 1.0], X4[3]]
    with pytest.raises(ValueError, match=r"predict: X\[2\]\[0\] must be a finite number, got .*nan"):
        nn.predict(model, np.array(X))
    with pytest.raises(ValueError, match=r"accuracy: X\[2\]\[0\] must be a finite number, got nan"):
        nn.accuracy(model, X, [1, -1, 1, -1])
    with pytest.raises(ValueError, match=r"accuracy: 4 examples and 3 labels"):
        nn.accuracy(model, X4, np.array([1, -1, 1]))
    with pytest.raises(ValueError, match=r"accuracy: X holds 0 examples"):
        nn.accuracy(model, np.zeros((0, 2)), np.array([]))
    assert calls == [] and nn.predict(model, np.zeros((0, 2))) == []


def test_plot_decision_boundary_takes_numpy_data() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    model = nn.MLP(2, [3, 1])
    ax = nn.plots.plot_decision_boundary(model, np.array(X4), np.array([1, -1, 1, -1]), resolution=5)
    assert len(ax.collections) >= 1
    with pytest.raises(
        ValueError, match=r"plot_decision_boundary: X\[1\]\[0\] must be a finite number, got .*inf"
    ):
        nn.plots.plot_decision_boundary(model, [X4[0], [math.inf, 0.0]], [1, -1], resolution=5)


def test_nn_still_imports_no_numpy() -> None:
    code = (
        "import sys, nn; m = nn.MLP(2, [2, 1]);"
        "nn.fit(m, [[0.0, 1.0]], [1], loss='hinge', optimizer=nn.SGD(m.parameters(), lr=0.1), epochs=1,"
        " progress=False); nn.predict(m, [[1.0, 0.0]]); print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
