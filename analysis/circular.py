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

from analysis.charts import ledger_chart
from analysis.finance import USD_UNITS, annual_series, cagr, to_usd_bn
from analysis.provenance import cite

SALES_KINDS = ("compute_contract", "chip_purchase")
#: Parties that are not firms paying each other: Stargate is a joint venture's planned spending.
NOT_FIRMS = ("stargate",)
FUNDING_KINDS = ("equity_investment", "warrant")
NAMES = {
    "nvidia": "Nvidia", "openai": "OpenAI", "amd": "AMD", "oracle": "Oracle", "coreweave": "CoreWeave",
    "microsoft": "Microsoft", "amazon": "Amazon", "alphabet": "Alphabet", "anthropic": "Anthropic",
    "broadcom": "Broadcom", "xai": "xAI", "meta": "Meta", "softbank": "SoftBank", "intel": "Intel",
    "nebius": "Nebius", "nscale": "Nscale", "iren": "IREN", "lambda": "Lambda", "stargate": "Stargate (JV)",
}


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


def funding_path_by_loop(path: FundingPath, years: int) -> float:
    """The same cumulative gap as :meth:`FundingPath.debt_usd_bn`, by stepping year by year."""
    debt, revenue = 0.0, path.revenue_usd_bn
    for _ in range(years + 1):
        debt = debt * (1 + path.rate) + path.spend_usd_bn - revenue
        revenue *= 1 + path.growth
    return debt


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
            y=alt.Y("debt_usd_bn:Q", title="Cumulative funding gap, with interest (USD bn)"),
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
