"""Neuron, Layer, MLP and Module: names, state, matrices, reprs, reproducibility and bad inputs."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pytest

import nn
from autograd_tiny import Value


def test_parameter_names_are_python_paths() -> None:
    model = nn.MLP(3, [4, 2])
    for name, parameter in model.named_parameters():
        path = name.split(".")
        assert path[0] == "layers" and path[2] == "neurons"
        neuron = model.layers[int(path[1])].neurons[int(path[3])]
        assert parameter is (neuron.b if path[4] == "b" else neuron.w[int(path[4][1:])])
        assert parameter.label == name
    assert next(iter(model.named_parameters()))[0] == "layers.0.neurons.0.w0"
    assert [name for name, _ in nn.Neuron(2).named_parameters()] == ["w0", "w1", "b"]


def test_counts_weights_and_biases() -> None:
    model = nn.MLP(3, [4, 2])
    assert model.num_parameters() == (3 + 1) * 4 + (4 + 1) * 2 == len(model.parameters())
    biases = {id(n.b) for layer in model.layers for n in layer.neurons}
    assert len(model.weights()) == 3 * 4 + 4 * 2
    assert not biases & {id(w) for w in model.weights()}
    assert len(set(map(id, model.parameters()))) == model.num_parameters()


def test_parameters_and_weights_are_named_parameters_without_the_names() -> None:
    for module in [nn.Neuron(3), nn.Layer(3, 4), nn.MLP(3, [4, 5, 2]), nn.MLP(1, [1])]:
        named = list(module.named_parameters())
        assert module.parameters() == [parameter for _, parameter in named]  # Values compare by identity
        assert module.weights() == [parameter for name, parameter in named if name.split(".")[-1] != "b"]


class _Scaled(nn.MLP):
    """A subclass with a parameter of its own, listed by its named_parameters alone."""

    def __init__(self) -> None:
        self.scale = Value(2.0)  # first: MLP's __init__ labels every parameter it lists
        super().__init__(2, [3, 1], seed=0)

    def named_parameters(self):  # type: ignore[no-untyped-def]
        yield from super().named_parameters()
        yield "scale.w", self.scale


def test_a_subclass_that_lists_more_parameters_has_them_in_parameters_and_weights() -> None:
    model = _Scaled()
    assert model.parameters()[-1] is model.scale and len(model.parameters()) == 3 * 3 + 4 + 1
    assert model.weights()[-1] is model.scale


def test_calls_return_lists_of_values() -> None:
    for module in [nn.Neuron(2), nn.Layer(2, 3), nn.MLP(2, [3, 1])]:
        outputs = module([0.5, Value(-1.0)])
        assert isinstance(outputs, list)
        assert all(isinstance(v, Value) for v in outputs)
        assert len(outputs) == module.n_out


def test_forward_pass_equals_seed_003_matrices() -> None:
    """z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾) in numpy on to_matrices(), against the model."""
    model = nn.MLP(3, [4, 2], "tanh", output_activation="sigmoid", init=nn.init.normal(0.8), seed=5)
    x = [0.3, -1.1, 0.7]
    shapes = [(np.array(W).shape, np.array(b).shape) for W, b in model.to_matrices()]
    assert shapes == [((4, 3), (4,)), ((2, 4), (2,))]
    (W1, b1), (W2, b2) = (map(np.array, layer) for layer in model.to_matrices())
    expected = 1 / (1 + np.exp(-(W2 @ np.tanh(W1 @ np.array(x) + b1) + b2)))
    np.testing.assert_allclose([v.data for v in model(x)], expected, rtol=1e-14)


def test_wrong_input_length_names_expected_and_actual_sizes() -> None:
    for module in [nn.Neuron(3), nn.Layer(3, 2), nn.MLP(3, [2, 1])]:
        with pytest.raises(ValueError, match=r"expects 3 inputs, got 2"):
            module([1.0, 2.0])
    with pytest.raises(TypeError, match="list of 3 inputs"):
        nn.MLP(3, [1])(1.0)  # type: ignore[arg-type]


def test_reprs() -> None:
    assert repr(nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid")) == "MLP(3 → 3 → 1, sigmoid)"
    assert repr(nn.MLP(2, [16, 16, 1], "relu")) == "MLP(2 → 16 → 16 → 1, relu, output linear)"
    assert repr(nn.Layer(3, 2, "tanh")) == "Layer(3 → 2, tanh)"
    assert repr(nn.Neuron(4)) == "Neuron(4 → 1, sigmoid)"
    assert repr(nn.init.normal(0.01)) == "normal(0.01)"


def test_same_seed_same_model_and_no_global_random_state() -> None:
    state = random.getstate()
    a, b, c = nn.MLP(3, [5, 2], seed=11), nn.MLP(3, [5, 2], seed=11), nn.MLP(3, [5, 2], seed=12)
    assert random.getstate() == state
    assert a.state_dict() == b.state_dict() != c.state_dict()
    rng1, rng2 = random.Random(4), random.Random(4)
    assert nn.Layer(2, 3, rng=rng1).state_dict() == nn.Layer(2, 3, rng=rng2).state_dict()


def test_zero_grad_resets_accumulated_gradients() -> None:
    model = nn.MLP(2, [3, 1])
    model([1.0, 2.0])[0].backward()
    assert any(p.grad != 0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0 for p in model.parameters())


def test_state_dict_round_trip_through_json() -> None:
    source = nn.MLP(3, [4, 2], init=nn.init.normal(1.0), seed=1)
    target = nn.MLP(3, [4, 2], init=nn.init.normal(1.0), seed=2)
    text = json.dumps(source.state_dict())
    target.load_state_dict(json.loads(text))
    assert target.state_dict() == source.state_dict()
    x = [0.1, 0.2, 0.3]
    assert [v.data for v in target(x)] == [v.data for v in source(x)]


def bad_states(model: nn.MLP) -> list[tuple[object, type[Exception], str]]:
    good = model.state_dict()
    first = next(iter(good))
    missing = {k: v for k, v in good.items() if k != first}
    return [
        (missing, ValueError, f"missing 1 entries: {first}"),
        ({**good, "layers.9.neurons.0.b": 1.0}, ValueError, "unexpected 1 entries: 'layers.9.neurons.0.b'"),
        ({**good, first: [1.0, 2.0]}, ValueError, rf"{first} must be a finite number, got \[1.0, 2.0\]"),
        ({**good, first: "0.5"}, ValueError, "must be a finite number, got '0.5'"),
        ({**good, first: math.nan}, ValueError, "must be a finite number, got nan"),
        ({**good, first: math.inf}, ValueError, "must be a finite number, got inf"),
        ({**good, first: True}, ValueError, "must be a finite number, got True"),
        ({**good, first: None}, ValueError, "must be a finite number, got None"),
        ([1.0, 2.0], TypeError, "needs a mapping"),
    ]


@pytest.mark.parametrize("case", range(9))
def test_bad_state_dict_is_refused_and_changes_nothing(case: int) -> None:
    model = nn.MLP(2, [3, 1], seed=3)
    before = model.state_dict()
    state, error, message = bad_states(nn.MLP(2, [3, 1], seed=4))[case]
    with pytest.raises(error, match=message):
        model.load_state_dict(state)  # type: ignore[arg-type]
    assert model.state_dict() == before


def test_bad_state_dict_lists_every_problem() -> None:
    model = nn.MLP(2, [1])
    with pytest.raises(ValueError, match=r"missing 3 entries.*unexpected 1 entries: 'w0'"):
        model.load_state_dict({"w0": 1.0})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: nn.Neuron(0), "n_in must be an integer ≥ 1, got 0"),
        (lambda: nn.Neuron(2.5), "n_in must be an integer"),  # type: ignore[arg-type]
        (lambda: nn.Layer(2, 0), "n_out must be an integer ≥ 1, got 0"),
        (lambda: nn.MLP(2, []), "sizes must be a non-empty list"),
        (lambda: nn.MLP(2, [3, True]), "a layer size must be an integer"),
        (lambda: nn.MLP(2, [1], "swish"), "unknown activation 'swish'"),
        (lambda: nn.MLP(2, [3, 1], output_activation="softmax"), "unknown activation 'softmax'"),
    ],
)
def test_bad_sizes_and_activations_are_refused(make: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()  # type: ignore[operator]
