"""The opening page's figures: how fast the five biggest builders' capex grew."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from analysis.charts import FIRM_NAMES, firm_colour_scale, ledger_chart
from analysis.escalator import BUILDERS
from analysis.finance import annual_series
from analysis.provenance import cite


@dataclass(frozen=True)
class CapexGrowth:
    """Combined capex of the builders in a first and last year that every one of them reported."""

    first_year: int
    last_year: int
    first_usd_bn: float
    last_usd_bn: float

    @property
    def multiple(self) -> float:
        """How many times the first year's combined capex the last year's is."""
        return self.last_usd_bn / self.first_usd_bn


def capex_table(financials: pd.DataFrame, firms: list[str] = BUILDERS) -> pd.DataFrame:
    """Reported annual capex per firm and fiscal year in USD bn, with the firm's display name."""
    table = annual_series(financials, "capex", firms)
    table.insert(1, "firm", table["entity"].map(FIRM_NAMES))
    return table


def combined_growth(table: pd.DataFrame) -> CapexGrowth:
    """Combined capex in the first and last fiscal years that every firm in ``table`` reported."""
    years_per_firm = table.groupby("entity")["fiscal_year"].apply(set)
    common = sorted(set.intersection(*years_per_firm))
    if len(common) < 2:
        raise ValueError("the firms share fewer than two reported fiscal years")
    totals = table[table["fiscal_year"].isin(common)].groupby("fiscal_year")["value_usd_bn"].sum()
    return CapexGrowth(common[0], common[-1], float(totals[common[0]]), float(totals[common[-1]]))


def capex_multiples(table: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each firm's capex from ``base_year`` on as a multiple of its capex that year (the Python twin
    of the index chart's slider). Columns: firm, fiscal_year, multiple.

    >>> t = pd.DataFrame({"firm": ["A", "A"], "fiscal_year": [2020, 2021], "value_usd_bn": [2.0, 5.0]})
    >>> capex_multiples(t, 2020)["multiple"].tolist()
    [1.0, 2.5]
    """
    base = table[table["fiscal_year"] == base_year].set_index("firm")["value_usd_bn"]
    rows = table[(table["fiscal_year"] >= base_year) & table["firm"].isin(base[base > 0].index)]
    return rows.assign(multiple=rows["value_usd_bn"] / rows["firm"].map(base))[["firm", "fiscal_year", "multiple"]]


def capex_index_chart(table: pd.DataFrame, sources: pd.DataFrame, growth: CapexGrowth) -> alt.LayerChart:
    """Each firm's capex as a multiple of its capex in a base year the reader picks with a slider."""
    years = sorted(table["fiscal_year"].unique())
    base = alt.param(
        name="base_year",
        value=int(years[0]),
        bind=alt.binding_range(min=int(years[0]), max=int(years[-2]), step=1, name="Base year "),
    )
    firms = list(dict.fromkeys(table["entity"]))
    data = table[["firm", "fiscal_year", "value_usd_bn", "source_id"]]
    chart = (
        alt.Chart(data)
        .transform_calculate(base_value=f"datum.fiscal_year == {base.name} ? datum.value_usd_bn : 0")
        .transform_joinaggregate(base_usd_bn="sum(base_value)", groupby=["firm"])
        .transform_filter(f"datum.fiscal_year >= {base.name} && datum.base_usd_bn > 0")
        .transform_calculate(multiple="datum.value_usd_bn / datum.base_usd_bn")
        .mark_line(point=True)
        .encode(
            x=alt.X("fiscal_year:O", title="Fiscal year (each firm's own; labelled by the year it ends)"),
            y=alt.Y("multiple:Q", title="Capex as a multiple of the base year (×)"),
            color=alt.Color("firm:N", title=None, scale=firm_colour_scale(firms)),
            tooltip=[
                alt.Tooltip("firm:N", title="Firm"),
                alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                alt.Tooltip("value_usd_bn:Q", title="Capex (USD bn)", format=",.1f"),
                alt.Tooltip("multiple:Q", title="× base year", format=".2f"),
                alt.Tooltip("source_id:N", title="Source"),
            ],
        )
        .add_params(base)
    )
    finding = (
        f"The five biggest builders spent {growth.multiple:.1f}× as much on capex "
        f"in {growth.last_year} as in {growth.first_year}"
    )
    return ledger_chart(
        chart,
        finding=finding,
        units="Capital expenditure (purchases of property and equipment), multiple of the base year; "
        "move the slider to change the base year",
        citations=cite(data["source_id"], sources),
        data=data,
        csv_name="capex-by-firm.csv",
    )
