"""Checks of a built page in headless Chromium, and of built HTML for remote sources.

Used by test_site.py on every page of the table of contents and on fixture pages that must fail.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
REMOTE_SOURCE = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^>]*>"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.I,
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration; yield the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def remote_sources(html: str) -> list[str]:
    """Scripts, stylesheets, fonts, images or frames that the HTML would load from another host."""
    return [m.group(0)[:120] for m in REMOTE_SOURCE.finditer(html)]


_CHART_STATE = """() => Array.from(document.querySelectorAll('.ledger-chart')).map(c => {
  const svg = c.querySelector('svg.marks');
  return {id: c.id, drawn: !!svg && svg.querySelectorAll('path, line, rect, text').length > 3,
          sliders: c.querySelectorAll('input[type=range]').length, svg: svg ? svg.innerHTML : ''};
})"""

_MOVE_SLIDER = """([id, index]) => {
  const input = document.querySelectorAll('#' + id + ' input[type=range]')[index];
  input.value = (Number(input.value) === Number(input.min)) ? input.max : input.min;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new Event('change', {bubbles: true}));
}"""


#: True once every chart container on a page holds a drawn chart.
DRAWN = "() => Array.from(document.querySelectorAll('.ledger-chart')).every(c => c.querySelector('svg.marks'))"


def wait_for_charts(page: object, timeout_ms: int = 8000) -> None:
    """Wait until every chart is drawn, or ``timeout_ms``; the checks that follow report what is not."""
    with suppress(Exception):
        page.wait_for_function(DRAWN, timeout=timeout_ms)


def page_problems(browser: object, base_url: str, path: str) -> list[str]:
    """Everything wrong with one page: console errors, uncaught exceptions, requests to another
    host, failed local loads, formulas not typeset, chart containers without a drawn chart,
    sliders that move nothing."""
    problems: list[str] = []
    host = urlparse(base_url).netloc
    context = browser.new_context()
    page = context.new_page()

    def route(route_obj: object) -> None:
        url = route_obj.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob") or parsed.netloc == host:
            route_obj.continue_()
        else:
            problems.append(f"request to another host: {url}")
            route_obj.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console error: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"uncaught exception: {exc}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status} for {r.url}"))
    page.goto(f"{base_url}/{path}", wait_until="load")
    wait_for_charts(page)
    math = page.evaluate("() => Array.from(document.querySelectorAll('.math')).map(m => "
                         "m.querySelector('.katex-error') ? 'error' : m.querySelector('.katex') ? 'ok' : 'raw')")
    problems += [f"formula {i + 1} is not typeset ({state})" for i, state in enumerate(math) if state != "ok"]
    charts = page.evaluate(_CHART_STATE)
    for chart in charts:
        if not chart["drawn"]:
            problems.append(f"chart {chart['id']} is empty")
        for index in range(chart["sliders"] if chart["drawn"] else 0):
            before = next(c for c in page.evaluate(_CHART_STATE) if c["id"] == chart["id"])["svg"]
            page.evaluate(_MOVE_SLIDER, [chart["id"], index])
            page.wait_for_timeout(300)
            after = next(c for c in page.evaluate(_CHART_STATE) if c["id"] == chart["id"])["svg"]
            if after == before:
                problems.append(f"chart {chart['id']}: moving slider {index + 1} changed nothing")
    context.close()
    return problems


PHONE_WIDTH_PX = 390

_OVERFLOW = """(width) => Array.from(document.querySelectorAll('.ledger-chart')).flatMap(c => {
  const svg = c.querySelector('svg.marks');
  if (!svg) { return []; }
  const box = svg.getBoundingClientRect();
  const why = c.id + ' is ' + Math.round(box.width) + ' px wide, reaching ' + Math.round(box.right);
  return box.right > width + 1 ? [why] : [];
})"""


def charts_wider_than_a_phone(browser: object, base_url: str, path: str) -> list[str]:
    """Charts whose drawing reaches past the right edge of a 390 px phone screen."""
    context = browser.new_context(viewport={"width": PHONE_WIDTH_PX, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/{path}", wait_until="load")
    wait_for_charts(page)
    page.wait_for_timeout(300)
    found = page.evaluate(_OVERFLOW, PHONE_WIDTH_PX)
    context.close()
    return found


#: A page draws its Chinese text from a few of the font's ~100 Unicode-range subsets; more means
#: the split is not working and the page downloads the whole font.
MAX_CJK_SUBSETS = 30

_CJK_STATE = """async () => {
  const runs = Array.from(document.querySelectorAll('[lang|="zh"]')).filter(el => el.textContent.trim());
  const missing = [];
  for (const el of runs) {
    const text = el.textContent.trim();
    const faces = await document.fonts.load('16px "Noto Sans SC"', text);
    if (!getComputedStyle(el).fontFamily.includes('Noto Sans SC') || faces.length === 0) {
      missing.push(text.slice(0, 20));
    }
  }
  await document.fonts.ready;
  const files = performance.getEntriesByType('resource')
    .filter(r => r.name.includes('noto-sans-sc') && r.name.endsWith('.woff2')).length;
  return {missing, files};
}"""


def cjk_problems(browser: object, base_url: str, path: str) -> list[str]:
    """Chinese runs (``lang="zh"``) not drawn in the book's CJK font, and a page that downloads
    more of the font's subsets than its text can need."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/{path}", wait_until="load")
    state = page.evaluate(_CJK_STATE)
    context.close()
    problems = [f"Chinese text not in Noto Sans SC: {text!r}" for text in state["missing"]]
    if state["files"] > MAX_CJK_SUBSETS:
        problems.append(f"downloads {state['files']} font subsets (at most {MAX_CJK_SUBSETS})")
    return problems


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
_AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.length + ' node(s), e.g. ' + v.nodes[0].html.slice(0, 120))"""


def accessibility_problems(browser: object, base_url: str, path: str) -> list[str]:
    """Serious and critical axe-core violations on a page once its charts are drawn (axe-core from
    the npm registry, injected into the page)."""
    if not AXE.is_file():
        raise FileNotFoundError(f"{AXE} is missing: run npm ci")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/{path}", wait_until="load")
    wait_for_charts(page)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    problems = page.evaluate(_AXE_RUN)
    context.close()
    return problems


def search_results(browser: object, base_url: str, word: str) -> list[str]:
    """The page titles the site's own search (its local index, no network) lists for ``word``."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).netloc == urlparse(base_url).netloc
               else r.abort())
    page.goto(f"{base_url}/search.html?q={word}", wait_until="load")
    with suppress(Exception):
        page.wait_for_selector("#search-results ul.search li", timeout=10000)
    titles = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.textContent)")
    context.close()
    return titles


_MODEL_DATA = """async ([fragment, params, column]) => {
  const chart = Array.from(document.querySelectorAll('.ledger-chart'))
    .find(c => (c.getAttribute('aria-label') || '').includes(fragment));
  const view = chart && (window.ledgerViews || {})[chart.id];
  if (!view) { return null; }
  for (const [name, value] of Object.entries(params)) { view.signal(name, value); }
  await view.runAsync();
  const names = Object.keys(view.getState({data: vega.truthy, signals: vega.falsy, recurse: true}).data || {});
  const found = names.map(name => { try { return view.data(name); } catch (e) { return null; } })
    .filter(rows => Array.isArray(rows) && rows.length && rows[0] && typeof rows[0] === 'object' && column in rows[0]);
  const plain = row => Object.fromEntries(Object.entries(row).filter(([, v]) => v === null || typeof v !== 'object'));
  return found.length ? found[found.length - 1].map(plain) : null;
}"""


def chart_model_rows(browser: object, base_url: str, path: str, fragment: str, params: dict[str, float],
                     column: str) -> list[dict]:
    """The rows a page's chart (found by a fragment of its text alternative) computes once its
    parameters are set through the chart's own view — what a reader's sliders would show."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/{path}", wait_until="load")
    page.wait_for_function("() => Object.keys(window.ledgerViews || {}).length > 0", timeout=10000)
    page.wait_for_timeout(300)
    rows = page.evaluate(_MODEL_DATA, [fragment, params, column])
    context.close()
    if rows is None:
        raise LookupError(f"{path}: no drawn chart mentions {fragment!r} with a dataset carrying {column!r}")
    return rows


def twin_mismatches(rows: list[dict], key: str, column: str, expected: dict, rel: float = 1e-9) -> list[str]:
    """Rows whose in-page ``column`` differs from the Python twin's value for the same ``key``."""
    out = []
    for row in rows:
        want = expected.get(row[key])
        if want is not None and abs(row[column] - want) > rel * max(1.0, abs(want)):
            out.append(f"{key}={row[key]}: page {row[column]!r}, Python {want!r}")
    return out
