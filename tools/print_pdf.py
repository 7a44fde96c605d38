"""Print the whole book to one PDF through headless Chromium: ``make pdf``.

Reads the single-page build (``_build/singlehtml``, made by ``make pdf`` with jupyter-book's
``singlehtml`` builder), waits until every chart is drawn and every font has loaded, and prints it
with the book's print stylesheet (navigation hidden, charts and tables kept whole) to
``_build/ledger.pdf``.
"""

from __future__ import annotations

import os
import shutil
import sys

from tools.ledger_build import ROOT

sys.path.insert(0, str(ROOT / "tests"))
from site_checks import CHROMIUM_FLAGS, DRAWN, serve

SINGLE = ROOT / "_build" / "singlehtml"
PDF = ROOT / "_build" / "ledger.pdf"


def main() -> int:
    from playwright.sync_api import sync_playwright

    page_path = SINGLE / "book" / "intro.html"
    if not page_path.is_file():
        print(f"no single-page build at {page_path}: run `make pdf`", file=sys.stderr)
        return 1
    # The single page links its assets as if it sat at the root of the build: print it from there.
    shutil.copyfile(page_path, SINGLE / "ledger.html")
    chromium = os.environ.get("LEDGER_CHROMIUM", "/usr/bin/chromium")
    with serve(SINGLE) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page()
        page.goto(f"{base}/ledger.html", wait_until="load")
        page.wait_for_function(DRAWN, timeout=60000)
        page.evaluate("document.fonts.ready")
        page.pdf(path=str(PDF), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
        browser.close()
    print(f"PDF written: {PDF} ({PDF.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
