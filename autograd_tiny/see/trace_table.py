"""Tables of strings as aligned plain text and as HTML, for printing and showing a backward trace."""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence

__all__ = ["html_table", "text_table"]


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


def html_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], footer: str) -> str:
    """An HTML ``<table>`` with a caption and a footer line; every string is escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
        f'<tfoot><tr><td colspan="{len(headers)}">{html.escape(footer)}</td></tr></tfoot></table>'
    )
