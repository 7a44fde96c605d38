"""Thesis 3, distillation: charts and reader's tables (the models are in :mod:`analysis.distillation`)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts import ledger_chart
from analysis.distillation import Decline, years_since
from analysis.provenance import cite

COUNTRY_NAMES = {"US": "United States", "CN": "China", "FR": "France"}
COUNTRY_COLOURS = alt.Scale(domain=["United States", "China", "France"], range=["#0072B2", "#D55E00", "#009E73"])


def price_chart(prices: pd.DataFrame, sources: pd.DataFrame, finding: str) -> alt.LayerChart:
    """Blended list price of every dated price point, log scale, coloured by the lab's country."""
    data = prices.assign(country_name=prices["country"].map(COUNTRY_NAMES),
                         date=prices["effective"].dt.strftime("%Y-%m-%d"))
    base = alt.Chart(data).encode(
        x=alt.X("date:T", title="Date the price took effect"),
        y=alt.Y("blended_usd:Q", title="USD per million tokens, 3:1 input:output (log scale)",
                scale=alt.Scale(type="log")),
        color=alt.Color("country_name:N", title=None, scale=COUNTRY_COLOURS),
    )
    points = base.mark_point(filled=True, size=70, opacity=0.85).encode(
        shape=alt.Shape("open_weights:N", title="Open weights", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("model:N", title="Model"), alt.Tooltip("provider:N", title="Provider"),
                 alt.Tooltip("date:T", title="Price from", format="%Y-%m-%d"),
                 alt.Tooltip("input_usd:Q", title="Input (USD / M tokens)", format=",.3f"),
                 alt.Tooltip("output_usd:Q", title="Output (USD / M tokens)", format=",.3f"),
                 alt.Tooltip("blended_usd:Q", title="Blended 3:1 (USD / M tokens)", format=",.3f"),
                 alt.Tooltip("currency:N", title="Listed in"), alt.Tooltip("source_id:N", title="Source")])
    return ledger_chart(
        points, finding=finding,
        units="List price, USD per million tokens, blended 3 input : 1 output, log scale; yuan prices at the "
        "exchange rate of their date",
        citations=cite(list(prices["source_id"]), sources),
        data=data[["model", "provider", "country", "effective", "input_usd", "output_usd", "blended_usd",
                   "blended_alt_usd", "currency", "open_weights", "source_id"]],
        csv_name="distillation-prices.csv")


def frontier_chart(frontiers: pd.DataFrame, fits: dict[str, Decline], sources: pd.DataFrame,
                   source_ids: list[str], finding: str) -> alt.LayerChart:
    """The cheapest price reaching each capability threshold over time, with its fitted decline."""
    lines = []
    for label, fit in fits.items():
        days = pd.date_range(fit.first, fit.last, periods=20)
        rows = frontiers[frontiers["threshold"] == label]
        t0 = rows["date"].min()
        a = np.log(rows["usd_per_mtok"].to_numpy()).mean() + np.log(fit.factor) * years_since(rows["date"], t0).mean()
        lines.append(pd.DataFrame({"threshold": label, "date": days,
                                   "fitted_usd": np.exp(a) * fit.factor ** -years_since(pd.Series(days), t0)}))
    fitted = pd.concat(lines, ignore_index=True)
    x = alt.X("date:T", title="Date")
    y = alt.Y("usd_per_mtok:Q", title="Cheapest qualifying price, USD per million tokens (log scale)",
              scale=alt.Scale(type="log"))
    steps = alt.Chart(frontiers).mark_line(interpolate="step-after", point=True).encode(
        x=x, y=y, color=alt.Color("threshold:N", title="Capability at least"),
        tooltip=[alt.Tooltip("threshold:N", title="Threshold"), alt.Tooltip("date:T", title="From", format="%Y-%m-%d"),
                 alt.Tooltip("model:N", title="Cheapest model"), alt.Tooltip("country:N", title="Country"),
                 alt.Tooltip("usd_per_mtok:Q", title="USD / M tokens", format=",.3f")])
    trend = alt.Chart(fitted).mark_line(strokeDash=[5, 4], strokeWidth=1.5).encode(
        x=x, y=alt.Y("fitted_usd:Q", scale=alt.Scale(type="log")), color=alt.Color("threshold:N"),
        tooltip=[alt.Tooltip("threshold:N", title="Threshold"),
                 alt.Tooltip("fitted_usd:Q", title="Fitted (USD / M tokens)", format=",.3f")])
    return ledger_chart(
        alt.layer(steps, trend), finding=finding,
        units="Cheapest blended (3:1) list price among models scoring at least the threshold; dashed: log-linear fit",
        citations=cite(source_ids, sources), data=frontiers, csv_name="distillation-frontier.csv")


def squeeze_chart(revenue_now_usd_bn: float, needed_usd_bn: float, first_year: int, last_year: int,
                  decline: float, growth: float, measured: pd.DataFrame, source_ids: list[str],
                  sources: pd.DataFrame) -> alt.LayerChart:
    """Interactive: price decline and usage growth (sliders) → AI revenue by year, against the
    revenue the build-out needs. Python twin: :func:`analysis.distillation.revenue_in`."""
    years = pd.DataFrame({"year": range(first_year, last_year + 1)})
    d = alt.param(name="decline", value=decline,
                  bind=alt.binding_range(min=1.0, max=10.0, step=0.1, name="Price falls × per year "))
    g = alt.param(name="growth", value=growth,
                  bind=alt.binding_range(min=0.0, max=5.0, step=0.05, name="Usage grows per year (1 = +100 %) "))
    revenue = (alt.Chart(years).add_params(d, g)
               .transform_calculate(revenue_usd_bn=f"{revenue_now_usd_bn} * pow((1 + growth) / decline, "
                                                   f"datum.year - {first_year})")
               .mark_line(point=True, color="#CC79A7")
               .encode(x=alt.X("year:O", title="Year"),
                       y=alt.Y("revenue_usd_bn:Q", title="AI revenue, USD bn a year (log scale)",
                               scale=alt.Scale(type="log")),
                       tooltip=[alt.Tooltip("year:O", title="Year"),
                                alt.Tooltip("revenue_usd_bn:Q", title="Revenue (USD bn)", format=",.0f")]))
    need = pd.DataFrame({"year": [last_year], "needed_usd_bn": [needed_usd_bn],
                         "label": [f"needed by {last_year}"]})
    target = alt.Chart(need).mark_point(shape="diamond", size=150, filled=True, color="#000000").encode(
        x="year:O", y=alt.Y("needed_usd_bn:Q"),
        tooltip=[alt.Tooltip("label:N", title="Series"), alt.Tooltip("needed_usd_bn:Q", title="USD bn", format=",.0f")])
    return ledger_chart(
        alt.layer(revenue, target),
        finding=f"At prices falling ×{decline:g} a year, usage must grow {measured['break_even'].iloc[0]:.0%} a year "
        f"to reach the USD {needed_usd_bn:,.0f}bn the build-out needs by {last_year}",
        units="AI revenue = today's revenue × ((1 + usage growth) ÷ price decline) ^ years, USD bn, log scale; "
        "move the sliders",
        citations=cite(source_ids, sources), data=measured, csv_name="distillation-squeeze.csv")


def break_even_chart(curve: pd.DataFrame, measured: pd.DataFrame, source_ids: list[str],
                     sources: pd.DataFrame, last_year: int) -> alt.LayerChart:
    """Break-even usage growth for each rate of price decline, with the measured rates marked."""
    line = alt.Chart(curve).mark_line(color="#000000").encode(
        x=alt.X("decline:Q", title="Price falls × per year (log scale)", scale=alt.Scale(type="log")),
        y=alt.Y("break_even:Q", title=f"Usage growth a year needed by {last_year} (log scale; 1 = +100 %)",
                scale=alt.Scale(type="log")),
        tooltip=[alt.Tooltip("decline:Q", title="Price falls ×", format=".1f"),
                 alt.Tooltip("break_even:Q", title="Usage growth needed", format=".0%")])
    marks = alt.Chart(measured).mark_point(size=120, filled=True, color="#D55E00").encode(
        x="decline:Q", y="break_even:Q",
        tooltip=[alt.Tooltip("label:N", title="Measured decline"), alt.Tooltip("decline:Q", title="×", format=".1f"),
                 alt.Tooltip("low:Q", title="interval low", format=".1f"),
                 alt.Tooltip("high:Q", title="interval high", format=".1f"),
                 alt.Tooltip("break_even:Q", title="Usage growth needed", format=".0%")])
    intervals = alt.Chart(measured).mark_rule(color="#D55E00").encode(x="low:Q", x2="high:Q", y="break_even:Q")
    top = measured.sort_values("break_even").iloc[-1]
    return ledger_chart(
        alt.layer(line, intervals, marks),
        finding=f"At the measured rates of decline, usage would have to multiply by up to "
        f"×{1 + top['break_even']:,.0f} a year, every year, for AI revenue to reach the build-out's need "
        f"by {last_year}",
        units="Break-even usage growth g* = d·(needed ÷ revenue now)^(1/years) − 1; points: measured declines "
        "(bars: 95 % intervals)",
        citations=cite(source_ids, sources), data=curve, csv_name="distillation-break-even.csv")


def gap_chart(gaps: pd.DataFrame, sources: pd.DataFrame, source_ids: list[str], finding: str) -> alt.Chart:
    """US ÷ China cheapest price at comparable capability, over time, one line per threshold."""
    return ledger_chart(
        alt.Chart(gaps).mark_line(interpolate="step-after", point=True).encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("us_over_cn:Q", title="Cheapest US price ÷ cheapest Chinese price (log scale)",
                    scale=alt.Scale(type="log")),
            color=alt.Color("threshold:N", title="Arena rating at least"),
            tooltip=[alt.Tooltip("threshold:N", title="Threshold"),
                     alt.Tooltip("date:T", title="From", format="%Y-%m-%d"),
                     alt.Tooltip("us_usd:Q", title="US (USD / M tokens)", format=",.3f"),
                     alt.Tooltip("cn_usd:Q", title="China (USD / M tokens)", format=",.3f"),
                     alt.Tooltip("us_over_cn:Q", title="US ÷ China", format=".2f")]),
        finding=finding, units="Cheapest blended (3:1) list price in force among models rated at least the threshold; "
        "above 1: the Chinese model is cheaper",
        citations=cite(source_ids, sources), data=gaps, csv_name="distillation-us-china.csv")
