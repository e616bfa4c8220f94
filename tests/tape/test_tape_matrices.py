"""The tape finds the matrices: layers replayed as z = Wa + b; near-misses replayed one operation at a time.

Every case is checked three ways: against the Value graph run on each example, against the same tape
recorded without matrices (one numpy call per operation level), and, for a layer, against the
matrix tutorial's formulas written with numpy (z = Wa + b, ∂L/∂W = δaᵀ, ∂L/∂a = Wᵀδ).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Constant, Value
from autograd_tiny.tape.matrix_replay import MatrixGroup

BATCH = np.array([[0.5, -1.0, 0.3], [1.5, 0.25, -0.7], [-0.3, 0.8, 1.1], [2.0, -1.2, 0.4]])  # 4 examples


def _matrix_shapes(tape: at.Tape) -> list[tuple[int, int, int]]:
    return [g.shape for g in tape._program.groups if isinstance(g, MatrixGroup)]


def _replay(
    tape: at.Tape, parameters: Sequence[Value]
) -> tuple[np.ndarray, tuple[np.ndarray, ...], np.ndarray]:
    """Outputs, input gradients and Σ over the batch of parameter gradients of a batched replay."""
    at.zero_grad(parameters)
    outputs = tape.forward(list(BATCH.T[: tape.n_inputs]))
    seeds = (
        1.0
        if isinstance(outputs, np.ndarray)
        else [np.full(len(BATCH), k + 1.0) for k in range(len(outputs))]
    )
    inputs = tape.backward(seeds)
    return np.array(outputs), inputs, np.array([p.grad for p in parameters])


def _engine(
    fn: Callable[..., Value | list[Value]], parameters: Sequence[Value], n_inputs: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same on one Value graph per example (seed k + 1 on output k)."""
    at.zero_grad(parameters)
    outputs, gradients = [], []
    for row in BATCH:
        xs = [Value(float(v)) for v in row[:n_inputs]]
        result = fn(*xs)
        results = [result] if isinstance(result, Value) else list(result)
        at.sum([r * float(k + 1) for k, r in enumerate(results)]).backward()
        outputs.append([r.data for r in results])
        gradients.append([x.grad for x in xs])
    single = np.array(outputs).T
    return (
        (single[0] if len(single) == 1 else single),
        np.array(gradients).T,
        np.array([p.grad for p in parameters]),
    )


def _agree(fn: Callable[..., Value | list[Value]], parameters: Sequence[Value], n_inputs: int) -> at.Tape:
    """Check the tape (with and without matrices) against the engine to 1e−12; return the tape."""
    tape = at.record(fn, BATCH[0][:n_inputs])
    plain = at.record(fn, BATCH[0][:n_inputs], matrices=False)
    assert not _matrix_shapes(plain)
    want_out, want_in, want_parameters = _engine(fn, parameters, n_inputs)
    for found in (_replay(tape, parameters), _replay(plain, parameters)):
        np.testing.assert_allclose(found[0], want_out, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(np.array(found[1]), want_in, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(found[2], want_parameters, rtol=1e-12, atol=1e-14)
    return tape


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_every_layer_of_an_mlp_is_one_matrix_product(activation: str) -> None:
    model = nn.MLP(3, [5, 4, 2], activation, init=nn.init.normal(0.8), seed=1)
    tape = _agree(lambda *x: model(list(x)), model.parameters(), 3)
    assert _matrix_shapes(tape) == [(5, 3, 1), (4, 5, 1), (2, 4, 1)]  # (m, n, k): W⁽ˡ⁾ is m×n
    assert len(tape) == len(at.record(lambda *x: model(list(x)), BATCH[0], matrices=False))


def test_a_layer_matches_the_matrix_tutorials_formulas() -> None:
    """z = Wa + b; for L = Σⱼ cⱼzⱼ: δ = c, ∂L/∂W = Σ over the batch of δaᵀ, ∂L/∂b = Σ δ, ∂L/∂a = Wᵀδ."""
    layer = nn.Layer(3, 2, "linear", init=nn.init.normal(1.0), seed=4)
    tape = at.record(lambda *x: layer(list(x)), BATCH[0])
    W = np.array([[w.data for w in n.w] for n in layer.neurons])
    b = np.array([n.b.data for n in layer.neurons])
    at.zero_grad(layer.parameters())
    z = tape.forward(list(BATCH.T))
    np.testing.assert_allclose(np.array(z), W @ BATCH.T + b[:, None], rtol=1e-13)
    delta = np.array([[1.0], [2.0]]) * np.ones(len(BATCH))  # seeds c = (1, 2) for every example
    inputs = tape.backward(list(delta))
    np.testing.assert_allclose(np.array(inputs), W.T @ delta, rtol=1e-13)
    grad_w = np.array([[w.grad for w in n.w] for n in layer.neurons])
    np.testing.assert_allclose(grad_w, delta @ BATCH, rtol=1e-13)
    np.testing.assert_allclose([n.b.grad for n in layer.neurons], delta.sum(axis=1), rtol=1e-13)


def test_copies_of_a_layer_in_one_graph_are_the_columns_of_one_product() -> None:
    """A model applied to several rows inside the recorded function: one W, A with a column per row."""
    model = nn.MLP(2, [3, 1], "tanh", seed=3)
    rows = [[0.3, -0.2], [1.0, 0.5], [-0.4, 0.9]]
    tape = _agree(lambda a: at.sum([model([a * r[0], r[1]])[0] for r in rows]), model.parameters(), 1)
    assert _matrix_shapes(tape) == [(3, 2, 3), (1, 3, 3)]


def _near_miss(
    build: Callable[[Value, Value, Value, list[Value]], list[Value]],
) -> tuple[Callable[..., list[Value]], list[Value]]:
    parameters = [Value(0.1 * k - 0.35, f"p{k}") for k in range(8)]
    return (lambda x1, x2, x3: build(x1, x2, x3, parameters)), parameters


NEAR_MISSES: dict[
    str, tuple[Callable[[Value, Value, Value, list[Value]], list[Value]], list[tuple[int, int, int]]]
] = {
    # name: (two or three neurons over x1, x2, x3, the matrix products that may be found)
    "a missing term": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], p[1] * x1, p[2] * x2, p[3] * x3]),
            at.sum([p[4], p[5] * x1, p[6] * x2]),
        ],
        [(1, 3, 1), (1, 2, 1)],  # different inputs: two products of one row
    ),
    "a weight shared within a row": (
        lambda x1, x2, x3, p: [at.sum([p[0], p[1] * x1, p[1] * x2]), at.sum([p[2], p[3] * x1, p[4] * x2])],
        [(2, 2, 1)],
    ),
    "a weight shared by two rows": (
        lambda x1, x2, x3, p: [at.sum([p[0], p[1] * x1, p[2] * x2]), at.sum([p[3], p[1] * x1, p[4] * x2])],
        [(2, 2, 1)],
    ),
    "a constant weight": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], Constant(0.7) * x1, p[2] * x2]),
            at.sum([p[3], p[4] * x1, p[5] * x2]),
        ],
        [(1, 2, 1)],
    ),
    "a weight that is not a leaf": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], (p[1] * 2.0) * x1, p[2] * x2]),
            at.sum([p[3], p[4] * x1, p[5] * x2]),
        ],
        [(1, 2, 1)],
    ),
    "inputs in a different order": (
        lambda x1, x2, x3, p: [at.sum([p[0], p[1] * x1, p[2] * x2]), at.sum([p[3], p[4] * x2, p[5] * x1])],
        [(1, 2, 1), (1, 2, 1)],
    ),
    "an extra term that is not a product": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], p[1] * x1, p[2] * x2, x3]),
            at.sum([p[3], p[4] * x1, p[5] * x2]),
        ],
        [(1, 2, 1)],
    ),
    "two biases": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], p[6], p[1] * x1, p[2] * x2]),
            at.sum([p[3], p[4] * x1, p[5] * x2]),
        ],
        [(1, 2, 1)],
    ),
    "a product used twice": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], (q := p[1] * x1), p[2] * x2]),
            at.sum([p[3], p[4] * x1, p[5] * x2]) * q,
        ],
        [(1, 2, 1)],
    ),
    "an input that is a parameter": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], p[1] * p[7], p[2] * x2]),
            at.sum([p[3], p[4] * p[7], p[5] * x2]),
        ],
        [(2, 2, 1)],
    ),
    "one layer applied twice": (
        lambda x1, x2, x3, p: (lambda layer: layer(layer([x1, x2])))(
            lambda v: [at.sum([p[0], p[1] * v[0], p[2] * v[1]]), at.sum([p[3], p[4] * v[0], p[5] * v[1]])]
        ),
        [(2, 2, 1), (2, 2, 1)],  # the same W and b in two products: each adds to their gradient
    ),
    "a weight read on its own too": (
        lambda x1, x2, x3, p: [
            at.sum([p[0], p[1] * x1, p[2] * x2]),
            at.sum([p[3], p[4] * x1, p[5] * x2]),
            p[1] * 3.0 + p[3],  # p1 and p3 are read from their rows as well as by the product
        ],
        [(2, 2, 1)],
    ),
    "no bias, and a bias": (
        lambda x1, x2, x3, p: [at.sum([p[1] * x1, p[2] * x2]), at.sum([p[3], p[4] * x1, p[5] * x2])],
        [(1, 2, 1), (1, 2, 1)],
    ),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_are_replayed_correctly(name: str) -> None:
    build, shapes = NEAR_MISSES[name]
    fn, parameters = _near_miss(build)
    tape = _agree(lambda *x: [y.tanh() for y in fn(*x)], parameters, 3)
    assert sorted(_matrix_shapes(tape)) == sorted(shapes)


def test_print_shows_each_layer_as_a_matrix_product() -> None:
    model = nn.MLP(64, [32, 10], "tanh", seed=0)
    text = str(at.record(lambda *x: model(list(x)), [0.0] * 64))
    assert "layer 1: W⁽¹⁾ 32×64, a⁽⁰⁾ 64, z⁽¹⁾ = W⁽¹⁾a⁽⁰⁾ + b⁽¹⁾" in text
    assert "layer 2: W⁽²⁾ 10×32, a⁽¹⁾ 32, z⁽²⁾ = W⁽²⁾a⁽¹⁾ + b⁽²⁾" in text
    assert "one matrix product for 32 Σ and 2,048 × nodes" in text
    assert "one matrix product for 10 Σ and 320 × nodes" in text
    html = at.record(lambda *x: model(list(x)), [0.0] * 64)._repr_html_()
    assert "<li>layer 1: W⁽¹⁾ 32×64" in html


def test_a_tape_without_matrices_shows_none() -> None:
    model = nn.MLP(2, [2, 1], "tanh", seed=0)
    assert "matrix products found" not in str(
        at.record(lambda *x: model(list(x)), [0.0, 1.0], matrices=False)
    )


def test_the_matrices_are_listed_one_line_each() -> None:
    model = nn.MLP(3, [4, 2], "sigmoid", seed=0)
    lines = at.record(lambda *x: model(list(x)), [0.1, 0.2, 0.3]).matrices
    assert [line.split("  [")[0] for line in lines] == [
        "layer 1: W⁽¹⁾ 4×3, a⁽⁰⁾ 3, z⁽¹⁾ = W⁽¹⁾a⁽⁰⁾ + b⁽¹⁾",
        "layer 2: W⁽²⁾ 2×4, a⁽¹⁾ 4, z⁽²⁾ = W⁽²⁾a⁽¹⁾ + b⁽²⁾",
    ]


def test_a_product_that_is_not_a_layer_is_written_without_a_layer_index() -> None:
    """Σ p·p over the parameters (a regulariser) is a matrix product of one row, fed by no layer."""
    model = nn.MLP(2, [3, 1], "relu", seed=0)
    parameters = model.parameters()
    tape = at.record(lambda a, b: model([a, b])[0] + 1e-4 * at.sum([p * p for p in parameters]), [0.5, 1.0])
    assert [line.split("  [")[0] for line in tape.matrices] == [
        "layer 1: W⁽¹⁾ 3×2, a⁽⁰⁾ 2, z⁽¹⁾ = W⁽¹⁾a⁽⁰⁾ + b⁽¹⁾",
        "a matrix product: W 1×13, a 13, z = Wa",
        "layer 2: W⁽²⁾ 1×3, a⁽¹⁾ 3, z⁽²⁾ = W⁽²⁾a⁽¹⁾ + b⁽²⁾",
    ]
    _agree(lambda a, b: model([a, b])[0] + 1e-4 * at.sum([p * p for p in parameters]), parameters, 2)
