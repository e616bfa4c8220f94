"""nn.plots draws with the Agg backend: real PNG files, and pictures that show the model's own numbers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest

import nn
from nn.views.plots import CLASS_COLOURS, REGION_ALPHA

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # after choosing the backend
from matplotlib.colors import to_rgb

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield
    plt.close("all")


def save_png(ax: matplotlib.axes.Axes, path: Path) -> None:
    ax.figure.savefig(path)
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    assert plt.imread(path).shape[0] > 100  # decodes to a real picture


def half_plane(sign: float) -> nn.Neuron:
    """A linear unit with score sign·x₁: predict gives +1 where sign·x₁ > 0, else −1."""
    neuron = nn.Neuron(2, "linear")
    neuron.load_state_dict({"w0": sign, "w1": 0.0, "b": 0.0})
    return neuron


def pixel(ax: matplotlib.axes.Axes, x: float, y: float) -> np.ndarray:
    """The RGB colour drawn at data point (x, y)."""
    canvas = ax.figure.canvas
    canvas.draw()
    image = np.asarray(canvas.buffer_rgba())  # type: ignore[attr-defined]
    column, row = ax.transData.transform((x, y))
    return image[image.shape[0] - 1 - round(row), round(column), :3] / 255


def region_colour(k: int) -> np.ndarray:
    """Class k's pale region colour over the white figure."""
    return REGION_ALPHA * np.array(to_rgb(CLASS_COLOURS[k])) + (1 - REGION_ALPHA) * np.ones(3)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_decision_regions_take_the_colour_of_the_predicted_class(sign: float, tmp_path: Path) -> None:
    model = half_plane(sign)
    X, y = [[-1.0, 1.0], [1.0, -1.0]], [-1, 1]
    ax = nn.plots.plot_decision_boundary(model, X, y, resolution=40)
    save_png(ax, tmp_path / "boundary.png")
    for point in ([-0.7, -0.3], [-0.4, 0.4], [0.6, 0.3], [0.4, -0.5]):  # away from the legend
        (predicted,) = nn.predict(model, [point])
        expected = region_colour(0 if predicted == -1 else 1)  # classes sorted: −1 then +1
        np.testing.assert_allclose(pixel(ax, *point), expected, atol=2 / 255)
    assert nn.predict(model, [[-1.3, 0.0]]) != nn.predict(model, [[1.3, 0.0]])


def test_decision_regions_hold_the_predictions_of_every_grid_point() -> None:
    model = nn.MLP(2, [4, 3], "tanh", seed=2)  # three classes
    X, y = nn.datasets.make_spiral(30, n_classes=3, seed=0)
    ax = nn.plots.plot_decision_boundary(model, X, y, resolution=7)
    (mesh,) = ax.collections[:1]
    xs = np.linspace(min(x[0] for x in X) - 0.5, max(x[0] for x in X) + 0.5, 7)
    ys = np.linspace(min(x[1] for x in X) - 0.5, max(x[1] for x in X) + 0.5, 7)
    expected = nn.predict(model, [[float(u), float(v)] for v in ys for u in xs])
    assert list(np.asarray(mesh.get_array()).ravel()) == expected  # classes 0, 1, 2 are indices 0, 1, 2
    assert len(set(expected)) > 1


def test_decision_boundary_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="must take 2 inputs"):
        nn.plots.plot_decision_boundary(nn.MLP(3, [1]), [[0.0, 0.0, 0.0]], [1])
    with pytest.raises(ValueError, match="2 examples and 1 labels"):
        nn.plots.plot_decision_boundary(half_plane(1.0), [[0.0, 0.0], [1.0, 1.0]], [1])


def test_history_draws_the_loss_and_the_accuracy_of_every_epoch(tmp_path: Path) -> None:
    history = nn.History(loss=[0.9, 0.5, 0.2], accuracy=[0.5, 0.75, 1.0])
    ax = nn.plots.plot_history(history, log_loss=True)
    save_png(ax, tmp_path / "history.png")
    (loss_line,) = ax.get_lines()
    assert list(loss_line.get_ydata()) == history.loss
    assert ax.get_yscale() == "log"
    (right,) = (other for other in ax.figure.axes if other is not ax)
    assert list(right.get_lines()[0].get_ydata()) == history.accuracy
    with pytest.raises(ValueError, match="every loss > 0"):
        nn.plots.plot_history(nn.History(loss=[1.0, 0.0], accuracy=[0.5, 1.0]), log_loss=True)
    with pytest.raises(ValueError, match="no epochs"):
        nn.plots.plot_history(nn.History())


def test_activation_derivatives_are_the_seed_000_closed_forms(tmp_path: Path) -> None:
    ax = nn.plots.plot_activations(["sigmoid", "tanh", "relu"], low=-4, high=4)
    save_png(ax, tmp_path / "activations.png")
    lines = {line.get_label(): line for line in ax.get_lines()}
    z = np.asarray(lines["sigmoid(z)"].get_xdata())
    sigmoid = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(lines["sigmoid′(z)"].get_ydata(), sigmoid * (1 - sigmoid), atol=1e-12)
    np.testing.assert_allclose(lines["tanh′(z)"].get_ydata(), 1 - np.tanh(z) ** 2, atol=1e-12)
    relu_z = np.asarray(lines["relu′(z)"].get_xdata())
    relu_slope = np.asarray(lines["relu′(z)"].get_ydata())
    drawn = ~np.isnan(relu_z)
    np.testing.assert_array_equal(relu_slope[drawn], (relu_z[drawn] > 0).astype(float))
    assert np.isnan(relu_slope).sum() == 1  # one gap at the jump: no vertical segment at z = 0
    steps = np.abs(np.diff(relu_slope))
    assert np.nanmax(steps) == 0  # each piece is flat: 0 on the left, 1 on the right
    with pytest.raises(ValueError, match="unknown activation"):
        nn.plots.plot_activations(["softplus"])


def test_layer_gradients_use_a_log_axis_and_refuse_zero(tmp_path: Path) -> None:
    sizes = {"sigmoid": [1e-6, 1e-4, 1e-2], "relu": [0.1, 0.2, 0.3]}
    ax = nn.plots.plot_layer_gradients(sizes)
    save_png(ax, tmp_path / "layers.png")
    assert ax.get_yscale() == "log"
    assert [list(line.get_ydata()) for line in ax.get_lines()] == list(sizes.values())
    with pytest.raises(ValueError, match="'relu' needs one size > 0"):
        nn.plots.plot_layer_gradients({"relu": [0.0, 1.0]})


def test_importing_nn_does_not_import_matplotlib() -> None:
    code = "import sys, nn; nn.plots; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_decision_grid_replayed_on_a_tape_predicts_as_predict_does() -> None:
    import random

    from nn.training.predict import predict
    from nn.views.plots import _predict_grid

    rng = random.Random(0)
    grid = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(300)]
    for model in (nn.MLP(2, [5, 1], "relu", seed=2), nn.MLP(2, [4, 3], "tanh", seed=3)):
        assert _predict_grid(model, grid) == predict(model, grid)
