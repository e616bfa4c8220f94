"""Every Python block of the README runs as written, each on its own, in a fresh namespace.

A block is one of three kinds, told by what a reader sees in it:

- a runnable block: it runs from an empty namespace (it shows its own imports and setup);
- a block whose last lines are a comment ``# SomeError: message``: it must raise exactly that
  exception, with a message that starts as the comment does (up to a ``…``);
- an excerpt, whose first line is ``# excerpt of <path>``: ``<path>`` must exist in the repository
  and hold every line of the block (a source file, or a lesson's code cells).

Blocks that use the torch bridge are skipped with a reason when torch is not installed.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
EXCERPT = re.compile(r"^# excerpt of (\S+)")
RAISES = re.compile(r"^# (\w+(?:Error|Exception)): (.*)$")


def python_blocks() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text[: match.start()].count("\n") + 2, match[1]) for match in BLOCK.finditer(text)]


def expected_error(code: str) -> tuple[str, str] | None:
    """``(name, start of message)`` when the block ends with a ``# SomeError: …`` comment."""
    lines = code.rstrip("\n").splitlines()
    tail = []
    while lines and lines[-1].startswith("#"):
        tail.insert(0, lines.pop())
    for line in tail:
        match = RAISES.match(line)
        if match:
            return match[1], re.split(r"…|\.\.\.", match[2])[0].strip()
    return None


def excerpt_lines(path: Path) -> set[str]:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    else:
        text = path.read_text(encoding="utf-8")
    return {line.strip() for line in text.splitlines()}


BLOCKS = python_blocks()


def test_the_readme_has_blocks_of_each_kind() -> None:
    kinds = [
        "excerpt" if EXCERPT.match(code) else "raises" if expected_error(code) else "runs"
        for _, code in BLOCKS
    ]
    assert len(BLOCKS) > 20 and {"excerpt", "raises", "runs"} <= set(kinds)


@pytest.mark.parametrize(("line", "code"), BLOCKS, ids=[f"README.md:{line}" for line, _ in BLOCKS])
def test_every_python_block_runs_as_written(
    line: int, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    excerpt = EXCERPT.match(code)
    if excerpt:
        source = ROOT / excerpt[1]
        assert source.is_file(), f"README.md:{line} is an excerpt of {excerpt[1]}, which does not exist"
        missing = [
            text.strip()
            for text in code.splitlines()[1:]
            if text.strip() and text.strip() not in excerpt_lines(source)
        ]
        assert not missing, f"README.md:{line}: not in {excerpt[1]}: {missing}"
        return
    if "to_torch" in code or "from_torch" in code:
        pytest.importorskip("torch", reason="the torch bridge's block needs torch (pip install '.[torch]')")
    pytest.importorskip("matplotlib").use("Agg")
    monkeypatch.chdir(tmp_path)  # blocks that write pictures write them here
    compiled = compile(code, f"README.md:{line}", "exec")
    expected = expected_error(code)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        if expected is None:
            exec(compiled, {"__name__": "__readme__"})
            return
        with pytest.raises(Exception) as raised:  # the type is checked by name below
            exec(compiled, {"__name__": "__readme__"})
    name, start = expected
    assert type(raised.value).__name__ == name, f"README.md:{line} raised {raised.value!r}"
    assert str(raised.value).startswith(start), f"README.md:{line}: {raised.value}"
