"""The bridge out to PyTorch: an ``nn`` network as a ``torch.nn.Sequential`` and back, same numbers.

The matrix tutorial's layer z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾) is ``torch.nn.Linear`` (its
``weight`` is W, one row per neuron, as ``to_matrices`` gives it) followed by the activation's
module. Weights cross as float64, so both sides compute the same outputs and gradients to rounding.
torch is an optional extra (``pip install 'autograd-tiny[torch]'``), imported only inside these
functions: ``import nn`` never loads it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, cast

from nn.model.activations import LEAKY_SLOPE
from nn.model.init import constant
from nn.model.layers import MLP, Layer
from nn.model.module import LayerMatrices
from nn.model.neuron import Neuron

if TYPE_CHECKING:
    import torch
    from torch.nn import Sequential

__all__ = ["from_torch", "to_torch"]

_MODULES = {"sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "ReLU", "leaky_relu": "LeakyReLU"}
_CAN_MAP = (
    "torch.nn.Linear (with a bias), each followed by at most one of Sigmoid, Tanh, ReLU, "
    f"LeakyReLU({LEAKY_SLOPE}) or Identity"
)


def to_torch(model: MLP | Layer | Neuron) -> torch.nn.Sequential:
    """The network as a ``torch.nn.Sequential`` of float64 ``Linear`` layers and activations.

    Each layer becomes ``Linear(n_in, n_out)`` with ``weight`` = W (one row per neuron) and
    ``bias`` = b, then its activation (``Sigmoid``, ``Tanh``, ``ReLU``, ``LeakyReLU(0.01)``; none
    for ``linear``). The torch model computes the same outputs as ``model`` to rounding; it is a
    copy: training one does not move the other.

    Args:
        model: an ``nn.MLP``, ``nn.Layer`` or ``nn.Neuron``.

    Returns:
        The ``torch.nn.Sequential``.

    Raises:
        TypeError: ``model`` is not an MLP, a Layer or a Neuron.
        ModuleNotFoundError: torch is not installed (the message says how to install it).
    """
    torch = _import_torch("to_torch")
    if isinstance(model, MLP):
        layers = [(layer.to_matrices()[0], layer.activation) for layer in model.layers]
    elif isinstance(model, (Layer, Neuron)):
        layers = [(model.to_matrices()[0], model.activation)]
    else:
        raise TypeError(f"to_torch needs an nn.MLP, nn.Layer or nn.Neuron, got {type(model).__name__}")
    modules: list[Any] = []
    for matrices, activation in layers:
        linear = torch.nn.Linear(len(matrices.W[0]), len(matrices.W), dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(matrices.W, dtype=torch.float64))
            linear.bias.copy_(torch.tensor(matrices.b, dtype=torch.float64))
        modules.append(linear)
        if activation == "leaky_relu":
            modules.append(torch.nn.LeakyReLU(LEAKY_SLOPE))
        elif activation != "linear":
            modules.append(getattr(torch.nn, _MODULES[activation])())
    return cast("Sequential", torch.nn.Sequential(*modules))


def from_torch(sequential: torch.nn.Sequential) -> MLP:
    """An ``nn.MLP`` with the weights of a ``torch.nn.Sequential`` that ``nn`` can express.

    That is ``Linear`` layers with a bias, each followed by at most one activation: ``Sigmoid``,
    ``Tanh``, ``ReLU``, ``LeakyReLU(0.01)``, or ``Identity``/nothing for a linear layer. The hidden
    layers share one activation (an ``nn.MLP`` has one); the last layer may have its own.
    Weights of any float dtype are read as float64.

    Args:
        sequential: the torch model.

    Returns:
        The ``nn.MLP``, computing the same outputs to rounding.

    Raises:
        TypeError: ``sequential`` is not a ``torch.nn.Sequential``.
        ValueError: a module cannot be mapped; the message names it, its position and why: a
            subclass or forward hooks (its output may differ), weights that are complex or on the
            meta device, a layer with no inputs or no outputs.
        ModuleNotFoundError: torch is not installed.
    """
    torch = _import_torch("from_torch")
    if not isinstance(sequential, torch.nn.Sequential):
        raise TypeError(
            f"from_torch needs a torch.nn.Sequential of {_CAN_MAP}, got {type(sequential).__name__}"
        )
    _refuse_own_forward(torch, sequential, "from_torch: the Sequential", torch.nn.Sequential)
    layers: list[tuple[LayerMatrices, str]] = []
    for position, module in enumerate(sequential):
        where = f"from_torch: module {position} ({_describe(module)})"
        if isinstance(module, torch.nn.Linear):
            _refuse_own_forward(torch, module, where, torch.nn.Linear)
            if module.bias is None:
                raise ValueError(f"{where} has no bias: nn's neurons always have one")
            if layers and module.in_features != len(layers[-1][0].W):
                outputs = len(layers[-1][0].W)
                raise ValueError(
                    f"{where} takes {module.in_features} inputs, but the layer before gives {outputs}"
                )
            layers.append((_linear_matrices(torch, module, where), "linear"))
            continue
        activation = _activation_name(torch, module, where)
        if not layers or _follows_activation(sequential, position, torch):
            raise ValueError(f"{where} does not follow a Linear layer: nn applies one activation after each")
        if activation != "linear":
            layers[-1] = (layers[-1][0], activation)
    if not layers:
        raise ValueError(f"from_torch: the Sequential is empty; nn can map {_CAN_MAP}")
    hidden = sorted({activation for _, activation in layers[:-1]})
    if len(hidden) > 1:
        raise ValueError(
            f"from_torch: the hidden layers use {' and '.join(hidden)}: an nn.MLP has one activation for "
            "all hidden layers (only the last layer may differ)"
        )
    sizes = [len(matrices.W) for matrices, _ in layers]
    model = MLP(len(layers[0][0].W[0]), sizes, hidden[0] if hidden else "tanh", layers[-1][1],
                init=constant(0.0))  # fmt: skip
    model.load_state_dict(
        {
            f"layers.{k}.neurons.{i}.{name}": number
            for k, (matrices, _) in enumerate(layers)
            for i, (row, bias) in enumerate(zip(matrices.W, matrices.b, strict=True))
            for name, number in [*((f"w{j}", w) for j, w in enumerate(row)), ("b", bias)]
        }
    )
    return model


def _linear_matrices(torch: Any, linear: Any, where: str) -> LayerMatrices:
    """W and b of a ``torch.nn.Linear`` as float64 lists; a clear error for what has no real numbers."""
    if min(linear.in_features, linear.out_features) < 1:
        raise ValueError(
            f"{where} has {linear.in_features} inputs and {linear.out_features} outputs: "
            "an nn layer needs at least one of each"
        )
    for name, tensor in (("weight", linear.weight), ("bias", linear.bias)):
        if tensor.is_meta:
            raise ValueError(
                f"{where}: its {name} is on the meta device, which holds no numbers: "
                "load or initialise the weights first (e.g. module.to_empty(device='cpu') and a state dict)"
            )
        if tensor.is_complex() or not tensor.is_floating_point():
            raise ValueError(f"{where}: its {name} is {tensor.dtype}; nn's weights are real floats")
    W = linear.weight.detach().to("cpu", torch.float64).tolist()
    b = linear.bias.detach().to("cpu", torch.float64).tolist()
    if not all(math.isfinite(x) for x in [*b, *(w for row in W for w in row)]):
        raise ValueError(f"{where} has a weight or bias that is not finite")
    return LayerMatrices(W, b)


def _refuse_own_forward(torch: Any, module: Any, where: str, exact: Any) -> None:
    """Refuse a module whose output may not be what ``exact``, the torch class nn maps, computes: a
    subclass (its own ``forward``, a parametrization, a lazy layer) or one with forward hooks."""
    kind = type(module)
    if kind is not exact:
        raise ValueError(
            f"{where} is a {kind.__module__}.{kind.__qualname__}, not {exact.__module__}.{exact.__name__} "
            f"itself: its forward may compute something else, so nn cannot map it (nn can map {_CAN_MAP})"
        )
    if module._forward_hooks or module._forward_pre_hooks:
        raise ValueError(f"{where} has forward hooks, which change its output: nn cannot map them")


def _describe(module: Any) -> str:
    """The module's repr, cut to 80 characters (a subclass may print anything, or fail to)."""
    try:
        text = repr(module)
    except Exception:  # a module of the user's own whose __repr__ fails: its class names it
        text = type(module).__name__
    text = " ".join(text.split())  # one line: a module's repr can span several
    return text if len(text) <= 80 else f"{text[:77]}..."


def _activation_name(torch: Any, module: Any, where: str) -> str:
    """The nn name of an activation module; a clear error for anything nn has no counterpart of."""
    kinds = {
        torch.nn.Identity: "linear",
        **{getattr(torch.nn, kind): name for name, kind in _MODULES.items()},
    }
    exact = next((kind for kind in kinds if isinstance(module, kind)), None)
    if exact is None:
        raise ValueError(f"{where} cannot be mapped to nn, which has {_CAN_MAP}")
    _refuse_own_forward(torch, module, where, exact)
    if exact is torch.nn.LeakyReLU and module.negative_slope != LEAKY_SLOPE:
        raise ValueError(f"{where}: nn's leaky_relu has slope {LEAKY_SLOPE}, not {module.negative_slope}")
    return kinds[exact]


def _follows_activation(sequential: Any, position: int, torch: Any) -> bool:
    """True if the module before ``position`` is an activation (two activations in a row)."""
    return position > 0 and not isinstance(sequential[position - 1], torch.nn.Linear)


def _import_torch(what: str) -> Any:
    try:
        import torch  # the optional extra: loaded only when a model crosses the bridge
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            f"{what} needs PyTorch: pip install 'autograd-tiny[torch]' (torch 2.13.0)"
        ) from None
    return torch
