"""The checks on a file the command is told to write, made before anything is written: that it can be
written, and that two names do not name one file."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["check_writable", "same_file"]


def same_file(first: Path, second: Path) -> bool:
    """Whether two names are one file once resolved and compared without case (on a case-insensitive
    disk t.md is T.MD)."""
    return _compared(first) == _compared(second)


def _compared(path: Path) -> str:
    return os.path.normcase(str(path.resolve())).casefold()


def check_writable(path: Path) -> None:
    """Refuse, before anything is written, a file that cannot be: no folder, a folder, no permission.

    Raises:
        ValueError: the folder does not exist, ``path`` is a folder, or writing is not permitted.
    """
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ValueError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise ValueError(f"cannot write {path}: it is a folder")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValueError(f"cannot write {path}: permission denied")
