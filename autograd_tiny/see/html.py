"""One way to write a table as HTML, for every table a notebook shows (steps, frames, tapes)."""

from __future__ import annotations

import html
from collections.abc import Sequence

__all__ = ["html_table"]


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    caption: str = "",
    footer: str = "",
    style: str = "",
    cell_style: str = "",
    marked: int | None = None,
    marked_style: str = "",
) -> str:
    """An HTML ``<table>``: a header row, one row per entry of ``rows``, every string escaped.

    Args:
        headers: one string per column. rows: one sequence of strings per row.
        caption: a line above the table, if any. footer: a line under it spanning every column.
        style: the table's CSS. cell_style: every data cell's CSS.
        marked: the index of a row to stand out, with ``marked_style`` as its CSS.
    """

    def attribute(css: str) -> str:
        return f' style="{html.escape(css)}"' if css else ""

    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    cell = f"<td{attribute(cell_style)}>"
    body = "".join(
        f"<tr{attribute(marked_style) if i == marked else ''}>"
        + "".join(f"{cell}{html.escape(c)}</td>" for c in row)
        + "</tr>"
        for i, row in enumerate(rows)
    )
    top = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    bottom = (
        f'<tfoot><tr><td colspan="{len(headers)}">{html.escape(footer)}</td></tr></tfoot>' if footer else ""
    )
    return (
        f"<table{attribute(style)}>{top}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{bottom}</table>"
    )
