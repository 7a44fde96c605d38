"""Charts of the verdict chapter: the central path with sliders, the Monte Carlo's closing years,
the tornado and the precedent. Models live in :mod:`analysis.verdict` and :mod:`analysis.precedent`."""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd

from analysis import energy
from analysis.charts import ledger_chart
from analysis.provenance import cite
from analysis.verdict import (
    FIRST_VINTAGE,
    LAST_YEAR,
    NAMES,
    REVENUE_YEAR,
    TAX_RATE,
    Inputs,
    MonteCarlo,
    closing_year,
    simulate,
    years,
)

#: Sliders of the path chart: (parameter, step, label); the others stay at their central values.
SLIDERS = (("life_years", 0.25, "Useful life (years) "), ("wacc", 0.0025, "Cost of capital "),
           ("margin", 0.05, "Share of revenue that pays for capital "),
           ("usage_growth", 0.05, "Usage growth a year "), ("price_decline", 0.05, "Price decline a year (×) "),
           ("supply_gw", 0.1, "New power, GW a year "))


def vintage_rows(inp: Inputs) -> pd.DataFrame:
    """One row per reported year and capex vintage the page's model sums over: year, vintage,
    known (reported capex, USD bn, else empty)."""
    known = dict(zip(inp.base.capex_years, inp.base.capex_usd_bn, strict=True))
    return pd.DataFrame([{"year": int(t), "vintage": v, "known": known[v] if v < inp.base.guided_year else None}
                         for t in years() for v in range(FIRST_VINTAGE, int(t) + 1)])


def slider_defaults(inp: Inputs) -> dict[str, float]:
    """The sliders' starting values: the central values to four significant figures (what a
    reader sees beside each slider)."""
    return {key: float(f"{getattr(inp.central, key):.4g}") for key, _, _ in SLIDERS}


def path_chart(inp: Inputs, sources: pd.DataFrame) -> alt.LayerChart:
    """Interactive: the revenue the four's capital needs each year (depreciation plus a return)
    against the share of AI revenue left to pay for it. Python twin: :func:`analysis.verdict.simulate`."""
    c, ranges, start = inp.central, inp.ranges, slider_defaults(inp)
    params = []
    for key, step, label in SLIDERS:
        lo, hi = ranges[key]
        lo, hi = min(lo, start[key]), max(hi, start[key])
        params.append(alt.param(name=key, value=start[key],
                                bind=alt.binding_range(min=round(lo, 4), max=round(hi, 4), step=step, name=label)))
    guided = dict(zip(inp.base.capex_years, inp.base.capex_usd_bn, strict=True))[inp.base.guided_year]
    per_gw = energy.energisable_capex_usd_bn(1.0, energy.GRID_PUE, c.usd_bn_per_gw)
    base = alt.Chart(vintage_rows(inp)).add_params(*params).transform_calculate(
        capex=f"isValid(datum.known) ? datum.known : min({guided} * pow(1 + {c.capex_growth}, "
              f"datum.vintage - {inp.base.guided_year}), supply_gw * {per_gw})",
        age="datum.year - datum.vintage",
        dep=f"{c.ai_share} * datum.capex * clamp(life_years - datum.age, 0, 1) / life_years",
        book=f"{c.ai_share} * datum.capex * (1 - (min(datum.age, life_years) + min(datum.age + 1, life_years)) / "
             "(2 * life_years))",
    ).transform_aggregate(
        depreciation_usd_bn="sum(dep)", book_value_usd_bn="sum(book)", groupby=["year"],
    ).transform_calculate(
        needed_usd_bn=f"datum.depreciation_usd_bn + wacc / (1 - {TAX_RATE}) * datum.book_value_usd_bn",
        revenue_usd_bn=f"{inp.base.revenue_usd_bn} * pow((1 + usage_growth) / price_decline, "
                       f"datum.year - {REVENUE_YEAR})",
        available_usd_bn=f"margin * {c.revenue_share} * datum.revenue_usd_bn",
        gap_usd_bn="datum.needed_usd_bn - datum.available_usd_bn",
        status="datum.gap_usd_bn <= 0 ? 'covered' : 'short'",
    ).transform_fold(["needed_usd_bn", "available_usd_bn"], as_=["line", "usd_bn"]).transform_calculate(
        series="datum.line == 'needed_usd_bn' ? 'Needed: depreciation + cost of capital' : "
               "'Available: revenue × share that pays for capital'")
    tooltip = [alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("needed_usd_bn:Q", title="Needed (USD bn)", format=",.0f"),
               alt.Tooltip("depreciation_usd_bn:Q", title="… of which depreciation (USD bn)", format=",.0f"),
               alt.Tooltip("revenue_usd_bn:Q", title="AI revenue (USD bn)", format=",.0f"),
               alt.Tooltip("available_usd_bn:Q", title="Available (USD bn)", format=",.0f"),
               alt.Tooltip("gap_usd_bn:Q", title="Gap (USD bn)", format=",.0f"),
               alt.Tooltip("status:N", title="Need")]
    lines = base.mark_line(point=True).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("usd_bn:Q", title="USD bn a year", scale=alt.Scale(type="log")),
        color=alt.Color("series:N", title=None, scale=alt.Scale(
            domain=["Needed: depreciation + cost of capital", "Available: revenue × share that pays for capital"],
            range=["#D55E00", "#0072B2"]),
                        legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=tooltip)
    year = closing_year(simulate(inp.base, replace(c, **start))["gap"])[0]
    when = f"covers what the capital needs from {year:.0f}" if year == year else f"falls short through {LAST_YEAR}"
    return ledger_chart(
        lines,
        finding=f"At today's pace AI revenue {when}; move the sliders to slow it",
        units="USD bn a year, log scale; the four builders' capex from " f"{FIRST_VINTAGE}, energised capex capped by "
              "new power; revenue: all generative-AI revenue; move the sliders",
        citations=cite(inp.source_ids, sources), data=vintage_rows(inp), csv_name="verdict-path-vintages.csv")


def closing_chart(mc: MonteCarlo) -> alt.Chart:
    """The Monte Carlo's closing years: the share of draws in which the gap first closes each year."""
    data = mc.closing.assign(kind=["closes" if c[0].isdigit() else "does not close" for c in mc.closing["closes"]])
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("closes:N", title="The gap first closes in", sort=list(data["closes"]), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share:Q", title="Share of draws", axis=alt.Axis(format=".0%")),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["closes", "does not close"],
                                                              range=["#0072B2", "#8C8C8C"])),
        tooltip=[alt.Tooltip("closes:N", title="Closes"), alt.Tooltip("share:Q", title="Share", format=".1%"),
                 alt.Tooltip("draws:Q", title="Draws", format=",")])
    return ledger_chart(
        chart, finding=f"In {mc.p_close:.0%} of {mc.draws:,} draws the gap closes by {LAST_YEAR}",
        units=f"Share of Monte Carlo draws by the year the gap first closes (seed {mc.seed}); each parameter "
              "drawn uniformly over its stated range",
        citations=[], model="analysis.verdict.monte_carlo over the ranges in the assumptions table",
        data=data, csv_name="verdict-closing-years.csv")


def tornado_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Each parameter's swing of the last year's cover (available ÷ needed) between the ends of its
    range, the others central; log scale, 1 = the gap just closes."""
    data = table.assign(label=table["parameter"].map(NAMES))
    order = list(data["label"])
    bars = alt.Chart(data).mark_bar(color="#0072B2").encode(
        y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=240)),
        x=alt.X("cover_low:Q", title=f"Cover in {LAST_YEAR}: available ÷ needed (log)", scale=alt.Scale(type="log")),
        x2="cover_high:Q",
        tooltip=[alt.Tooltip("label:N", title="Parameter"), alt.Tooltip("low:Q", title="Low end", format=",.3g"),
                 alt.Tooltip("cover_low:Q", title="Cover at low end", format=",.2f"),
                 alt.Tooltip("high:Q", title="High end", format=",.3g"),
                 alt.Tooltip("cover_high:Q", title="Cover at high end", format=",.2f")])
    one = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(color="#000000", strokeDash=[4, 4]).encode(x="x:Q")
    top = data.iloc[0]
    return ledger_chart(
        alt.layer(bars, one).properties(height=28 * len(data)),
        finding=f"{top['label']} moves the result most",
        units=f"Cover of the {LAST_YEAR} need at each end of a parameter's range, the others central; dashed: "
              "cover 1, where the gap just closes",
        citations=[], model="analysis.verdict.tornado", data=data, csv_name="verdict-tornado.csv")


def precedent_chart(timeline: pd.DataFrame, sources: pd.DataFrame) -> alt.LayerChart:
    """Capex as a share of US GDP by year: the AI build-out against the telecom build-out moved
    forward by the seed's 25-year cycle."""
    series = list(dict.fromkeys(timeline["series"]))
    colours = ["#E69F00", "#D55E00", "#0072B2", "#56B4E9"]
    tooltip = [alt.Tooltip("series:N", title="Build-out"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("usd_bn:Q", title="Capex (USD bn)", format=",.1f"),
               alt.Tooltip("gdp_usd_bn:Q", title="US GDP (USD bn)", format=",.0f"),
               alt.Tooltip("share:Q", title="Of GDP", format=".2%"), alt.Tooltip("source_id:N", title="Source")]
    base = alt.Chart(timeline).encode(
        x=alt.X("plotted_year:O", title="Year (telecom years + 25)", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share:Q", title="Capex ÷ US GDP", axis=alt.Axis(format=".1%")),
        color=alt.Color("series:N", title=None, sort=series,
                        scale=alt.Scale(domain=series, range=colours[:len(series)]),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=320)),
        tooltip=tooltip)
    ai = timeline[timeline["series"].str.startswith("AI")]
    telecom = timeline[timeline["series"].str.startswith("Telecom")]
    ratio = ai["share"].max() / telecom["share"].max()
    return ledger_chart(
        alt.layer(base.mark_line(point=True), base.mark_point(size=80, filled=True)),
        finding=f"At its height the AI build-out is {ratio:.1f}× the telecom peak as a share of GDP",
        units="Capex ÷ US nominal GDP of the same year (BEA via FRED, mean of quarters); the telecom years are "
              "moved forward 25 years, as the seed's cycle has it",
        citations=cite([i for ids in timeline["source_id"] for i in str(ids).split()], sources),
        data=timeline, csv_name="verdict-precedent-gdp.csv")
