"""Sphinx extension: put the vendored browser assets on every page, from local files only.

vega, vega-lite and vega-embed (charts) and MathJax (formulas) come from the npm registry at
install time (``package-lock.json``) into ``node_modules/``; this copies them into the built
site's ``_static/vendor/`` and adds the three chart scripts to every page, in order, and the
book's own ``ledger-tables.js`` (sorting and filtering of long tables, from ``book/_static``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
SCRIPTS = [
    ("vega/build/vega.min.js", "vega.min.js"),
    ("vega-lite/build/vega-lite.min.js", "vega-lite.min.js"),
    ("vega-embed/build/vega-embed.min.js", "vega-embed.min.js"),
]
MATHJAX = "mathjax/es5"


def _check_installed(app: Sphinx) -> None:
    missing = [src for src, _ in SCRIPTS if not (NODE_MODULES / src).is_file()]
    if not (NODE_MODULES / MATHJAX / "tex-mml-chtml.js").is_file():
        missing.append(f"{MATHJAX}/tex-mml-chtml.js")
    if missing:
        raise ExtensionError(
            f"browser assets missing from {NODE_MODULES}: {', '.join(missing)}. "
            "Run `make book` (it runs `npm ci`) before building."
        )
    for _, name in SCRIPTS:
        app.add_js_file(f"vendor/{name}")
    app.add_js_file("ledger-tables.js", defer="defer")


def _copy_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "vendor"
    target.mkdir(parents=True, exist_ok=True)
    for src, name in SCRIPTS:
        shutil.copyfile(NODE_MODULES / src, target / name)
    shutil.copytree(NODE_MODULES / MATHJAX, target / "mathjax", dirs_exist_ok=True)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _check_installed)
    app.connect("build-finished", _copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
