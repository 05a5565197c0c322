"""Remake docs/report.png, the README's picture of `verifier check examples/draft.md --format html`.

Run from the repository root after changing the HTML report: `python docs/screenshot.py`.
It needs the test extra (Playwright) and a Chromium (Debian's `chromium`, or VERIFIER_CHROMIUM).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    chromium = os.environ.get("VERIFIER_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        sys.exit("no Chromium found: apt-get install chromium, or set VERIFIER_CHROMIUM")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        command = ["verifier", "check", "examples/draft.md", "--format", "html", "-o", str(report)]
        subprocess.run(command, cwd=ROOT, check=False)  # exits 1: the demo draft has wrong statements
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.goto(report.as_uri())
            page.locator(".document .item", has_text="Jiangsu's population is roughly 50 million.").click()
            page.screenshot(path=str(ROOT / "docs" / "report.png"))
            browser.close()
    print("wrote docs/report.png")


if __name__ == "__main__":
    main()
