"""Headless Chromium for the tests that look at a page as a reader would (Debian's package, which
``.ci/run`` installs): where it is, and the flags it runs with on a machine with no network."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""The browser's path, or None: the tests that need it skip."""

HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # without these, Chromium keeps trying hosts it cannot reach
    "--disable-component-update",
    "--disable-sync",
)
"""The flags of every run: no window, no sandbox (root in CI), nothing fetched from the network."""
