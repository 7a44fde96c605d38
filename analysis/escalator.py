"""Thesis 1, the escalator: everyone must build, so nobody gains a lasting edge.

Pure functions over loaded tables. Money is in USD billions (``_usd_bn``), ratios are fractions
unless a name ends in ``_pct``. Fiscal years are each firm's own, labelled by the calendar year
in which they end (Microsoft's FY2025 ends 30 June 2025; Oracle's 31 May 2025; the others'
31 December; Nvidia's late January of the labelled year).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts import FIRM_NAMES, firm_colour_scale, ledger_chart
from analysis.finance import annual_series, latest_row, to_usd_bn
from analysis.ledger import Recomputed, checker
from analysis.provenance import cite

BUILDERS = ["microsoft", "alphabet", "amazon", "meta", "oracle"]
CLOUD_THREE = ["amazon", "microsoft", "alphabet"]

#: Server life in the hyperscalers' books today (Microsoft, Alphabet, Oracle: six years; sourced rows in
#: ``financials``, metric server_useful_life_years).
REPORTED_SERVER_LIFE_YEARS = 6
#: The server life most of the firms used before the 2022–2023 extensions (four years).
EARLIER_LIFE_YEARS = 4
#: The seed's claim: GPUs are obsolete in two to three years; the model's short life.
SHORT_LIFE_YEARS = 3
#: Assumption, not disclosed by the firms: the share of capex that is servers and network gear.
SERVER_SHARE_ASSUMPTION = 0.5
#: The two-firm game's profit pool and default cost of investing (arbitrary units; a model, not data).
GAME_POOL = 100.0
GAME_DEFAULT_COST = 30.0


# --- 1. the race in numbers -------------------------------------------------------------------


def capex_intensity(financials: pd.DataFrame, firms: list[str] = BUILDERS) -> pd.DataFrame:
    """Capex, revenue and operating cash flow per firm and fiscal year, with the two ratios.

    Capex is cash purchases of property and equipment, the one definition every firm reports
    in its cash-flow statement; assets taken on finance leases (large at Microsoft and Meta) are
    excluded. Columns: entity, firm, fiscal_year, capex_usd_bn, revenue_usd_bn, ocf_usd_bn,
    capex_to_revenue, capex_to_ocf, source_ids. Years missing any of the three are dropped.
    """
    parts = []
    for metric, column in (("capex", "capex_usd_bn"), ("revenue", "revenue_usd_bn"),
                           ("operating_cash_flow", "ocf_usd_bn")):
        series = annual_series(financials, metric, firms)
        parts.append(series.rename(columns={"value_usd_bn": column, "source_id": f"src_{column}"})
                     .drop(columns="period_end"))
    table = parts[0].merge(parts[1], on=["entity", "fiscal_year"]).merge(parts[2], on=["entity", "fiscal_year"])
    table["capex_to_revenue"] = table["capex_usd_bn"] / table["revenue_usd_bn"]
    table["capex_to_ocf"] = table["capex_usd_bn"] / table["ocf_usd_bn"]
    src = [c for c in table.columns if c.startswith("src_")]
    table["source_ids"] = table[src].apply(lambda r: " ".join(dict.fromkeys(r)), axis=1)
    table.insert(1, "firm", table["entity"].map(FIRM_NAMES))
    return table.drop(columns=src).sort_values(["entity", "fiscal_year"]).reset_index(drop=True)


def finance_lease_gap(financials: pd.DataFrame) -> pd.DataFrame:
    """Where a firm's capex including finance leases is sourced: both figures and the gap (USD bn).

    Columns: firm, fiscal_year, capex_usd_bn, capex_incl_leases_usd_bn, leases_usd_bn.
    """
    cash = annual_series(financials, "capex", BUILDERS)
    incl = annual_series(financials, "capex_incl_finance_leases", BUILDERS)
    table = cash.merge(incl, on=["entity", "fiscal_year"], suffixes=("_cash", "_incl"))
    return pd.DataFrame({
        "firm": table["entity"].map(FIRM_NAMES), "fiscal_year": table["fiscal_year"],
        "capex_usd_bn": table["value_usd_bn_cash"], "capex_incl_leases_usd_bn": table["value_usd_bn_incl"],
        "leases_usd_bn": table["value_usd_bn_incl"] - table["value_usd_bn_cash"],
    })


def capex_guidance(financials: pd.DataFrame, firms: list[str] = BUILDERS) -> pd.DataFrame:
    """The latest announced capex guidance per firm: year, low, high and midpoint (USD bn).

    A single-figure guidance has low = high. The guided year is the calendar or fiscal year of
    the guidance row, as the firm stated it.
    """
    rows = financials[financials["entity"].isin(firms)
                      & financials["metric"].isin(["capex_guidance", "capex_guidance_low", "capex_guidance_high"])]
    out = []
    for entity, group in rows.groupby("entity"):
        group = group.assign(year=group["period"].str[-4:].astype(int))
        year = group["year"].max()
        latest = group[group["year"] == year]
        values = {m: to_usd_bn(v, u) for m, v, u in zip(latest["metric"], latest["value"], latest["unit"], strict=True)}
        low = values.get("capex_guidance_low", values.get("capex_guidance"))
        high = values.get("capex_guidance_high", values.get("capex_guidance"))
        out.append({"entity": entity, "firm": FIRM_NAMES[entity], "fiscal_year": int(year),
                    "period": latest["period"].iloc[0], "low_usd_bn": low, "high_usd_bn": high,
                    "mid_usd_bn": (low + high) / 2, "source_ids": " ".join(dict.fromkeys(latest["source_id"]))})
    return pd.DataFrame(out)


def _firm_lines(data: pd.DataFrame, y: str, y_title: str, tooltips: list[alt.Tooltip],
                percent: bool = False) -> alt.Chart:
    """One line per firm over fiscal years, in the firms' fixed colours, with firm and year tooltips."""
    firms = [f for f in BUILDERS if f in set(data["entity"])]
    axis = alt.Axis(format="%") if percent else alt.Axis()
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("fiscal_year:O", title="Fiscal year"),
        y=alt.Y(f"{y}:Q", title=y_title, axis=axis),
        color=alt.Color("firm:N", title=None, scale=firm_colour_scale(firms)),
        tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                 *tooltips, alt.Tooltip("source_ids:N", title="Sources")],
    )


def _source_ids(*frames: pd.DataFrame) -> list[str]:
    ids: list[str] = []
    for frame in frames:
        for value in frame["source_ids"]:
            ids += value.split()
    return ids


def capex_chart(intensity: pd.DataFrame, guidance: pd.DataFrame, sources: pd.DataFrame) -> alt.LayerChart:
    """Reported capex (solid lines) and the latest guidance (hollow points, range bars)."""
    firms = [f for f in BUILDERS if f in set(intensity["entity"])]
    colour = alt.Color("firm:N", title=None, scale=firm_colour_scale(firms))
    actual = _firm_lines(intensity, "capex_usd_bn", "Capex (USD bn)",
                         [alt.Tooltip("capex_usd_bn:Q", title="Capex (USD bn)", format=",.1f")])
    guide = alt.Chart(guidance).encode(x="fiscal_year:O", color=colour)
    bars = guide.mark_rule(strokeDash=[4, 3]).encode(y="low_usd_bn:Q", y2="high_usd_bn:Q")
    points = guide.mark_point(filled=False, size=90, strokeWidth=2).encode(
        y="mid_usd_bn:Q",
        tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("period:N", title="Guided period"),
                 alt.Tooltip("low_usd_bn:Q", title="Guidance low (USD bn)", format=",.0f"),
                 alt.Tooltip("high_usd_bn:Q", title="Guidance high (USD bn)", format=",.0f"),
                 alt.Tooltip("source_ids:N", title="Sources")],
    )
    last = intensity["fiscal_year"].max()
    total_last = intensity.loc[intensity["fiscal_year"] == last, "capex_usd_bn"].sum()
    total_guided = guidance["mid_usd_bn"].sum()
    finding = (f"Guidance points to {total_guided / total_last:.1f}× the {last} capex of these firms "
               "within a year or two")
    data = pd.concat([intensity.assign(kind="reported"),
                      guidance.rename(columns={"mid_usd_bn": "capex_usd_bn"}).assign(kind="guidance midpoint")])
    return ledger_chart(
        alt.layer(actual, bars, points),
        finding=finding,
        units="USD bn per fiscal year; solid: reported purchases of property and equipment; "
        "hollow points and dashed bars: latest guidance (midpoint and range, incl. finance leases where stated)",
        citations=cite(_source_ids(intensity, guidance), sources),
        data=data[["firm", "fiscal_year", "kind", "capex_usd_bn", "source_ids"]],
        csv_name="escalator-capex.csv",
    )


def capex_to_ocf_chart(intensity: pd.DataFrame, sources: pd.DataFrame) -> alt.Chart:
    """Capex as a share of operating cash flow: the free-cash-flow squeeze."""
    last = intensity["fiscal_year"].max()
    latest = intensity[intensity["fiscal_year"] == last]
    top = latest.sort_values("capex_to_ocf").iloc[-1]
    chart = _firm_lines(intensity, "capex_to_ocf", "Capex ÷ operating cash flow",
                        [alt.Tooltip("capex_to_ocf:Q", title="Capex / OCF", format=".0%"),
                         alt.Tooltip("capex_to_revenue:Q", title="Capex / revenue", format=".0%")], percent=True)
    rule = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#888888", strokeDash=[2, 2]).encode(y="y:Q")
    finding = (f"In {last} {top['firm']} spent {top['capex_to_ocf']:.0%} of its operating cash flow on capex; "
               "above the dotted line, capex exceeds the cash operations bring in")
    return ledger_chart(
        alt.layer(chart, rule),
        finding=finding,
        units="Purchases of property and equipment ÷ net cash from operations, per fiscal year",
        citations=cite(_source_ids(intensity), sources),
        data=intensity[["firm", "fiscal_year", "capex_usd_bn", "ocf_usd_bn", "revenue_usd_bn",
                        "capex_to_ocf", "capex_to_revenue", "source_ids"]],
        csv_name="escalator-capex-to-ocf.csv",
    )


# --- 2. does spending buy share? --------------------------------------------------------------


def share_comparison(financials: pd.DataFrame, firms: list[str] = CLOUD_THREE) -> pd.DataFrame:
    """Each firm's share of the group's capex against its cloud-infrastructure market share.

    Market shares are Q4 shares of worldwide cloud infrastructure services (``cloud_market_share``,
    period ``Q4CY<year>``); capex is the fiscal year that ends in that calendar year. Columns:
    entity, firm, year, capex_usd_bn, capex_share, market_share (fractions), source_ids.
    """
    capex = annual_series(financials, "capex", firms).rename(columns={"fiscal_year": "year"})
    share = financials[(financials["metric"] == "cloud_market_share") & financials["entity"].isin(firms)
                       & financials["period"].str.fullmatch(r"Q4CY\d{4}")]
    share = pd.DataFrame({"entity": share["entity"], "year": share["period"].str[-4:].astype(int),
                          "market_share": share["value"] / 100, "src_share": share["source_id"]})
    table = capex.merge(share, on=["entity", "year"])
    complete = table.groupby("year")["entity"].transform("nunique") == len(firms)
    table = table[complete].copy()
    table["capex_share"] = table["value_usd_bn"] / table.groupby("year")["value_usd_bn"].transform("sum")
    table["source_ids"] = table["source_id"] + " " + table["src_share"]
    table.insert(1, "firm", table["entity"].map(FIRM_NAMES))
    table = table.rename(columns={"value_usd_bn": "capex_usd_bn"})
    return table[["entity", "firm", "year", "capex_usd_bn", "capex_share", "market_share", "source_ids"]] \
        .sort_values(["entity", "year"]).reset_index(drop=True)


@dataclass(frozen=True)
class ShareVerdict:
    """What the share comparison says, from the first to the last year every firm has both."""

    first_year: int
    last_year: int
    capex_multiple: float
    #: per firm: change in capex share and in market share, percentage points
    capex_share_change_pp: dict[str, float]
    market_share_change_pp: dict[str, float]
    #: Pearson correlation, across firms, of the two changes (+1: spend more, gain more)
    correlation: float
    biggest_spender: str
    biggest_spender_market_change_pp: float


def share_verdict(table: pd.DataFrame) -> ShareVerdict:
    """Compare first and last years: did the firms that raised their share of spending gain share?"""
    first, last = table["year"].min(), table["year"].max()
    a = table[table["year"] == first].set_index("entity")
    b = table[table["year"] == last].set_index("entity")
    capex_change = ((b["capex_share"] - a["capex_share"]) * 100).to_dict()
    market_change = ((b["market_share"] - a["market_share"]) * 100).to_dict()
    ents = sorted(capex_change)
    corr = float(np.corrcoef([capex_change[e] for e in ents], [market_change[e] for e in ents])[0, 1])
    spender = b["capex_usd_bn"].idxmax()
    return ShareVerdict(int(first), int(last), float(b["capex_usd_bn"].sum() / a["capex_usd_bn"].sum()),
                        capex_change, market_change, corr, FIRM_NAMES[spender], market_change[spender])


def share_sentences(verdict: ShareVerdict) -> str:
    """One clause per firm: how its share of spending and its market share moved (points)."""
    parts = [f"{FIRM_NAMES[e]}: spending share {verdict.capex_share_change_pp[e]:+.1f} points, market share "
             f"{verdict.market_share_change_pp[e]:+.0f}" for e in sorted(verdict.capex_share_change_pp)]
    return "; ".join(parts)


def share_chart(table: pd.DataFrame, verdict: ShareVerdict, sources: pd.DataFrame) -> alt.LayerChart:
    """Capex share (x) against market share (y), one path per firm through the years."""
    firms = [f for f in CLOUD_THREE if f in set(table["entity"])]
    base = alt.Chart(table).encode(
        x=alt.X("capex_share:Q", title="Share of the three firms' capex", axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False)),
        y=alt.Y("market_share:Q", title="Share of the cloud infrastructure market (Q4)", axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False)),
        color=alt.Color("firm:N", title=None, scale=firm_colour_scale(firms)),
        order="year:O",
    )
    paths = base.mark_line(point=True)
    labels = base.transform_filter(f"datum.year == {verdict.last_year}").mark_text(dx=6, align="left").encode(
        text="year:O")
    tips = base.mark_point(size=120, opacity=0).encode(tooltip=[
        alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("capex_usd_bn:Q", title="Capex (USD bn)", format=",.1f"),
        alt.Tooltip("capex_share:Q", title="Capex share", format=".1%"),
        alt.Tooltip("market_share:Q", title="Market share", format=".0%"),
        alt.Tooltip("source_ids:N", title="Sources")])
    finding = (f"From {verdict.first_year} to {verdict.last_year} the three spent {verdict.capex_multiple:.1f}× "
               f"as much; the biggest spender, {verdict.biggest_spender}, moved "
               f"{verdict.biggest_spender_market_change_pp:+.0f} points of market share")
    return ledger_chart(
        alt.layer(paths, labels, tips),
        finding=finding,
        units="Shares in %, one point per year (labelled: the last year); capex of the fiscal year ending in "
        "that calendar year",
        citations=cite(_source_ids(table), sources),
        data=table,
        csv_name="escalator-shares.csv",
    )


# --- 3. return on capital ---------------------------------------------------------------------

ROIC_INPUTS = ["operating_income", "income_tax", "pretax_income", "total_equity", "total_debt", "cash"]


def debt_series(financials: pd.DataFrame, firms: list[str]) -> pd.DataFrame:
    """Debt per firm and fiscal year (USD bn): ``total_debt`` where sourced, else current plus
    non-current debt, else long-term debt alone (a floor). Columns as :func:`annual_series`."""
    total = annual_series(financials, "total_debt", firms)
    current = annual_series(financials, "debt_current", firms)
    noncurrent = annual_series(financials, "debt_noncurrent", firms)
    split = current.merge(noncurrent, on=["entity", "fiscal_year"], suffixes=("_c", "_n"))
    split = pd.DataFrame({"entity": split["entity"], "fiscal_year": split["fiscal_year"],
                          "period_end": split["period_end_c"],
                          "value_usd_bn": split["value_usd_bn_c"] + split["value_usd_bn_n"],
                          "source_id": split["source_id_c"] + " " + split["source_id_n"]})
    long_term = annual_series(financials, "long_term_debt", firms)
    out = pd.concat([total, split, long_term]).drop_duplicates(["entity", "fiscal_year"], keep="first")
    return out.sort_values(["entity", "fiscal_year"]).reset_index(drop=True)


def roic_table(financials: pd.DataFrame, firms: list[str] = BUILDERS) -> pd.DataFrame:
    """Return on invested capital per firm and fiscal year where every input is sourced.

    ROIC = NOPAT / invested capital, with NOPAT = operating income × (1 − effective tax rate),
    effective tax rate = income tax ÷ pre-tax income (clipped to 0–50 %), and invested capital =
    total equity + debt (:func:`debt_series`) − cash, all at the fiscal-year end. Columns: entity, firm,
    fiscal_year, nopat_usd_bn, invested_usd_bn, roic, capex_to_revenue, source_ids.
    """
    wide = None
    for metric in ROIC_INPUTS:
        series = (debt_series(financials, firms) if metric == "total_debt"
                  else annual_series(financials, metric, firms))[["entity", "fiscal_year", "value_usd_bn", "source_id"]]
        series = series.rename(columns={"value_usd_bn": metric, "source_id": f"src_{metric}"})
        wide = series if wide is None else wide.merge(series, on=["entity", "fiscal_year"])
    tax_rate = (wide["income_tax"] / wide["pretax_income"]).clip(0, 0.5)
    wide["nopat_usd_bn"] = wide["operating_income"] * (1 - tax_rate)
    wide["invested_usd_bn"] = wide["total_equity"] + wide["total_debt"] - wide["cash"]
    wide["roic"] = wide["nopat_usd_bn"] / wide["invested_usd_bn"]
    src = [f"src_{m}" for m in ROIC_INPUTS]
    wide["source_ids"] = wide[src].apply(lambda r: " ".join(dict.fromkeys(r)), axis=1)
    intensity = capex_intensity(financials, firms)[["entity", "fiscal_year", "capex_to_revenue"]]
    wide = wide.merge(intensity, on=["entity", "fiscal_year"], how="left")
    wide.insert(1, "firm", wide["entity"].map(FIRM_NAMES))
    return wide[["entity", "firm", "fiscal_year", "nopat_usd_bn", "invested_usd_bn", "roic", "capex_to_revenue",
                 "source_ids"]].sort_values(["entity", "fiscal_year"]).reset_index(drop=True)


def roic_trend(table: pd.DataFrame) -> pd.DataFrame:
    """Per firm: first and last year with ROIC, ROIC then and now, and capex/revenue then and now."""
    rows = []
    for entity, group in table.groupby("entity"):
        first, last = group.iloc[0], group.iloc[-1]
        rows.append({"entity": entity, "firm": FIRM_NAMES[entity], "first_year": int(first["fiscal_year"]),
                     "last_year": int(last["fiscal_year"]), "roic_first": first["roic"], "roic_last": last["roic"],
                     "intensity_first": first["capex_to_revenue"], "intensity_last": last["capex_to_revenue"]})
    return pd.DataFrame(rows)


def roic_movers(trend: pd.DataFrame) -> tuple[str, str]:
    """Names of the firms whose ROIC fell, and of those whose ROIC rose, first to last year."""
    fell = trend[trend["roic_last"] < trend["roic_first"]]["firm"]
    rose = trend[trend["roic_last"] >= trend["roic_first"]]["firm"]
    return " and ".join(fell) or "none", " and ".join(rose) or "none"


def roic_chart(table: pd.DataFrame, trend: pd.DataFrame, sources: pd.DataFrame) -> alt.Chart:
    """ROIC by firm and year."""
    falling = int((trend["roic_last"] < trend["roic_first"]).sum())
    finding = (f"ROIC fell in {falling} of {len(trend)} firms from their first to their last year "
               "with full data, as capex intensity rose")
    chart = _firm_lines(table, "roic", "Return on invested capital",
                        [alt.Tooltip("roic:Q", title="ROIC", format=".1%"),
                         alt.Tooltip("nopat_usd_bn:Q", title="NOPAT (USD bn)", format=",.1f"),
                         alt.Tooltip("invested_usd_bn:Q", title="Invested capital (USD bn)", format=",.1f"),
                         alt.Tooltip("capex_to_revenue:Q", title="Capex / revenue", format=".0%")], percent=True)
    return ledger_chart(
        chart, finding=finding,
        units="NOPAT ÷ (equity + debt − cash), fiscal years with every input sourced",
        citations=cite(_source_ids(table), sources), data=table, csv_name="escalator-roic.csv",
    )


# --- 4. depreciation --------------------------------------------------------------------------


def straight_line_depreciation(capex_usd_bn: pd.Series, life_years: int) -> pd.Series:
    """Yearly depreciation of yearly capex spread evenly over ``life_years``.

    ``capex_usd_bn`` is indexed by year. Convention: a full year's charge from the year of
    spend (capex of year t is charged capex/N in years t … t+N−1). The result runs from the first
    capex year to the year the last vintage is fully depreciated, so it sums to total capex.
    """
    if life_years < 1:
        raise ValueError("a useful life is at least one year")
    first, last = int(capex_usd_bn.index.min()), int(capex_usd_bn.index.max())
    years = range(first, last + life_years)
    dep = dict.fromkeys(years, 0.0)
    for vintage, amount in capex_usd_bn.items():
        for year in range(int(vintage), int(vintage) + life_years):
            dep[year] += float(amount) / life_years
    return pd.Series(dep, name="depreciation_usd_bn")


def vintage_pairs(capex: pd.DataFrame, max_life_years: int) -> pd.DataFrame:
    """Every (firm, vintage, year) with 0 ≤ year − vintage < ``max_life_years`` within the data's
    years: the table a chart filters by a life-years slider to depreciate capex in the browser.
    Columns: firm, vintage, year, age, capex_usd_bn.
    """
    rows = []
    last = int(capex["fiscal_year"].max())
    for row in capex.itertuples():
        for age in range(max_life_years):
            if row.fiscal_year + age <= last:
                rows.append({"firm": row.firm, "vintage": row.fiscal_year, "year": row.fiscal_year + age,
                             "age": age, "capex_usd_bn": row.capex_usd_bn})
    return pd.DataFrame(rows)


def depreciation_gap(capex: pd.DataFrame, operating_income: pd.DataFrame, short_life_years: int,
                     long_life_years: int, server_share: float) -> pd.DataFrame:
    """Extra depreciation if the server part of capex lasted ``short_life_years`` instead of
    ``long_life_years``, per firm and year, and its size against operating income.

    ``capex`` has entity, fiscal_year, capex_usd_bn; ``operating_income`` has entity,
    fiscal_year, value_usd_bn. ``server_share`` is the assumed fraction of capex that is servers and
    network gear (the rest — land, buildings — is left out: it is depreciated over decades either
    way). Years before every vintage in its window is in the data are dropped.
    """
    rows = []
    for entity, group in capex.groupby("entity"):
        series = group.set_index("fiscal_year")["capex_usd_bn"] * server_share
        short = straight_line_depreciation(series, short_life_years)
        long = straight_line_depreciation(series, long_life_years)
        start = int(series.index.min()) + max(short_life_years, long_life_years) - 1
        for year in range(start, int(series.index.max()) + 1):
            rows.append({"entity": entity, "fiscal_year": year, "dep_short_usd_bn": short[year],
                         "dep_long_usd_bn": long[year], "extra_usd_bn": short[year] - long[year]})
    gap = pd.DataFrame(rows).merge(
        operating_income.rename(columns={"value_usd_bn": "operating_income_usd_bn"})[
            ["entity", "fiscal_year", "operating_income_usd_bn"]], on=["entity", "fiscal_year"])
    gap["extra_to_operating_income"] = gap["extra_usd_bn"] / gap["operating_income_usd_bn"]
    gap.insert(1, "firm", gap["entity"].map(FIRM_NAMES))
    return gap


def capex_with_source(intensity: pd.DataFrame) -> pd.DataFrame:
    """Capex per firm and year with the source of its capex figure (the first of ``source_ids``),
    the input of the depreciation model and its chart."""
    return intensity[["entity", "firm", "fiscal_year", "capex_usd_bn"]].assign(
        source_id=intensity["source_ids"].str.split().str[0])


@dataclass(frozen=True)
class DepreciationEffect:
    """The model's extra depreciation in the latest year, summed over firms."""

    fiscal_year: int
    extra_usd_bn: float
    share_of_operating_income: float


def depreciation_effect(gap: pd.DataFrame) -> DepreciationEffect:
    """Sum :func:`depreciation_gap` over firms in its latest year (negative: depreciation falls)."""
    last = gap[gap["fiscal_year"] == gap["fiscal_year"].max()]
    extra = float(last["extra_usd_bn"].sum())
    income = float(last["operating_income_usd_bn"].sum())
    return DepreciationEffect(int(last["fiscal_year"].iloc[0]), extra, extra / income)


def depreciation_slider_chart(capex: pd.DataFrame, operating_income: pd.DataFrame, sources: pd.DataFrame,
                              reported_life_years: int, server_share: float) -> alt.Chart:
    """Interactive: the reader picks a GPU/server life and a server share of capex; the chart
    shows the change in operating income against books that use ``reported_life_years``."""
    max_life = 8
    pairs = vintage_pairs(capex, max_life)
    income = operating_income.assign(firm=operating_income["entity"].map(FIRM_NAMES))[
        ["firm", "fiscal_year", "value_usd_bn"]].rename(columns={"fiscal_year": "year",
                                                                 "value_usd_bn": "operating_income_usd_bn"})
    first_full = int(capex["fiscal_year"].min()) + max_life - 1
    data = pairs.merge(income, on=["firm", "year"])
    data = data[data["year"] >= first_full]
    life = alt.param(name="life_years", value=SHORT_LIFE_YEARS,
                     bind=alt.binding_range(min=2, max=max_life, step=1, name="Server life (years) "))
    share = alt.param(name="server_share", value=server_share,
                      bind=alt.binding_range(min=0.2, max=1.0, step=0.05, name="Servers' share of capex "))
    firms = [f for f in BUILDERS if f in set(capex["entity"])]
    chart = (
        alt.Chart(data)
        .add_params(life, share)
        .transform_calculate(
            dep_model="datum.age < life_years ? server_share * datum.capex_usd_bn / life_years : 0",
            dep_books=f"datum.age < {reported_life_years} ? server_share * datum.capex_usd_bn / "
                      f"{reported_life_years} : 0")
        .transform_aggregate(dep_model="sum(dep_model)", dep_books="sum(dep_books)",
                             operating_income_usd_bn="max(operating_income_usd_bn)", groupby=["firm", "year"])
        .transform_calculate(change_usd_bn="datum.dep_books - datum.dep_model",
                             change_pct="(datum.dep_books - datum.dep_model) / datum.operating_income_usd_bn")
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Fiscal year"),
            y=alt.Y("change_pct:Q", title="Change in operating income (% of reported)", axis=alt.Axis(format="%")),
            color=alt.Color("firm:N", title=None, scale=firm_colour_scale(firms)),
            tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("year:O", title="Fiscal year"),
                     alt.Tooltip("change_usd_bn:Q", title="Change (USD bn)", format=",.1f"),
                     alt.Tooltip("change_pct:Q", title="Change (% of op. income)", format=".1%"),
                     alt.Tooltip("dep_model:Q", title="Server depreciation at slider life (USD bn)", format=",.1f"),
                     alt.Tooltip("dep_books:Q", title=f"… at {reported_life_years} years (USD bn)", format=",.1f")],
        )
    )
    return ledger_chart(
        chart,
        finding=f"Depreciate servers over {SHORT_LIFE_YEARS} years instead of {reported_life_years} and operating "
        "income shrinks; move the sliders to try other lives",
        units=f"Change in operating income vs {reported_life_years}-year books, % of reported operating income; "
        "straight line, full-year convention; servers' share of capex is an assumption",
        citations=cite(list(capex["source_id"]) + list(operating_income["source_id"]), sources),
        data=data, csv_name="escalator-depreciation-vintages.csv",
    )


def useful_life_table(financials: pd.DataFrame) -> pd.DataFrame:
    """Sourced server useful-life changes and their stated effects, one row per firm and change."""
    lives = financials[financials["metric"] == "server_useful_life_years"]
    effect_metrics = ["useful_life_change_operating_income_effect", "server_life_change_income_effect",
                      "server_life_change_depreciation_effect", "depreciation_reduction"]
    effects = financials[financials["metric"].isin(effect_metrics)]
    out = lives[["entity", "period", "value", "source_id", "note"]].rename(columns={"value": "life_years"})
    eff = effects.assign(effect_usd_bn=[to_usd_bn(v, u) for v, u in zip(effects["value"], effects["unit"],
                                                                        strict=True)])
    eff = eff.groupby(["entity", "period"], as_index=False).agg(
        effect_usd_bn=("effect_usd_bn", "first"), effect_metric=("metric", "first"))
    out = out.merge(eff, on=["entity", "period"], how="left")
    out.insert(1, "firm", out["entity"].map(FIRM_NAMES))
    return out.sort_values(["entity", "period"]).reset_index(drop=True)


# --- 5. the 4:1 ratio and the revenue gap -----------------------------------------------------


def sequoia_required_revenue(nvidia_dc_revenue_usd_bn: float, cost_multiplier: float = 2.0,
                             margin_multiplier: float = 2.0) -> float:
    """Sequoia's "$600B question": end-user revenue needed to pay for the data centres that
    ``nvidia_dc_revenue_usd_bn`` of GPUs imply. GPUs are half the data-centre cost (×2), and end
    users need a 50 % gross margin (×2)."""
    return nvidia_dc_revenue_usd_bn * cost_multiplier * margin_multiplier


@dataclass(frozen=True)
class SequoiaMethod:
    """Sequoia's two multipliers and the margin behind the second, as sourced."""

    cost_multiplier: float
    margin_multiplier: float
    end_user_margin_pct: float
    source_ids: tuple[str, ...]


def sequoia_method(financials: pd.DataFrame) -> SequoiaMethod:
    """Sequoia's "$600B question" multipliers, read from the sourced rows (entity ``sequoia``)."""
    rows = financials[financials["entity"] == "sequoia"].sort_values("period")
    latest = rows.groupby("metric").last()
    return SequoiaMethod(float(latest.loc["datacenter_cost_multiplier", "value"]),
                         float(latest.loc["margin_multiplier", "value"]),
                         float(latest.loc["end_user_gross_margin_assumption", "value"]),
                         tuple(latest.loc[["datacenter_cost_multiplier", "margin_multiplier",
                                           "end_user_gross_margin_assumption"], "source_id"]))


def revenue_gap_table(financials: pd.DataFrame) -> pd.DataFrame:
    """Per Nvidia fiscal year: data-centre revenue, Sequoia's required end-user revenue, and the
    sourced end-user AI revenue of the calendar year the fiscal year mostly covers (OpenAI revenue
    plus Anthropic's year-end run-rate: a floor, not a market total)."""
    dc = annual_series(financials, "datacenter_revenue", ["nvidia"])
    dc["calendar_year"] = dc["fiscal_year"] - 1
    method = sequoia_method(financials)
    dc["required_usd_bn"] = [sequoia_required_revenue(v, method.cost_multiplier, method.margin_multiplier)
                             for v in dc["value_usd_bn"]]
    openai = financials[(financials["entity"] == "openai") & (financials["metric"] == "revenue")]
    openai = {int(p[2:]): (to_usd_bn(v, u), s) for p, v, u, s in
              zip(openai["period"], openai["value"], openai["unit"], openai["source_id"], strict=True)}
    anth = financials[(financials["entity"] == "anthropic") & (financials["metric"] == "revenue_run_rate")
                      & financials["period"].str.endswith("-12")]
    anth = {int(p[:4]): (to_usd_bn(v, u), s) for p, v, u, s in
            zip(anth["period"], anth["value"], anth["unit"], anth["source_id"], strict=True)}
    rows = []
    for row in dc.itertuples():
        o, a = openai.get(row.calendar_year), anth.get(row.calendar_year)
        labs = (o[0] if o else np.nan) + (a[0] if a else 0.0)
        ids = [row.source_id] + [x[1] for x in (o, a) if x]
        rows.append({"fiscal_year": row.fiscal_year, "calendar_year": row.calendar_year,
                     "nvidia_dc_usd_bn": row.value_usd_bn, "required_usd_bn": row.required_usd_bn,
                     "labs_revenue_usd_bn": labs, "source_ids": " ".join(ids)})
    out = pd.DataFrame(rows)
    out["ratio_dc_to_labs"] = out["nvidia_dc_usd_bn"] / out["labs_revenue_usd_bn"]
    return out


def revenue_gap_chart(gap: pd.DataFrame, bain_usd_bn: float, bain_source_id: str,
                      sources: pd.DataFrame) -> alt.LayerChart:
    """Nvidia data-centre revenue, Sequoia's required end-user revenue, the labs' revenue, Bain's $2T."""
    long = gap.melt(id_vars=["fiscal_year", "source_ids"],
                    value_vars=["nvidia_dc_usd_bn", "required_usd_bn", "labs_revenue_usd_bn"],
                    var_name="series", value_name="usd_bn").dropna()
    names = {"nvidia_dc_usd_bn": "Nvidia data-centre revenue",
             "required_usd_bn": "End-user revenue needed (Sequoia ×4)",
             "labs_revenue_usd_bn": "OpenAI + Anthropic revenue (sourced floor)"}
    long["series"] = long["series"].map(names)
    colours = alt.Scale(domain=list(names.values()), range=["#000000", "#D55E00", "#CC79A7"])
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("fiscal_year:O", title="Nvidia fiscal year (ends late January)"),
        y=alt.Y("usd_bn:Q", title="USD bn (log scale)", scale=alt.Scale(type="log")),
        color=alt.Color("series:N", title=None, scale=colours),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                 alt.Tooltip("usd_bn:Q", title="USD bn", format=",.1f"), alt.Tooltip("source_ids:N", title="Sources")],
    )
    bain = alt.Chart(pd.DataFrame({"usd_bn": [bain_usd_bn], "label": ["Bain: revenue needed by 2030"]}))
    rule = bain.mark_rule(strokeDash=[6, 3], color="#0072B2").encode(y="usd_bn:Q", tooltip=["label:N", "usd_bn:Q"])
    text = bain.mark_text(align="left", dx=4, dy=-6, color="#0072B2").encode(y="usd_bn:Q", text="label:N",
                                                                            x=alt.value(0))
    last = gap.dropna(subset=["labs_revenue_usd_bn"]).iloc[-1]
    finding = (f"Nvidia's FY{last['fiscal_year']} data-centre sales imply USD {last['required_usd_bn']:,.0f}bn "
               f"of end-user revenue; the two biggest labs took in about USD {last['labs_revenue_usd_bn']:,.0f}bn")
    ids = [*_source_ids(gap), bain_source_id]
    return ledger_chart(alt.layer(lines, rule, text), finding=finding,
                        units="USD bn per year, log scale; labs: OpenAI calendar-year revenue + Anthropic "
                        "December run-rate",
                        citations=cite(ids, sources), data=long, csv_name="escalator-revenue-gap.csv")


# --- 6. stock-based compensation --------------------------------------------------------------


@dataclass(frozen=True)
class BroadRevenue:
    """A broad, third-party estimate of generative-AI revenue, and Nvidia's ratio to it."""

    usd_bn: float
    period: str
    source_id: str
    dc_ratio: float


def broad_revenue(financials: pd.DataFrame, nvidia_dc_usd_bn: float) -> BroadRevenue:
    """The latest trailing-twelve-month estimate of generative-AI revenue (entity ``industry``)."""
    rows = financials[(financials["entity"] == "industry") & (financials["metric"] == "genai_revenue_ttm")]
    row = rows.sort_values("period_end").iloc[-1]
    value = to_usd_bn(float(row["value"]), row["unit"])
    return BroadRevenue(value, row["period"], row["source_id"], nvidia_dc_usd_bn / value)


def sbc_share(financials: pd.DataFrame) -> pd.DataFrame:
    """Nvidia's stock-based compensation against its net income by fiscal year."""
    sbc = annual_series(financials, "sbc", ["nvidia"])[["fiscal_year", "value_usd_bn", "source_id"]]
    ni = annual_series(financials, "net_income", ["nvidia"])[["fiscal_year", "value_usd_bn", "source_id"]]
    table = sbc.merge(ni, on="fiscal_year", suffixes=("_sbc", "_ni")).rename(
        columns={"value_usd_bn_sbc": "sbc_usd_bn", "value_usd_bn_ni": "net_income_usd_bn"})
    table["sbc_to_net_income"] = table["sbc_usd_bn"] / table["net_income_usd_bn"]
    table["source_ids"] = table["source_id_sbc"] + " " + table["source_id_ni"]
    return table.drop(columns=["source_id_sbc", "source_id_ni"])


def sbc_chart(table: pd.DataFrame, sources: pd.DataFrame) -> alt.LayerChart:
    """SBC as a share of net income, with the seed's "about half" as a reference line."""
    peak = table.loc[table["sbc_to_net_income"].idxmax()]
    last = table.iloc[-1]
    bars = alt.Chart(table).mark_bar(color="#000000").encode(
        x=alt.X("fiscal_year:O", title="Nvidia fiscal year"),
        y=alt.Y("sbc_to_net_income:Q", title="Stock-based compensation ÷ net income", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                 alt.Tooltip("sbc_usd_bn:Q", title="SBC (USD bn)", format=",.2f"),
                 alt.Tooltip("net_income_usd_bn:Q", title="Net income (USD bn)", format=",.1f"),
                 alt.Tooltip("sbc_to_net_income:Q", title="SBC / net income", format=".1%"),
                 alt.Tooltip("source_ids:N", title="Sources")],
    )
    half = alt.Chart(pd.DataFrame({"y": [0.5], "label": ["the seed's 'about half'"]}))
    rule = half.mark_rule(strokeDash=[6, 3], color="#D55E00").encode(y="y:Q")
    text = half.mark_text(align="left", dx=4, dy=-6, color="#D55E00").encode(y="y:Q", text="label:N", x=alt.value(0))
    finding = (f"SBC was {last['sbc_to_net_income']:.0%} of Nvidia's net income in FY{last['fiscal_year']} "
               f"(peak {peak['sbc_to_net_income']:.0%}, FY{peak['fiscal_year']}), not half")
    return ledger_chart(alt.layer(bars, rule, text), finding=finding,
                        units="Stock-based compensation expense ÷ net income, per fiscal year",
                        citations=cite(_source_ids(table), sources), data=table, csv_name="escalator-sbc.csv")


# --- 7. a two-firm capex game -----------------------------------------------------------------

ACTIONS = ("hold", "invest")


def payoffs(pool: float, growth: float, share_alone: float, cost: float) -> dict[tuple[str, str], tuple[float, float]]:
    """Payoffs (firm A, firm B) for each pair of actions.

    A profit ``pool`` is split evenly today. If anyone invests (at ``cost`` each), AI grows the
    pool by ``growth`` (a fraction); a firm that invests alone wins ``share_alone`` of the grown
    pool; if both invest they split it evenly. If neither invests the pool stays as it is.
    """
    grown = pool * (1 + growth)
    return {
        ("hold", "hold"): (pool / 2, pool / 2),
        ("invest", "hold"): (share_alone * grown - cost, (1 - share_alone) * grown),
        ("hold", "invest"): ((1 - share_alone) * grown, share_alone * grown - cost),
        ("invest", "invest"): (grown / 2 - cost, grown / 2 - cost),
    }


def nash_equilibria(table: dict[tuple[str, str], tuple[float, float]]) -> list[tuple[str, str]]:
    """Pure-strategy Nash equilibria: action pairs where neither firm gains by deviating alone."""
    found = []
    for a, b in itertools.product(ACTIONS, ACTIONS):
        best_a = all(table[(a, b)][0] >= table[(alt_a, b)][0] for alt_a in ACTIONS)
        best_b = all(table[(a, b)][1] >= table[(a, alt_b)][1] for alt_b in ACTIONS)
        if best_a and best_b:
            found.append((a, b))
    return found


def is_escalator(table: dict[tuple[str, str], tuple[float, float]]) -> bool:
    """True when (invest, invest) is the only equilibrium yet both would be better off holding:
    the escalator (a prisoner's dilemma)."""
    both, neither = table[("invest", "invest")], table[("hold", "hold")]
    return nash_equilibria(table) == [("invest", "invest")] and both[0] < neither[0] and both[1] < neither[1]


def game_grid(pool: float, cost: float, steps: int = 21) -> pd.DataFrame:
    """Outcome of the game over a grid of growth (0–100 %) and share won alone (50–100 %)."""
    rows = []
    for growth in np.linspace(0, 1, steps):
        for share in np.linspace(0.5, 1, steps):
            table = payoffs(pool, float(growth), float(share), cost)
            eq = nash_equilibria(table)
            outcome = ("escalator: both invest, both worse off" if is_escalator(table)
                       else "both invest and gain" if eq == [("invest", "invest")]
                       else "nobody invests" if eq == [("hold", "hold")]
                       else "mixed or several equilibria")
            rows.append({"growth": round(float(growth), 4), "share_alone": round(float(share), 4), "outcome": outcome})
    return pd.DataFrame(rows)


def game_chart(pool: float, default_cost: float) -> alt.Chart:
    """Interactive map of the game's outcome; the reader sets the cost of investing with a slider.

    The outcome is recomputed in the browser with the same rules as :func:`payoffs` and
    :func:`nash_equilibria`. A model: it draws no sourced data.
    """
    grid = game_grid(pool, default_cost)[["growth", "share_alone"]]
    cost = alt.param(name="cost", value=default_cost,
                     bind=alt.binding_range(min=0, max=pool, step=pool / 20, name="Cost of investing (pool = 100) "))
    p = pool
    expr = {
        "hh": f"{p} / 2",
        "ih": f"datum.share_alone * {p} * (1 + datum.growth) - cost",
        "hi": f"(1 - datum.share_alone) * {p} * (1 + datum.growth)",
        "ii": f"{p} * (1 + datum.growth) / 2 - cost",
    }
    chart = (
        alt.Chart(grid).add_params(cost)
        .transform_calculate(hh=expr["hh"], ih=expr["ih"], hi=expr["hi"], ii=expr["ii"])
        .transform_calculate(
            eq_ii="datum.ii >= datum.hi",
            eq_hh="datum.hh >= datum.ih",
        )
        .transform_calculate(outcome=(
            "datum.eq_ii && !datum.eq_hh && datum.ii < datum.hh ? 'escalator: both invest, both worse off' : "
            "datum.eq_ii && !datum.eq_hh ? 'both invest and gain' : "
            "datum.eq_hh && !datum.eq_ii ? 'nobody invests' : 'mixed or several equilibria'"))
        .mark_rect()
        .encode(
            x=alt.X("growth:O", title="Growth of the profit pool from AI",
                    axis=alt.Axis(format=".0%", labelAngle=0, values=[0, 0.25, 0.5, 0.75, 1])),
            y=alt.Y("share_alone:O", title="Share a firm wins by investing alone", sort="descending",
                    axis=alt.Axis(format=".0%", values=[0.5, 0.6, 0.7, 0.8, 0.9, 1])),
            color=alt.Color("outcome:N", title=None, scale=alt.Scale(
                domain=["escalator: both invest, both worse off", "both invest and gain", "nobody invests",
                        "mixed or several equilibria"],
                range=["#D55E00", "#009E73", "#56B4E9", "#E6E6E6"])),
            tooltip=[alt.Tooltip("growth:Q", title="Pool growth", format=".0%"),
                     alt.Tooltip("share_alone:Q", title="Share if alone", format=".0%"),
                     alt.Tooltip("outcome:N", title="Equilibrium"),
                     alt.Tooltip("ii:Q", title="Payoff each if both invest", format=".1f"),
                     alt.Tooltip("hh:Q", title="Payoff each if both hold", format=".1f")],
        )
    )
    return ledger_chart(
        chart,
        finding="When investing alone wins share and AI grows the pool by less than twice the cost, both "
        "invest and both end up worse off",
        units="Outcome of the two-firm game for each growth and share; pool = 100; move the slider to change "
        "the cost",
        citations=[], data=grid, csv_name="escalator-game-grid.csv",
        model="analysis.escalator.payoffs and nash_equilibria (a two-firm game)",
    )


# --- claims checked here ----------------------------------------------------------------------

BIG_SIX_2024 = {"apple": "FY2024", "amazon": "FY2024", "alphabet": "FY2024", "microsoft": "FY2024",
                "meta": "FY2024", "nvidia": "FY2025"}


def _value_usd_bn(financials: pd.DataFrame, entity: str, metric: str, period: str) -> float:
    row = financials[(financials["entity"] == entity) & (financials["metric"] == metric)
                     & (financials["period"] == period)]
    if len(row) != 1:
        raise KeyError(f"no single {entity} {metric} {period} in financials")
    return to_usd_bn(float(row["value"].iloc[0]), row["unit"].iloc[0])


def big_six_revenue_usd_bn(financials: pd.DataFrame) -> float:
    """Combined 2024 revenue of Apple, Amazon, Alphabet, Microsoft, Meta and Nvidia (each firm's
    fiscal year closest to calendar 2024: Nvidia's FY2025 ends 26 January 2025)."""
    return sum(_value_usd_bn(financials, e, "revenue", p) for e, p in BIG_SIX_2024.items())


def claim_checks(tables: dict[str, pd.DataFrame]) -> list[Recomputed]:
    """Recompute the seed claims this chapter tests from the loaded ``tables`` (see :mod:`analysis.ledger`)."""
    financials, claims = tables["financials"], tables["claims"]
    check = checker(claims, "escalator")

    intensity = capex_intensity(financials)
    four = intensity[intensity["entity"].isin(["microsoft", "alphabet", "amazon", "meta"])]
    last = int(four["fiscal_year"].max())
    four_last = float(four.loc[four["fiscal_year"] == last, "capex_usd_bn"].sum())
    guidance = capex_guidance(financials)
    four_guided = float(guidance[guidance["entity"].isin(["microsoft", "alphabet", "amazon", "meta"])]["mid_usd_bn"]
                        .sum())
    amazon_last = float(four.loc[(four["entity"] == "amazon") & (four["fiscal_year"] == last), "capex_usd_bn"].iloc[0])
    gap = revenue_gap_table(financials).dropna(subset=["labs_revenue_usd_bn"]).iloc[-1]
    broad = broad_revenue(financials, float(gap["nvidia_dc_usd_bn"]))
    sbc = sbc_share(financials).iloc[-1]
    lives = financials[financials["metric"] == "server_useful_life_years"]["value"]
    bain = latest_row(financials, "bain", "revenue_needed")
    return [
        check("c004", to_usd_bn(float(bain["value"]), bain["unit"]) / 1000, "usd_tn",
              "Bain's own figure (Global Technology Report 2025, as reported)"),
        check("c005", big_six_revenue_usd_bn(financials) / 1000, "usd_tn",
              "sum of the six firms' revenue in the fiscal year closest to calendar 2024"),
        check("c010", float(lives.max()), "years",
              "longest server life in the hyperscalers' books; no sourced figure for GPUs' economic life",
              "not testable with sourced data"),
        check("c020", amazon_last, "usd_bn", f"Amazon's FY{last} purchases of property and equipment; Microsoft's "
              "were lower, so the claim fails for Amazon"),
        check("c028", four_guided, "usd_bn", "sum of the latest capex guidance midpoints of the four"),
        check("c037", four_last, "usd_bn", f"the four's FY{last} purchases of property and equipment"),
        check("c039", float(gap["nvidia_dc_usd_bn"]), "usd_bn",
              f"Nvidia data-centre revenue, FY{int(gap['fiscal_year'])} (the claim's $400B is a forecast)"),
        check("c040", float(gap["labs_revenue_usd_bn"]), "usd_bn",
              f"OpenAI revenue + Anthropic run-rate, {int(gap['calendar_year'])}, a floor; a broad secondary "
              f"estimate is USD {broad.usd_bn:,.0f}bn over the year to {broad.period}",
              None if broad.usd_bn < 100 else "roughly holds"),
        check("c041", float(gap["ratio_dc_to_labs"]), "ratio",
              f"Nvidia data-centre revenue ÷ OpenAI + Anthropic revenue; {broad.dc_ratio:.1f}:1 against the broad "
              "estimate", "roughly holds" if broad.dc_ratio <= 4 <= gap["ratio_dc_to_labs"] else None),
        check("c043", float(lives.max()), "years",
              "books depreciate servers over up to this many years; the 2–3-year economic life is not sourced",
              "not testable with sourced data"),
        check("c045", float(sbc["sbc_to_net_income"]) * 100, "pct",
              f"Nvidia SBC ÷ net income, FY{int(sbc['fiscal_year'])}"),
    ]
