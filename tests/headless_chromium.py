"""The system's Chromium, headless, as the report's browser tests, its benchmark and the README's
picture open it: never a downloaded browser, never a network request of its own."""

from __future__ import annotations

import os
import shutil

CHROMIUM_FLAGS = [
    # Playwright adds --headless and an empty --user-data-dir (the profile folder)
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str | None:
    """$STANCECTL_CHROMIUM, else the system's `chromium` (Debian: apt-get install chromium)."""
    named = os.environ.get("STANCECTL_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None
