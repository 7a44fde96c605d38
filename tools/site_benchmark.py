"""Benchmark the built site in headless Chromium: what a reader's first visit costs.

``python -m tools.site_benchmark`` (or ``make benchmark``) serves ``_build/html`` locally and, for
every page of the table of contents, prints the bytes of a first visit (every file the page
requests, gzip level 6 as a web server would send it), the time from navigation to the last chart
drawn, and the median time a slider's change takes to redraw its chart. A benchmark, not a test:
it reports figures and checks nothing.
"""

from __future__ import annotations

import gzip
import statistics
import sys
import time
from urllib.parse import unquote, urlparse

from tools.ledger_build import ROOT, chapters

sys.path.insert(0, str(ROOT / "tests"))
from site_checks import CHROMIUM_FLAGS, serve

SITE = ROOT / "_build" / "html"
DRAWN = "() => Array.from(document.querySelectorAll('.ledger-chart')).every(c => c.querySelector('svg.marks'))"
REDRAW = """async () => {
  const input = document.querySelector('.ledger-chart input[type=range]');
  if (!input) { return null; }
  const svg = input.closest('.ledger-chart').querySelector('svg.marks');
  const times = [];
  for (let i = 0; i < 5; i++) {
    const changed = new Promise(resolve => new MutationObserver((_, o) => { o.disconnect(); resolve(); })
      .observe(svg, {subtree: true, childList: true, attributes: true}));
    const start = performance.now();
    input.value = (i % 2) ? input.min : input.max;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    await changed;
    await new Promise(requestAnimationFrame);
    times.push(performance.now() - start);
  }
  return times;
}"""


def first_visit_kb(urls: list[str]) -> float:
    """Gzipped size (KB) of the distinct local files a page requested."""
    total = 0
    for url in dict.fromkeys(urls):
        path = SITE / unquote(urlparse(url).path.lstrip("/"))
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 6))
    return total / 1024


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not (SITE / "index.html").is_file():
        print("no built site: run `make book` first", file=sys.stderr)
        return 1
    print(f"{'page':<28}{'first visit (KB gz)':>22}{'last chart drawn (ms)':>24}{'slider redraw (ms)':>20}")
    with serve(SITE) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS, headless=True)
        for name in chapters():
            page = browser.new_page()
            urls: list[str] = []
            page.on("request", lambda request, urls=urls: urls.append(request.url))
            start = time.monotonic()
            page.goto(f"{base}/book/{name}.html", wait_until="load")
            page.wait_for_function(DRAWN, timeout=20000)
            drawn_ms = (time.monotonic() - start) * 1000
            page.wait_for_timeout(1500)
            times = page.evaluate(REDRAW)
            redraw = f"{statistics.median(times):.0f}" if times else "no slider"
            print(f"{name:<28}{first_visit_kb(urls):>22,.0f}{drawn_ms:>24,.0f}{redraw:>20}", flush=True)
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
