"""Tables of strings as aligned plain text (and as HTML, by ``html.py``), for printing and showing a
backward trace, and the cells of one row of it: the composite-function tutorial's
input.grad += ∂y/∂node × local."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, ClassVar

from autograd_tiny.core.chain import EdgeStep
from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value
from autograd_tiny.see.html import html_table

__all__ = ["StepTable", "step_cells", "step_headers", "text_table"]


class StepTable:
    """What every table of steps shows: ``print`` gives aligned text, Jupyter an HTML table.

    A subclass gives ``root_name``, a one-line description, its title, its cells and its summary
    line, and which columns hold the numbers to align right. (``__repr__`` stays here, beside
    ``_repr_pretty_``: IPython takes the first of the two it meets along the class's bases.)
    """

    root_name: str
    right_aligned: ClassVar[frozenset[int]] = frozenset()

    def _one_line(self) -> str:
        raise NotImplementedError

    def _title(self) -> str:
        raise NotImplementedError

    def _summary(self) -> str:
        raise NotImplementedError

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return self._one_line()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))  # IPython's plain-text display: the table itself

    def __str__(self) -> str:
        headers, rows = self._cells()
        table = text_table(headers, rows, self.right_aligned) if rows else f"({self.root_name} has no edges)"
        return "\n".join([self._title(), table, self._summary()])

    def _repr_html_(self) -> str:
        headers, rows = self._cells()
        return html_table(headers, rows, caption=self._title(), footer=self._summary())


def step_headers(root_name: str) -> list[str]:
    """The columns of the step table, for the output called ``root_name`` (usually ``y``)."""
    y = root_name
    return ["node", f"∂{y}/∂node", "input", f"∂{y}/∂node × local = contribution", "input.grad"]


def step_cells(step: EdgeStep[float], names: Mapping[Value, str], first: bool) -> list[str]:
    """One row of the table: one ``EdgeStep`` of the backward pass, ``input.grad += upstream × local``.

    Args:
        step: the step (``node → input``, its local derivative, the upstream gradient, what it adds,
            the input's gradient before and after). names: every node's name.
        first: whether it is the node's first edge, which names the node and its gradient (the
            rows after it leave those two cells empty).

    Returns:
        The node, its gradient ∂y/∂node, the input, ``upstream × local = contribution``, ``before → after``.
    """
    number = format_number
    factor = f"({number(step.local)})" if step.local < 0 else number(step.local)
    product = f"{number(step.upstream)} × {factor} = {number(step.contribution)}"
    node, upstream = (names[step.node], number(step.upstream)) if first else ("", "")
    return [node, upstream, names[step.input], product, f"{number(step.before)} → {number(step.after)}"]


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> str:
    """Columns padded to their widest cell, two spaces apart.

    Args:
        headers: one string per column.
        rows: one sequence of strings per row, as many as ``headers``.
        right: indexes of the columns to align right (numbers); the others align left.

    Returns:
        The header line, a rule of dashes and the rows, joined by newlines, with no trailing spaces.
    """
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        padded = (
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])
