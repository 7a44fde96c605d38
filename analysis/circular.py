"""Thesis 2, circular capital: vendors fund the customers that buy from them.

Pure functions over the deal ledger (``deals``) and ``financials``. A *flow* is one deal row
counted in USD bn from payer to payee; rows that double-count another (``overlaps``) are left
out. Graph work uses networkx.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from analysis.charts import FIRM_NAMES, ledger_chart
from analysis.finance import USD_UNITS, annual_series, cagr, latest_row, to_usd_bn
from analysis.ledger import Recomputed, checker
from analysis.provenance import cite

SALES_KINDS = ("compute_contract", "chip_purchase")
#: Assumptions of the funding model (the reader moves them with sliders): revenue growth and
#: cost of capital, fractions a year.
MODEL_GROWTH = 0.5
MODEL_RATE = 0.08
#: Parties that are not firms paying each other: Stargate is a joint venture's planned spending.
NOT_FIRMS = ("stargate",)
FUNDING_KINDS = ("equity_investment", "warrant")
#: Display names: the book's firms plus the other parties of the deal ledger.
NAMES = {**FIRM_NAMES, "amd": "AMD", "coreweave": "CoreWeave", "broadcom": "Broadcom", "xai": "xAI",
         "softbank": "SoftBank", "intel": "Intel", "nebius": "Nebius", "nscale": "Nscale", "iren": "IREN",
         "lambda": "Lambda", "stargate": "Stargate (JV)"}


LEDGER_COLUMNS = ["deal_id", "payer", "payee", "amount", "unit", "basis", "announced", "kind", "status", "gw",
                  "overlaps", "source_id"]


def ledger_display(deals: pd.DataFrame) -> pd.DataFrame:
    """The deal ledger for display: dates as YYYY-MM-DD, blanks as a dash."""
    out = deals[LEDGER_COLUMNS].copy()
    out["announced"] = out["announced"].dt.strftime("%Y-%m-%d")
    out["amount"] = [f"{a:,.10g}" if pd.notna(a) else "—" for a in out["amount"]]
    out["gw"] = [f"{g:g}" if pd.notna(g) else "—" for g in out["gw"]]
    return out.astype(object).where(out.notna(), "—")


def implied_usd_bn_per_gw(deals: pd.DataFrame) -> float:
    """Median USD bn per GW of the compute and chip deals that state both an amount and GW."""
    rows = deals[deals["kind"].isin(SALES_KINDS) & deals["amount"].notna() & deals["gw"].notna()
                 & deals["unit"].isin(USD_UNITS) & deals["overlaps"].isna()]
    per_gw = [to_usd_bn(a, u) / g for a, u, g in zip(rows["amount"], rows["unit"], rows["gw"], strict=True)]
    if not per_gw:
        raise ValueError("no deal states both an amount and gigawatts")
    return float(np.median(per_gw))


def flows(deals: pd.DataFrame, usd_bn_per_gw: float | None = None) -> pd.DataFrame:
    """Deal rows as USD flows: payer, payee, usd_bn, kind, priced_from_gw, deal_id, source_id.

    Rows that overlap another, and the Stargate joint venture's planned spending, are dropped. A
    row with no dollar amount but stated gigawatts is priced at ``usd_bn_per_gw`` when given (and
    flagged), else dropped; share counts (warrants) are never flows of money.
    """
    rows = deals[deals["overlaps"].isna() & deals["unit"].isin(USD_UNITS)
                 & ~deals["payer"].isin(NOT_FIRMS) & ~deals["payee"].isin(NOT_FIRMS)]
    out = []
    for r in rows.itertuples():
        if pd.notna(r.amount):
            usd, from_gw = to_usd_bn(r.amount, r.unit), False
        elif usd_bn_per_gw is not None and pd.notna(r.gw):
            usd, from_gw = usd_bn_per_gw * r.gw, True
        else:
            continue
        out.append({"payer": r.payer, "payee": r.payee, "usd_bn": usd, "kind": r.kind, "priced_from_gw": from_gw,
                    "deal_id": r.deal_id, "source_id": r.source_id})
    return pd.DataFrame(out)


def flow_graph(flow_table: pd.DataFrame) -> nx.DiGraph:
    """Directed graph payer → payee; edge weight = total USD bn of the flows between them."""
    graph = nx.DiGraph()
    for r in flow_table.itertuples():
        if r.payer == r.payee:
            raise ValueError(f"deal {r.deal_id}: payer and payee are both {r.payer}")
        if graph.has_edge(r.payer, r.payee):
            graph[r.payer][r.payee]["weight"] += r.usd_bn
        else:
            graph.add_edge(r.payer, r.payee, weight=r.usd_bn)
    return graph


def directed_cycles(graph: nx.DiGraph) -> list[list[str]]:
    """Every simple directed cycle, each rotated to start at its alphabetically first firm, sorted."""
    cycles = []
    for cycle in nx.simple_cycles(graph):
        start = cycle.index(min(cycle))
        cycles.append(cycle[start:] + cycle[:start])
    return sorted(cycles, key=lambda c: (len(c), c))


def cycles_table(cycles: list[list[str]], graph: nx.DiGraph) -> pd.DataFrame:
    """Each cycle written out (A → B → A), its length, and the smallest flow on it: the most money
    that could go all the way round (USD bn)."""
    rows = []
    for cycle in cycles:
        edges = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        rows.append({"cycle": " → ".join(NAMES.get(n, n) for n in [*cycle, cycle[0]]), "firms": len(cycle),
                     "smallest_flow_usd_bn": min(graph[u][v]["weight"] for u, v in edges)})
    return pd.DataFrame(rows, columns=["cycle", "firms", "smallest_flow_usd_bn"])


def cycle_share(graph: nx.DiGraph) -> float:
    """Share of all flow (USD) on edges that lie on at least one directed cycle.

    An edge lies on a cycle exactly when both its ends are in the same strongly connected
    component.
    """
    component = {}
    for i, nodes in enumerate(nx.strongly_connected_components(graph)):
        component.update(dict.fromkeys(nodes, i))
    total = sum(w for _, _, w in graph.edges(data="weight"))
    on_cycle = sum(w for u, v, w in graph.edges(data="weight") if component[u] == component[v])
    return on_cycle / total if total else 0.0


def vendor_funded_share(deals: pd.DataFrame, flow_table: pd.DataFrame) -> pd.DataFrame:
    """For each vendor (payee of compute or chip deals): its announced backlog, the part owed by
    counterparties it has itself funded (equity or warrants, in any amount), and that share.

    Columns: vendor, backlog_usd_bn, from_funded_usd_bn, funded_share, funded (names).
    """
    funded: dict[str, set[str]] = {}
    for r in deals[deals["kind"].isin(FUNDING_KINDS)].itertuples():
        funded.setdefault(r.payer, set()).add(r.payee)
    sales = flow_table[flow_table["kind"].isin(SALES_KINDS)]
    rows = []
    for vendor, group in sales.groupby("payee"):
        mine = funded.get(vendor, set())
        from_funded = group.loc[group["payer"].isin(mine), "usd_bn"].sum()
        rows.append({"vendor": vendor, "backlog_usd_bn": group["usd_bn"].sum(), "from_funded_usd_bn": from_funded,
                     "funded_share": from_funded / group["usd_bn"].sum(),
                     "funded": ", ".join(sorted(NAMES.get(f, f) for f in mine)) or "—"})
    return pd.DataFrame(rows).sort_values("backlog_usd_bn", ascending=False).reset_index(drop=True)


def money_in_out(graph: nx.DiGraph) -> pd.DataFrame:
    """Per firm: USD bn received, paid and the net (in − out), largest receivers first."""
    rows = [{"firm": NAMES.get(n, n), "in_usd_bn": graph.in_degree(n, weight="weight"),
             "out_usd_bn": graph.out_degree(n, weight="weight")} for n in graph.nodes]
    table = pd.DataFrame(rows)
    table["net_usd_bn"] = table["in_usd_bn"] - table["out_usd_bn"]
    return table.sort_values("net_usd_bn", ascending=False).reset_index(drop=True)


def net_payers(table: pd.DataFrame, most: int = 2) -> str:
    """The firms that promise the most more than they receive (largest negative net), by name."""
    payers = table[table["net_usd_bn"] < 0].sort_values("net_usd_bn")
    return " and ".join(payers["firm"].head(most)) or "none"


def ramp_runners_up(ramps: pd.DataFrame, rate: float, most: int = 3) -> str:
    """The fastest ramps that fell short of ``rate``, each with its share of the required rate."""
    short = ramps[ramps["cagr"] < rate].head(most)
    return "; ".join(f"{s} {g:.0%} a year ({g / rate:.0%} of the required rate)"
                     for s, g in zip(short["series"], short["cagr"], strict=True)) or "none"


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


# --- commitments against revenue ------------------------------------------------------------


def required_growth(start_usd_bn: float, target_usd_bn: float, years: int) -> float:
    """The compound annual growth rate that takes revenue from start to target in ``years``."""
    return cagr(start_usd_bn, target_usd_bn, years)


def best_window_cagr(series: pd.Series, years: int, min_start_usd_bn: float,
                     max_start_usd_bn: float = float("inf")) -> tuple[float, int] | None:
    """The fastest ``years``-year CAGR in a yearly revenue series (USD bn, indexed by year) over
    windows whose starting revenue lies in [min, max]: (rate, start year), or None."""
    best = None
    for start in series.index:
        end = start + years
        if end in series.index and min_start_usd_bn <= series[start] <= max_start_usd_bn:
            rate = cagr(float(series[start]), float(series[end]), years)
            if best is None or rate > best[0]:
                best = (rate, int(start))
    return best


@dataclass(frozen=True)
class FundingPath:
    """A lab's cumulative funding need when spending ``spend_usd_bn`` a year against revenue that
    starts at ``revenue_usd_bn`` and grows at ``growth``, with the gap financed at ``rate``."""

    revenue_usd_bn: float
    spend_usd_bn: float
    growth: float
    rate: float

    def debt_usd_bn(self, years: int) -> float:
        """Cumulative financed gap after ``years`` + 1 annual periods (closed form).

        debt_t = S·((1+r)^(t+1) − 1)/r − R·((1+r)^(t+1) − (1+g)^(t+1))/(r − g)
        """
        s, r0, g, r, n = self.spend_usd_bn, self.revenue_usd_bn, self.growth, self.rate, years + 1
        return s * _growth_sum(r, 0.0, n) - r0 * _growth_sum(r, g, n)

    def years_to_self_funding(self, horizon: int = 30) -> int | None:
        """First year in which the cumulative gap, with interest, is paid back; None within horizon."""
        for t in range(horizon + 1):
            if self.debt_usd_bn(t) <= 0:
                return t
        return None


def _growth_sum(r: float, g: float, n: int) -> float:
    """Σ_{k<n} (1+r)^k (1+g)^(n−1−k) = ((1+r)^n − (1+g)^n) / (r − g); summed term by term where
    r ≈ g, since the closed form cancels badly there."""
    if abs(r - g) < 1e-3:
        return float(sum((1 + r) ** k * (1 + g) ** (n - 1 - k) for k in range(n)))
    return ((1 + r) ** n - (1 + g) ** n) / (r - g)


def funding_chart(revenue_usd_bn: float, spend_usd_bn: float, growth: float, rate: float,
                  source_ids: list[str], sources: pd.DataFrame, horizon: int = 12) -> alt.Chart:
    """Interactive: revenue growth and cost of capital (sliders) → cumulative funding gap by year."""
    grid = pd.DataFrame({"year": range(horizon + 1)})
    g = alt.param(name="growth", value=growth,
                  bind=alt.binding_range(min=0.0, max=1.0, step=0.05, name="Revenue growth a year "))
    r = alt.param(name="rate", value=rate,
                  bind=alt.binding_range(min=0.0, max=0.2, step=0.01, name="Cost of capital a year "))
    n = "(datum.year + 1)"
    expr = (f"(rate == 0 ? {spend_usd_bn} * {n} : {spend_usd_bn} * (pow(1 + rate, {n}) - 1) / rate) - "
            f"(abs(rate - growth) < 1e-9 ? {revenue_usd_bn} * {n} * pow(1 + rate, {n} - 1) : "
            f"{revenue_usd_bn} * (pow(1 + rate, {n}) - pow(1 + growth, {n})) / (rate - growth))")
    chart = (
        alt.Chart(grid).add_params(g, r)
        .transform_calculate(debt_usd_bn=expr, revenue_usd_bn=f"{revenue_usd_bn} * pow(1 + growth, datum.year)")
        .mark_area(line=True, opacity=0.35, color="#CC79A7")
        .encode(
            x=alt.X("year:O", title="Years from now"),
            y=alt.Y("debt_usd_bn:Q", title="Cumulative funding gap with interest (USD bn; below 0: surplus)"),
            tooltip=[alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("debt_usd_bn:Q", title="Funding gap (USD bn)", format=",.0f"),
                     alt.Tooltip("revenue_usd_bn:Q", title="Revenue that year (USD bn)", format=",.0f")],
        )
    )
    path = FundingPath(revenue_usd_bn, spend_usd_bn, growth, rate)
    years = path.years_to_self_funding()
    when = f"pays its way after {years} years" if years is not None else "never pays its way within 30 years"
    return ledger_chart(
        chart,
        finding=f"Spending USD {spend_usd_bn:,.0f}bn a year from USD {revenue_usd_bn:,.0f}bn of revenue growing "
        f"{growth:.0%} a year, the lab {when}",
        units="Cumulative (spend − revenue), compounded at the cost of capital, USD bn; move the sliders",
        citations=cite(source_ids, sources), data=grid, csv_name="circular-funding-gap.csv",
    )


#: Revenue series to compare OpenAI's required ramp with: (entity, metric, label).
RAMPS = [
    ("alphabet", "revenue", "Google / Alphabet revenue"),
    ("meta", "revenue", "Facebook / Meta revenue"),
    ("amazon", "cloud_revenue", "Amazon Web Services revenue"),
    ("microsoft", "cloud_revenue", "Microsoft Cloud revenue"),
    ("nvidia", "datacenter_revenue", "Nvidia data-centre revenue"),
    ("nvidia", "revenue", "Nvidia revenue"),
    ("salesforce", "revenue", "Salesforce revenue"),
]


def ramp_comparison(financials: pd.DataFrame, start_usd_bn: float, years: int,
                    band: tuple[float, float] = (0.25, 4.0)) -> pd.DataFrame:
    """The fastest ``years``-year revenue ramp of each series in :data:`RAMPS`, over windows that
    start between ``band[0]`` and ``band[1]`` times ``start_usd_bn`` ("a similar starting size").

    Columns: series, start_year, start_usd_bn, end_usd_bn, cagr, source_ids. Series with no
    such window are left out.
    """
    rows = []
    for entity, metric, label in RAMPS:
        series = annual_series(financials, metric, [entity]).set_index("fiscal_year")
        best = best_window_cagr(series["value_usd_bn"], years, band[0] * start_usd_bn, band[1] * start_usd_bn)
        if best is None:
            continue
        rate, start = best
        rows.append({"series": label, "start_year": start,
                     "start_usd_bn": float(series.loc[start, "value_usd_bn"]),
                     "end_usd_bn": float(series.loc[start + years, "value_usd_bn"]), "cagr": rate,
                     "source_ids": f"{series.loc[start, 'source_id']} {series.loc[start + years, 'source_id']}"})
    columns = ["series", "start_year", "start_usd_bn", "end_usd_bn", "cagr", "source_ids"]
    return pd.DataFrame(rows, columns=columns).sort_values("cagr", ascending=False).reset_index(drop=True)


# --- commitments against revenue: charts and reality checks ---------------------------------


def _point_rows(financials: pd.DataFrame, entity: str, metrics: dict[str, str]) -> pd.DataFrame:
    """Dated money rows of one entity as: date (period end), series label, usd_bn, source_id."""
    rows = financials[(financials["entity"] == entity) & financials["metric"].isin(metrics)
                      & financials["unit"].isin(USD_UNITS)]
    return pd.DataFrame({"date": rows["period_end"], "series": rows["metric"].map(metrics),
                         "usd_bn": [to_usd_bn(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
                         "source_id": rows["source_id"]})


def commitments_table(financials: pd.DataFrame) -> pd.DataFrame:
    """OpenAI's announced compute commitments, revenue, targets and run-rates, dated."""
    return _point_rows(financials, "openai", {
        "compute_commitments": "Compute commitments (announced total)",
        "compute_deals_signed": "Compute deals signed in 2025 (FT tally)",
        "revenue": "Revenue (calendar year)",
        "revenue_target": "Revenue target / projection",
        "revenue_run_rate": "Annualised revenue run-rate",
    }).sort_values(["series", "date"]).reset_index(drop=True)


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


def required_path(start_usd_bn: float, start_year: int, target_usd_bn: float, target_year: int,
                  source_id: str) -> pd.DataFrame:
    """Year-end revenue on the constant-growth path from start to target (for the chart)."""
    rate = required_growth(start_usd_bn, target_usd_bn, target_year - start_year)
    years = range(start_year, target_year + 1)
    return pd.DataFrame({"date": pd.to_datetime([f"{y}-12-31" for y in years]),
                         "series": "Required path to the 2030 target",
                         "usd_bn": [start_usd_bn * (1 + rate) ** (y - start_year) for y in years],
                         "source_id": source_id})


def ramps_at_least(ramps: pd.DataFrame, rate: float) -> pd.DataFrame:
    """The ramps that grew at ``rate`` or faster."""
    return ramps[ramps["cagr"] >= rate]


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


def subscription_revenue_usd_bn(subscribers_mn: float, price_usd_per_month: float) -> float:
    """Yearly revenue of ``subscribers_mn`` million subscribers paying ``price_usd_per_month``."""
    return subscribers_mn * 1e6 * price_usd_per_month * 12 / 1e9


def average_annual_spend_usd_bn(total_usd_bn: float, first_year: int, last_year: int) -> float:
    """A multi-year total spread evenly over the years first_year … last_year inclusive."""
    return total_usd_bn / (last_year - first_year + 1)


def claim_checks(tables: dict[str, pd.DataFrame]) -> list[Recomputed]:
    """Recompute the seed claims this chapter tests from the loaded ``tables`` (see :mod:`analysis.ledger`)."""
    financials, claims, deals = tables["financials"], tables["claims"], tables["deals"]
    check = checker(claims, "circular-capital")

    def usd_bn(row: pd.Series) -> float:
        return to_usd_bn(float(row["value"]), row["unit"])

    commitments = financials[(financials["entity"] == "openai") & (financials["metric"] == "compute_commitments")]
    peak = max(to_usd_bn(v, u) for v, u in zip(commitments["value"], commitments["unit"], strict=True))
    reset = usd_bn(latest_row(financials, "openai", "compute_commitments"))
    revenue = latest_row(financials, "openai", "revenue")
    target = latest_row(financials, "openai", "revenue_target")
    years = int(target["period"][2:]) - int(revenue["period"][2:])
    signed = latest_row(financials, "openai", "compute_deals_signed")
    nvda = deals[(deals["payer"] == "nvidia") & (deals["payee"] == "openai") & deals["overlaps"].isna()
                 & (deals["basis"] == "up_to")].iloc[0]
    return [
        check("c006", usd_bn(signed) / 1000, "usd_tn", "FT tally of OpenAI's compute deals signed in 2025"),
        check("c007", usd_bn(revenue), "usd_bn", f"OpenAI revenue, {revenue['period']}"),
        check("c008", to_usd_bn(float(nvda["amount"]), nvda["unit"]), "usd_bn",
              "Nvidia's letter of intent is 'up to' this amount, paid per gigawatt deployed, not a lump sum",
              "roughly holds"),
        check("c013", (1 - reset / peak) * 100, "pct", "1 − (latest commitment ÷ peak commitment)"),
        check("c014", peak / 1000, "usd_tn", "peak announced compute commitment"),
        check("c015", reset, "usd_bn", "latest reported compute-spend target through 2030"),
        check("c016", usd_bn(revenue), "usd_bn", f"OpenAI revenue, {revenue['period']} (Reuters: USD 13bn)"),
        check("c017", usd_bn(target), "usd_bn", f"OpenAI revenue target, {target['period']}"),
        check("c018", required_growth(usd_bn(revenue), usd_bn(target), years) * 100, "pct",
              f"compound growth from {revenue['period']} revenue to the {target['period']} target"),
        check("c019", average_annual_spend_usd_bn(reset, 2025, 2030), "usd_bn",
              "the reset total spread evenly over 2025–2030 (six years)"),
    ]
