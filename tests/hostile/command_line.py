"""Hostile inputs for the command line, each run in a subprocess: ``graph`` (pictures, paths,
traces, ``--animate``, ``--check``), ``exercise`` (worksheets and answer keys) and ``demo``."""

from __future__ import annotations

from tests.hostile.harness import Outcome, run_cli


def _product(n: int) -> tuple[str, str]:
    """``x1*x2*…*xn`` and its ``--at``."""
    return "*".join(f"x{i}" for i in range(1, n + 1)), ",".join(f"x{i}=1.01" for i in range(1, n + 1))


P25, AT25 = _product(25)
BAD: list[list[str]] = [
    ["graph"], ["graph", "x*"], ["graph", "x", "--at", "x=a"], ["graph", "x", "--at", "y=1"],
    ["graph", "__import__('os')"], ["graph", "log(x)", "--at", "x=0"], ["graph", "x", "--at", "x=1e999"],
    ["graph", "x" + "*x" * 99, "--at", "x=1.01", "-o", "hostile.svg"],
    ["graph", "x" + "+x" * 999, "--at", "x=1", "-o", "hostile.svg"],
    ["graph", "x" + "*x" * 700, "--at", "x=1", "--paths"],
    ["graph", "x", "--at", "x=1", "-o", "/no/such/dir/y.svg"],
    ["graph", "x", "--at", "x=1", "-o", "y.exe"], ["nosuchcommand"], ["demo", "--out", "/proc/forbidden"],
    # --animate: a drawing's bounds, at once for the size and within RENDER_SECONDS for the time
    ["graph", "*".join(["x"] * 499), "--at", "x=1.001", "--animate", "-o", "a.html"],
    ["graph", "*".join(["x"] * 499), "--at", "x=1.001", "--animate", "-o", "a.gif"],
    ["graph", "+".join(["x"] * 600), "--at", "x=1", "--animate", "-o", "a.html"],
    ["graph", P25, "--at", AT25, "--animate", "-o", "c.gif"],
    ["graph", "x*2", "--at", "x=1", "--animate"], ["graph", "x*2", "--at", "x=1", "--animate", "-o", "a.png"],
    ["graph", "x*2", "--at", "x=1", "--animate", "-o", "/no/such/dir/a.html"],
    ["graph", "x*2", "--at", "x=1", "--check", "dy/dx=2", "--animate", "-o", "a.html"],
    # exercise: worksheets and answer keys
    ["exercise", "--level", "4"], ["exercise", "--level", "0"], ["exercise", "--level", "a"],
    ["exercise", "--count", "0"], ["exercise", "--count", "51"], ["exercise", "--count", "-1"],
    ["exercise", "--count", "a"], ["exercise", "--count", "1" + "0" * 400], ["exercise", "--seed", "a"],
    ["exercise", "--seed", "1.5"], ["exercise", "-o", "/no/such/dir/sheet.html"],
    ["exercise", "-o", "sheet.exe"], ["exercise", "-o", "sheet.pdf"], ["exercise", "--answers", "key.docx"],
    ["exercise", "--answers", "/proc/key.md"],
    ["exercise", "-o", "same.html", "--answers", "same.html"], ["exercise", "--nosuch"],
]  # fmt: skip
GOOD: list[list[str]] = [
    ["graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "--paths", "--trace"],
    ["graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "--animate", "-o", "a.html"],
    ["graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "--animate", "-o", "a.gif"],
    ["graph", "tanh(x1*x2)", "--at", "x1=0.5,x2=-1", "--animate", "-o", "t.html"],
    ["exercise"],
    ["exercise", "--level", "3", "--count", "50", "--seed", "99"],
    ["exercise", "--level", "2", "--count", "6", "--seed", "7", "-o", "sheet.html", "--answers", "key.html"],
    ["exercise", "--level", "1", "--count", "3", "-o", "sheet.md", "--answers", "key.md"],
    ["exercise", "--seed", "-5"],
    ["exercise", "--seed", str(2**70)],
]
EITHER: list[list[str]] = [  # graph --check: a verdict (status 0 or 1) or one error line (status 2)
    ["graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "--check", answers]
    for answers in (
        "dy/dx1=4,dy/dx2=9", "dy/dx1=4,dy/dx2=8", "dy/dx1=x", "dy/dx1", "=4", "", ",,,", "a=5,a=6",
        "dy/dx1=1/0", "dy/dx1=nan", "dy/dx1=" + "9" * 5000, "k" * 10**4 + "=1", "∂y/∂x1=4", "dy/dx9=1",
        "dy/dx1=\u0664", "y=20;a=5", "dy/dx1==4",
    )
]  # fmt: skip


def command_line_outcomes() -> list[Outcome]:
    outcomes = [run_cli(arguments, bad=True) for arguments in BAD]
    outcomes += [run_cli(arguments, bad=False) for arguments in GOOD]
    outcomes += [run_cli(arguments, bad=None) for arguments in EITHER]
    return outcomes


def smoke() -> list[Outcome]:
    """One input, for the test suite: an animation past a drawing's bounds, refused at once."""
    return [run_cli(BAD[16], bad=True)]
