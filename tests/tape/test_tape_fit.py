"""fit(..., engine="tape") trains exactly as the Value graph does: same History, same parameters."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

import nn
from autograd_tiny import Value
from nn.training.objectives import resolve
from nn.training.vector.tape_training import TapeEngine

X = [[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8], [2.0, -1.2], [0.1, 0.05], [-1.1, -0.4], [0.7, 0.9]]
CLASSES = [0, 1, 2, 1, 0, 2, 1]
SIGNS = [1, -1, 1, -1, 1, -1, -1]


def _train(
    engine: str, make_model: type[nn.MLP] | None = None, **options: object
) -> tuple[nn.History, list[float]]:
    setup = dict(options)
    model_options = setup.pop("model")
    assert isinstance(model_options, dict)
    model = (make_model or nn.MLP)(2, init=nn.init.normal(0.7), seed=1, **model_options)
    history = nn.fit(
        model,
        X,
        setup.pop("y"),  # type: ignore[arg-type]
        optimizer=nn.SGD(model.parameters(), lr=0.4, momentum=0.5),
        epochs=4,
        progress=False,
        seed=3,
        engine=engine,
        **setup,  # type: ignore[arg-type]
    )
    return history, [p.data for p in model.parameters()]


CASES = {
    "cross entropy, minibatches, weight decay": dict(
        model=dict(sizes=[4, 3], activation="tanh"), y=CLASSES, loss="cross_entropy", batch_size=3, l2=0.01
    ),
    "binary cross entropy, one-hot, full batch": dict(
        model=dict(sizes=[3, 3], activation="sigmoid", output_activation="sigmoid"),
        y=CLASSES,
        loss="binary_cross_entropy",
    ),
    "half squared error, relu": dict(
        model=dict(sizes=[5, 3], activation="relu"), y=CLASSES, loss="half_squared_error"
    ),
    "leaky_relu, half squared error": dict(
        model=dict(sizes=[4, 3], activation="leaky_relu"), y=CLASSES, loss="half_squared_error"
    ),
    "hinge, batches of 2": dict(
        model=dict(sizes=[4, 1], activation="tanh"), y=SIGNS, loss="hinge", batch_size=2
    ),
    "a loss function": dict(
        model=dict(sizes=[3, 2], activation="tanh"),
        y=SIGNS,
        loss=lambda outputs, target: (outputs[0] - target) ** 2 + outputs[1].exp(),
        batch_size=4,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_tape_engine_gives_the_graph_engines_history(case: str) -> None:
    graph_history, graph_parameters = _train("graph", **CASES[case])
    tape_history, tape_parameters = _train("tape", **CASES[case])
    np.testing.assert_allclose(tape_history.loss, graph_history.loss, rtol=1e-12)
    assert tape_history.accuracy == graph_history.accuracy
    np.testing.assert_allclose(tape_parameters, graph_parameters, rtol=1e-12, atol=1e-14)
    assert graph_history.loss[-1] < graph_history.loss[0]  # it did train


class SignedMLP(nn.MLP):
    """A network whose output branches on a Value comparison: halve negative scores."""

    def __call__(self, inputs: Sequence[Value | float]) -> list[Value]:
        return [z if z > 0 else z * 0.5 for z in super().__call__(inputs)]


def test_examples_whose_branch_changed_go_to_the_value_graph() -> None:
    model = SignedMLP(2, [3, 1], "tanh", init=nn.init.normal(1.0), seed=0)
    engine = TapeEngine(model, X)
    scores = [model(x)[0].data for x in X]
    assert min(scores) < 0 < max(scores)  # some examples take the other branch
    _, _, left = engine.accumulate(SIGNS, list(range(len(X))), resolve("hinge"))
    recorded_sign = scores[0] > 0
    assert left == [i for i, s in enumerate(scores) if (s > 0) != recorded_sign]


def test_a_network_with_a_value_branch_trains_as_with_the_graph() -> None:
    case = dict(model=dict(sizes=[3, 1], activation="tanh"), y=SIGNS, loss="hinge", batch_size=3)
    graph_history, graph_parameters = _train("graph", SignedMLP, **case)
    tape_history, tape_parameters = _train("tape", SignedMLP, **case)
    np.testing.assert_allclose(tape_history.loss, graph_history.loss, rtol=1e-12)
    np.testing.assert_allclose(tape_parameters, graph_parameters, rtol=1e-12, atol=1e-14)


def test_an_unknown_engine_is_refused() -> None:
    model = nn.MLP(2, [3, 1])
    with pytest.raises(ValueError, match="engine must be 'graph' or 'tape', got 'jit'"):
        nn.fit(
            model,
            X,
            SIGNS,
            loss="hinge",
            optimizer=nn.SGD(model.parameters(), lr=0.1),
            epochs=1,
            engine="jit",
        )


def test_an_example_that_is_not_numbers_is_named() -> None:
    model = nn.MLP(2, [3, 1])
    with pytest.raises(
        TypeError, match=r"fit: X\[1\]\[1\] must be a finite number, got 'x' \(str, not a real number\)"
    ):
        nn.fit(
            model,
            [[0.5, 1.0], [0.5, "x"]],
            [1, -1],
            loss="hinge",
            optimizer=nn.SGD(model.parameters(), lr=0.1),
            epochs=1,
            engine="tape",
        )


OPTIMIZERS = {
    "SGD": lambda params: nn.SGD(params, lr=0.3),
    "SGD with momentum and weight decay": lambda params: nn.SGD(
        params, lr=0.2, momentum=0.8, weight_decay=0.03
    ),
    "Adam": lambda params: nn.Adam(params, lr=0.05, betas=(0.8, 0.95), eps=1e-7),
}
LOSSES = {
    "cross_entropy": (dict(sizes=[4, 3], activation="tanh"), CLASSES),
    "binary_cross_entropy": (dict(sizes=[3, 3], activation="tanh", output_activation="sigmoid"), CLASSES),
    "binary_cross_entropy, one output": (
        dict(sizes=[3, 1], activation="relu", output_activation="sigmoid"),
        [1, 0, 1, 1, 0, 0, 1],
    ),
    "half_squared_error": (dict(sizes=[5, 3], activation="sigmoid"), CLASSES),
    "hinge": (dict(sizes=[4, 1], activation="tanh"), SIGNS),
}


def _state(model: nn.MLP, optimizer: nn.Optimizer) -> dict[str, object]:
    """Everything a fit leaves behind: every parameter's .data and .grad and the optimiser's state."""
    state: dict[str, object] = {
        "data": [p.data for p in model.parameters()],
        "grad": [p.grad for p in model.parameters()],
    }
    if isinstance(optimizer, nn.SGD):
        state["velocity"] = list(optimizer.velocity)
    if isinstance(optimizer, nn.Adam):
        state.update(m=list(optimizer.m), v=list(optimizer.v), steps=[optimizer.steps])
    return state


def _fit_both(loss: str, optimizer: str, **options: object) -> list[tuple[nn.History, dict[str, object]]]:
    model_options, y = LOSSES[loss]
    results = []
    for engine in ("graph", "tape"):
        model = nn.MLP(2, init=nn.init.normal(0.7), seed=4, **model_options)  # type: ignore[arg-type]
        chosen = OPTIMIZERS[optimizer](model.parameters()[1:])  # one parameter left out: it must not move
        history = nn.fit(
            model,
            X,
            y,
            loss=loss.split(",")[0],
            optimizer=chosen,
            epochs=3,
            progress=False,
            seed=5,
            engine=engine,
            **options,  # type: ignore[arg-type]
        )
        results.append((history, _state(model, chosen)))
    return results


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_the_vector_path_leaves_model_and_optimizer_as_the_graph_engine(loss: str, optimizer: str) -> None:
    (graph_history, graph), (tape_history, tape) = _fit_both(loss, optimizer, batch_size=3, l2=0.02)
    np.testing.assert_allclose(tape_history.loss, graph_history.loss, rtol=1e-12)
    assert tape_history.accuracy == graph_history.accuracy
    assert graph.keys() == tape.keys()
    for key in graph:
        np.testing.assert_allclose(tape[key], graph[key], rtol=1e-12, atol=1e-14, err_msg=key)  # type: ignore[arg-type]
    assert graph_history.loss[-1] != graph_history.loss[0]  # it did train


def test_the_vector_path_keeps_full_batch_training_without_decay_too() -> None:
    (graph_history, graph), (tape_history, tape) = _fit_both("cross_entropy", "Adam")
    np.testing.assert_allclose(tape_history.loss, graph_history.loss, rtol=1e-12)
    np.testing.assert_allclose(tape["data"], graph["data"], rtol=1e-12, atol=1e-14)  # type: ignore[arg-type]


def _explode(engine: str) -> tuple[str, dict[str, object]]:
    """A learning rate so large that a later batch's loss is not finite."""
    model = nn.MLP(2, [4, 3], "relu", init=nn.init.normal(0.7), seed=4)
    optimizer = nn.SGD(model.parameters(), lr=1e30, momentum=0.5)
    with pytest.raises(FloatingPointError) as error:
        nn.fit(model, X, CLASSES, loss="cross_entropy", optimizer=optimizer, epochs=3, batch_size=2,
               progress=False, engine=engine)  # fmt: skip
    return str(error.value), _state(model, optimizer)


def test_a_failure_mid_epoch_leaves_the_last_good_step_as_the_graph_engine_does() -> None:
    graph_message, graph = _explode("graph")
    tape_message, tape = _explode("tape")
    assert graph_message.split(":")[:2] == tape_message.split(":")[:2]  # the same epoch and batch
    for key in ("data", "velocity"):
        np.testing.assert_allclose(tape[key], graph[key], rtol=1e-12, err_msg=key)  # type: ignore[arg-type]


def test_an_interrupt_mid_epoch_writes_back_the_parameters_of_the_last_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nn.training.vector.tape_epoch import VectorTraining

    states = []
    for engine, owner, name in (("graph", nn.SGD, "step"), ("tape", VectorTraining, "step")):
        calls = []
        original = getattr(owner, name)

        def interrupted(self: object, original: object = original, calls: list[int] = calls) -> None:
            calls.append(1)
            if len(calls) == 4:  # the 4th step, in the 2nd epoch: three steps were made
                raise KeyboardInterrupt
            original(self)  # type: ignore[operator]

        monkeypatch.setattr(owner, name, interrupted)
        model = nn.MLP(2, [4, 3], "tanh", init=nn.init.normal(0.7), seed=4)
        optimizer = nn.SGD(model.parameters(), lr=0.3, momentum=0.5)
        with pytest.raises(KeyboardInterrupt):
            nn.fit(model, X, CLASSES, loss="cross_entropy", optimizer=optimizer, epochs=3, batch_size=3,
                   progress=False, engine=engine)  # fmt: skip
        monkeypatch.setattr(owner, name, original)
        states.append(_state(model, optimizer))
    graph, tape = states
    for key in graph:
        np.testing.assert_allclose(tape[key], graph[key], rtol=1e-12, atol=1e-14, err_msg=key)  # type: ignore[arg-type]
