"""Every chart a chapter draws, built from the real data, keeps the book's contract: a title that
states a finding, units and a source (or model) line, tooltips, a CSV of its data, and sliders
bound to range inputs where it has parameters."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pytest

from analysis import (
    circular,
    circular_charts,
    distillation,
    distillation_charts,
    energy,
    energy_charts,
    escalator,
    escalator_charts,
    overview,
    precedent,
    scorecard,
    verdict,
    verdict_charts,
)
from analysis.charts import chart_title, render_html
from analysis.data import load
from analysis.finance import annual_series, latest_row


def _tables() -> dict:
    return {name: load(name) for name in ("financials", "sources", "deals")}


def _escalator_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    fin, src = t["financials"], t["sources"]
    intensity = escalator.capex_intensity(fin)
    shares = escalator.share_comparison(fin)
    roic = escalator.roic_table(escalator.roic_inputs(fin, escalator.ROIC_DEFINITIONS[0]))
    first, last, firms = escalator.roic_window([roic])
    capex = escalator.capex_with_source(intensity)
    bain = latest_row(fin, "bain", "revenue_needed")
    ec = escalator_charts
    return {
        "capex": ec.capex_chart(intensity, escalator.capex_guidance(fin), src, 1.9),
        "capex_to_ocf": ec.capex_to_ocf_chart(intensity, src),
        "shares": ec.share_chart(shares, escalator.share_verdict(shares), src),
        "roic": ec.roic_chart(roic, escalator.roic_trend(roic, first, last, firms), first, last, src),
        "depreciation": ec.depreciation_slider_chart(
            capex, annual_series(fin, "operating_income", escalator.BUILDERS), escalator.life_history(fin), src, 0.5),
        "revenue_gap": ec.revenue_gap_chart(escalator.revenue_gap_table(fin), 2000.0, bain["source_id"], src),
        "sbc": ec.sbc_chart(escalator.sbc_share(fin), src),
        "game": ec.game_chart(100.0, 30.0),
    }


def _circular_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    fin, src, deals = t["financials"], t["sources"], t["deals"]
    flows = circular.flows(deals)
    graph = circular.flow_graph(flows)
    ramps = circular.ramp_comparison(fin, 13.0, 5)
    cc = circular_charts
    return {
        "adjacency": cc.adjacency_chart(flows, src),
        "network": cc.network_chart(graph, circular.max_circulation(graph), flows, src),
        "in_out": cc.in_out_chart(circular.money_in_out(graph), flows, src),
        "commitments": cc.commitments_chart(circular.commitments_table(fin),
                                            circular.required_path(13.0, 2025, 280.0, 2030, "x"), src),
        "ramps": cc.ramp_chart(ramps, 0.85, src),
        "funding": cc.funding_chart(13.0, 100.0, 0.5, 0.08, [src["source_id"].iloc[0]], src),
    }


def _distillation_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    src = t["sources"]
    prices, _ = distillation.priced_and_scored({n: load(n) for n in ("model_prices", "fx_rates", "capability")})
    frontiers = distillation.frontier_table(prices)
    curve, marks = distillation.squeeze_points(distillation.decline_table(prices), 4, 110.0, 2000.0)
    ids = list(prices["source_id"])
    dc = distillation_charts
    return {
        "prices": dc.price_chart(prices, src, "Chinese list prices sit below US ones since 2025"),
        "frontier": dc.frontier_chart(frontiers, distillation.frontier_fits(frontiers), src, ids,
                                      "The cheapest capable model gets many times cheaper every year"),
        "squeeze": dc.squeeze_chart(110.0, 2000.0, 2026, 2030, 2.0, 1.0, marks, ids, src),
        "break_even": dc.break_even_chart(curve, marks.iloc[1:], ids, src, 2030),
        "us_china": dc.gap_chart(distillation.gaps_over_time(prices), src, ids, "Chinese models are cheaper near the "
                                 "frontier"),
    }


def _overview_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    table = overview.capex_table(t["financials"])
    return {"capex_index": overview.capex_index_chart(table, t["sources"], overview.combined_growth(table))}


def _energy_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    tables = {n: load(n) for n in ("financials", "claims", "deals", "energy_estimates", "electricity_generation",
                                   "campuses")}
    fin, src, est = tables["financials"], t["sources"], tables["energy_estimates"]
    model = energy.binding_model(tables)
    pieces = energy.dated_pieces(tables["campuses"])
    costs = energy.cost_per_gw_table(fin, tables["deals"])
    ranges = energy.Ranges((4.0, 20.0), energy.pue_range(fin), (35.0, 60.0))
    plants = energy.plants(fin)
    ids = [s for p in plants for s in p.source_ids]
    ec = energy_charts
    return {
        "demand": ec.demand_chart(energy.estimates_twh(est, "world"), energy.estimates_twh(est, "us"), src,
                                  "Data centres use a small share of world electricity"),
        "campuses": ec.campus_chart(energy.gw_by_year(pieces, 2025, 2030), 17.5, model.supply_gw, tables["campuses"],
                                    src, "Announced campuses put a few GW a year on a date"),
        "costs": ec.cost_chart(costs, src, "A GW of AI capacity costs tens of billions of dollars"),
        "additions": ec.additions_chart(energy.additions_table(fin), src, list(fin["source_id"].iloc[-3:]),
                                        "The US builds most of what it plans each year"),
        "binding": ec.binding_chart(model.plan, model.supply_gw, model.pue, model.usd_bn_per_gw, 0.0, ranges, src,
                                    energy.plan_source_ids(fin), "The four's guidance outruns the power it can use"),
        "reactors": ec.reactor_chart(energy.reactor_table(plants, 1000.0), 28.0, src, ids,
                                     "A trillion dollars buys tens of GW of reactors"),
    }


def _verdict_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    tables = {n: load(n) for n in ("financials", "claims", "deals", "energy_estimates", "electricity_generation",
                                   "campuses", "model_prices", "fx_rates", "capability")}
    inp = verdict.inputs(tables)
    vc = verdict_charts
    return {"path": vc.path_chart(inp, t["sources"]),
            "closing": vc.closing_chart(verdict.monte_carlo(inp.base, inp.ranges, draws=2_000)),
            "tornado": vc.tornado_chart(verdict.tornado(inp.base, inp.central, inp.ranges)),
            "precedent": vc.precedent_chart(precedent.share_timeline(load("precedent"), t["financials"]),
                                            t["sources"])}


def _claims_charts(t: dict) -> dict[str, alt.TopLevelMixin]:
    claims = load("claims")
    return {"scorecard": scorecard.scorecard_chart(scorecard.scorecard(claims, load("seeds")), claims)}


BUILDERS: dict[str, Callable[[dict], dict]] = {
    "escalator": _escalator_charts, "circular": _circular_charts, "distillation": _distillation_charts,
    "energy": _energy_charts, "overview": _overview_charts, "claims": _claims_charts,
    "verdict": _verdict_charts}
SLIDERS = {"depreciation": ["life_years", "server_share"], "game": ["cost"],
           "funding": ["growth", "rate", "revenue_share"], "capex_index": ["base_year"],
           "squeeze": ["decline", "growth"], "binding": ["cost", "growth", "pue", "supply"],
           "path": ["life_years", "margin", "price_decline", "supply_gw", "usage_growth", "wacc"]}


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


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_tooltip_or_source_line_shows_a_source_id(all_charts: dict[str, alt.TopLevelMixin]) -> None:
    ids = set(load("sources")["source_id"])
    for name, chart in all_charts.items():
        spec = chart.to_dict()
        drawn = _strings(spec.get("datasets", {})) + _strings(spec.get("data", {}))
        shown = {token.strip(";,") for text in drawn for token in text.split()} & ids
        assert shown == set(), f"{name}: tooltips would show source ids {sorted(shown)[:3]}"
        caption = render_html(spec).split("<figcaption", 1)[1]
        assert not {token.strip(";,.()") for token in caption.replace("<", " ").split()} & ids, name
