"""Thesis 2, circular capital: vendors fund the customers that buy from them.

Pure functions over the deal ledger (``deals``) and ``financials``. A *flow* is one deal row
counted in USD bn from payer to payee; rows that double-count another (``overlaps``) are left
out. Graph work uses networkx. The charts are in :mod:`analysis.circular_charts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from analysis.charts import FIRM_NAMES
from analysis.finance import USD_UNITS, annual_series, cagr, latest_row, to_usd_bn
from analysis.ledger import Recomputed, checker
from analysis.robustness import Finding, Variant

SALES_KINDS = ("compute_contract", "chip_purchase")
#: Assumptions of the funding model (the reader moves them with sliders): revenue growth and
#: cost of capital, fractions a year.
MODEL_GROWTH = 0.5
MODEL_RATE = 0.08
#: Assumption: the share of revenue left to pay for compute after the lab's other costs (staff,
#: sales, ...). 1.0 is the seed's framing — every dollar of revenue repays compute; the reader
#: lowers it with a slider.
MODEL_REVENUE_SHARE = 1.0
#: Parties that are not firms paying each other: Stargate is a joint venture's planned spending.
NOT_FIRMS = ("stargate",)
FUNDING_KINDS = ("equity_investment", "warrant")
#: Rows that may double-count another though the sources read do not establish it: deal id → the
#: row it would overlap. Nvidia's USD 30bn in OpenAI's February 2026 round may be part of its "up to
#: USD 100bn" letter of intent of September 2025; the page shows results both ways.
POSSIBLE_OVERLAPS = {"nvda-openai-2026-02": "nvda-openai-2025-09"}
#: Circulations are solved in whole USD mn: network simplex needs integer capacities.
MN_PER_BN = 1000
#: Display names: the book's firms plus the other parties of the deal ledger.
NAMES = {**FIRM_NAMES, "amd": "AMD", "coreweave": "CoreWeave", "broadcom": "Broadcom", "xai": "xAI",
         "softbank": "SoftBank", "intel": "Intel", "nebius": "Nebius", "nscale": "Nscale", "iren": "IREN",
         "lambda": "Lambda", "stargate": "Stargate (JV)"}


BASIS = {"headline": "headline", "up_to": "up to", "per_year": "per year", "cumulative": "cumulative"}
KINDS = {"equity_investment": "equity investment", "compute_contract": "compute contract",
         "chip_purchase": "chip purchase", "warrant": "warrant", "debt_or_lease": "debt or lease"}
STATUS = {"letter_of_intent": "letter of intent", "definitive": "definitive", "closed": "closed",
          "reported": "press report"}


def ledger_display(deals: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The deal ledger for readers: firm names, words for codes, amounts with their unit, the
    source document's title; a row that double-counts another says which."""
    titles = sources.set_index("source_id")["title"]
    ids = deals.set_index("deal_id")
    amount = [f"{a:,.10g} shares" if u == "shares" else f"{to_usd_bn(a, u):,.10g}" if pd.notna(a) else None
              for a, u in zip(deals["amount"], deals["unit"], strict=True)]
    return pd.DataFrame({
        "announced": deals["announced"].dt.strftime("%Y-%m-%d"),
        "payer": deals["payer"].map(lambda e: NAMES.get(e, e)),
        "payee": deals["payee"].map(lambda e: NAMES.get(e, e)),
        "kind": deals["kind"].map(KINDS), "amount": amount, "basis": deals["basis"].map(BASIS),
        "gw": deals["gw"], "status": deals["status"].map(STATUS),
        "counted": ["no: part of " + NAMES.get(ids.loc[o, "payer"], o) + " → " + NAMES.get(ids.loc[o, "payee"], o)
                    + f" ({ids.loc[o, 'announced']:%Y-%m-%d})" if isinstance(o, str) else "yes"
                    for o in deals["overlaps"]],
        "source": deals["source_id"].map(titles),
    }).sort_values(["announced", "payer"]).reset_index(drop=True)


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
    out = []
    for r in _counted(deals).itertuples():
        if pd.notna(r.amount):
            usd, from_gw = to_usd_bn(r.amount, r.unit), False
        elif usd_bn_per_gw is not None and pd.notna(r.gw):
            usd, from_gw = usd_bn_per_gw * r.gw, True
        else:
            continue
        out.append({"payer": r.payer, "payee": r.payee, "usd_bn": usd, "kind": r.kind, "priced_from_gw": from_gw,
                    "deal_id": r.deal_id, "source_id": r.source_id})
    return pd.DataFrame(out)


def _counted(deals: pd.DataFrame) -> pd.DataFrame:
    """The rows that can be flows: in dollars, overlapping no other row, between firms."""
    return deals[deals["overlaps"].isna() & deals["unit"].isin(USD_UNITS)
                 & ~deals["payer"].isin(NOT_FIRMS) & ~deals["payee"].isin(NOT_FIRMS)]


def assume_overlaps(deals: pd.DataFrame, overlaps: Mapping[str, str]) -> pd.DataFrame:
    """The ledger with each row of ``overlaps`` (deal id → the row it would double-count) marked
    as overlapping, so that :func:`flows` and everything built on it leave it out."""
    unknown = sorted(set(overlaps) - set(deals["deal_id"]))
    if unknown:
        raise ValueError(f"no such deals: {unknown}")
    return deals.assign(overlaps=deals["deal_id"].map(overlaps).combine_first(deals["overlaps"]))


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


def cycle_edges(cycle: list[str]) -> list[tuple[str, str]]:
    """The edges of a cycle given as its firms in order: (A, B), (B, C), …, (last, A)."""
    return list(zip(cycle, cycle[1:] + cycle[:1], strict=True))


def cycle_name(cycle: list[str]) -> str:
    """A cycle written out with display names: A → B → A."""
    return " → ".join(NAMES.get(n, n) for n in [*cycle, cycle[0]])


def cycles_table(cycles: list[list[str]], graph: nx.DiGraph) -> pd.DataFrame:
    """Each cycle written out (A → B → A), its length, and the smallest flow on it: the most money
    that could go all the way round this one loop alone (USD bn)."""
    rows = [{"cycle": cycle_name(cycle), "firms": len(cycle),
             "smallest_flow_usd_bn": min(graph[u][v]["weight"] for u, v in cycle_edges(cycle))} for cycle in cycles]
    return pd.DataFrame(rows, columns=["cycle", "firms", "smallest_flow_usd_bn"])


def cycle_share(graph: nx.DiGraph) -> float:
    """Share of flow on edges that lie on some cycle (upper bound): USD on such edges over all USD.

    An edge lies on a cycle exactly when both its ends are in the same strongly connected
    component. The whole of such an edge counts even if only a little of it could come back round:
    an upper bound on :func:`max_circulation`'s share.
    """
    component = {}
    for i, nodes in enumerate(nx.strongly_connected_components(graph)):
        component.update(dict.fromkeys(nodes, i))
    total = sum(w for _, _, w in graph.edges(data="weight"))
    on_cycle = sum(w for u, v, w in graph.edges(data="weight") if component[u] == component[v])
    return on_cycle / total if total else 0.0


@dataclass(frozen=True)
class Circulation:
    """Flows on a graph's edges that never exceed an edge's announced flow and are conserved at every
    firm (money in = money out): money that can go round loops.

    ``edge_usd_bn`` maps every edge (payer, payee) to its circulating flow, 0 where none;
    ``total_usd_bn`` is their sum, the *circulating dollar volume*, which counts a dollar on every
    edge it crosses, as the total of all flows does; ``share`` is volume ÷ total of all flows.
    """

    edge_usd_bn: dict[tuple[str, str], float]
    total_usd_bn: float
    share: float


def max_circulation(graph: nx.DiGraph) -> Circulation:
    """The circulation of largest volume: the share of flow dollars that can go round a loop.

    The linear program "maximise Σ_e f_e subject to 0 ≤ f_e ≤ weight_e and, at every firm, flow in =
    flow out", solved as a min-cost circulation (cost −1 per unit on every edge, every demand 0) by
    networkx's network simplex on capacities rounded to whole USD mn. The constraints are totally
    unimodular, so that integer optimum is the optimum of the LP with the rounded capacities. The
    volume is unique; its split over the edges need not be.

    Maximising volume favours long loops: a dollar that crosses four edges counts four times.
    :func:`circulation_cycles` also counts each dollar once per trip round its loop.
    """
    network = nx.DiGraph()
    network.add_edges_from((u, v, {"capacity": round(w * MN_PER_BN), "weight": -1})
                           for u, v, w in graph.edges(data="weight"))
    flow_mn = nx.min_cost_flow(network) if network else {}
    edge_mn = {(u, v): flow_mn[u][v] for u, v in graph.edges}
    total_usd_bn = graph.size(weight="weight")
    volume_usd_bn = sum(edge_mn.values()) / MN_PER_BN
    return Circulation({e: f / MN_PER_BN for e, f in edge_mn.items()}, volume_usd_bn,
                       volume_usd_bn / total_usd_bn if total_usd_bn else 0.0)


def circulation_cycles(circulation: Circulation) -> pd.DataFrame:
    """The circulation split into simple loops, greedily: again and again the loop whose smallest
    remaining flow is largest takes that flow, until none is left. Largest first.

    Columns: cycle (A → B → A), firms, usd_bn (dollars that go once round the loop: the flow it
    adds to each of its edges) and volume_usd_bn (usd_bn × firms; the column sums to the
    circulation's ``total_usd_bn``). Other splits of the same edge flows exist; they keep the
    volume but may change the loops and the sum of usd_bn.
    """
    left = {edge: round(f * MN_PER_BN) for edge, f in circulation.edge_usd_bn.items() if f > 0}
    rows = []
    while cycles := directed_cycles(nx.DiGraph(list(left))):
        bottleneck = {i: min(left[e] for e in cycle_edges(c)) for i, c in enumerate(cycles)}
        best = max(bottleneck, key=bottleneck.get)
        for edge in cycle_edges(cycles[best]):
            left[edge] -= bottleneck[best]
            if not left[edge]:
                del left[edge]
        usd_bn = bottleneck[best] / MN_PER_BN
        rows.append({"cycle": cycle_name(cycles[best]), "firms": len(cycles[best]), "usd_bn": usd_bn,
                     "volume_usd_bn": usd_bn * len(cycles[best])})
    return pd.DataFrame(rows, columns=["cycle", "firms", "usd_bn", "volume_usd_bn"])


def _unpriced_sales(deals: pd.DataFrame, flow_table: pd.DataFrame) -> pd.DataFrame:
    """Compute and chip sales that count (:func:`flows`) but carry no dollars in ``flow_table``."""
    rows = _counted(deals)
    return rows[rows["kind"].isin(SALES_KINDS) & ~rows["deal_id"].isin(flow_table["deal_id"])]


def vendor_customer_funding(deals: pd.DataFrame, flow_table: pd.DataFrame) -> pd.DataFrame:
    """Per vendor and a customer that owes it compute or chip sales: the vendor's own equity
    investments in that customer, the sales owed, and the *recycled* dollars, min(invested, owed):
    the most of the vendor's money that could come back to it as this customer's purchases.

    Dollars come from ``flow_table`` (:func:`flows`, priced from gigawatts or not). Sales it leaves
    without dollars are counted in ``not_priced_gw`` and ``not_priced_deals`` and add nothing to
    ``owed_usd_bn``; ``recycled_share`` (recycled ÷ owed) is NaN, "not priced", where nothing is
    owed in dollars. Warrants are shares, not dollars: no investment.

    Columns: vendor, customer, invested_usd_bn, owed_usd_bn, not_priced_gw, not_priced_deals,
    recycled_usd_bn, recycled_share. Most recycled first.
    """
    keys = ["vendor", "customer"]
    sales = flow_table[flow_table["kind"].isin(SALES_KINDS)].rename(columns={"payee": "vendor", "payer": "customer"})
    unpriced = _unpriced_sales(deals, flow_table).rename(columns={"payee": "vendor", "payer": "customer"})
    equity = flow_table[flow_table["kind"].isin(FUNDING_KINDS)].rename(columns={"payer": "vendor",
                                                                                 "payee": "customer"})
    table = pd.concat([sales.groupby(keys)["usd_bn"].sum().rename("owed_usd_bn"),
                       unpriced.groupby(keys)["gw"].sum().rename("not_priced_gw"),
                       unpriced.groupby(keys)["deal_id"].count().rename("not_priced_deals")], axis=1)
    invested = equity.groupby(keys)["usd_bn"].sum().reindex(table.index, fill_value=0.0)
    table = table.assign(invested_usd_bn=invested).fillna(0.0).astype({"not_priced_deals": int})
    table["recycled_usd_bn"] = np.minimum(table["invested_usd_bn"], table["owed_usd_bn"])
    table["recycled_share"] = table["recycled_usd_bn"] / table["owed_usd_bn"].where(table["owed_usd_bn"] > 0)
    columns = [*keys, "invested_usd_bn", "owed_usd_bn", "not_priced_gw", "not_priced_deals", "recycled_usd_bn",
               "recycled_share"]
    return (table.reset_index()[columns].sort_values(["recycled_usd_bn", "owed_usd_bn", *keys],
                                                     ascending=[False, False, True, True])
            .reset_index(drop=True))


def vendor_funding_vs_sales(deals: pd.DataFrame, flow_table: pd.DataFrame) -> pd.DataFrame:
    """Per vendor (payee of compute or chip sales), its own dollars that could come back as its own
    sales, as a share of its dollar backlog: :func:`vendor_customer_funding` summed per vendor.

    Columns: vendor, backlog_usd_bn (sales owed to it in dollars), not_priced_gw (sales owed in
    gigawatts only), invested_usd_bn (its equity in the customers that owe it), recycled_usd_bn,
    funded_share_of_backlog (recycled ÷ backlog; NaN with no dollar backlog). Largest backlog first.
    """
    pairs = vendor_customer_funding(deals, flow_table)
    table = (pairs.groupby("vendor", as_index=False)[["owed_usd_bn", "not_priced_gw", "invested_usd_bn",
                                                      "recycled_usd_bn"]].sum()
             .rename(columns={"owed_usd_bn": "backlog_usd_bn"}))
    table["funded_share_of_backlog"] = (table["recycled_usd_bn"]
                                        / table["backlog_usd_bn"].where(table["backlog_usd_bn"] > 0))
    return table.sort_values(["backlog_usd_bn", "vendor"], ascending=[False, True]).reset_index(drop=True)


def recycled_share(vendors: pd.DataFrame) -> float:
    """All vendors' recycled dollars over their whole dollar backlog (:func:`vendor_funding_vs_sales`)."""
    return float(vendors["recycled_usd_bn"].sum() / vendors["backlog_usd_bn"].sum())


def share_label(share: float, not_priced_gw: float) -> str:
    """A share for display: "40%", "not priced" where there are no dollars to divide by, and the
    gigawatts left unpriced in brackets, so that a missing price never reads as 0%."""
    text = "not priced" if pd.isna(share) else f"{share:.0%}"
    if not not_priced_gw:
        return text
    return f"{text} ({not_priced_gw:g} GW)" if pd.isna(share) else f"{text} (+ {not_priced_gw:g} GW not priced)"


def _ring(nodes: list[str], radius: float) -> dict[str, tuple[float, float]]:
    """Nodes evenly round a circle, clockwise from the top."""
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(nodes)) / max(len(nodes), 1)
    return {n: (radius * np.cos(a), radius * np.sin(a)) for n, a in zip(nodes, angles, strict=True)}


def network_layout(graph: nx.DiGraph) -> pd.DataFrame:
    """Node positions for a node-link diagram, with no randomness: the firms on some loop evenly
    round an inner circle, clockwise from the top, most money first; the others round an outer
    circle in the order of the inner firm they trade most with, so that each sits near it.
    Coordinates in [−1, 1], rounded to 4 decimals.

    Columns: node, name, x, y.
    """
    on_loop = {n for nodes in nx.strongly_connected_components(graph) if len(nodes) > 1 for n in nodes}
    inner = sorted(on_loop, key=lambda n: (-graph.degree(n, weight="weight"), n))
    place = {n: i for i, n in enumerate(inner)}

    def anchor(n: str) -> tuple[int, str]:
        links = {m: graph.get_edge_data(n, m, {}).get("weight", 0) + graph.get_edge_data(m, n, {}).get("weight", 0)
                 for m in nx.all_neighbors(graph, n) if m in place}
        return (place[max(links, key=links.get)] if links else len(inner), n)

    outer = sorted(set(graph) - on_loop, key=anchor)
    positions = {**_ring(inner, 0.5 if outer else 1.0), **_ring(outer, 1.0)}
    return pd.DataFrame([{"node": n, "name": NAMES.get(n, n), "x": round(float(x), 4), "y": round(float(y), 4)}
                         for n, (x, y) in positions.items()])


def network_edges(graph: nx.DiGraph, circulation: Circulation, layout: pd.DataFrame,
                  offset: float = 0.025, arrow_at: float = 0.6) -> pd.DataFrame:
    """One row per edge of the diagram, from the positions of :func:`network_layout`.

    Columns: payer, payee (ids), payer_name, payee_name, usd_bn, circulating_usd_bn, the segment
    x, y → x2, y2 (moved ``offset`` to the left of its direction where the reverse edge exists,
    so that A → B and B → A lie side by side) and an arrowhead at arrow_x, arrow_y, ``arrow_at``
    of the way along, turned arrow_deg degrees clockwise from pointing up.
    """
    position = {r.node: (r.x, r.y) for r in layout.itertuples()}
    rows = []
    for u, v, w in graph.edges(data="weight"):
        (x, y), (x2, y2) = position[u], position[v]
        dx, dy = x2 - x, y2 - y
        shift = offset / np.hypot(dx, dy) if graph.has_edge(v, u) else 0.0
        x, y, x2, y2 = x - dy * shift, y + dx * shift, x2 - dy * shift, y2 + dx * shift
        rows.append({"payer": u, "payee": v, "payer_name": NAMES.get(u, u), "payee_name": NAMES.get(v, v),
                     "usd_bn": w, "circulating_usd_bn": circulation.edge_usd_bn[(u, v)],
                     "x": x, "y": y, "x2": x2, "y2": y2, "arrow_x": x + arrow_at * dx, "arrow_y": y + arrow_at * dy,
                     "arrow_deg": float(np.degrees(np.arctan2(dx, dy)))})
    coordinates = ["x", "y", "x2", "y2", "arrow_x", "arrow_y", "arrow_deg"]
    table = pd.DataFrame(rows, columns=["payer", "payee", "payer_name", "payee_name", "usd_bn", "circulating_usd_bn",
                                        *coordinates])
    return table.round(dict.fromkeys(coordinates, 4))


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
    starts at ``revenue_usd_bn`` and grows at ``growth``, with the gap financed at ``rate``; only
    ``revenue_share`` of revenue is left for compute after the lab's other costs."""

    revenue_usd_bn: float
    spend_usd_bn: float
    growth: float
    rate: float
    revenue_share: float = 1.0

    def debt_usd_bn(self, years: int) -> float:
        """Cumulative financed gap after ``years`` + 1 annual periods (closed form).

        debt_t = S·((1+r)^(t+1) − 1)/r − m·R·((1+r)^(t+1) − (1+g)^(t+1))/(r − g), m = revenue_share
        """
        s, g, r, n = self.spend_usd_bn, self.growth, self.rate, years + 1
        r0 = self.revenue_usd_bn * self.revenue_share
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


# --- commitments against revenue: tables and reality checks ---------------------------------


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


#: An analogy holds when its proportion is within this fraction of the real one.
ANALOGY_TOLERANCE = 0.10
ANALOGY_RULE = f"rule: an analogy holds when its proportion is within ±{ANALOGY_TOLERANCE:.0%} of the real one"


def analogy_verdict(ratio: float) -> str:
    """``holds`` when an analogy's proportion over the real one is within :data:`ANALOGY_TOLERANCE` of 1."""
    return "holds" if abs(ratio - 1) <= ANALOGY_TOLERANCE else "does not hold"


#: The labs whose run-rates the book holds.
LABS = ("openai", "anthropic")


def lab_run_rate(financials: pd.DataFrame, entity: str, month: str) -> float:
    """A lab's annualised revenue run-rate (USD bn) in ``month`` (``YYYY-MM``)."""
    row = financials[(financials["entity"] == entity) & (financials["metric"] == "revenue_run_rate")
                     & (financials["period"] == month)]
    if len(row) != 1:
        raise KeyError(f"no single {entity} run-rate for {month}")
    return to_usd_bn(float(row["value"].iloc[0]), row["unit"].iloc[0])


def latest_common_lab_month(financials: pd.DataFrame) -> str:
    """The latest month in which every lab of :data:`LABS` has a sourced run-rate."""
    rows = financials[financials["entity"].isin(LABS) & (financials["metric"] == "revenue_run_rate")]
    months = rows.groupby("period")["entity"].nunique()
    return str(months[months == len(LABS)].index.max())


def subscription_revenue_usd_bn(subscribers_mn: float, price_usd_per_month: float) -> float:
    """Yearly revenue of ``subscribers_mn`` million subscribers paying ``price_usd_per_month``."""
    return subscribers_mn * 1e6 * price_usd_per_month * 12 / 1e9


def average_annual_spend_usd_bn(total_usd_bn: float, first_year: int, last_year: int) -> float:
    """A multi-year total spread evenly over the years first_year … last_year inclusive."""
    return total_usd_bn / (last_year - first_year + 1)


#: The views of the flow graph every circularity finding is computed under: (name, price
#: gigawatt-only deals at the ledger's median?, treat Nvidia's February 2026 investment as part of its
#: letter of intent?, count only definitive and closed deals — no letters of intent or press reports?).
VIEWS = (("dollar amounts as announced", False, False, False),
         ("Nvidia's USD 30bn inside its letter of intent", False, True, False),
         ("gigawatt-only deals priced at the ledger's median", True, False, False),
         ("gigawatts priced, Nvidia's USD 30bn inside its letter of intent", True, True, False),
         ("definitive and closed deals only", False, False, True))
FIRM_STATUS = ("definitive", "closed")


def counted_deals(deals: pd.DataFrame, overlap: bool, firm_only: bool = False) -> pd.DataFrame:
    """The deal ledger as one view counts it: the possible overlaps marked (``overlap``), and only
    definitive and closed deals kept (``firm_only``)."""
    out = assume_overlaps(deals, POSSIBLE_OVERLAPS) if overlap else deals
    return out[out["status"].isin(FIRM_STATUS)] if firm_only else out


def view_flows(deals: pd.DataFrame, priced: bool, overlap: bool, firm_only: bool = False) -> pd.DataFrame:
    """The flow table of one of :data:`VIEWS` (gigawatts priced at the whole ledger's median)."""
    return flows(counted_deals(deals, overlap, firm_only),
                 usd_bn_per_gw=implied_usd_bn_per_gw(deals) if priced else None)


#: The circularity findings' thresholds: the share of flow dollars that can go round a loop, and
#: the share of vendors' dollar backlog their own investments could pay for.
LOOP_THRESHOLD = 0.5
FUNDED_THRESHOLD = 0.25


def circularity_findings(deals: pd.DataFrame) -> list[Finding]:
    """The chapter's two headline findings under every view of :data:`VIEWS`:

    * the share of announced flow dollars that can go round a loop (:func:`max_circulation`) is
      under half;
    * the vendors' own dollars that could come back as their sales (:func:`recycled_share`) are
      under a quarter of their dollar backlog.
    """
    loops, funded = [], []
    for name, priced, overlap, firm_only in VIEWS:
        table = view_flows(deals, priced, overlap, firm_only)
        circulation = max_circulation(flow_graph(table))
        loops.append(Variant(name, f"{circulation.share:.0%} (USD {circulation.total_usd_bn:,.0f}bn)",
                             circulation.share < LOOP_THRESHOLD, circulation.share))
        share = recycled_share(vendor_funding_vs_sales(counted_deals(deals, overlap, firm_only), table))
        funded.append(Variant(name, f"{share:.0%}", share < FUNDED_THRESHOLD, share))
    return [Finding("circulation", "Less than half of the announced flow dollars can go round a loop", tuple(loops)),
            Finding("funded", "Vendors' own investments could pay for less than a quarter of their dollar backlog",
                    tuple(funded))]


def claim_checks(tables: dict[str, pd.DataFrame]) -> list[Recomputed]:
    """Recompute the seed claims this chapter tests from the loaded ``tables`` (see :mod:`analysis.ledger`),
    each under the readings its words allow, naming the one judged to be meant."""
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
    nvda = deals[(deals["payer"] == "nvidia") & (deals["payee"] == "openai")]
    loi = nvda[nvda["status"] == "letter_of_intent"].iloc[0]
    firm = nvda[nvda["status"].isin(["definitive", "closed"])]
    amd = deals[(deals["payer"] == "openai") & (deals["payee"] == "amd")].iloc[0]
    xai_in = deals[(deals["payer"] == "nvidia") & (deals["payee"] == "xai")]
    xai_out = deals[(deals["payer"] == "xai") & (deals["payee"] == "nvidia")]
    month = latest_common_lab_month(financials)
    labs_common = sum(lab_run_rate(financials, lab, month) for lab in LABS)
    labs_latest = sum(to_usd_bn(float(r["value"]), r["unit"]) for r in
                      (latest_row(financials, lab, "revenue_run_rate") for lab in LABS))
    seed = claims.set_index("claim_id")["figure"]
    annual = average_annual_spend_usd_bn(reset, 2025, 2030)
    cut = (seed["c022"] / seed["c021"]) / (reset / peak)
    means = (seed["c022"] / seed["c023"]) / (annual / usd_bn(revenue))
    lab_readings = [("the labs' revenue in 2026", None, "usd_bn",
                     "the seed asks a question about a year whose revenue is not yet reported; the run-rates "
                     "beside it are the latest evidence"),
                    (f"OpenAI + Anthropic run-rates, {month} (latest month with both)", labs_common, "usd_bn",
                     "annualised run-rates in the same month; 2026 is not over"),
                    ("each lab's latest run-rate, summed", labs_latest, "usd_bn",
                     "the latest sourced month of each lab (not the same month)")]
    return [
        check("c006", [("FT tally of 2025 deals", usd_bn(signed) / 1000, "usd_tn",
                        "FT tally of OpenAI's compute deals signed in 2025")]),
        check("c007", [(f"revenue, {revenue['period']}", usd_bn(revenue), "usd_bn", "OpenAI revenue")]),
        check("c008", [
            ("money invested by definitive agreements", float(firm["amount"].sum()), "usd_bn",
             "Nvidia's definitive or closed investments in OpenAI in the deal ledger"),
            ("the letter of intent's ceiling", to_usd_bn(float(loi["amount"]), loi["unit"]), "usd_bn",
             "'up to' this amount, paid per gigawatt deployed: a ceiling, not money invested"),
        ]),
        check("c009", [("gigawatts of AMD chips", float(amd["gw"]), "gw",
                        "OpenAI's AMD agreement, in gigawatts; AMD's warrant gives OpenAI up to 160 million shares "
                        "at a nominal price as deployments and AMD's share price reach set levels")]),
        check("c013", [("latest against peak commitment", (1 - reset / peak) * 100, "pct",
                        "1 − (latest commitment ÷ peak commitment)")]),
        check("c014", [("peak announced commitment", peak / 1000, "usd_tn", "peak announced compute commitment")]),
        check("c015", [("latest target through 2030", reset, "usd_bn",
                        "latest reported compute-spend target through 2030")]),
        check("c016", [(f"revenue, {revenue['period']}", usd_bn(revenue), "usd_bn", "OpenAI revenue (Reuters)")]),
        check("c017", [(f"target, {target['period']}", usd_bn(target), "usd_bn", "OpenAI revenue target")]),
        check("c018", [("compound growth to the target", required_growth(usd_bn(revenue), usd_bn(target), years) * 100,
                        "pct", f"from {revenue['period']} revenue to the {target['period']} target")]),
        check("c019", [("the reset total over 2025–2030", average_annual_spend_usd_bn(reset, 2025, 2030), "usd_bn",
                        "the reset total spread evenly over six years")]),
        check("c021", [("the analogy's cut against the real cut", cut, "ratio",
                        f"(6 ÷ 14 million a month) ÷ (USD {reset:,.0f}bn ÷ {peak:,.0f}bn): 1 means the analogy "
                        f"scales the cut exactly; {ANALOGY_RULE}", analogy_verdict(cut))]),
        check("c022", [("the analogy's cut against the real cut", cut, "ratio",
                        f"as c021: the 6 million mirrors USD {reset:,.0f}bn; {ANALOGY_RULE}", analogy_verdict(cut))]),
        check("c023", [("the analogy's spending against income, against the real ratio", means, "ratio",
                        f"(6 ÷ 13 million) ÷ (USD {annual:,.0f}bn a year ÷ {revenue['period']} revenue): far below 1, "
                        f"the analogy makes the spending look affordable when it is several times revenue; "
                        f"{ANALOGY_RULE}", analogy_verdict(means))]),
        check("c062", lab_readings),
        check("c063", lab_readings),
        check("c067", [("an xAI → Nvidia purchase in the deal ledger", None, "usd_bn",
                        f"the ledger holds Nvidia → xAI equity (USD {xai_in['amount'].sum():g}bn, 'up to') but "
                        f"{len(xai_out)} sourced xAI → Nvidia purchase to trace the money back")]),
    ]
