"""Node names: seed 004's a = x1 + x2, b = x2 + 1, y, deterministic and never from id()."""

from __future__ import annotations

from autograd_tiny import Value
from autograd_tiny.core.formatting import format_number
from autograd_tiny.see.naming import node_names


def test_seed_004_intermediates_are_named_a_and_b_and_the_output_y() -> None:
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    a, b = x1 + x2, x2 + 1
    y = a * b
    names = node_names(y)
    assert [names[node] for node in (x1, x2, a, b, y)] == ["x1", "x2", "a", "b", "y"]
    assert list(names.values()) == ["x1", "x2", "a", "1", "b", "y"]  # topological order


def test_labels_are_kept_and_letters_skip_names_already_taken() -> None:
    a, x = Value(1.0, "a"), Value(2.0)
    out = (a * x).tanh()
    out.label = "loss"
    names = node_names(out)
    assert names[a] == "a"
    assert names[x] == "b"  # "a" is the user's
    assert names[out] == "loss"
    assert names[out.edges[0][0]] == "c"


def test_constants_are_named_by_their_number_and_names_run_past_z() -> None:
    x = Value(1.0, "x")
    y = x
    for _ in range(30):
        y = y * 0.5
    names = node_names(y)
    assert names[y] == "y"
    assert "0.5" in names.values() and "v27" in names.values() and "v30" in names.values()
    assert format_number(-0.0384) == "-0.0384" and format_number(4.0) == "4"


def test_the_same_graph_gets_the_same_names_every_time() -> None:
    def build() -> list[str]:
        p, q = Value(1.0), Value(2.0)
        return list(node_names((p + q) * (q - p)).values())

    assert build() == build() == ["a", "b", "c", "d", "y"]


def test_an_unlabelled_output_is_called_f_when_an_input_is_already_y() -> None:
    y = Value(2.0, "y")
    out = y * y + 1
    names = node_names(out)
    assert names[y] == "y"
    assert list(names.values()) == ["y", "a", "1", "f"]
    y, f, g = (Value(1.0, name) for name in "yfg")
    product = y * f * g
    assert node_names(product)[product] == "b"  # y, f and g taken: the next fresh letter
