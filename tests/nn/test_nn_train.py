"""fit, predict and accuracy: batches against PyTorch, target encodings, refusals, and safe failure."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import nn
from autograd_tiny import Value

X4 = [[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8], [2.0, -1.2]]
Y4 = [0, 1, 2, 1]


def model_3_classes(seed: int = 0) -> nn.MLP:
    return nn.MLP(2, [4, 3], "tanh", init=nn.init.normal(0.6), seed=seed)


def test_minibatch_steps_match_torch() -> None:
    """Two SGD steps on batches of 2 (mean loss per batch) in fit's shuffled order, against PyTorch."""
    torch = pytest.importorskip("torch")
    model = model_3_classes()
    (W1, b1), (W2, b2) = (
        [torch.tensor(part, dtype=torch.float64, requires_grad=True) for part in layer]
        for layer in model.to_matrices()
    )
    order = list(range(4))
    random.Random(5).shuffle(order)
    for batch in (order[:2], order[2:]):
        logits = torch.tanh(torch.tensor([X4[i] for i in batch], dtype=torch.float64) @ W1.T + b1) @ W2.T + b2
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor([Y4[i] for i in batch]))
        loss = loss + 0.01 / 2 * ((W1**2).sum() + (W2**2).sum())
        loss.backward()
        with torch.no_grad():
            for p in (W1, b1, W2, b2):
                p -= 0.3 * p.grad
                p.grad = None
    optimizer = nn.SGD(model.parameters(), lr=0.3)
    nn.fit(
        model,
        X4,
        Y4,
        loss="cross_entropy",
        optimizer=optimizer,
        epochs=1,
        batch_size=2,
        l2=0.01,
        seed=5,
        progress=False,
    )
    for (W, b), (tW, tb) in zip(model.to_matrices(), [(W1, b1), (W2, b2)], strict=True):
        np.testing.assert_allclose(W, tW.detach().numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(b, tb.detach().numpy(), rtol=1e-12, atol=1e-14)


def train(seed: int, **options: Any) -> tuple[nn.History, dict[str, float]]:
    model = model_3_classes()
    history = nn.fit(
        model,
        X4,
        Y4,
        loss="cross_entropy",
        optimizer=nn.Adam(model.parameters(), lr=0.05),
        epochs=6,
        batch_size=2,
        seed=seed,
        progress=False,
        **options,
    )
    return history, model.state_dict()


def test_same_seed_gives_the_same_history_and_model() -> None:
    first, second, other = train(3), train(3), train(4)
    assert first == second
    assert first[0] != other[0]
    history = first[0]
    assert len(history.loss) == len(history.accuracy) == 6
    assert history.loss[-1] < history.loss[0]
    assert all(0 <= a <= 1 for a in history.accuracy)


def test_class_indices_are_one_hot_encoded_for_squared_error_and_log_loss() -> None:
    one_hot = [[1.0 if k == label else 0.0 for k in range(3)] for label in Y4]
    for loss in ("half_squared_error", "binary_cross_entropy"):
        results = []
        for targets in (Y4, one_hot):
            model = nn.MLP(2, [4, 3], "tanh", output_activation="sigmoid", seed=2)
            history = nn.fit(
                model,
                X4,
                targets,
                loss=loss,
                optimizer=nn.SGD(model.parameters(), lr=0.5),
                epochs=3,
                progress=False,
            )
            results.append((history, model.state_dict()))
        assert results[0] == results[1]


def test_a_loss_function_gets_the_outputs_and_the_raw_target() -> None:
    seen: list[tuple[int, object]] = []

    def loss(outputs: list[Value], target: object) -> Value:
        seen.append((len(outputs), target))
        return nn.cross_entropy(outputs, target)  # type: ignore[arg-type]

    model = model_3_classes()
    nn.fit(model, X4, Y4, loss=loss, optimizer=nn.SGD(model.parameters(), lr=0.1), epochs=1, progress=False)
    assert seen == [(3, t) for t in Y4]


def test_progress_bar_shows_epoch_loss_and_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    model = model_3_classes()
    nn.fit(model, X4, Y4, loss="cross_entropy", optimizer=nn.SGD(model.parameters(), lr=0.1), epochs=2)
    err = capsys.readouterr().err
    assert "epoch" in err and "2/2" in err and "loss=" in err and "accuracy=" in err


def test_predict_and_accuracy_follow_the_output_layer() -> None:
    several = nn.MLP(2, [3], "tanh", init=nn.init.normal(1.0), seed=1)
    outputs = [[v.data for v in several(x)] for x in X4]
    assert nn.predict(several, X4) == [max(range(3), key=o.__getitem__) for o in outputs]
    sigmoid = nn.MLP(2, [1], output_activation="sigmoid", init=nn.init.normal(1.0), seed=1)
    assert nn.predict(sigmoid, X4) == [int(sigmoid(x)[0].data >= 0.5) for x in X4]
    linear = nn.MLP(2, [1], init=nn.init.normal(1.0), seed=1)
    assert nn.predict(linear, X4) == [1 if linear(x)[0].data > 0 else -1 for x in X4]
    labels = nn.predict(several, X4)
    assert nn.accuracy(several, X4, labels) == 1.0
    assert nn.accuracy(several, X4, [(label + 1) % 3 for label in labels]) == 0.0
    one_hot = [[1.0 if k == label else 0.0 for k in range(3)] for label in labels[:2]] + [
        [0, 0, 0],
        [0, 0, 0],
    ]
    assert nn.accuracy(several, X4, one_hot) == pytest.approx(
        0.5 + 0.5 * (labels[2] == 0) / 2 + 0.25 * (labels[3] == 0)
    )
    with pytest.raises(ValueError, match="4 examples and 3 labels"):
        nn.accuracy(several, X4, labels[:3])


def test_moons_reach_full_training_accuracy() -> None:
    """micrograd's demo: 100 moons, a ReLU MLP, hinge loss with L2; here with Adam and small batches."""
    X, y = nn.datasets.make_moons(100, noise=0.1, seed=0)
    y = [2 * label - 1 for label in y]  # hinge loss wants −1/+1
    model = nn.MLP(2, [8, 8, 1], "relu", init=nn.init.he(), seed=1)
    optimizer = nn.Adam(model.parameters(), lr=0.05)
    history = nn.fit(
        model, X, y, loss="hinge", optimizer=optimizer, epochs=40, batch_size=10, l2=1e-4, progress=False
    )
    assert nn.accuracy(model, X, y) == 1.0
    assert history.accuracy[-1] >= 0.95  # measured during the last epoch, before its updates


# ---- failures: a clear error, and the model keeps its parameters --------------------------------


def refuse(make_call: Callable[[nn.MLP], Callable[[], object]], error: type[Exception], message: str) -> None:
    model = model_3_classes()
    before = model.state_dict()
    with pytest.raises(error, match=message):
        make_call(model)()
    assert model.state_dict() == before


def fit_with(**changes: Any) -> Callable[[nn.MLP], Callable[[], object]]:
    def make_call(model: nn.MLP) -> Callable[[], object]:
        arguments: dict[str, Any] = {
            "X": X4,
            "y": Y4,
            "loss": "cross_entropy",
            "optimizer": nn.SGD(model.parameters(), lr=0.1),
            "epochs": 2,
            "progress": False,
        }
        arguments.update(changes)
        return lambda: nn.fit(model, **arguments)

    return make_call


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"y": Y4[:3]}, ValueError, "4 examples and 3 targets"),
        (
            {"X": [*X4[:3], [1.0]]},
            ValueError,
            r"X\[3\] has 1 numbers but MLP\(2 → 4 → 3, tanh, output linear\) expects 2",
        ),
        (
            {"loss": "mse"},
            ValueError,
            "unknown loss 'mse': choose one of cross_entropy, binary_cross_entropy, half_squared_error",
        ),
        ({"loss": 3}, TypeError, "loss must be a name or a function"),
        (
            {"y": [0, 1, 3, 1]},
            ValueError,
            r"y\[2\] = 3 does not suit loss 'cross_entropy'.*class index in 0..2",
        ),
        (
            {"loss": "hinge", "y": [1, -1, 1, 0]},
            ValueError,
            r"y\[0\] = 1 does not suit loss 'hinge'.*3 outputs",
        ),
        (
            {"loss": "half_squared_error", "y": [0, 1, 7, 1]},
            ValueError,
            r"y\[2\] = 7 does not suit.*class index 7",
        ),
        ({"epochs": 0}, ValueError, "epochs must be an integer ≥ 1"),
        ({"batch_size": 5}, ValueError, r"batch_size must be an integer in 1..4"),
        ({"l2": -0.1}, ValueError, "l2 must be a finite number"),
        ({"optimizer": object()}, TypeError, "optimizer must be an nn optimiser"),
        ({"optimizer": nn.SGD([Value(1.0)], lr=0.1)}, ValueError, "not parameters of the model"),
        ({"loss": lambda outputs, target: 1.0}, TypeError, "must return a Value, got float"),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(
    changes: dict[str, Any], error: type, message: str
) -> None:
    refuse(fit_with(**changes), error, message)


def overflow_on(bad_target: int) -> Callable[[list[Value], int], Value]:
    """cross-entropy, except that one example's loss is e¹⁰⁰⁰, which overflows."""

    def loss(outputs: list[Value], target: int) -> Value:
        if target == bad_target:
            return (outputs[0] * 0 + 1000).exp()
        return nn.cross_entropy(outputs, target)

    return loss


def test_a_non_finite_loss_in_the_middle_of_a_batch_changes_nothing() -> None:
    refuse(fit_with(loss=overflow_on(2)), FloatingPointError, r"epoch 1.*not a finite number.*exp\(1000\)")


def test_a_saturated_sigmoid_under_log_loss_is_a_clear_error() -> None:
    model = nn.MLP(2, [1], output_activation="sigmoid", init=nn.init.constant(40.0))  # σ(z) rounds to 1.0
    before = model.state_dict()
    with pytest.raises(FloatingPointError, match=r"strictly between 0 and 1.*keeps the parameters"):
        nn.fit(
            model,
            X4,
            [1, 0, 1, 0],
            loss="binary_cross_entropy",
            optimizer=nn.SGD(model.parameters(), lr=0.1),
            epochs=1,
            progress=False,
        )
    assert model.state_dict() == before


def test_divergence_stops_with_the_last_good_parameters() -> None:
    """With a huge learning rate the loss overflows after a few full-batch steps; the model must then
    hold exactly the parameters that the same training reaches one epoch earlier."""

    def run(epochs: int) -> nn.MLP:
        model = nn.MLP(2, [4, 1], "linear", init=nn.init.normal(1.0), seed=4)
        optimizer = nn.SGD(model.parameters(), lr=50.0)
        nn.fit(
            model,
            X4,
            [1.0, -2.0, 0.5, 3.0],
            loss="half_squared_error",
            optimizer=optimizer,
            epochs=epochs,
            progress=False,
        )
        return model

    failing = nn.MLP(2, [4, 1], "linear", init=nn.init.normal(1.0), seed=4)
    with pytest.raises(FloatingPointError, match=r"epoch (\d+)") as failure:
        nn.fit(
            failing,
            X4,
            [1.0, -2.0, 0.5, 3.0],
            loss="half_squared_error",
            optimizer=nn.SGD(failing.parameters(), lr=50.0),
            epochs=100,
            progress=False,
        )
    match = re.search(r"epoch (\d+)", str(failure.value))
    assert match is not None
    epoch = int(match.group(1))
    assert epoch > 1
    assert failing.state_dict() == run(epoch - 1).state_dict()
    assert all(math.isfinite(p.data) for p in failing.parameters())
