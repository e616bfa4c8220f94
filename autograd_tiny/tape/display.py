"""The tape shown as a Wengert list: one assignment per line, with its value and, after backward, its adjoint.

The composite-function tutorial writes the intermediate values of y = (x₁ + x₂)(x₂ + 1) down before
differentiating; a Wengert list is that page, ``v1 = x1 + x2 = 5``, ``v2 = x2 + 1 = 4``, ``y = v1 × v2 = 20``,
and the reverse sweep adds a column of adjoints v̄ = ∂y/∂v. Names follow ``autograd_tiny.see.naming``: a node
keeps its label and a constant is written as its number; the other assignments are numbered v1, v2, … in
recorded order (the classic notation of a Wengert list), and an unlabelled output is y.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.rules import RULES
from autograd_tiny.see.html import html_table
from autograd_tiny.see.naming import output_name
from autograd_tiny.tape.matrix_replay import MatrixGroup
from autograd_tiny.tape.program import Group, Program

__all__ = ["Names", "matrix_lines", "to_html", "to_lines", "to_text"]

Line = tuple[str, str, str, str]  # assignment, value, adjoint, note
HEAD, TAIL = 40, 8  # lines shown of a long tape: the first HEAD and the last TAIL


class Names:
    """The name of every slot of a program, computed when asked (a tape may have a million slots)."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self._ordinal = np.zeros(program.n_slots, dtype=np.int32)
        self._ordinal[program.order] = np.arange(1, len(program.order) + 1)
        self._starts = np.array([group.start for group in program.groups], dtype=np.int64)
        self._layers: dict[int, int | None] = {}  # matrix product number → its layer ℓ
        first = program.first_parameter  # the parameters' labels are read from them, as they are now
        parameters = enumerate(program.parameters, first)
        self.labels = {**program.labels, **{slot: p.label for slot, p in parameters if p.label}}
        outputs = [int(s) for s in program.outputs]
        base = output_name(self.labels.values())  # as in naming: f when an input is called y
        self._outputs = {
            s: base if len(outputs) == 1 else f"{base}{k + 1}" for k, s in enumerate(outputs) if base
        }

    def __call__(self, slot: int) -> str:
        program = self.program
        if slot in self.labels:
            return self.labels[slot]
        if slot < program.n_constants:
            return format_number(float(program.constants[slot]))
        if slot < program.first_parameter:
            return f"x{slot - program.n_constants + 1}"
        if slot < program.first_parameter + len(program.parameters):
            return f"p{slot - program.first_parameter + 1}"
        return self._outputs.get(slot) or f"v{self._ordinal[slot]}"

    def assignment(self, slot: int) -> str:
        """``v3 = v1 × v2`` for an operation's slot, ``x1`` for a leaf."""
        if slot < self.program.first_parameter + len(self.program.parameters):
            return self(slot)
        group = self.group_of(slot)
        if isinstance(group, MatrixGroup):
            return f"{self(slot)} = {self._product(group, slot)}"
        arguments = [self(int(index[slot - group.start])) for index in group.inputs]
        symbol = RULES[group.op].symbol
        if len(arguments) == 2:
            expression = f"{arguments[0]} {symbol} {arguments[1]}"
        elif len(arguments) == 1 and group.op == "neg":
            expression = f"{symbol}{arguments[0]}"
        else:
            expression = f"{symbol}({', '.join(arguments)})"
        return f"{self(slot)} = {expression}"

    def group_of(self, slot: int) -> Group | MatrixGroup:
        """The group of operations that writes ``slot``."""
        return self.program.groups[int(np.searchsorted(self._starts, slot, side="right")) - 1]

    def _product(self, group: MatrixGroup, slot: int) -> str:
        """Σ(b, w₁ × a₁, …) for row j, column c of a matrix product (a long row shortened)."""
        c, j = divmod(slot - group.start, group.shape[0])
        first = self.program.first_parameter
        terms = [
            f"{self(first + int(w))} {RULES['mul'].symbol} {self(int(a))}"
            for w, a in zip(group.weights[j], group.inputs[:, c], strict=True)
        ]
        bias = [] if group.biases is None else [self(first + int(group.biases[j, 0]))]
        if len(terms) > 3:  # a row of a wide W: its first two products and its last
            terms = [*terms[:2], f"… {len(terms) - 3:,} more", terms[-1]]
        return f"{RULES['sum'].symbol}({', '.join(bias + terms)})"

    def layer(self, group: MatrixGroup) -> int | None:
        """The ℓ of z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾: 1 if A's first input is an input or a constant of the tape,
        ℓ + 1 if it is f(…(z)) of layer ℓ through one-input operations, else None."""
        if group.number not in self._layers:
            self._layers[group.number] = self._source_layer(int(group.inputs[0, 0]))
        return self._layers[group.number]

    def _source_layer(self, slot: int) -> int | None:
        program = self.program
        while slot >= program.first_parameter + len(program.parameters):  # an operation's slot
            group = self.group_of(slot)
            if isinstance(group, MatrixGroup):
                above = self.layer(group)
                return None if above is None else above + 1
            if len(group.inputs) != 1:
                return None
            slot = int(group.inputs[0][slot - group.start])
        return 1 if slot < program.first_parameter else None

    def span(self, slots: list[int]) -> str:
        """(x1, x2, x3), or (v1 … v16) for more than three slots."""
        names = [self(s) for s in slots]
        return f"({', '.join(names)})" if len(names) <= 3 else f"({names[0]} … {names[-1]})"


def matrix_lines(names: Names) -> list[str]:
    """One line per matrix product found on the tape: the matrix tutorial's z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾,
    with its shape and the scalar nodes it stands for.

    A product whose inputs come from the tape's inputs (or constants) is layer 1, one whose inputs
    are f(z) of layer ℓ − 1 is layer ℓ; any other (a regulariser Σ p·p over the parameters) is
    written without a layer index."""
    lines = []
    for group in names.program.groups:
        if not isinstance(group, MatrixGroup):
            continue
        m, n, k = group.shape
        layer = names.layer(group)
        ell, before = ("", "") if layer is None else (_superscript(layer), _superscript(layer - 1))
        bias = "" if group.biases is None else f" + b{ell}"
        columns = f" × {k:,} columns" if k > 1 else ""
        inputs = names.span([int(s) for s in group.inputs[:, 0]]) + (" …" if k > 1 else "")
        outputs = names.span(list(range(group.start, group.stop)))
        lines.append(
            f"{_title(layer)}: W{ell} {m}×{n}, a{before} {n}{columns}, z{ell} = W{ell}a{before}{bias}"
            f"  [a{before} = {inputs}, z{ell} = {outputs}: one matrix product for "
            f"{group.stop - group.start:,} Σ and {group.replaced - (group.stop - group.start):,} × nodes]"
        )
    return lines


def _title(layer: int | None) -> str:
    return "a matrix product" if layer is None else f"layer {layer}"


def _superscript(number: int) -> str:
    """⁽¹²⁾ for 12: the layer index of the matrix tutorial's W⁽ˡ⁾."""
    return "⁽" + str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")) + "⁾"


def _bar(name: str) -> str:
    """v̄: the name with a bar over its first letter, the adjoint's usual notation."""
    return name[:1] + "\u0304" + name[1:]


def to_lines(names: Names, values: Any, adjoints: Any | None) -> list[Line]:
    """Every line of the Wengert list: inputs, parameters, then the assignments in recorded order
    (an adjoint given as nan is one the last ``backward`` did not compute, and is left blank)."""
    program = names.program
    leaves = range(program.n_constants, program.first_parameter + len(program.parameters))
    lines = []
    for slot in [*leaves, *(int(s) for s in program.order)]:
        note = "input" if slot < program.first_parameter else "parameter" if slot in leaves else ""
        if not note and isinstance(group := names.group_of(slot), MatrixGroup):
            note = _title(names.layer(group))
        adjoint = ""
        if adjoints is not None and not math.isnan(adjoints[slot]):  # nan: not computed
            adjoint = f"{_bar(names(slot))} = {format_number(float(adjoints[slot]))}"
        lines.append((names.assignment(slot), f"= {format_number(float(values[slot]))}", adjoint, note))
    return lines


def _shown(lines: list[Line]) -> tuple[list[Line], list[Line], int]:
    if len(lines) <= HEAD + TAIL + 1:
        return lines, [], 0
    return lines[:HEAD], lines[-TAIL:], len(lines) - HEAD - TAIL


def _matrix_part(matrices: list[str]) -> list[str]:
    """The matrix products found, under a heading; at most HEAD of them."""
    if not matrices:
        return []
    more = [f"… and {len(matrices) - HEAD:,} more matrix products"] if len(matrices) > HEAD else []
    return ["matrix products found, each replayed as one (z = Wa + b):", *matrices[:HEAD], *more]


def to_text(title: str, lines: list[Line], matrices: Sequence[str] = ()) -> str:
    """The list as aligned plain text, long tapes cut in the middle, after the matrix products found."""
    head, tail, hidden = _shown(lines)
    widths = [max((len(line[k]) for line in head + tail), default=0) for k in range(3)]
    found = _matrix_part(list(matrices))
    rows = [title, *found[:1], *("  " + line for line in found[1:])]
    for part in (head, [("…", f"({hidden:,} more lines)", "", "")] if hidden else [], tail):
        for line in part:
            cells = [cell.ljust(width) for cell, width in zip(line[:3], widths, strict=True)]
            rows.append(("  " + "   ".join(cells) + ("   " + line[3] if line[3] else "")).rstrip())
    return "\n".join(rows)


def to_html(title: str, lines: list[Line], matrices: Sequence[str] = ()) -> str:
    """The list as an HTML table for Jupyter, after the matrix products found."""
    head, tail, hidden = _shown(lines)
    rows = [*head, *([("…", f"{hidden:,} more lines", "", "")] if hidden else []), *tail]
    found = _matrix_part(list(matrices))
    listed = "".join(f"<li>{html.escape(line)}</li>" for line in found[1:])
    matrix_html = (
        f"<p>{html.escape(found[0])}</p><ul style='font-family:monospace'>{listed}</ul>" if found else ""
    )
    return (
        f"<div><p>{html.escape(title)}</p>{matrix_html}"
        + html_table(
            ("assignment", "value", "adjoint", ""),
            rows,
            style="font-family:monospace",
            cell_style="text-align:left",
        )
        + "</div>"
    )
