"""A label with a lone surrogate (``"x\\ud800"``, which no UTF-8 file or display can encode) is written
as its escape wherever a name is shown, so a drawing's display hook, a trace and a file never fail.

Before the third hostile-input pass, the drawing's display hook raised ``UnicodeEncodeError`` (a
display hook must never raise). The labels are made writable where every view takes its names,
``naming.node_names``; these tests go through the public views only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.see.draw import find_renderer

LONE = "x\ud800"


def graph() -> tuple[Value, Value]:
    x = Value(2.0, LONE)
    return x * x * Value(1.0, "wé"), x


def test_every_view_of_the_names_can_be_encoded() -> None:
    y, x = graph()
    for text in (at.to_dot(y), str(at.trace(y)), str(at.explain(y, x)), at.frames(y).frames[-1].text):
        encoded = text.encode("utf-8")  # raised UnicodeEncodeError before
        assert b"x\\ud800" in encoded  # escaped
    assert "wé" in at.to_dot(y)  # real text is kept as it is


@pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed")
def test_the_drawings_display_hook_and_render_do_not_raise(tmp_path: Path) -> None:
    y, _ = graph()
    drawing = at.draw(y)
    bundle = drawing._repr_mimebundle_()
    assert isinstance(bundle, dict) and bundle
    assert "x\\ud800" in next(iter(bundle.values()))
    assert Path(drawing.render(tmp_path / "y", format="svg")).stat().st_size > 0


def test_a_label_of_its_own_escape_text_is_still_told_apart_from_unlabelled_nodes() -> None:
    y, _ = graph()
    names = set(at.frames(y).names.values())
    assert {"x\\ud800", "wé", "y"} <= names
