"""Sphinx extension: put the vendored browser assets on every page, from local files only.

vega, vega-lite and vega-embed (charts), KaTeX (formulas) and the Noto Sans SC font (Chinese
quotes) come from the npm registry at install time (``package-lock.json``) into
``node_modules/``; this copies them into the built site's ``_static/vendor/`` and adds the three
chart scripts to every page, in order, the font's stylesheet, and the book's own
``ledger-tables.js`` (sorting and filtering of long tables, from ``book/_static``). The font is
split by Unicode range (Fontsource's subsets), so a page downloads only the parts holding the
characters it draws, and each part is cut down (fontTools) to the characters the built site uses.
"""

from __future__ import annotations

import re
import shutil
import urllib.parse
from pathlib import Path

from fontTools import subset
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
SCRIPTS = [
    ("vega/build/vega.min.js", "vega.min.js"),
    ("vega-lite/build/vega-lite.min.js", "vega-lite.min.js"),
    ("vega-embed/build/vega-embed.min.js", "vega-embed.min.js"),
]
KATEX = "katex/dist"
CJK_FONT = "@fontsource/noto-sans-sc"
CJK_CSS = "noto-sans-sc/noto-sans-sc-400.css"
WOFF_FALLBACK = re.compile(r", url\(\./files/[^)]+\.woff\) format\('woff'\)")


def _check_installed(app: Sphinx) -> None:
    missing = [src for src, _ in SCRIPTS if not (NODE_MODULES / src).is_file()]
    if not (NODE_MODULES / KATEX / "katex.min.js").is_file():
        missing.append(f"{KATEX}/katex.min.js")
    if not (NODE_MODULES / CJK_FONT / "400.css").is_file():
        missing.append(f"{CJK_FONT}/400.css")
    if missing:
        raise ExtensionError(
            f"browser assets missing from {NODE_MODULES}: {', '.join(missing)}. "
            "Run `make book` (it runs `npm ci`) before building."
        )
    for _, name in SCRIPTS:
        app.add_js_file(f"vendor/{name}")
    app.add_js_file("ledger-tables.js", defer="defer")
    app.add_css_file(f"vendor/{CJK_CSS}")


def _copy_font(target: Path, outdir: Path) -> None:
    """The regular weight of Noto Sans SC: its stylesheet (WOFF2 only) and its WOFF2 subsets, each
    cut down to the characters that appear in the built pages."""
    font = NODE_MODULES / CJK_FONT
    css = WOFF_FALLBACK.sub("", (font / "400.css").read_text(encoding="utf-8"))
    files = (target / CJK_CSS).parent / "files"
    files.mkdir(parents=True, exist_ok=True)
    (target / CJK_CSS).write_text(css, encoding="utf-8")
    used = sorted({ord(c) for page in outdir.rglob("*.html") for c in page.read_text(encoding="utf-8")})
    options = subset.Options()
    options.flavor = "woff2"
    options.ignore_missing_unicodes = True
    for part in sorted((font / "files").glob("*-400-normal.woff2")):
        face = subset.load_font(str(part), options)
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=used)
        cutter.subset(face)
        subset.save_font(face, str(files / part.name), options)


KATEX_FALLBACKS = re.compile(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')


def _copy_katex(target: Path) -> None:
    """KaTeX's script, auto-render, stylesheet (WOFF2 fonts only) and WOFF2 fonts."""
    dist = NODE_MODULES / KATEX
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dist / "katex.min.js", target / "katex.min.js")
    shutil.copyfile(dist / "contrib" / "auto-render.min.js", target / "auto-render.min.js")
    css = KATEX_FALLBACKS.sub("", (dist / "katex.min.css").read_text(encoding="utf-8"))
    (target / "katex.min.css").write_text(css, encoding="utf-8")
    for font in (dist / "fonts").glob("*.woff2"):
        shutil.copyfile(font, target / "fonts" / font.name)


def _copy_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "vendor"
    target.mkdir(parents=True, exist_ok=True)
    for src, name in SCRIPTS:
        shutil.copyfile(NODE_MODULES / src, target / name)
    _copy_katex(target / "katex")
    _copy_font(target, Path(app.outdir))


CSV_LINK = re.compile(r'<a class="ledger-csv" download="([^"]+)" href="data:text/csv;charset=utf-8,([^"]*)">')


def _publish_chart_data(outdir: Path) -> None:
    """Write the data under every chart to ``_static/data/<name>.csv`` and point its link there,
    so each chart's data is a real file to link, cite or fetch; a name used twice for different
    data is an error."""
    target = outdir / "_static" / "data"
    target.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "ledger-csv" not in text:
            continue
        depth = len(page.relative_to(outdir).parts) - 1
        prefix = "../" * depth

        def swap(match: re.Match[str], prefix: str = prefix) -> str:
            name, body = match.group(1), urllib.parse.unquote(match.group(2))
            if written.setdefault(name, body) != body:
                raise ExtensionError(f"two charts publish different data as {name}")
            (target / name).write_text(body, encoding="utf-8")
            return f'<a class="ledger-csv" download="{name}" href="{prefix}_static/data/{name}">'

        page.write_text(CSV_LINK.sub(swap, text), encoding="utf-8")


def _publish_tables(outdir: Path) -> None:
    """Publish the book's data package: every table of ``data/`` and its descriptor."""
    target = outdir / "data"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "data").glob("*")):
        if path.suffix in (".csv", ".json"):
            shutil.copyfile(path, target / path.name)


#: The theme's Font Awesome script (about 530 KB gzipped) draws the same icons the theme's CSS
#: webfont already draws; pages load lighter without it.
FONTAWESOME_JS = re.compile(
    r'<script defer src="(?:\.\./)*_static/scripts/fontawesome\.js\?digest=[0-9a-f]+"></script>')


#: Sphinx asks for MathJax (about 290 KB gzipped with its fonts); the book typesets its few
#: formulas with KaTeX instead (about 140 KB), and only on pages that show one.
MATHJAX_JS = re.compile(r'<script>window\.MathJax = [^<]*</script>\s*'
                        r'<script defer="defer" src="(?:\.\./)*_static/vendor/mathjax/'
                        r'tex-mml-chtml\.js(?:\?v=[0-9a-f]+)?">'
                        r'</script>')


def _katex_tags(prefix: str) -> str:
    return (f'<link rel="stylesheet" href="{prefix}_static/vendor/katex/katex.min.css">'
            f'<script defer src="{prefix}_static/vendor/katex/katex.min.js"></script>'
            f'<script defer src="{prefix}_static/vendor/katex/auto-render.min.js"></script>'
            f'<script defer src="{prefix}_static/ledger-math.js"></script>')


def _lighten_pages(outdir: Path) -> None:
    """Drop the scripts a page does not need: Font Awesome's everywhere; MathJax everywhere, with
    KaTeX in its place where a formula is."""
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        lighter = FONTAWESOME_JS.sub("", text)
        katex = _katex_tags("../" * (len(page.relative_to(outdir).parts) - 1)) if 'class="math' in lighter else ""
        lighter = MATHJAX_JS.sub(lambda _, tags=katex: tags, lighter)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\([0-9a-f]+)"\}')
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")


def _cut_icon_fonts(outdir: Path) -> None:
    """Cut the theme's Font Awesome webfonts (about 150 KB) down to the icons the site's pages and
    the theme's own script use: each icon class maps to its character in the theme's stylesheet."""
    css = (outdir / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    codepoint = {name[1:].removesuffix(":before"): int(code, 16)
                 for names, code in ICON_RULE.findall(css) for name in names.rstrip(",").split(",")}
    texts = [p.read_text(encoding="utf-8") for p in outdir.rglob("*.html")]
    texts += [p.read_text(encoding="utf-8") for p in (outdir / "_static" / "scripts").glob("*.js")
              if p.name != "fontawesome.js"]
    used = sorted({codepoint[c] for text in texts for c in ICON_CLASS.findall(text) if c in codepoint})
    options = subset.Options()
    options.flavor = "woff2"
    options.ignore_missing_unicodes = True
    for font in sorted((outdir / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2")):
        face = subset.load_font(str(font), options)
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=used)
        cutter.subset(face)
        subset.save_font(face, str(font), options)


def _publish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    _publish_chart_data(Path(app.outdir))
    _publish_tables(Path(app.outdir))
    _lighten_pages(Path(app.outdir))
    _cut_icon_fonts(Path(app.outdir))


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _check_installed)
    app.connect("build-finished", _copy_assets)
    app.connect("build-finished", _publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
