"""Every chart a chapter draws, built from the real data, keeps the book's contract: a title that
states a finding, units and a source (or model) line, tooltips, a CSV of its data, and sliders
bound to range inputs where it has parameters."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pytest

from analysis import circular, escalator, overview
from analysis.charts import chart_title, render_html
from analysis.data import load
from analysis.finance import annual_series, latest_row


def _tables() -> dict:
    return {name: load(name) for name in ("financials", "sources", "deals")}


def _escalator_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    fin, src = t["financials"], t["sources"]
    intensity = escalator.capex_intensity(fin)
    shares = escalator.share_comparison(fin)
    roic = escalator.roic_table(fin)
    capex = escalator.capex_with_source(intensity)
    bain = latest_row(fin, "bain", "revenue_needed")
    return {
        "capex": escalator.capex_chart(intensity, escalator.capex_guidance(fin), src),
        "capex_to_ocf": escalator.capex_to_ocf_chart(intensity, src),
        "shares": escalator.share_chart(shares, escalator.share_verdict(shares), src),
        "roic": escalator.roic_chart(roic, escalator.roic_trend(roic), src),
        "depreciation": escalator.depreciation_slider_chart(
            capex, annual_series(fin, "operating_income", escalator.BUILDERS), src, 6, 0.5),
        "revenue_gap": escalator.revenue_gap_chart(escalator.revenue_gap_table(fin), 2000.0, bain["source_id"], src),
        "sbc": escalator.sbc_chart(escalator.sbc_share(fin), src),
        "game": escalator.game_chart(100.0, 30.0),
    }


def _circular_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    fin, src, deals = t["financials"], t["sources"], t["deals"]
    flows = circular.flows(deals)
    ramps = circular.ramp_comparison(fin, 13.0, 5)
    return {
        "adjacency": circular.adjacency_chart(flows, src),
        "in_out": circular.in_out_chart(circular.money_in_out(circular.flow_graph(flows)), flows, src),
        "commitments": circular.commitments_chart(circular.commitments_table(fin),
                                                  circular.required_path(13.0, 2025, 280.0, 2030, "x"), src),
        "ramps": circular.ramp_chart(ramps, 0.85, src),
        "funding": circular.funding_chart(13.0, 100.0, 0.5, 0.08, [src["source_id"].iloc[0]], src),
    }


def _overview_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    table = overview.capex_table(t["financials"])
    return {"capex_index": overview.capex_index_chart(table, t["sources"], overview.combined_growth(table))}


BUILDERS: dict[str, Callable[[dict], dict]] = {
    "escalator": _escalator_charts, "circular": _circular_charts, "overview": _overview_charts}
SLIDERS = {"depreciation": ["life_years", "server_share"], "game": ["cost"], "funding": ["growth", "rate"],
           "capex_index": ["base_year"]}


def _tooltips(spec: dict) -> bool:
    layers = spec.get("layer", [spec])
    return any("tooltip" in layer.get("encoding", {}) for layer in layers)


@pytest.fixture(scope="module")
def all_charts() -> dict[str, alt.TopLevelMixin]:
    tables = _tables()
    return {name: chart for build in BUILDERS.values() for name, chart in build(tables).items()}


def test_every_chart_keeps_the_contract(all_charts: dict[str, alt.TopLevelMixin]) -> None:
    for name, chart in all_charts.items():
        spec = chart.to_dict()
        title = chart_title(spec)
        assert len(title) > 30, f"{name}: the title should state a finding, got {title!r}"
        subtitle = " ".join(spec["title"]["subtitle"])
        assert "Source:" in subtitle or "Model:" in subtitle, name
        assert _tooltips(spec), f"{name} has no tooltips"
        html = render_html(spec)
        assert 'download="' in html and "data:text/csv" in html, name
        bound = sorted(p["name"] for p in spec.get("params", []) if p.get("bind", {}).get("input") == "range")
        assert bound == sorted(SLIDERS.get(name, [])), f"{name}: sliders {bound}"
