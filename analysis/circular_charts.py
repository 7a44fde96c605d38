"""Thesis 2, circular capital: the chapter's charts, drawn with Altair from the tables and models
of :mod:`analysis.circular` and finished with :func:`analysis.charts.ledger_chart`."""

from __future__ import annotations

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from analysis.charts import ledger_chart
from analysis.circular import (
    NAMES,
    Circulation,
    FundingPath,
    circulation_cycles,
    network_edges,
    network_layout,
    ramps_at_least,
)
from analysis.provenance import cite

#: Edge colours of the network diagram: edges that carry the maximum circulation, and the rest.
LOOP_COLOURS = {"carries money that goes round": "#D55E00", "carries none": "#BBBBBB"}


def adjacency_chart(flow_table: pd.DataFrame, sources: pd.DataFrame) -> alt.Chart:
    """Payer × payee heatmap of announced flows, colour = USD bn (log)."""
    matrix = (flow_table.assign(payer=flow_table["payer"].map(NAMES), payee=flow_table["payee"].map(NAMES))
              .groupby(["payer", "payee"], as_index=False)
              .agg(usd_bn=("usd_bn", "sum"), deals=("deal_id", "count"),
                   kinds=("kind", lambda k: ", ".join(sorted(set(k)))),
                   source_ids=("source_id", lambda s: " ".join(dict.fromkeys(s)))))
    top = matrix.sort_values("usd_bn").iloc[-1]
    chart = alt.Chart(matrix).mark_rect().encode(
        x=alt.X("payee:N", title="Payee (receives the money)", sort="ascending"),
        y=alt.Y("payer:N", title="Payer", sort="ascending"),
        color=alt.Color("usd_bn:Q", title="USD bn", scale=alt.Scale(type="log", scheme="oranges")),
        tooltip=[alt.Tooltip("payer:N", title="Payer"), alt.Tooltip("payee:N", title="Payee"),
                 alt.Tooltip("usd_bn:Q", title="USD bn", format=",.1f"), alt.Tooltip("deals:Q", title="Deals"),
                 alt.Tooltip("kinds:N", title="Kinds"), alt.Tooltip("source_ids:N", title="Sources")],
    )
    return ledger_chart(
        chart,
        finding=f"The largest announced flow runs from {top['payer']} to {top['payee']}: "
        f"USD {top['usd_bn']:,.0f}bn",
        units="Announced amounts (headline or up-to), USD bn, log colour scale; overlapping rows left out",
        citations=cite(flow_table["source_id"], sources), data=matrix, csv_name="circular-adjacency.csv",
    )


def in_out_chart(table: pd.DataFrame, flow_table: pd.DataFrame, sources: pd.DataFrame) -> alt.Chart:
    """Money in against money out per firm (diverging bars)."""
    long = table.melt(id_vars=["firm", "net_usd_bn"], value_vars=["in_usd_bn", "out_usd_bn"],
                      var_name="direction", value_name="usd_bn")
    long["signed_usd_bn"] = np.where(long["direction"] == "in_usd_bn", long["usd_bn"], -long["usd_bn"])
    long["direction"] = long["direction"].map({"in_usd_bn": "money in", "out_usd_bn": "money out"})
    top_out = table.sort_values("out_usd_bn").iloc[-1]
    chart = alt.Chart(long).mark_bar().encode(
        y=alt.Y("firm:N", title=None, sort=alt.EncodingSortField("net_usd_bn", order="descending")),
        x=alt.X("signed_usd_bn:Q", title="USD bn (money out to the left, money in to the right)"),
        color=alt.Color("direction:N", title=None, scale=alt.Scale(domain=["money in", "money out"],
                                                                   range=["#009E73", "#D55E00"])),
        tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("direction:N", title="Direction"),
                 alt.Tooltip("usd_bn:Q", title="USD bn", format=",.1f"),
                 alt.Tooltip("net_usd_bn:Q", title="Net in − out (USD bn)", format=",.1f")],
    )
    return ledger_chart(
        chart,
        finding=f"{top_out['firm']} has promised the most: USD {top_out['out_usd_bn']:,.0f}bn out against "
        f"USD {top_out['in_usd_bn']:,.0f}bn in",
        units="Sum of announced flows per firm, USD bn; sorted by net (in − out)",
        citations=cite(flow_table["source_id"], sources), data=long, csv_name="circular-in-out.csv",
    )


def gap_expr(revenue_usd_bn: float, spend_usd_bn: float, periods: str) -> str:
    """Vega expression of :meth:`FundingPath.debt_usd_bn` after ``periods`` annual periods (an
    expression), in the slider parameters ``growth``, ``rate`` and ``revenue_share``."""
    n = f"({periods})"
    revenue = f"({revenue_usd_bn} * revenue_share)"
    return (f"((rate == 0 ? {spend_usd_bn} * {n} : {spend_usd_bn} * (pow(1 + rate, {n}) - 1) / rate) - "
            f"(abs(rate - growth) < 1e-9 ? {revenue} * {n} * pow(1 + rate, {n} - 1) : "
            f"{revenue} * (pow(1 + rate, {n}) - pow(1 + growth, {n})) / (rate - growth)))")


def gap_axis_expr(revenue_usd_bn: float, spend_usd_bn: float, horizon: int) -> tuple[str, str]:
    """Vega expressions of the funding chart's y-axis (bottom, top), following the sliders.

    Top: 1.1 × the larger of the peak gap over years 0 … ``horizon`` and one year's spend. Bottom:
    1.1 × the surplus in the last year (the deepest: once the gap is repaid it only falls), but
    never further below 0 than the top is above it, so that the surplus years, which grow without
    bound, cannot squash the gap; 0 when there is no surplus.
    """
    gaps = ", ".join(gap_expr(revenue_usd_bn, spend_usd_bn, str(t + 1)) for t in range(horizon + 1))
    top = f"1.1 * max({gaps}, {spend_usd_bn})"
    last = gap_expr(revenue_usd_bn, spend_usd_bn, str(horizon + 1))
    return f"-min({top}, max(0, -1.1 * {last}))", top


def funding_chart(revenue_usd_bn: float, spend_usd_bn: float, growth: float, rate: float,
                  source_ids: list[str], sources: pd.DataFrame, horizon: int = 12,
                  revenue_share: float = 1.0) -> alt.Chart:
    """Interactive: revenue growth, cost of capital and the share of revenue left for compute
    (sliders) → cumulative funding gap by year. Python twin: :class:`analysis.circular.FundingPath`."""
    grid = pd.DataFrame({"year": range(horizon + 1)})
    g = alt.param(name="growth", value=growth,
                  bind=alt.binding_range(min=0.0, max=1.0, step=0.05, name="Revenue growth a year "))
    r = alt.param(name="rate", value=rate,
                  bind=alt.binding_range(min=0.0, max=0.2, step=0.01, name="Cost of capital a year "))
    m = alt.param(name="revenue_share", value=revenue_share,
                  bind=alt.binding_range(min=0.1, max=1.0, step=0.05, name="Share of revenue left for compute "))
    expr = gap_expr(revenue_usd_bn, spend_usd_bn, "(datum.year + 1)")
    bottom, top = gap_axis_expr(revenue_usd_bn, spend_usd_bn, horizon)
    chart = (
        alt.Chart(grid).add_params(g, r, m)
        .transform_calculate(debt_usd_bn=expr, revenue_usd_bn=f"{revenue_usd_bn} * pow(1 + growth, datum.year)")
        .mark_area(line=True, opacity=0.35, color="#CC79A7", clip=True)
        .encode(
            x=alt.X("year:O", title="Years from now"),
            y=alt.Y("debt_usd_bn:Q", title="Cumulative funding gap with interest (USD bn; below 0: surplus)",
                    scale=alt.Scale(domainMin=alt.ExprRef(bottom), domainMax=alt.ExprRef(top))),
            tooltip=[alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("debt_usd_bn:Q", title="Funding gap (USD bn)", format=",.0f"),
                     alt.Tooltip("revenue_usd_bn:Q", title="Revenue that year (USD bn)", format=",.0f")],
        )
    )
    path = FundingPath(revenue_usd_bn, spend_usd_bn, growth, rate, revenue_share)
    years = path.years_to_self_funding()
    when = f"pays its way after {years} years" if years is not None else "never pays its way within 30 years"
    return ledger_chart(
        chart,
        finding=f"Spending USD {spend_usd_bn:,.0f}bn a year from USD {revenue_usd_bn:,.0f}bn of revenue growing "
        f"{growth:.0%} a year, the lab {when}",
        units="Cumulative (spend − revenue), compounded at the cost of capital, USD bn; move the sliders. "
        "Axis: up to 1.1 × the peak gap, and no further below 0; a deeper surplus runs off the bottom",
        citations=cite(source_ids, sources), data=grid, csv_name="circular-funding-gap.csv",
    )


def commitments_chart(table: pd.DataFrame, required: pd.DataFrame, sources: pd.DataFrame) -> alt.LayerChart:
    """Commitments against revenue on a log scale, with the path the 2030 target requires."""
    colours = alt.Scale(domain=["Compute commitments (announced total)", "Compute deals signed in 2025 (FT tally)",
                                "Revenue (calendar year)", "Annualised revenue run-rate",
                                "Revenue target / projection", "Required path to the 2030 target"],
                        range=["#D55E00", "#E69F00", "#CC79A7", "#56B4E9", "#0072B2", "#888888"])
    x = alt.X("date:T", title="Date (end of the period the figure refers to)")
    y = alt.Y("usd_bn:Q", title="USD bn (log scale)", scale=alt.Scale(type="log"))
    tooltip = [alt.Tooltip("series:N", title="Series"), alt.Tooltip("date:T", title="Date", format="%Y-%m"),
               alt.Tooltip("usd_bn:Q", title="USD bn", format=",.1f"), alt.Tooltip("source_id:N", title="Source")]
    points = alt.Chart(table).mark_point(size=80, filled=True).encode(
        x=x, y=y, color=alt.Color("series:N", title=None, scale=colours), shape=alt.Shape("series:N", legend=None),
        tooltip=tooltip)
    path = alt.Chart(required).mark_line(strokeDash=[5, 4]).encode(
        x=x, y=y, color=alt.Color("series:N", title=None, scale=colours), tooltip=tooltip)
    commitments = table[table["series"].str.startswith("Compute")]
    revenue = table[table["series"] == "Revenue (calendar year)"].sort_values("date").iloc[-1]
    multiple = commitments["usd_bn"].max() / revenue["usd_bn"]
    finding = f"OpenAI's announced compute commitments peaked at {multiple:.0f}× its {revenue['date'].year} revenue"
    return ledger_chart(alt.layer(path, points), finding=finding,
                        units="USD bn, log scale; revenue targets and run-rates as reported; dashed: constant growth "
                        "from the last reported revenue to the 2030 target",
                        citations=cite(table["source_id"], sources), data=table, csv_name="circular-commitments.csv")


def ramp_chart(ramps: pd.DataFrame, required_rate: float, sources: pd.DataFrame) -> alt.LayerChart:
    """Fastest five-year growth of famous revenue ramps against the rate OpenAI's target requires."""
    bars = alt.Chart(ramps).mark_bar(color="#56B4E9").encode(
        y=alt.Y("series:N", title=None, sort="-x"),
        x=alt.X("cagr:Q", title="Fastest 5-year compound growth from a similar starting size",
                axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("start_year:O", title="From (fiscal year)"),
                 alt.Tooltip("start_usd_bn:Q", title="Start (USD bn)", format=",.1f"),
                 alt.Tooltip("end_usd_bn:Q", title="Five years later (USD bn)", format=",.1f"),
                 alt.Tooltip("cagr:Q", title="Growth a year", format=".0%"),
                 alt.Tooltip("source_ids:N", title="Sources")],
    )
    rule_data = pd.DataFrame({"cagr": [required_rate], "label": ["OpenAI's 2030 target needs"]})
    rule = alt.Chart(rule_data).mark_rule(color="#D55E00", strokeDash=[6, 3], size=2).encode(x="cagr:Q")
    text = alt.Chart(rule_data).mark_text(align="left", dx=4, dy=-4, color="#D55E00").encode(
        x="cagr:Q", y=alt.value(0), text="label:N")
    faster = ramps_at_least(ramps, required_rate)
    finding = (f"Only {len(faster)} of {len(ramps)} famous ramps grew as fast as OpenAI's target requires "
               f"({required_rate:.0%} a year): " + (", ".join(faster["series"]) or "none"))
    return ledger_chart(alt.layer(bars, rule, text), finding=finding,
                        units="Compound annual growth over five fiscal years, windows starting at 0.25–4× OpenAI's "
                        "2025 revenue",
                        citations=cite([s for ids in ramps["source_ids"] for s in ids.split()], sources),
                        data=ramps, csv_name="circular-ramps.csv")


def _edge_sources(flow_table: pd.DataFrame) -> pd.DataFrame:
    """Per payer and payee: the source ids of their flows, space-separated."""
    return (flow_table.groupby(["payer", "payee"], as_index=False)
            .agg(source_ids=("source_id", lambda ids: " ".join(dict.fromkeys(ids)))))


def network_chart(graph: nx.DiGraph, circulation: Circulation, flow_table: pd.DataFrame,
                  sources: pd.DataFrame) -> alt.LayerChart:
    """Node-link diagram of the flows (``graph`` of ``flow_table``): edge width = USD bn, edges that
    carry the maximum ``circulation`` in colour, an arrowhead from payer to payee."""
    layout = network_layout(graph)
    edges = network_edges(graph, circulation, layout).merge(_edge_sources(flow_table), on=["payer", "payee"],
                                                            how="left")
    edges["loop"] = np.where(edges["circulating_usd_bn"] > 0, *LOOP_COLOURS)
    nodes = layout.assign(in_usd_bn=[graph.in_degree(n, weight="weight") for n in layout["node"]],
                          out_usd_bn=[graph.out_degree(n, weight="weight") for n in layout["node"]])
    scale = alt.Scale(domain=[-1.2, 1.2])
    x, y = alt.X("x:Q", axis=None, scale=scale), alt.Y("y:Q", axis=None, scale=scale)
    colour = alt.Color("loop:N", title=None, scale=alt.Scale(domain=list(LOOP_COLOURS),
                                                             range=list(LOOP_COLOURS.values())))
    tooltip = [alt.Tooltip("payer_name:N", title="Payer"), alt.Tooltip("payee_name:N", title="Payee"),
               alt.Tooltip("usd_bn:Q", title="USD bn", format=",.1f"),
               alt.Tooltip("circulating_usd_bn:Q", title="Can go round (USD bn)", format=",.1f"),
               alt.Tooltip("source_ids:N", title="Sources")]
    lines = alt.Chart(edges).mark_rule(opacity=0.8).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", color=colour, tooltip=tooltip,
        strokeWidth=alt.StrokeWidth("usd_bn:Q", title="USD bn", scale=alt.Scale(range=[0.5, 10])))
    arrows = alt.Chart(edges).mark_point(shape="triangle-up", filled=True, size=60, opacity=1).encode(
        x=alt.X("arrow_x:Q", axis=None, scale=scale), y=alt.Y("arrow_y:Q", axis=None, scale=scale),
        angle=alt.Angle("arrow_deg:Q", scale=None), color="loop:N", tooltip=tooltip)
    points = alt.Chart(nodes).mark_circle(size=90, color="#333333", opacity=1).encode(
        x=x, y=y, tooltip=[alt.Tooltip("name:N", title="Firm"),
                           alt.Tooltip("in_usd_bn:Q", title="Money in (USD bn)", format=",.1f"),
                           alt.Tooltip("out_usd_bn:Q", title="Money out (USD bn)", format=",.1f")])
    labels = alt.Chart(nodes).mark_text(dy=-11, fontSize=12, fontWeight=500).encode(x=x, y=y, text="name:N")
    loops = circulation_cycles(circulation)
    finding = f"USD {circulation.total_usd_bn:,.0f}bn of flows ({circulation.share:.0%}) can go round loops"
    if len(loops):
        finding += f"; the largest loop runs {loops['cycle'].iloc[0]} (USD {loops['usd_bn'].iloc[0]:,.0f}bn)"
    return ledger_chart(
        alt.layer(lines, arrows, points, labels).properties(width=520, height=520),
        finding=finding,
        units="Announced flows, USD bn (line width); coloured: the largest circulation, flows conserved at every "
        "firm and capped at each edge's amount; overlapping rows left out",
        citations=cite(flow_table["source_id"], sources), data=edges, csv_name="circular-network.csv",
    )
