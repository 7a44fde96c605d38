"""The precedent the seeds point at: the US telecom and internet build-out of 1996–2002 beside
the AI build-out, each side from sourced rows (``data/precedent.csv`` and the chapters' data).

Shares of GDP divide by US nominal GDP from one agency series (BEA via FRED, quarterly at annual
rates; a year is the mean of its four quarters). Telecom capex has several definitions in the
sources (equipment only or all capex; US, North America or world; survivors only); each row of
the comparison names the one it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import circular, escalator
from analysis.finance import annual_series, latest_row, to_usd_bn

#: Chip makers are Nvidia's partners, not its customers: their equity is not vendor financing.
CHIP_MAKERS = frozenset({"intel", "amd", "nvidia"})
AI_FIRMS = ["microsoft", "alphabet", "amazon", "meta"]


def value(precedent: pd.DataFrame, measure: str, entity_starts: str, period: str) -> tuple[float, str]:
    """One sourced figure (value, source_id) by measure, entity (its beginning) and period."""
    rows = precedent[(precedent["measure"] == measure) & precedent["entity"].str.startswith(entity_starts)
                     & (precedent["period"] == period)]
    if rows.empty:
        raise KeyError(f"precedent.csv has no {measure} for {entity_starts!r} in {period}")
    return float(rows["value"].iloc[0]), str(rows["source_id"].iloc[0])


def gdp_by_year(precedent: pd.DataFrame) -> pd.DataFrame:
    """US nominal GDP by year, USD bn: the mean of the year's four quarterly rows (annual rates);
    a year with fewer than four quarters is left out. Columns: year, gdp_usd_bn, source_id."""
    q = precedent[precedent["measure"] == "gdp_nominal_q_saar"].copy()
    q["year"] = q["period"].str[:4].astype(int)
    grouped = q.groupby("year").agg(gdp_usd_bn=("value", "mean"), quarters=("value", "size"),
                                    source_id=("source_id", "first"))
    return grouped[grouped["quarters"] == 4].drop(columns="quarters").reset_index()


def nvidia_customer_equity_usd_bn(deals: pd.DataFrame, firm_only: bool) -> float:
    """Nvidia's equity investments in AI labs and clouds (chip makers left out), USD bn: every
    announced amount (a letter of intent at its ceiling, with the definitive tranche inside it
    counted once), or definitive and closed deals only."""
    table = circular.view_flows(deals, False, not firm_only, firm_only)
    mine = table[(table["payer"] == "nvidia") & table["kind"].isin(circular.FUNDING_KINDS)
                 & ~table["payee"].isin(CHIP_MAKERS)]
    return float(mine["usd_bn"].sum())


def outside_cover(financials: pd.DataFrame, firm: str = "oracle") -> tuple[int, float]:
    """A builder outside the four (Oracle by default): its latest fiscal year and its capex as a
    share of that year's operating cash flow."""
    table = escalator.capex_intensity(financials, [firm])
    row = table.sort_values("fiscal_year").iloc[-1]
    return int(row["fiscal_year"]), float(row["capex_usd_bn"] / row["ocf_usd_bn"])


def guided_gdp_share(precedent: pd.DataFrame, financials: pd.DataFrame) -> float:
    """The four builders' latest capex guidance (sum of midpoints) as a share of the latest full
    year of US GDP."""
    gdp = gdp_by_year(precedent)
    guided = float(escalator.capex_guidance(financials, AI_FIRMS)["mid_usd_bn"].sum())
    return guided / float(gdp["gdp_usd_bn"].iloc[-1])


def cash_cover(financials: pd.DataFrame) -> tuple[int, float, float]:
    """The four builders' latest fiscal year, their capex as a share of that year's operating cash
    flow, and their guided capex as a share of the same cash flow."""
    table = escalator.capex_intensity(financials, AI_FIRMS)
    last = int(table["fiscal_year"].max())
    latest = table[table["fiscal_year"] == last]
    ocf = float(latest["ocf_usd_bn"].sum())
    guided = float(escalator.capex_guidance(financials, AI_FIRMS)["mid_usd_bn"].sum())
    return last, float(latest["capex_usd_bn"].sum()) / ocf, guided / ocf


@dataclass(frozen=True)
class Side:
    """One row of the comparison: what is measured, the telecom figure and the AI figure."""

    measure: str
    telecom: str
    ai: str
    telecom_value: float | None
    ai_value: float | None
    source_ids: tuple[str, ...]


def comparison(precedent: pd.DataFrame, financials: pd.DataFrame, deals: pd.DataFrame) -> list[Side]:
    """The two build-outs side by side, computed: capex, capex as a share of GDP, vendor financing
    as a share of the vendor's revenue, idle capacity, failures and market value lost."""
    gdp = gdp_by_year(precedent).set_index("year")["gdp_usd_bn"]
    gdp_src = str(gdp_by_year(precedent)["source_id"].iloc[0])
    equipment, eq_src = value(precedent, "telecom_equipment_spending", "US telecom carriers", "2000")
    survivors = precedent[(precedent["measure"] == "telecom_capex") & precedent["entity"].str.startswith("US telecom")]
    peak = survivors.loc[survivors["value"].idxmax()]
    capex = annual_series(financials, "capex", AI_FIRMS)
    last = int(capex["fiscal_year"].max())
    spent = float(capex[capex["fiscal_year"] == last]["value_usd_bn"].sum())
    guided = float(escalator.capex_guidance(financials, AI_FIRMS)["mid_usd_bn"].sum())
    gdp_last = int(max(y for y in gdp.index if y <= last))
    lucent, lu_src = value(precedent, "vendor_financing", "Lucent", "2000-H2")
    lucent_rev, lr_src = value(precedent, "vendor_revenue", "Lucent", "FY1999")
    cisco, ci_src = value(precedent, "vendor_financing", "Cisco", "2000-H2")
    cisco_rev, cr_src = value(precedent, "vendor_revenue", "Cisco", "FY2000")
    nv_rev_row = latest_row(financials, "nvidia", "revenue")
    nv_rev = to_usd_bn(float(nv_rev_row["value"]), nv_rev_row["unit"])
    nv_all = nvidia_customer_equity_usd_bn(deals, firm_only=False)
    nv_firm = nvidia_customer_equity_usd_bn(deals, firm_only=True)
    lit, lit_src = value(precedent, "fibre_lit_share", "Fibre", "2001")
    worldcom, wc_src = value(precedent, "bankrupt_assets", "WorldCom", "2002-07-21")
    crossing, gc_src = value(precedent, "bankrupt_assets", "Global Crossing", "2002-01-28")
    top, top_src = value(precedent, "nasdaq_close", "NASDAQ", "2000-03-10")
    bottom, _ = value(precedent, "nasdaq_close", "NASDAQ", "2002-10-09")
    lost, lost_src = value(precedent, "market_value_lost", "Telecom industry (global)", "1997-2003 peak to trough")
    _, cover, guided_cover = cash_cover(financials)
    oracle_year, oracle_cover = outside_cover(financials)
    debt, debt_src = value(precedent, "telecom_debt", "Telecom firms", "2002")
    it_then, it_src = value(precedent, "it_investment_share_gdp", "United States (BEA", "2000-Q4")
    it_now, _ = value(precedent, "it_investment_share_gdp", "United States (BEA", "2025-Q2")
    return [
        Side("Capex at the peak, USD bn",
             f"{equipment:,.0f} (US carriers' equipment spending, 2000); {peak['value']:,.1f} (today's large "
             f"carriers and their predecessors, {peak['period']})",
             f"{spent:,.0f} (Microsoft, Alphabet, Amazon, Meta, FY{last}); {guided:,.0f} guided for 2026",
             equipment, spent, (eq_src, str(peak["source_id"]))),
        Side("Capex as a share of US GDP",
             f"{equipment / gdp[2000]:.2%} (equipment, 2000); {peak['value'] / gdp[int(peak['period'])]:.2%} "
             f"(large carriers, {peak['period']})",
             f"{spent / gdp[gdp_last]:.2%} (FY{last} ÷ {gdp_last} GDP); {guided_gdp_share(precedent, financials):.2%} "
             f"(2026 guidance ÷ {gdp.index.max()} GDP)", equipment / gdp[2000], spent / gdp[gdp_last], (gdp_src,)),
        Side("Investment in information-processing equipment and software, share of GDP (national accounts)",
             f"{it_then:g}% (Q4 2000, the peak)", f"{it_now:g}% (Q2 2025)", it_then / 100, it_now / 100, (it_src,)),
        Side("Vendor financing, as a share of the vendor's revenue",
             f"Lucent {lucent:,.1f}bn committed in late 2000 = {lucent / lucent_rev:.0%} of FY1999 revenue; Cisco "
             f"{cisco:,.1f}bn = {cisco / cisco_rev:.0%} of FY2000 revenue",
             f"Nvidia's equity in labs and clouds: {nv_firm:,.0f}bn definitive = {nv_firm / nv_rev:.0%} of "
             f"{nv_rev_row['period']} revenue; {nv_all:,.0f}bn as announced = {nv_all / nv_rev:.0%}",
             lucent / lucent_rev, nv_firm / nv_rev, (lu_src, lr_src, ci_src, cr_src, str(nv_rev_row["source_id"]))),
        Side("Idle capacity afterwards",
             f"{lit:g}% of the fibre network in use (2001)",
             "no sourced utilisation of AI data centres", lit, None, (lit_src,)),
        Side("Failures",
             f"WorldCom ({worldcom:,.0f}bn of assets) and Global Crossing ({crossing:,.1f}bn) went bankrupt",
             "none of the four builders; their capex was "
             f"{cover:.0%} of their operating cash flow in FY{last}, their 2026 guidance {guided_cover:.0%} of it; "
             f"Oracle's capex was {oracle_cover:.0%} of its operating cash flow in FY{oracle_year}",
             worldcom, cover, (wc_src, gc_src)),
        Side("Market value lost",
             f"Nasdaq {top:,.0f} → {bottom:,.0f} ({1 - bottom / top:.0%}); telecom {lost:g}tn peak to trough; "
             f"telecom debt about {debt:g}tn (2002)",
             "not yet: the boom has not ended", 1 - bottom / top, None, (top_src, lost_src, debt_src)),
    ]


#: The seed's cycle: "2025 − 25 = 2000".
CYCLE_YEARS = 25


def share_timeline(precedent: pd.DataFrame, financials: pd.DataFrame) -> pd.DataFrame:
    """Capex as a share of US GDP by year for both build-outs, the telecom years moved forward by
    :data:`CYCLE_YEARS` so the two peaks can be compared as the seed's cycle would have it.

    Columns: series, year (calendar), plotted_year, usd_bn, gdp_usd_bn, share, source_id. The
    guided year is divided by the latest full year of GDP."""
    gdp = gdp_by_year(precedent).set_index("year")["gdp_usd_bn"]
    rows = []
    telecom = precedent[(precedent["measure"] == "telecom_capex") & precedent["entity"].str.startswith("US telecom")]
    for r in telecom.itertuples():
        year = int(r.period)
        rows.append(("Telecom: today's large US carriers and their predecessors", year, r.value, gdp[year],
                     r.source_id))
    equipment, eq_src = value(precedent, "telecom_equipment_spending", "US telecom carriers", "2000")
    rows.append(("Telecom: all US carriers' equipment spending", 2000, equipment, gdp[2000], eq_src))
    capex = annual_series(financials, "capex", AI_FIRMS)
    for year, group in capex.groupby("fiscal_year"):
        if int(year) in gdp.index:
            rows.append(("AI: Microsoft, Alphabet, Amazon, Meta", int(year), float(group["value_usd_bn"].sum()),
                         gdp[int(year)], " ".join(dict.fromkeys(group["source_id"]))))
    guidance = escalator.capex_guidance(financials, AI_FIRMS)
    guided_year = int(guidance["fiscal_year"].max())
    rows.append(("AI: the four's guidance (÷ latest GDP)", guided_year, float(guidance["mid_usd_bn"].sum()),
                 gdp[gdp.index.max()], " ".join(guidance["source_ids"])))
    out = pd.DataFrame(rows, columns=["series", "year", "usd_bn", "gdp_usd_bn", "source_id"])
    out["plotted_year"] = out["year"] + out["series"].str.startswith("Telecom") * CYCLE_YEARS
    out["share"] = out["usd_bn"] / out["gdp_usd_bn"]
    return out[["series", "year", "plotted_year", "usd_bn", "gdp_usd_bn", "share", "source_id"]]


def comparison_frame(sides: list[Side]) -> pd.DataFrame:
    """The comparison for a table: measure, telecom, AI."""
    return pd.DataFrame({"Measure": [s.measure for s in sides],
                         "Telecom and internet, 1996–2002": [s.telecom for s in sides],
                         "AI, 2023–2026": [s.ai for s in sides]})
