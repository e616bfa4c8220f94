"""Readable large graphs: neurons boxed or collapsed, numbers to a precision, unambiguous edge names.

Oracles: the closed form ∂a/∂h = (1 − a²)·w of a tanh neuron a = tanh(Σ wᵢhᵢ + b), and numbers
written by Python's own ``format`` to the asked precision.
"""

from __future__ import annotations

import copy
import math
import pickle
import re

import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value
from autograd_tiny.see.dot import to_dot
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.neurons import find_neurons, neuron_title


def network_loss() -> tuple[Value, nn.MLP]:
    model = nn.MLP(2, [2, 1], "tanh", output_activation="tanh", seed=1)
    loss = nn.half_squared_error(model([0.5, -1.0]), 1.0)
    loss.backward()
    return loss, model


def clusters(dot: str) -> dict[str, str]:
    """``{title: body}`` of every cluster of the DOT text."""
    found = re.findall(
        r'subgraph cluster_\d+ \{\n\t\tgraph \[[^\n]*label="([^"]+)"[^\n]*\n(.*?)\n\t\}', dot, re.DOTALL
    )
    return dict(found)


def test_each_neuron_is_found_from_its_parameters_group() -> None:
    loss, model = network_loss()
    found = find_neurons(list(node_names(loss)))
    assert [n.key for n in found] == ["layers.0.neurons.0", "layers.0.neurons.1", "layers.1.neurons.0"]
    for neuron, unit in zip(found, [*model.layers[0].neurons, *model.layers[1].neurons], strict=True):
        assert {*unit.w, unit.b} <= set(neuron.members) and neuron.head.op == "tanh"
        assert len(neuron.members) == 3 + 2 + 1 + 1  # w0 w1 b, two products, Σ, tanh
    assert neuron_title("layers.1.neurons.0") == "layer 1 · neuron 0"


def test_boxes_hold_each_neurons_operations_and_nothing_of_the_loss() -> None:
    loss, _ = network_loss()
    boxes = clusters(to_dot(loss, neurons="box"))
    assert list(boxes) == ["layer 0 · neuron 0", "layer 0 · neuron 1", "layer 1 · neuron 0"]
    for body in boxes.values():
        assert body.count("label=<<b>w0</b>") == 1 and body.count("label=<tanh>") == 1
        assert "^2" not in body  # the loss's square stays outside every box
    assert clusters(to_dot(loss, neurons="none")) == {}


def test_parameters_in_a_box_are_w0_w1_b_and_traces_give_no_other_node_those_names() -> None:
    loss, _ = network_loss()
    for body in clusters(to_dot(loss)).values():
        for short in ("w0", "w1", "b"):
            assert body.count(f"label=<<b>{short}</b> = ") == 1, short
    names = node_names(loss)  # the names traces and explanations use: no unlabelled node is b, w0, w1
    assert not {"b", "w0", "w1"} & {name for node, name in names.items() if not node.label}


def test_grouping_is_the_labels_public_group_never_label_text() -> None:
    x = Value(2.0, "x")
    look_alike = [Value(0.5, "layers.0.neurons.0.w0"), Value(0.1, "layers.0.neurons.0.b")]
    y = (look_alike[0] * x + look_alike[1]).tanh()  # labels like nn's, but plain text: no box
    assert find_neurons(list(node_names(y))) == [] and clusters(to_dot(y)) == {}
    w, b = Value(0.5), Value(0.1)
    w.label, b.label = at.Label("unit A.w", group="unit A"), at.Label("unit A.b", group="unit A")
    y = (w * x + b).tanh()
    boxes = clusters(to_dot(y))
    assert list(boxes) == ["unit A"]  # a group of one's own, titled as it is
    assert "label=<<b>w</b> = 0.5" in boxes["unit A"] and "label=<<b>b</b> = 0.1" in boxes["unit A"]
    assert "label=<tanh>" in boxes["unit A"]  # the activation of the sum that adds b


def test_a_label_is_a_str_with_a_group_that_copies_keep() -> None:
    label = at.Label("layers.1.neurons.0.w2", group="layers.1.neurons.0")
    assert label == "layers.1.neurons.0.w2" and isinstance(label, str) and f"∂y/∂{label}" == "∂y/∂" + label
    p = Value(3.0)
    p.label = label
    for copied in (copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert (copied.data, copied.label, copied.label.group) == (3.0, "layers.1.neurons.0.w2", label.group)
    assert repr(label) == "Label('layers.1.neurons.0.w2', group='layers.1.neurons.0')"
    with pytest.raises(TypeError, match="Label needs a str and a str group, got str 'w' and int 3"):
        at.Label("w", group=3)  # type: ignore[arg-type]
    _, model = network_loss()
    assert all(type(q) is Value for q in model.parameters())  # the engine's own nodes, nothing more
    b = model.layers[0].neurons[1].b
    assert isinstance(b.label, at.Label) and (b.label, b.label.group) == (
        "layers.0.neurons.1.b",
        "layers.0.neurons.1",
    )


def test_a_collapsed_neuron_is_one_node_with_da_dh_on_each_input_edge() -> None:
    loss, model = network_loss()
    dot = to_dot(loss, neurons="collapse", precision=6)
    output_unit = model.layers[1].neurons[0]
    names = node_names(loss)
    head = next(n for n in find_neurons(list(names)) if n.key == "layers.1.neurons.0").head
    labels = dict(re.findall(rf"∂{names[head]}/∂(\w+) = ([-\d.e]+)", dot))
    assert len(labels) == 2 and "w0" not in dot and "layers." not in dot.replace("layer 1 · neuron 0", "")
    # x1 = 0.5, x2 = -1 into each first-layer neuron, the target 1, the ½: grey, dashed, unlabelled
    assert dot.count("style=dashed") == 2 * 2 + 1 + 1 and dot.count("label=<-1>") == 2
    hidden = [n.head for n in find_neurons(list(names))[:2]]
    for h, w in zip(hidden, output_unit.w, strict=True):
        assert float(labels[names[h]]) == pytest.approx((1 - head.data**2) * w.data, rel=1e-5)


def test_precision_rounds_every_number_and_refuses_nonsense() -> None:
    x = Value(math.pi, "x")
    y = x * math.e
    y.backward()
    assert "<b>x</b> = 3.14<" in to_dot(y) and "grad 2.72<" in to_dot(y)
    assert f"<b>x</b> = {math.pi:.6g}<" in to_dot(y, precision=None)
    assert "<b>y</b> = 8.5397342<" in to_dot(y, precision=8)
    for bad in (0, 18, 2.5, True):
        with pytest.raises(ValueError, match="precision must be"):
            to_dot(y, precision=bad)  # type: ignore[arg-type]


def test_edge_labels_bracket_names_that_are_not_one_word() -> None:
    x1, w1 = Value(0.5, "x1"), Value(2.0, "w1")
    product = x1 * w1
    product.label = "x1·w1"
    dot = to_dot(product + 1)
    assert "∂(x1·w1)/∂x1 = 2" in dot and "∂y/∂(x1·w1) = 1" in dot and "∂x1·w1/∂x1" not in dot


def test_auto_draws_shallow_graphs_left_to_right_and_deep_ones_top_to_bottom() -> None:
    x = Value(0.1, "x")
    shallow, deep = x * 2, x
    for _ in range(7):
        deep = deep.tanh()
    assert "rankdir=LR" in to_dot(shallow, rankdir="auto") and "rankdir=TB" in to_dot(deep, rankdir="auto")
    with pytest.raises(ValueError, match="neurons must be one of box, collapse, none"):
        to_dot(shallow, neurons="fold")
