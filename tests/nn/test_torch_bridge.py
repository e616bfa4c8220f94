"""nn ↔ PyTorch: a model moved across computes the same outputs and gradients in float64 to 1e-12.

The oracle is PyTorch itself (float64): each side runs its own forward and backward pass on its
own copy of the weights, and every number is compared.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from typing import Any

import pytest

import autograd_tiny as at
import nn

torch = pytest.importorskip("torch")

X = [[0.4, -0.8, 1.2], [-1.1, 0.3, 0.6], [0.9, 1.4, -0.2], [0.05, -0.5, -1.3]]
TOLERANCE = {"rel": 1e-12, "abs": 1e-12}


def engine_loss_and_gradients(
    model: nn.MLP, inputs: list[list[float]]
) -> tuple[float, list[float], list[float]]:
    """Σ over the batch of Σₖ (k + 1)·outₖ²: outputs, parameter gradients, input gradients."""
    model.zero_grad()
    leaves = [[at.Value(x) for x in row] for row in inputs]
    loss = at.sum([(k + 1) * out * out for row in leaves for k, out in enumerate(model(row))])
    loss.backward()
    return loss.data, [p.grad for p in model.parameters()], [v.grad for row in leaves for v in row]


def torch_loss_and_gradients(
    sequential: Any, inputs: list[list[float]]
) -> tuple[float, list[float], list[float]]:
    """The same loss in torch, gradients listed in nn's parameter order (each neuron's w, then b)."""
    sequential.zero_grad()
    x = torch.tensor(inputs, dtype=torch.float64, requires_grad=True)
    out = sequential(x)
    weights = torch.arange(1, out.shape[1] + 1, dtype=torch.float64)
    loss = (weights * out * out).sum()
    loss.backward()
    gradients: list[float] = []
    for linear in (m for m in sequential if isinstance(m, torch.nn.Linear)):
        for row, bias in zip(linear.weight.grad.tolist(), linear.bias.grad.tolist(), strict=True):
            gradients.extend([*row, bias])
    return loss.item(), gradients, x.grad.flatten().tolist()


@pytest.mark.parametrize("output_activation", sorted(nn.ACTIVATIONS))
@pytest.mark.parametrize("activation", sorted(nn.ACTIVATIONS))
def test_an_mlp_moved_to_torch_gives_the_same_outputs_and_gradients(
    activation: str, output_activation: str
) -> None:
    model = nn.MLP(3, [5, 4, 2], activation, output_activation, init=nn.init.normal(0.9), seed=7)
    sequential = nn.to_torch(model)
    assert all(p.dtype == torch.float64 for p in sequential.parameters())
    outputs = sequential(torch.tensor(X, dtype=torch.float64)).tolist()
    for row, expected in zip(X, outputs, strict=True):
        assert [v.data for v in model(row)] == pytest.approx(expected, **TOLERANCE)
    ours, theirs = engine_loss_and_gradients(model, X), torch_loss_and_gradients(sequential, X)
    assert ours[0] == pytest.approx(theirs[0], **TOLERANCE)
    assert ours[1] == pytest.approx(theirs[1], **TOLERANCE)  # every weight and bias
    assert ours[2] == pytest.approx(theirs[2], **TOLERANCE)  # every input
    back = nn.from_torch(sequential)
    assert back.state_dict() == model.state_dict()  # float64 both ways: the very same numbers
    assert repr(back) == repr(model)


@pytest.mark.parametrize("activation", ["Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Identity"])
def test_a_torch_sequential_moved_to_nn_gives_the_same_outputs_and_gradients(activation: str) -> None:
    generator = torch.Generator().manual_seed(3)
    layers = [torch.nn.Linear(3, 6), getattr(torch.nn, activation)(), torch.nn.Linear(6, 2), torch.nn.Tanh()]
    if activation == "LeakyReLU":
        layers[1] = torch.nn.LeakyReLU(0.01)
    sequential = torch.nn.Sequential(*layers).double()
    with torch.no_grad():
        for parameter in sequential.parameters():
            parameter.copy_(torch.randn(parameter.shape, generator=generator, dtype=torch.float64))
    model = nn.from_torch(sequential)
    assert model.layers[0].activation == {"Identity": "linear", "LeakyReLU": "leaky_relu"}.get(
        activation, activation.lower()
    )
    ours, theirs = engine_loss_and_gradients(model, X), torch_loss_and_gradients(sequential, X)
    for a, b in zip(ours, theirs, strict=True):
        assert a == pytest.approx(b, **TOLERANCE)


def test_a_single_layer_and_a_neuron_export_too_and_float32_weights_are_read_exactly() -> None:
    layer = nn.Layer(2, 3, "relu", seed=1)
    assert [type(m).__name__ for m in nn.to_torch(layer)] == ["Linear", "ReLU"]
    neuron = nn.Neuron(2, "linear", seed=1)
    assert [type(m).__name__ for m in nn.to_torch(neuron)] == ["Linear"]
    single = torch.nn.Sequential(torch.nn.Linear(2, 1))  # float32, the torch default
    model = nn.from_torch(single)
    assert [p.data for p in model.parameters()] == [
        *single[0].weight.flatten().tolist(),
        single[0].bias.item(),
    ]


@pytest.mark.parametrize(
    ("modules", "message"),
    [
        ([torch.nn.Linear(2, 3, bias=False)], r"module 0 \(Linear.*bias=False\)\) has no bias"),
        ([torch.nn.Tanh(), torch.nn.Linear(2, 3)], r"module 0 \(Tanh\(\)\) does not follow a Linear"),
        ([torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.ReLU()], r"module 2 \(ReLU\(\)\) does not follow"),
        ([torch.nn.Linear(2, 3), torch.nn.Dropout(0.5)], r"module 1 \(Dropout.*cannot be mapped to nn"),
        ([torch.nn.Linear(2, 3), torch.nn.LeakyReLU(0.2)], "leaky_relu has slope 0.01, not 0.2"),
        ([torch.nn.Linear(2, 3), torch.nn.Linear(4, 1)], "takes 4 inputs, but the layer before gives 3"),
        (
            [
                torch.nn.Linear(2, 3),
                torch.nn.Tanh(),
                torch.nn.Linear(3, 3),
                torch.nn.ReLU(),
                torch.nn.Linear(3, 1),
            ],
            "hidden layers use relu and tanh: an nn.MLP has one activation",
        ),
        ([], "the Sequential is empty"),
    ],
)
def test_what_nn_cannot_express_is_named(modules: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        nn.from_torch(torch.nn.Sequential(*modules))


def test_wrong_types_are_refused() -> None:
    with pytest.raises(TypeError, match=r"from_torch needs a torch\.nn\.Sequential"):
        nn.from_torch(torch.nn.Linear(2, 3))
    with pytest.raises(TypeError, match=r"to_torch needs an nn\.MLP, nn\.Layer or nn\.Neuron, got list"):
        nn.to_torch([])  # type: ignore[arg-type]


def test_non_finite_weights_are_refused() -> None:
    sequential = torch.nn.Sequential(torch.nn.Linear(2, 1))
    with torch.no_grad():
        sequential[0].bias.fill_(float("nan"))
    with pytest.raises(ValueError, match="not finite"):
        nn.from_torch(sequential)


def test_importing_nn_does_not_import_torch() -> None:
    code = "import sys, nn; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


class DoubledLinear(torch.nn.Linear):
    """A Linear with its own forward: nn would compute half of its output."""

    def forward(self, x: Any) -> Any:
        return 2 * super().forward(x)


class NegatedSequential(torch.nn.Sequential):
    def forward(self, x: Any) -> Any:
        return -super().forward(x)


class SquaredWeight(torch.nn.Module):
    def forward(self, weight: Any) -> Any:
        return weight * weight


def parametrized_linear() -> Any:
    linear = torch.nn.Linear(3, 1)
    torch.nn.utils.parametrize.register_parametrization(linear, "weight", SquaredWeight())
    return linear


def hooked(module: Any) -> Any:
    module.register_forward_hook(lambda _module, _inputs, output: 2 * output)
    return module


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: [DoubledLinear(3, 1)],
            r"module 0 .* is a .*DoubledLinear, not torch\.nn\.modules\.linear\.Linear",
        ),
        (
            lambda: [torch.nn.LazyLinear(3)],
            r"is a torch\.nn\.modules\.linear\.LazyLinear, not .*Linear itself",
        ),
        (lambda: [parametrized_linear()], r"ParametrizedLinear, not .*Linear itself"),
        (lambda: [hooked(torch.nn.Linear(3, 1))], "module 0 .* has forward hooks"),
        (
            lambda: [torch.nn.Linear(3, 1), hooked(torch.nn.Tanh())],
            r"module 1 \(Tanh\(\)\) has forward hooks",
        ),
        (lambda: [torch.nn.Linear(3, 1, dtype=torch.complex128)], "its weight is torch.complex128"),
        (lambda: [torch.nn.Linear(3, 1, device="meta")], "its weight is on the meta device"),
        (lambda: [torch.nn.Linear(3, 0)], "has 3 inputs and 0 outputs: an nn layer needs at least one"),
        (lambda: [torch.nn.Linear(0, 2)], "has 0 inputs and 2 outputs"),
    ],
)
def test_modules_whose_numbers_nn_cannot_reproduce_are_refused_in_one_line(make: Any, message: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch warns about zero-element and lazy layers
        modules = make()
    with pytest.raises(ValueError, match=message) as refused:
        nn.from_torch(torch.nn.Sequential(*modules))
    assert "\n" not in str(refused.value)


def test_the_subclass_really_computes_something_else() -> None:
    """The oracle for the refusal above: torch's own output, twice what a plain Linear gives."""
    doubled = DoubledLinear(3, 1, dtype=torch.float64)
    plain = torch.nn.Linear(3, 1, dtype=torch.float64)
    plain.load_state_dict(doubled.state_dict())
    x = torch.tensor([X[0]], dtype=torch.float64)
    assert doubled(x).item() == pytest.approx(2 * plain(x).item(), rel=1e-15)
    assert nn.from_torch(torch.nn.Sequential(plain))(X[0])[0].data == pytest.approx(
        plain(x).item(), rel=1e-12
    )


def test_a_sequential_with_its_own_forward_is_refused() -> None:
    with pytest.raises(ValueError, match=r"the Sequential is a .*NegatedSequential, not .*Sequential itself"):
        nn.from_torch(NegatedSequential(torch.nn.Linear(3, 1)))
