"""Part 2 of ``autograd-tiny demo``: an MLP trained on two moons by gradient descent in batches,
each step accumulating ΔW := ΔW + ∇W J over its examples as the backpropagation derivation does.

matplotlib (an optional extra) is imported by the function that draws, so a missing matplotlib
only costs the pictures.
"""

from __future__ import annotations

from pathlib import Path

import nn
from nn import MLP, History

__all__ = ["VIZ_HINT", "train_moons", "write_plots"]

VIZ_HINT = "pip install 'autograd-tiny[viz]'"


def train_moons(progress: bool = True) -> tuple[MLP, list[list[float]], list[int], History]:
    """micrograd's demo with ``nn``: 100 moons points, MLP(2 → 8 → 8 → 1), hinge loss, Adam.

    The configuration is that of ``tests/nn/test_nn_train.py``'s moons test and notebook 06, which
    reach a training accuracy of 1.0.

    Args:
        progress: show ``nn.fit``'s progress bar (on stderr).

    Returns:
        The trained model, the points, their labels (−1 or +1) and the training history.
    """
    X, labels = nn.datasets.make_moons(100, noise=0.1, seed=0)
    y = [2 * label - 1 for label in labels]  # the hinge loss wants −1 / +1
    model = nn.MLP(2, [8, 8, 1], "relu", init=nn.init.he(), seed=1)
    print(f"2. Training {model!r}, {model.num_parameters()} parameters, on {len(X)} two-moons points")
    print("   hinge loss + L2 1e-4, Adam lr 0.05, batches of 10, 40 epochs", flush=True)  # before the bar
    history = nn.fit(
        model, X, y, loss="hinge", optimizer=nn.Adam(model.parameters(), lr=0.05),
        epochs=40, batch_size=10, l2=1e-4, seed=0, progress=progress,
    )  # fmt: skip
    right = round(nn.accuracy(model, X, y) * len(X))
    print(f"   loss {history.loss[0]:.4g} → {history.loss[-1]:.4g}")
    print(f"   training accuracy {right / len(X):.3f} ({right}/{len(X)} points)")
    return model, X, y, history


def write_plots(
    model: MLP, X: list[list[float]], y: list[int], history: History, out: Path
) -> list[tuple[Path, str]]:
    """The decision regions and the training history as PNG files in ``out``; with no matplotlib, say so.

    Returns:
        The files written with what each shows; none without matplotlib.
    """
    try:
        from matplotlib.figure import Figure  # no pyplot: no display and no global state needed
    except ImportError:
        print(f"   no pictures of the training: matplotlib is not installed ({VIZ_HINT})")
        return []
    regions, boundary = Figure(figsize=(6, 4.5)), out / "moons_decision_boundary.png"
    axes = nn.plots.plot_decision_boundary(model, X, y, ax=regions.subplots())
    right = f"training accuracy {nn.accuracy(model, X, y):.0%} on {len(X)} points"
    axes.set_title(f"Two moons: decision regions of {model!r}\n{right}", fontsize="medium")
    regions.savefig(boundary, dpi=100, bbox_inches="tight")
    curves, loss = Figure(figsize=(6, 4)), out / "moons_loss.png"
    axes = nn.plots.plot_history(history, ax=curves.subplots())
    axes.set_title(f"Training {model!r}: loss and accuracy per epoch", fontsize="medium")
    curves.savefig(loss, dpi=100, bbox_inches="tight")
    return [(boundary, "decision regions of the trained MLP"), (loss, "loss and accuracy per epoch")]
