"""``frames``: the forward and the backward pass as a sequence of pictures, one step each.

The chain-rule tutorial splits differentiation into a forward pass (every value, and the local
derivative on every edge, inputs first) and a backward pass (from the output back, each edge
adding upstream × local to its input: the composite-function tutorial's rule). A frame is one step
of either pass: the forward pass one frame per operation, the backward pass one frame per edge. One
frame per edge rather than per node, because the edge is the unit of the rule: each frame is one
``input.grad += upstream × local``, one row of the step table, and a node used twice (x2 in
y = (x1 + x2)(x2 + 1)) is seen receiving its two contributions one after the other, 0 → 5 → 9.
The numbers live in the frames; the graph's own ``.data`` and ``.grad`` are not changed. Each frame
is a view of one ``Timeline`` at its step, so all the frames take memory linear in the graph.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograd_tiny.core.chain import STORED, chain_rule
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.rules import RULES
from autograd_tiny.core.value import Value
from autograd_tiny.see.digraph import Drawing
from autograd_tiny.see.dot import drawing_of
from autograd_tiny.see.dot_options import DrawingOptions
from autograd_tiny.see.local_symbols import direct_mark, routes_from
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.scene import Scene
from autograd_tiny.see.timeline import Timeline
from autograd_tiny.see.trace_table import step_cells, step_headers

__all__ = ["Frame", "Frames", "frames"]


@dataclass(frozen=True)
class Frame:
    """One step of a pass.

    Attributes:
        phase: ``"forward"`` or ``"backward"``.
        text: what the step does, e.g. ``x2.grad += ∂y/∂a × ∂a/∂x2 = 4 × 1 = 4   (5 → 9)``.
        row: the row of ``Frames.rows`` (the step table) this step is, or None.
        scene: the numbers known after the step, and the node and edge it is at.
    """

    phase: str
    text: str
    row: int | None
    scene: Scene


@dataclass(frozen=True)
class Frames:
    """The frames of both passes over one graph, and the step table they walk through.

    Attributes:
        root: the output. names: every node's name (``naming.node_names``).
        frames: the forward frames, then the backward ones.
        headers: the step table's columns. rows: one row of strings per edge, as ``trace`` prints them.
    """

    root: Value
    names: dict[Value, str]
    frames: tuple[Frame, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.frames)

    def drawing(self, index: int, *, precision: int | None = 3, rankdir: str = "LR") -> Drawing:
        """Frame ``index`` as a ``Drawing`` (a ``graphviz.Digraph``: ``draw`` with the frame's scene)."""
        options = DrawingOptions(scene=self.frames[index].scene, precision=precision, rankdir=rankdir)
        return drawing_of(self.root, options, "frames")

    def dot(self, index: int, *, precision: int | None = 3, rankdir: str = "LR") -> str:
        """Frame ``index`` drawn as DOT text."""
        return str(self.drawing(index, precision=precision, rankdir=rankdir).source)


def frames(root: Value) -> Frames:
    """The forward pass, one frame per operation, then the backward pass, one frame per edge.

    The backward pass starts from 0 everywhere (as on a fresh graph) and gives edges into
    constants no frame: nothing differentiates a constant.

    Raises:
        TypeError: ``root`` is not a ``Value``.
    """
    order = topological_order(root)
    names = node_names(root)
    values, grads = Timeline(), Timeline()  # each change stored once: memory linear in the graph
    for node in order:
        if not node.edges:
            values.set(node, node.data, 0)
    given = "forward pass: the inputs are given"
    shown: list[Frame] = [Frame("forward", given, None, Scene(values.at(0), {}, caption=given))]
    for node in order:
        if node.edges:
            values.set(node, node.data, len(shown))
            text = f"forward: {_formula(node, names)}; stores {_locals(node, names)}"
            scene = Scene(values.at(len(shown)), {}, current=node, caption=text)
            shown.append(Frame("forward", text, None, scene))
    y = names[root]
    gradients = {node: 0.0 for node in order if not node.constant}
    gradients[root] = 1.0
    for node, gradient in gradients.items():
        grads.set(node, gradient, len(shown))
    everything = values.at(len(shown))
    start = f"backward pass: {y}.grad = ∂{y}/∂{y} = 1"
    shown.append(
        Frame("backward", start, None, Scene(everything, grads.at(len(shown)), current=root, caption=start))
    )
    rows: list[tuple[str, ...]] = []
    interior = [node for node in order if node.edges]
    routes = routes_from(root)
    last: Value | None = None
    positions = {node: 0 for node in interior}
    for step in chain_rule(interior, gradients, STORED):
        position = positions[step.node]
        positions[step.node] += 1
        if step.input.constant:
            del gradients[step.input]  # nothing differentiates a constant: it keeps no gradient
            continue
        n, i = names[step.node], names[step.input]
        cells = step_cells(step, names, first=step.node is not last)
        rows.append(tuple(cells))
        last = step.node
        local = f"∂{n}/∂{i}{direct_mark(step.node, step.input, '', root, routes)}"  # ∂y/∂x2|direct
        text = f"{i}.grad += ∂{y}/∂{n} × {local} = {cells[3]}   ({cells[4]})"
        grads.set(step.input, step.after, len(shown))
        scene = Scene(
            everything, grads.at(len(shown)), current=step.node, edge=(step.node, position), caption=text
        )
        shown.append(Frame("backward", text, len(rows) - 1, scene))
    leaves = [
        f"∂{y}/∂{names[n]} = {format_number(gradients[n])}" for n in order if not n.edges and not n.constant
    ]
    done = "done: " + (", ".join(leaves) or f"{y} depends on no input")
    shown.append(Frame("backward", done, None, Scene(everything, grads.at(len(shown)), caption=done)))
    return Frames(root, names, tuple(shown), tuple(step_headers(y)), tuple(rows))


def _formula(node: Value, names: dict[Value, str]) -> str:
    """``a = x1 + x2 = 5``, ``d = tanh(c) = 0.76``, ``c = a^2 = 25``."""
    inputs = [names[x] for x, _ in node.edges]
    symbol = RULES[node.op].symbol
    if len(inputs) == 2 and node.op in ("add", "sub", "mul", "div", "pow"):
        expression = f"{inputs[0]} {symbol} {inputs[1]}" if node.op != "pow" else f"{inputs[0]}^{inputs[1]}"
    else:
        expression = f"{symbol}({', '.join(inputs)})"
    return f"{names[node]} = {expression} = {format_number(node.data)}"


def _locals(node: Value, names: dict[Value, str]) -> str:
    """The local derivatives the forward pass keeps on the edges: ``∂a/∂x1 = 1, ∂a/∂x2 = 1``."""
    parts = [
        f"∂{names[node]}/∂{names[x]} = {format_number(local)}" for x, local in node.edges if not x.constant
    ]
    return ", ".join(parts) or "no local derivative (constant inputs)"
