"""Thesis 4, energy: charts (the models are in :mod:`analysis.energy`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import ledger_chart
from analysis.energy import LAST_YEAR, Ranges
from analysis.provenance import cite

SCENARIO_NAMES = {"history": "estimate", "base": "base case", "lift_off": "lift-off",
                  "high_efficiency": "high efficiency", "headwinds": "headwinds", "low": "low", "high": "high"}


def demand_chart(world: pd.DataFrame, us: pd.DataFrame, sources: pd.DataFrame, finding: str) -> alt.LayerChart:
    """Data-centre electricity, world and US: estimates (solid) and projections (points joined to
    the last estimate by dashed lines), one colour per estimator and scope."""
    frames = []
    for scope, rows in (("World", world), ("United States", us)):
        for (estimator, scenario), group in rows.groupby(["estimator", "scenario"]):
            series = group.copy()
            start = rows[(rows["estimator"] == estimator) & (rows["scenario"] == "history")].tail(1)
            if scenario != "history":
                series = pd.concat([start, series])
            series["series"] = f"{scope}: {estimator} {SCENARIO_NAMES[scenario]}"
            series["line"] = f"{scope}, {estimator}"
            series["kind"] = "estimate" if scenario == "history" else "projection"
            frames.append(series)
    data = pd.concat(frames, ignore_index=True)
    data["scenario_name"] = data["scenario"].map(SCENARIO_NAMES)
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y("twh:Q", title="Data-centre electricity, TWh a year"),
        color=alt.Color("line:N", title=None, legend=alt.Legend(orient="bottom", columns=2)),
        detail="series:N",
        tooltip=[alt.Tooltip("line:N", title="Scope, estimator"), alt.Tooltip("scenario_name:N", title="Case"),
                 alt.Tooltip("year:O", title="Year"), alt.Tooltip("twh:Q", title="TWh a year", format=",.0f"),
                 alt.Tooltip("source_id:N", title="Source")])
    lines = base.mark_line().encode(strokeDash=alt.StrokeDash("kind:N", title=None, legend=None))
    return ledger_chart(
        alt.layer(lines, base.mark_point(filled=True, size=50)), finding=finding,
        units="Electricity used by data centres, TWh a year; dashed: published projections by case",
        citations=cite(list(data["source_id"]), sources),
        data=data[["line", "scenario_name", "year", "twh", "source_id"]], csv_name="energy-demand.csv")


def campus_chart(by_year: pd.DataFrame, undated_gw: float, supply_gw: float, campuses: pd.DataFrame,
                 sources: pd.DataFrame, finding: str) -> alt.LayerChart:
    """Announced campus GW by target year (bars, cumulative line) against the default new supply a
    year accumulated over the same years; undated GW as a last bar."""
    data = by_year.assign(label=by_year["year"].astype(str), supply_gw=supply_gw * (by_year.index + 1))
    data = pd.concat([data, pd.DataFrame({"label": ["no date"], "gw": [undated_gw]})], ignore_index=True)
    order = list(data["label"])
    x = alt.X("label:O", title="Target year", sort=order)
    bars = alt.Chart(data).mark_bar(color="#0072B2").encode(
        x=x, y=alt.Y("gw:Q", title="GW of announced campus power"),
        tooltip=[alt.Tooltip("label:O", title="Target year"), alt.Tooltip("gw:Q", title="GW due", format=".2f"),
                 alt.Tooltip("cumulative_gw:Q", title="GW due so far", format=".2f"),
                 alt.Tooltip("supply_gw:Q", title="New supply so far (GW)", format=".1f")])
    total = alt.Chart(data.dropna(subset=["cumulative_gw"])).mark_line(point=True, color="#000000").encode(
        x=x, y="cumulative_gw:Q")
    supply = alt.Chart(data.dropna(subset=["supply_gw"])).mark_line(strokeDash=[6, 4], color="#D55E00").encode(
        x=x, y="supply_gw:Q")
    return ledger_chart(
        alt.layer(bars, total, supply), finding=finding,
        units="GW as announced (facility power); bars: due each year; black: due so far; dashed: the default "
        "new data-centre supply a year, summed",
        citations=cite(list(campuses["source_id"]), sources),
        data=data, csv_name="energy-campuses.csv")


def cost_chart(costs: pd.DataFrame, sources: pd.DataFrame, finding: str) -> alt.Chart:
    """Every sourced estimate of the cost of a GW of AI capacity, one dot each."""
    data = costs.assign(label=costs["who"].str.capitalize() + ": " + costs["measure"])
    return ledger_chart(
        alt.Chart(data).mark_point(filled=True, size=110, color="#0072B2").encode(
            x=alt.X("usd_bn_per_gw:Q", title="USD bn per GW", scale=alt.Scale(zero=True)),
            y=alt.Y("label:N", title=None, sort=alt.EncodingSortField("usd_bn_per_gw")),
            tooltip=[alt.Tooltip("label:N", title="Estimate"), alt.Tooltip("usd_bn_per_gw:Q", title="USD bn per GW",
                                                                           format=",.1f"),
                     alt.Tooltip("period:N", title="When"), alt.Tooltip("source_id:N", title="Source")]),
        finding=finding, units="All-in cost of a GW of AI data-centre capacity (chips, building, power), USD bn",
        citations=cite([s for s in costs["source_id"] if s], sources), data=data, csv_name="energy-cost-per-gw.csv")


def additions_chart(additions: pd.DataFrame, sources: pd.DataFrame, source_ids: list[str],
                    finding: str) -> alt.Chart:
    """US capacity additions, all sources together: planned at the start of each year and built,
    side by side (the by-source split is in the chart's data file)."""
    tidy = additions.melt(id_vars=["year", "source"], value_vars=["planned_gw", "built_gw"], var_name="kind",
                          value_name="gw").dropna()
    tidy["kind"] = tidy["kind"].map({"planned_gw": "planned", "built_gw": "built"})
    total = tidy[tidy["source"] == "total"]
    return ledger_chart(
        alt.Chart(total).mark_bar().encode(
            x=alt.X("year:O", title="Year"),
            xOffset=alt.XOffset("kind:N", sort=["planned", "built"]),
            y=alt.Y("gw:Q", title="GW of utility-scale capacity"),
            color=alt.Color("kind:N", title=None, sort=["planned", "built"],
                            scale=alt.Scale(domain=["planned", "built"], range=["#56B4E9", "#0072B2"]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("kind:N", title="Planned or built"),
                     alt.Tooltip("gw:Q", title="GW, all sources", format=".1f")]),
        finding=finding, units="US utility-scale capacity additions, all sources, GW; planned as reported at the "
        "start of each year, built as reported after it",
        citations=cite(source_ids, sources), data=tidy, csv_name="energy-additions.csv")


def binding_chart(plan: pd.DataFrame, supply_gw: float, pue: float, usd_bn_per_gw: float, growth: float,
                  ranges: Ranges, sources: pd.DataFrame, source_ids: list[str], finding: str) -> alt.LayerChart:
    """Interactive: new power a year, PUE, cost per GW and the plan's growth after guidance
    (sliders) → the four's planned capex by year against the most capex the power can energise.
    Python twins: :func:`analysis.energy.plan_path` and :func:`analysis.energy.energisable_capex_usd_bn`."""
    guided = plan.iloc[-1]
    years = pd.DataFrame({"year": range(int(plan["year"].iloc[0]), LAST_YEAR + 1)})
    known = plan.set_index("year")["capex_usd_bn"]
    years["known"] = years["year"].map(known)
    years["kind"] = years["year"].map(plan.set_index("year")["kind"]).fillna("assumed")
    s = alt.param(name="supply", value=round(supply_gw, 1), bind=alt.binding_range(
        min=round(ranges.supply_gw[0] / 2, 1), max=round(ranges.supply_gw[1] * 1.5), step=0.1,
        name="New power for data centres, GW a year "))
    p = alt.param(name="pue", value=pue, bind=alt.binding_range(
        min=1.0, max=round(ranges.pue[1] + 0.1, 2), step=0.01, name="PUE (1 = cost per GW of grid power) "))
    c = alt.param(name="cost", value=usd_bn_per_gw, bind=alt.binding_range(
        min=round(ranges.usd_bn_per_gw[0] * 0.8), max=round(ranges.usd_bn_per_gw[1] * 1.7), step=1,
        name="USD bn per GW "))
    g = alt.param(name="growth", value=growth, bind=alt.binding_range(
        min=ranges.growth[0], max=ranges.growth[1], step=0.01, name="Capex growth a year after guidance "))
    base = alt.Chart(years).add_params(s, p, c, g).transform_calculate(
        capex_usd_bn=f"isValid(datum.known) ? datum.known : {float(guided['capex_usd_bn'])} * "
                     f"pow(1 + growth, datum.year - {int(guided['year'])})",
        energisable_usd_bn="supply / pue * cost",
        binds="datum.kind == 'reported' ? (datum.capex_usd_bn > datum.energisable_usd_bn ? 'spent above it: "
              "inputs too tight' : 'spent within it') : datum.capex_usd_bn > datum.energisable_usd_bn ? "
              "'plans exceed it' : 'within it'")
    x = alt.X("year:O", title="Year")
    plans = base.mark_line(point=True, color="#0072B2").encode(
        x=x, y=alt.Y("capex_usd_bn:Q", title="USD bn a year"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("kind:N", title="Capex"),
                 alt.Tooltip("capex_usd_bn:Q", title="The four's capex (USD bn)", format=",.0f"),
                 alt.Tooltip("energisable_usd_bn:Q", title="Energisable (USD bn)", format=",.0f"),
                 alt.Tooltip("binds:N", title="Planned capex")])
    ceiling = base.mark_line(strokeDash=[6, 4], color="#D55E00").encode(x=x, y="energisable_usd_bn:Q")
    return ledger_chart(
        alt.layer(plans, ceiling), finding=finding,
        units="Blue: Microsoft, Alphabet, Amazon and Meta's capex, reported then guided, then grown at the slider's "
        "rate; dashed: new power ÷ PUE × cost per GW, USD bn a year; move the sliders",
        citations=cite(source_ids, sources), data=years.assign(capex_usd_bn=years["known"]),
        csv_name="energy-binding.csv")


def reactor_chart(table: pd.DataFrame, demand_gw: float, sources: pd.DataFrame, source_ids: list[str],
                  finding: str) -> alt.LayerChart:
    """GW that USD 1tn buys of each priced plant, against the data-centre power the demand adds."""
    data = table.dropna(subset=["budget_gw"])
    bars = alt.Chart(data).mark_bar(color="#009E73").encode(
        x=alt.X("budget_gw:Q", title="GW bought with USD 1 trillion"),
        y=alt.Y("plant:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("plant:N", title="Plant"),
                 alt.Tooltip("bn_per_gw:Q", title="USD bn per GW", format=",.1f"),
                 alt.Tooltip("budget_gw:Q", title="GW for USD 1tn", format=",.0f"),
                 alt.Tooltip("build_years:Q", title="Years to power"),
                 alt.Tooltip("power_year:Q", title="Power (or planned) in")])
    need = alt.Chart(pd.DataFrame({"gw": [demand_gw]})).mark_rule(color="#000000", strokeDash=[4, 4]).encode(
        x="gw:Q", tooltip=[alt.Tooltip("gw:Q", title="US data-centre growth to 2030, average GW", format=".1f")])
    return ledger_chart(
        alt.layer(bars, need), finding=finding,
        units="GW of plant at each plant's reported cost per GW; dashed: the US data-centre growth 2024–2030 of "
        "the IEA base case as average GW",
        citations=cite(source_ids, sources), data=data, csv_name="energy-reactors.csv")


def reactor_display(table: pd.DataFrame) -> pd.DataFrame:
    """The reactor table for readers: costs with their currency, dates as a span with its years."""
    return pd.DataFrame({
        "plant": table["plant"], "status": table["status"],
        "cost": [f"{c} {v:,.1f}" for c, v in zip(table["currency"], table["cost_bn"], strict=True)],
        "gw": table["gw"],
        "per_gw": [f"{c} {v:,.1f}" for c, v in zip(table["currency"], table["bn_per_gw"], strict=True)],
        "budget_gw": table["budget_gw"],
        "span": [f"{a}–{b} ({n} years)" for a, b, n in
                 zip(table["start_year"], table["power_year"], table["build_years"], strict=True)]})
