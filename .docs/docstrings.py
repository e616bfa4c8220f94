"""The project's docstrings are written to be read as plain text (``help()``, an editor) with Unicode
maths; a few of their habits mean something else in reStructuredText. This turns them back into text
before autodoc renders them: ``Value``s or ∂``x`` (a literal touching a letter or a symbol), |a| (a
substitution in RST) and a lone * as in (out, *inputs) (the start of emphasis in RST).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

LITERAL = re.compile(r"(``.+?``)")
EMPHASIS = re.compile(r"(?<![\w*])(\*\*?)(?=[^\s*])(.+?)(?<=[^\s*])\1(?![\w*])")


def _text(part: str) -> str:
    """Escape | and every * that is not part of an *emphasis* or **strong** pair."""
    part = part.replace("|", r"\|")
    kept = EMPHASIS.split(part)
    # split gives text, marker, inner, text, marker, inner, …: escape * in the text pieces only
    out = []
    for index, piece in enumerate(kept):
        if index % 3 == 0:
            out.append(piece.replace("*", r"\*"))
        elif index % 3 == 1:
            out.append(piece + kept[index + 1] + piece)
    return "".join(out)


def _may_touch(character: str, side: str) -> bool:
    """Whether RST lets ``character`` stand right before (``side="before"``) or after a literal."""
    opening, closing = ("Ps", "Pi", "Pf", "Pd", "Po"), ("Pe", "Pi", "Pf", "Pd", "Po")
    allowed = opening if side == "before" else closing
    return character.isspace() or unicodedata.category(character) in allowed


def as_rst(line: str) -> str:
    """One docstring line made safe for reStructuredText, its ``literals`` left alone (an escaped space
    marks where a literal touches a letter or a symbol: ``Value``s, ∂/∂``wrt``)."""
    pieces = LITERAL.split(line)
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            pieces[index] = _text(piece)
            continue
        before, after = pieces[index - 1], pieces[index + 1] if index + 1 < len(pieces) else ""
        if before and not _may_touch(before[-1], "before"):
            piece = "\\ " + piece
        if after and not _may_touch(after[0], "after"):
            piece = piece + "\\ "
        pieces[index] = piece
    return "".join(pieces)


def process(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """The ``autodoc-process-docstring`` hook: every line through ``as_rst``."""
    lines[:] = [as_rst(line) for line in lines]
