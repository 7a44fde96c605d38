"""One chart style for the whole book, and a deterministic offline renderer.

* :data:`FIRM_COLOURS` — the same firm keeps the same colour everywhere (Okabe-Ito palette,
  safe for the common forms of colour blindness).
* :func:`ledger_chart` — gives a chart its finding as title, units as subtitle, tooltips, a
  source line built from source ids and a CSV download of the rows it draws.
* The ``ledger`` Altair renderer — emits ``text/html`` whose element id is a hash of the spec,
  so the same spec renders to the same bytes (nbval compares them) and loads nothing remote:
  the page already carries vega, vega-lite and vega-embed from local files.
"""

from __future__ import annotations

import hashlib
import html
import json
import textwrap
import urllib.parse
from typing import Any

import altair as alt
import pandas as pd

from analysis.provenance import document_names, publishers, source_line_html, source_summary

#: Okabe & Ito (2008) colour-blind-safe palette, in the order used for series without a firm.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: One colour per firm across every chapter.
FIRM_COLOURS = {
    "microsoft": "#0072B2",
    "alphabet": "#009E73",
    "amazon": "#E69F00",
    "meta": "#56B4E9",
    "oracle": "#D55E00",
    "nvidia": "#000000",
    "openai": "#CC79A7",
    "anthropic": "#F0E442",
}

#: Display names of the firms, in the book's usual order.
FIRM_NAMES = {
    "microsoft": "Microsoft",
    "alphabet": "Alphabet",
    "amazon": "Amazon",
    "meta": "Meta",
    "oracle": "Oracle",
    "nvidia": "Nvidia",
    "openai": "OpenAI",
    "anthropic": "Anthropic",
}

#: One colour per verdict, the same on every page: green holds, orange roughly, vermilion does not, grey unchecked.
VERDICT_COLOURS = {"holds": "#009E73", "roughly holds": "#E69F00", "does not hold": "#D55E00",
                   "cannot be checked": "#8C8C8C", "not yet tested": "#D9D9D9"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH_PX = 520
HEIGHT_PX = 300
#: Title and subtitle lines short enough to fit a 360 px phone screen (Vega does not wrap titles).
TITLE_CHARS = 34
SUBTITLE_CHARS = 48


def theme() -> dict[str, Any]:
    """The book's Vega-Lite config: readable fonts, light grid, the colour-blind-safe palette."""
    return {
        "autosize": {"type": "fit-x", "contains": "padding", "resize": True},
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH_PX, "continuousHeight": HEIGHT_PX, "discreteWidth": WIDTH_PX,
                     "stroke": None},
            "title": {"fontSize": 15, "fontWeight": 600, "anchor": "start", "subtitleFontSize": 12,
                      "subtitleColor": "#444444", "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 500,
                     "gridColor": "#e6e6e6", "domainColor": "#888888", "tickColor": "#888888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "labelLimit": 360,
                       "columns": 2},
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 50, "filled": True},
        }
    }


def firm_colour_scale(firms: list[str]) -> alt.Scale:
    """A colour scale that maps display names of ``firms`` to their fixed colours."""
    return alt.Scale(domain=[FIRM_NAMES[f] for f in firms], range=[FIRM_COLOURS[f] for f in firms])


def ledger_chart(
    chart: alt.TopLevelMixin,
    *,
    finding: str,
    units: str,
    citations: list[dict[str, str]],
    data: pd.DataFrame,
    csv_name: str,
    model: str | None = None,
) -> alt.TopLevelMixin:
    """Finish a chart the book's way.

    ``finding`` is the title (what the chart shows, not what it plots); ``units`` and the
    publishers go in the subtitle, so an exported image keeps them; ``citations`` (from
    :func:`analysis.provenance.cite`) and a CSV of ``data`` travel in ``usermeta`` for the
    renderer, which writes them under the chart. A chart of a model that draws no sourced data
    passes ``model`` (what computes it) instead of citations.
    """
    if not finding or not units or not (citations or model):
        raise ValueError("a ledger chart needs a finding, units and at least one citation (or a model)")
    credit = f"Source: {publishers(citations)}" if citations else f"Model: {model}"
    _name_sources(chart, citations)
    subtitle = textwrap.wrap(units, SUBTITLE_CHARS) + textwrap.wrap(credit, SUBTITLE_CHARS)
    return chart.properties(
        width="container",
        title=alt.TitleParams(text=textwrap.wrap(finding, TITLE_CHARS), subtitle=subtitle),
        usermeta={"ledger": {"citations": citations, "model": model, "csv_name": csv_name,
                             "csv": frame_csv(data)}},
    )


SOURCE_COLUMNS = ("source_ids", "source_id")


def _name_sources(chart: alt.TopLevelMixin, citations: list[dict[str, str]]) -> None:
    """Replace source ids in the data a chart draws (and so in its tooltips) by document titles."""
    for part in [chart, *getattr(chart, "layer", [])]:
        data = getattr(part, "data", None)
        if isinstance(data, pd.DataFrame) and any(c in data.columns for c in SOURCE_COLUMNS):
            named = data.copy()
            for column in SOURCE_COLUMNS:
                if column in named.columns:
                    named[column] = [document_names(s, citations) if isinstance(s, str) else s
                                     for s in named[column]]
            part.data = named


def frame_csv(data: pd.DataFrame) -> str:
    """CSV text of a chart's data, dates as YYYY-MM-DD, stable across runs."""
    out = data.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.to_csv(index=False, lineterminator="\n")


def spec_id(spec: dict[str, Any]) -> str:
    """A deterministic element id: a hash of the sorted spec JSON."""
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()
    return f"ledger-vis-{digest[:16]}"


_EMBED_SCRIPT = """(function() {{
  var spec = {spec};
  function draw() {{
    vegaEmbed("#{vid}", spec, {{"renderer": "svg", "actions": {{"export": true, "source": false,
      "compiled": false, "editor": false}}}}).then(function(result) {{
      (window.ledgerViews = window.ledgerViews || {{}})["{vid}"] = result.view;
      var menu = document.querySelector("#{vid} summary");
      if (menu) {{ menu.setAttribute("aria-label", "Save this chart as an image"); }}
    }}).catch(function(err) {{ console.error("chart {vid}: " + err); }});
  }}
  if (window.vegaEmbed) {{ draw(); }} else {{ window.addEventListener("load", draw); }}
}})();"""


def chart_alternative(spec: dict[str, Any]) -> str:
    """The chart's text alternative for screen readers: its finding, then what it plots (the
    subtitle's units and source line).

    >>> chart_alternative({"title": {"text": ["Capex", "doubled"], "subtitle": ["USD bn", "Source: X"]}})
    'Chart: Capex doubled. USD bn Source: X'
    """
    subtitle = spec.get("title", {}).get("subtitle", [])
    return f"Chart: {chart_title(spec)}. {' '.join(subtitle)}".strip()


def render_html(spec: dict[str, Any]) -> str:
    """The HTML of one chart: its container, the embed call, the source line and CSV link."""
    spec = json.loads(json.dumps(spec))
    meta = spec.pop("usermeta", {}).get("ledger")
    if meta is None:
        raise ValueError("chart has no source line: build it with analysis.charts.ledger_chart")
    vid = spec_id(spec)
    payload = json.dumps(spec, sort_keys=True).replace("</", "<\\/")
    csv_href = "data:text/csv;charset=utf-8," + urllib.parse.quote(meta["csv"])
    source_ids = " ".join(c["source_id"] for c in meta["citations"])
    caption = source_summary(meta["citations"]) if meta["citations"] else f"Model: {meta['model']}; no sourced data."
    return (
        f'<figure class="ledger-figure" data-source-ids="{html.escape(source_ids)}" '
        f'data-chart-title="{html.escape(chart_title(spec))}">\n'
        f'<div id="{vid}" class="ledger-chart" role="group" '
        f'aria-label="{html.escape(chart_alternative(spec))}"></div>\n'
        f'<script type="text/javascript">\n{_EMBED_SCRIPT.format(spec=payload, vid=vid)}\n</script>\n'
        f'<figcaption class="ledger-source">{html.escape(caption)} '
        f'<a class="ledger-csv" download="{html.escape(meta["csv_name"])}" href="{csv_href}">'
        f'Download the data (CSV)</a>\n{_source_details(meta["citations"])}</figcaption>\n'
        f"</figure>"
    )


def _source_details(citations: list[dict[str, str]]) -> str:
    if not citations:
        return ""
    return f"<details><summary>List the source documents</summary>{source_line_html(citations)}</details>"


def _renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    return {"text/html": render_html(spec), "text/plain": f"<chart: {chart_title(spec)}>"}


def chart_title(spec: dict[str, Any]) -> str:
    """The finding a chart states, as one line of text."""
    title = spec.get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def enable() -> None:
    """Register and enable the book's theme and renderer (call once at the top of a chapter)."""
    alt.renderers.register("ledger", _renderer)
    alt.renderers.enable("ledger")
    alt.theme.register("ledger", enable=True)(theme)
    alt.data_transformers.disable_max_rows()
