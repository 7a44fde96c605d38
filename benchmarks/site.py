"""Benchmark the book, run by hand (``make benchmark``), never by ``make test``.

Times the build (a cold build of the whole book with dependencies installed: every chapter
re-executed and the site built from nothing; a rebuild after touching one chapter; nbval over
every notebook), then serves ``_build/html`` and, for every page of the table of contents,
measures in headless Chromium the bytes of a first visit (every file the page requests, gzip
level 6 as a web server would send it) and of a cached visit (the page's own HTML; its shared
assets are cached), the time from the end of the load event to the last chart drawn, and the median time a
slider's change takes to redraw its chart. It writes the figures, with the command and the
machine, to ``docs/performance.md``, and checks nothing.
"""

from __future__ import annotations

import gzip
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from urllib.parse import unquote, urlparse

from benchmarks import model
from tools.ledger_build import ROOT, chapters

sys.path.insert(0, str(ROOT / "tests"))
from site_checks import CHROMIUM_FLAGS, DRAWN, serve

SITE = ROOT / "_build" / "html"
#: Milliseconds from the end of the page's load event to now (called once every chart is drawn).
AFTER_LOAD_MS = "() => Math.max(0, performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd)"
#: Milliseconds from the start of navigation to now.
SINCE_NAVIGATION_MS = "() => performance.now()"
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


def timed(command: list[str]) -> float:
    """Seconds a command takes (it must succeed)."""
    start = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def build_times() -> list[tuple[str, float]]:
    """Cold build, one-chapter rebuild and nbval, in seconds."""
    py = str(ROOT / ".venv" / "bin" / "python")
    jb = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", ".", "--all"]
    subprocess.run(["rm", "-rf", "_build"], cwd=ROOT, check=True)
    cold = timed([py, "-m", "tools.ledger_build", "execute", "--force"]) + timed(jb)
    (ROOT / "book" / "energy.md").touch()
    one = timed([py, "-m", "tools.ledger_build", "execute", "--only", "energy", "--force"]) + timed(jb)
    nbval = timed([py, "-m", "pytest", "-q", "--nbval", *sorted(str(p) for p in (ROOT / "book").glob("*.ipynb"))])
    return [("cold build: every chapter re-executed, site built from nothing", cold),
            ("rebuild after touching one chapter (energy)", one), ("nbval over every notebook", nbval)]


def page_figures() -> list[tuple[str, float, float, float, float, str]]:
    """Per page: first-visit KB, cached KB, ms from navigation and from the end of the load event to
    the last chart drawn, slider redraw ms."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(SITE) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("LEDGER_CHROMIUM", "/usr/bin/chromium"),
                                    args=CHROMIUM_FLAGS, headless=True)
        for name in chapters():
            page = browser.new_page()
            urls: list[str] = []
            page.on("request", lambda request, urls=urls: urls.append(request.url))
            page.goto(f"{base}/book/{name}.html", wait_until="load")
            page.wait_for_function(DRAWN, timeout=20000, polling=10)
            drawn_ms = page.evaluate(AFTER_LOAD_MS)
            since_ms = page.evaluate(SINCE_NAVIGATION_MS)
            page.wait_for_timeout(1500)
            times = page.evaluate(REDRAW)
            cached = len(gzip.compress((SITE / "book" / f"{name}.html").read_bytes(), 6)) / 1024
            rows.append((name, first_visit_kb(urls), cached, since_ms, drawn_ms,
                         f"{statistics.median(times):.0f}" if times else "no slider"))
            page.close()
        browser.close()
    return rows


def report(builds: list[tuple[str, float]], pages: list[tuple[str, float, float, float, float, str]]) -> str:
    """The figures as Markdown, with the command and the machine."""
    lines = ["# Performance", "", f"Measured {date.today():%d %B %Y} by `make benchmark` (`python -m benchmarks.site`) "
             f"on {platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}; Chromium headless, local server (no network).", "",
             "| build step | seconds |", "| --- | ---: |"]
    lines += [f"| {what} | {seconds:,.0f} |" for what, seconds in builds]
    lines += ["", "| page | first visit (KB gz) | cached visit (KB gz) | navigation to last chart drawn (ms) "
              "| load event to last chart drawn (ms) | slider redraw (ms) |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {n} | {kb:,.0f} | {cached:,.0f} | {since:,.0f} | {ms:,.0f} | {redraw} |"
              for n, kb, cached, since, ms, redraw in pages]
    return "\n".join(lines) + "\n"


def main() -> int:
    builds = build_times()
    pages = page_figures()
    path = ROOT / "docs" / "performance.md"
    kept = path.read_text(encoding="utf-8") if path.exists() else ""
    text = report(builds, pages)
    if model.START in kept:
        text = model.splice(text, model.START + kept.split(model.START, 1)[1].split(model.END, 1)[0] + model.END)
    path.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
