"""Regenerate docs/report.png, the README's picture of the report on the bundled data.

    .venv/bin/python docs/screenshot.py

Writes the bundled data's report with `stancectl report` into a temporary folder, opens it in
the system's headless Chromium (driven by Playwright for Python, from the test extra; Chromium
from the distribution: `apt-get install chromium`) and saves the top of the page: the filters
and the chart of the first question, where Poland's change of position is ringed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from stancectl.cli import run

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(REPO / "tests"))
from headless_chromium import CHROMIUM_FLAGS, chromium_executable  # noqa: E402


def main() -> int:
    chromium = chromium_executable()
    if chromium is None:
        sys.stderr.write("no Chromium found: apt-get install chromium\n")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "report.html"
        code = run(["report", "--data", str(REPO / "stances.yaml"), "-o", str(page_file)])
        if code:
            return code
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1100, "height": 1240})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(DOCS / "report.png"))
            browser.close()
    sys.stderr.write(f"wrote {DOCS / 'report.png'}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
