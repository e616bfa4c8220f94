"""The animation page in a real browser: headless Chromium (Debian's package, which ``.ci/run``
installs when missing) loads it with no script error, and its buttons and slider move the highlight.

The page presses the buttons named in ``?press=…`` when it loads; ``--dump-dom`` prints the page
as it then is, so the current step (``data-step``) and the highlighted table row can be read back.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

import autograd_tiny as at
from autograd_tiny.see.animation_html import animation_html
from autograd_tiny.see.draw import find_renderer
from autograd_tiny.see.frames import frames
from tests.helpers.browser import CHROMIUM, HEADLESS

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(find_renderer() is None, reason="no Graphviz renderer installed"),
]
FLAGS = [*HEADLESS, "--enable-logging=stderr", "--v=0"]  # the page's console errors on stderr


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    y, _ = at.parse("(x1+x2)*(x2+1)", x1=2, x2=3)
    path = tmp_path_factory.mktemp("animation") / "backprop.html"
    path.write_text(animation_html(frames(y), title="y = (x1+x2)*(x2+1)"), encoding="utf-8")
    return path


def load(page: Path, press: str) -> tuple[str, str]:
    """The DOM after loading ``page?press=…``, and the browser's log."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", f"{page.as_uri()}?press={press}"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def state(dom: str) -> tuple[int, list[int], list[int]]:
    """The current step, the indexes of the visible frames and of the highlighted table rows."""
    step = int(re.search(r'<body[^>]*data-step="(\d+)"', dom)[1])  # type: ignore[index]
    frames_ = re.findall(r'<div class="frame"[^>]*?( hidden="")?>', dom)
    visible = [i for i, hidden in enumerate(frames_) if not hidden]
    rows = re.findall(r"<tr([^>]*)>", dom.split("<tbody>")[1])
    return step, visible, [i for i, attributes in enumerate(rows) if "current" in attributes]


def test_the_page_loads_without_a_script_error_at_the_first_step(page: Path) -> None:
    dom, log = load(page, "")
    assert 'data-ready="yes"' in dom  # the script ran to its end
    assert "Uncaught" not in log and "SyntaxError" not in log
    assert state(dom) == (0, [0], [])
    assert "forward pass: the inputs are given" in dom


def test_the_buttons_move_the_picture_and_the_table_row_together(page: Path) -> None:
    # 4 forward frames, y.grad = 1, then one frame per row: step 9 is x2's second contribution (row 4)
    dom, log = load(page, ",".join(["next"] * 10 + ["prev"]))
    assert "Uncaught" not in log
    assert state(dom) == (9, [9], [4])
    assert "5 → 9" in dom.split('id="text">')[1].split("<")[0]
    assert state(load(page, "last,prev,prev")[0]) == (8, [8], [3])
    assert state(load(page, "last,first,next")[0]) == (1, [1], [])


INHERITED = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]


@pytest.mark.parametrize("unknown", [*INHERITED, "nope"])
def test_unknown_actions_in_the_address_are_ignored(page: Path, unknown: str) -> None:
    """Inherited names are no actions: before, ``?press=toString`` stopped the script."""
    dom, log = load(page, f"{unknown},next,{unknown},next")
    assert 'data-ready="yes"' in dom
    assert "Uncaught" not in log
    assert state(dom) == (2, [2], [])
