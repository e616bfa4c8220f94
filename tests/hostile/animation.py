"""Hostile inputs for the animation: frames of graphs past a drawing's bounds, pages and GIFs of
them, the widget, the memory of frames of a long chain, and the page opened with inherited names
as actions (``?press=toString``) in headless Chromium."""

from __future__ import annotations

import re
import subprocess
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.see.animation_gif import animation_gif
from autograd_tiny.see.animation_html import animation_html
from tests.helpers.browser import CHROMIUM, HEADLESS
from tests.hostile.harness import EXPECTED, Case

ANIMATION_EXPECTED = (*EXPECTED, RuntimeError, ImportError)  # a renderer's one line, or Pillow missing


def _chain(n: int) -> Value:
    y = Value(0.5, "x")
    for _ in range(n - 1):
        y = y * 1.0001
    return y


def _product(n: int) -> Value:
    xs = [Value(1.01, f"x{i}") for i in range(1, n + 1)]
    y = xs[0]
    for x in xs[1:]:
        y = y * x
    return y


PRESSES = [  # inherited names of a JavaScript object first: none is an action of the page
    "toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf",
    "__defineGetter__", "toLocaleString", "next", "nosuch", "", ",,,", "last,first",
]  # fmt: skip
GRAPHS: dict[str, Any] = {
    "y = (x1+x2)(x2+1)": lambda: at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)[0],
    "a product of 499 factors": lambda: _product(499),
    "a product of 251 factors": lambda: _product(251),
    "a sum of 1001 terms": lambda: at.sum([Value(1.0, "x")] * 1001),
    "a chain of 501": lambda: _chain(501),
    "a lone leaf": lambda: Value(1.0, "x"),
    "a constant": lambda: at.Constant(2.0),
    "x*x": lambda: (lambda x: x * x)(Value(3.0, "x")),
}


def animation_cases(directory: Path, *, browser: bool = True) -> list[Case]:
    """The cases; ``browser=False`` leaves out the page in Chromium (``test_animation_browser`` has it)."""
    cases: list[Case] = []
    for what, make in GRAPHS.items():
        cases.append(Case(f"frames({what})", lambda m=make: len(at.frames(m()))))
        cases.append(
            Case(
                f"animation_html({what})",
                lambda m=make: len(animation_html(at.frames(m()))),
                ANIMATION_EXPECTED,
            )
        )
        cases.append(
            Case(
                f"animation_gif({what})",
                lambda m=make: str(animation_gif(at.frames(m()), directory / "a.gif")),
                ANIMATION_EXPECTED,
            )
        )
        cases.append(
            Case(
                f"step_through({what})",
                lambda m=make: type(at.step_through(m())).__name__,
                ANIMATION_EXPECTED,
            )
        )
    for junk in (None, 3.0, "y", [Value(1.0)]):
        cases.append(Case(f"frames({junk!r})", lambda j=junk: at.frames(j)))
        cases.append(Case(f"step_through({junk!r})", lambda j=junk: at.step_through(j), ANIMATION_EXPECTED))
    for n in (1000, 8000):
        cases.append(
            Case(f"frames of a {n}-value chain: memory", lambda n=n: _frames_memory(n), check=_linear(n))
        )
    if browser and CHROMIUM is not None:
        page = directory / "page.html"
        y = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)[0]
        try:
            page.write_text(animation_html(at.frames(y)), encoding="utf-8")
        except RuntimeError:  # no renderer: nothing to open
            return cases
        for press in PRESSES:
            cases.append(Case(f"page ?press={press}", lambda p=press: _page_ready(page, p), check=_ready))
    return cases


def _frames_memory(n: int) -> int:
    y = _chain(n)
    tracemalloc.reset_peak()
    start = tracemalloc.get_traced_memory()[0]
    at.frames(y)
    return tracemalloc.get_traced_memory()[1] - start


def _linear(n: int) -> Any:
    """About 2.5 kB a value (measured: 18 MiB for 8,000 values); a copy of every number in every
    frame took 4.6 GB."""
    return lambda peak: "" if peak < n * 5000 else f"{peak / 2**20:.0f} MiB for {n} values"


def _page_ready(page: Path, press: str) -> str:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, *HEADLESS, "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
             "--dump-dom", f"{page.as_uri()}?press={press}"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    uncaught = "Uncaught" in done.stderr
    ready = re.search(r'data-ready="yes"', done.stdout) is not None
    return "ready" if ready and not uncaught else f"ready={ready}, uncaught={uncaught}"


def _ready(state: str) -> str:
    return "" if state == "ready" else f"the page's script stopped: {state}"
