"""Pictures the lessons share: activations with their derivatives, a trained model's decision
boundary, a training history and the gradient size per layer.

``plot_activations`` draws f and the engine's f′ (the backpropagation derivation: f′ = f(1 − f) for sigmoid, 1
− f² for tanh; the composite-function tutorial: sigmoid′ ∈ (0, 0.25], tanh′ ∈ (0, 1]). matplotlib comes with
the ``viz`` extra and is imported inside each function, so ``import nn`` never needs it. Every function draws
on ``ax`` (or on a new figure's axes) and returns the axes it drew on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.activations import activation
from nn.model.module import Module
from nn.training.data import check_classes, check_examples
from nn.training.predict import decide, label_of, predict
from nn.training.train import History

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CLASS_COLOURS",
    "plot_activations",
    "plot_decision_boundary",
    "plot_history",
    "plot_layer_gradients",
]

# one colour per class, in the order of the sorted class labels; regions use a paler shade of it
CLASS_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
REGION_ALPHA = 0.3


def _axes(ax: Axes | None) -> Axes:
    """``ax`` itself, or the axes of a new figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=(6, 4.5))
    return new_ax


def plot_activations(
    names: Sequence[str] = ("sigmoid", "tanh", "relu"),
    ax: Axes | None = None,
    low: float = -4,
    high: float = 4,
) -> Axes:
    """Each activation f (solid) and its derivative f′ from the engine's backward pass (dashed).

    Args:
        names: activations known to ``nn.activation``.
        ax: where to draw; a new figure if None.
        low, high: the range of z.

    Raises:
        ValueError: an unknown activation, or ``low`` ≥ ``high``.
    """
    if not low < high:
        raise ValueError(f"plot_activations: need low < high, got {low} and {high}")
    functions = [(name, activation(name)) for name in names]
    ax = _axes(ax)
    zs = [low + (high - low) * k / 400 for k in range(401)]
    for k, (name, f) in enumerate(functions):
        values, slopes = [], []
        for z in zs:
            leaf = Value(z)
            out = f(leaf)
            values.append(out.data)
            slopes.append(at.grad(out, [leaf])[0].data)
        colour = CLASS_COLOURS[k % len(CLASS_COLOURS)]
        ax.plot(zs, values, color=colour, label=f"{name}(z)")
        broken_z, broken_slopes, jumps = _broken_at_jumps(zs, slopes)
        ax.plot(broken_z, broken_slopes, color=colour, linestyle="--", label=f"{name}′(z)")
        for z, before, after in jumps:  # a jump: the engine's value at z (dot), the value after it (circle)
            ax.plot([z], [before], "o", color=colour, markersize=5)
            ax.plot([z], [after], "o", color=colour, markerfacecolor="white", markersize=5)
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set(xlabel="z", ylabel="f(z) and f′(z)", title="Activations (solid) and their derivatives (dashed)")
    ax.set_ylim(-1.2, 1.7)  # where sigmoid, tanh and every slope live; ReLU climbs on off the top
    ax.legend(loc="upper left", fontsize="small", ncol=len(functions))
    return ax


# a derivative that changes by more than this between two neighbouring samples jumps there (ReLU′ at
# 0); the smooth ones change by at most ~0.01 per sample on the default 401-point grid
_JUMP = 0.5


def _broken_at_jumps(
    zs: list[float], slopes: list[float]
) -> tuple[list[float], list[float], list[tuple[float, float, float]]]:
    """``zs`` and ``slopes`` with a gap (nan) wherever the slope jumps, so no vertical segment is drawn
    where the derivative has none, and each jump as (z, the slope there, the slope just after)."""
    broken_z, broken_slopes, jumps = [zs[0]], [slopes[0]], []
    for k in range(1, len(zs)):
        if abs(slopes[k] - slopes[k - 1]) > _JUMP:
            broken_z.append(float("nan"))
            broken_slopes.append(float("nan"))
            jumps.append((zs[k - 1], slopes[k - 1], slopes[k]))
        broken_z.append(zs[k])
        broken_slopes.append(slopes[k])
    return broken_z, broken_slopes, jumps


def plot_decision_boundary(
    model: Module,
    X: Sequence[Sequence[float]],
    y: Sequence[Any],
    ax: Axes | None = None,
    resolution: int = 200,
    margin: float = 0.5,
) -> Axes:
    """The class ``nn.predict`` gives at every point of a grid, shaded, with the data on top.

    A region and the points of the same class share a colour (paler for the region), so a point on
    the wrong colour is misclassified.

    Args:
        model: a network with two inputs.
        X: the examples, each [x₁, x₂].
        y: their labels (class indices, 0/1, ±1 or one-hot vectors).
        ax: where to draw; a new figure if None.
        resolution: grid points along each axis (200: a boundary that looks smooth; the grid is
            predicted in one batch, replayed from a tape of the model).
        margin: how far the grid reaches beyond the data.

    Raises:
        ValueError: the model does not take two inputs, X and y differ in length or are empty, or
            there are more classes than colours.
    """
    if model.n_in != 2:
        raise ValueError(
            f"plot_decision_boundary: the model must take 2 inputs, {model!r} takes {model.n_in}"
        )
    X = check_examples(X, 2, "plot_decision_boundary", model=repr(model))
    y = check_classes(y, len(X), "plot_decision_boundary")
    if resolution < 2:
        raise ValueError(f"plot_decision_boundary: resolution must be ≥ 2, got {resolution}")
    import numpy as np
    from matplotlib.colors import ListedColormap, to_rgba

    labels = [label_of(target) for target in y]
    xs = np.linspace(min(x[0] for x in X) - margin, max(x[0] for x in X) + margin, resolution)
    ys = np.linspace(min(x[1] for x in X) - margin, max(x[1] for x in X) + margin, resolution)
    grid = [[float(u), float(v)] for v in ys for u in xs]
    predicted = _predict_grid(model, grid)
    classes = sorted(set(labels) | set(predicted))
    if len(classes) > len(CLASS_COLOURS):
        raise ValueError(f"plot_decision_boundary: {len(classes)} classes, at most {len(CLASS_COLOURS)}")
    index = {label: k for k, label in enumerate(classes)}
    colours = CLASS_COLOURS[: len(classes)]
    regions = np.array([index[p] for p in predicted]).reshape(resolution, resolution)
    pale = ListedColormap([to_rgba(c, REGION_ALPHA) for c in colours])
    ax = _axes(ax)
    ax.pcolormesh(xs, ys, regions, cmap=pale, vmin=-0.5, vmax=len(classes) - 0.5, shading="nearest")
    for label in classes:
        points = [x for x, target in zip(X, labels, strict=True) if target == label]
        if points:
            ax.scatter(
                [p[0] for p in points], [p[1] for p in points], color=colours[index[label]],
                edgecolor="black", linewidth=0.5, s=25, label=f"class {label:g}",
            )  # fmt: skip
    ax.set(xlabel="x₁", ylabel="x₂", title=f"Decision regions of {model!r}")
    ax.legend(loc="best", fontsize="small")
    return ax


def _predict_grid(model: Module, grid: list[list[float]]) -> list[int]:
    """``predict(model, grid)``, with the model recorded once and replayed on the whole grid; a model
    whose recorded branches do not hold everywhere is predicted point by point instead."""
    import numpy as np

    tape = at.record(lambda *x: model(list(x)), grid[0])
    try:
        outputs = tape.forward(list(np.array(grid).T))
    except at.BranchChangedError:
        return predict(model, grid)
    rows = np.array(outputs if isinstance(outputs, tuple) else [outputs])
    return [decide(list(column), model.output_activation) for column in rows.T]


def plot_history(history: History, ax: Axes | None = None, log_loss: bool = False) -> Axes:
    """The loss per epoch on ``ax`` and the accuracy per epoch on a second y axis to its right.

    Args:
        history: what ``nn.fit`` returned.
        ax: where to draw the loss; a new figure if None.
        log_loss: a logarithmic loss axis (every loss must then be > 0).

    Raises:
        ValueError: the history is empty, or ``log_loss`` with a loss ≤ 0.
    """
    if not history.loss:
        raise ValueError("plot_history: the history has no epochs")
    if log_loss and min(history.loss) <= 0:
        raise ValueError("plot_history: a logarithmic loss axis needs every loss > 0")
    from matplotlib.ticker import MaxNLocator

    ax = _axes(ax)
    epochs = range(1, len(history.loss) + 1)
    lines = ax.plot(epochs, history.loss, color=CLASS_COLOURS[0], marker=".", label="loss")
    ax.set(xlabel="epoch", ylabel="loss", title="Training history", yscale="log" if log_loss else "linear")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.label.set_color(CLASS_COLOURS[0])
    if history.accuracy:
        right = ax.twinx()
        lines += right.plot(epochs, history.accuracy, color=CLASS_COLOURS[1], marker=".", label="accuracy")
        right.set(ylabel="accuracy", ylim=(0, 1.02))
        right.yaxis.label.set_color(CLASS_COLOURS[1])
    ax.legend(lines, [str(line.get_label()) for line in lines], loc="center right")
    return ax


def plot_layer_gradients(
    sizes: Mapping[str, Sequence[float]], ax: Axes | None = None, title: str = "Gradient size per layer"
) -> Axes:
    """One line per network: layer 1 (next to the input) … L on x, gradient size on a log y axis.

    The legend sits beside the axes, so that it never hides a line: save the figure with
    ``bbox_inches="tight"`` (Jupyter's inline display does that already).

    Args:
        sizes: for each curve's name, one positive number per layer (e.g. the mean |∂J/∂W⁽ˡ⁾|).
        ax: where to draw; a new figure if None.
        title: the axes' title.

    Raises:
        ValueError: no curves, or a size that is not > 0 (a log axis cannot show it).
    """
    if not sizes:
        raise ValueError("plot_layer_gradients: nothing to plot")
    for name, values in sizes.items():
        if not values or min(values) <= 0:
            raise ValueError(f"plot_layer_gradients: {name!r} needs one size > 0 per layer, got {values!r}")
    ax = _axes(ax)
    for k, (name, values) in enumerate(sizes.items()):
        layers = range(1, len(values) + 1)
        ax.plot(layers, values, color=CLASS_COLOURS[k % len(CLASS_COLOURS)], marker="o", label=name)
    ax.set(xlabel="layer l (1 = next to the input)", ylabel="gradient size", title=title, yscale="log")
    ax.set_xticks(range(1, max(len(values) for values in sizes.values()) + 1))
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))  # beside the axes: no line hidden
    return ax
