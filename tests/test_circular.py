"""Circular capital: graph metrics on hand-made graphs whose answers are known; the funding model;
the circulation, vendor-dollar and network views and their charts."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import circular as c
from analysis import circular_charts as cc
from analysis.data import load


def deal_rows(rows: list[tuple]) -> pd.DataFrame:
    """Deals from (deal_id, payer, payee, amount, unit, kind, gw, overlaps)."""
    return pd.DataFrame({
        "deal_id": [r[0] for r in rows], "payer": [r[1] for r in rows], "payee": [r[2] for r in rows],
        "amount": [r[3] for r in rows], "unit": [r[4] for r in rows], "kind": [r[5] for r in rows],
        "gw": [r[6] for r in rows], "overlaps": [r[7] for r in rows], "source_id": ["s"] * len(rows),
    })


TRIANGLE = deal_rows([
    ("a", "nvidia", "openai", 100.0, "usd_bn", "equity_investment", None, None),
    ("b", "openai", "oracle", 300.0, "usd_bn", "compute_contract", None, None),
    ("c", "oracle", "nvidia", 40.0, "usd_bn", "chip_purchase", None, None),
    ("d", "meta", "oracle", 60.0, "usd_bn", "compute_contract", None, None),
    ("e", "openai", "amd", None, "usd_bn", "chip_purchase", 6.0, None),
    ("f", "amd", "openai", 160.0, "shares", "warrant", None, None),
    ("g", "nvidia", "openai", 10.0, "usd_bn", "equity_investment", None, "a"),
])


def test_flows_drop_overlaps_shares_and_unpriced() -> None:
    f = c.flows(TRIANGLE)
    assert set(f["deal_id"]) == {"a", "b", "c", "d"}
    priced = c.flows(TRIANGLE, usd_bn_per_gw=10.0)
    assert priced.set_index("deal_id").loc["e", "usd_bn"] == 60.0
    assert priced.set_index("deal_id").loc["e", "priced_from_gw"]


def test_triangle_cycle_and_share() -> None:
    g = c.flow_graph(c.flows(TRIANGLE))
    assert c.directed_cycles(g) == [["nvidia", "openai", "oracle"]]
    # on the cycle: 100 + 300 + 40 = 440 of 500 in total
    assert c.cycle_share(g) == pytest.approx(440 / 500)


def test_a_chain_has_no_cycle() -> None:
    chain = TRIANGLE[TRIANGLE["deal_id"].isin(["a", "b"])]
    g = c.flow_graph(c.flows(chain))
    assert c.directed_cycles(g) == []
    assert c.cycle_share(g) == 0


def test_two_cycles_sharing_a_node() -> None:
    rows = deal_rows([("1", "x", "y", 1.0, "usd_bn", "equity_investment", None, None),
                      ("2", "y", "x", 2.0, "usd_bn", "compute_contract", None, None),
                      ("3", "y", "z", 3.0, "usd_bn", "compute_contract", None, None),
                      ("4", "z", "y", 4.0, "usd_bn", "equity_investment", None, None),
                      ("5", "z", "w", 10.0, "usd_bn", "compute_contract", None, None)])
    g = c.flow_graph(c.flows(rows))
    assert c.directed_cycles(g) == [["x", "y"], ["y", "z"]]
    assert c.cycle_share(g) == pytest.approx(10 / 20)


def test_a_warrant_is_shares_not_dollars() -> None:
    vendors = c.vendor_funding_vs_sales(TRIANGLE, c.flows(TRIANGLE, usd_bn_per_gw=10.0)).set_index("vendor")
    # AMD issued OpenAI a warrant (shares) and is owed GW-priced sales: no dollars of its own came back
    assert vendors.loc["amd", "invested_usd_bn"] == 0 and vendors.loc["amd", "recycled_usd_bn"] == 0
    assert vendors.loc["oracle", "backlog_usd_bn"] == 360 and vendors.loc["oracle", "funded_share_of_backlog"] == 0


def test_findings_hold_under_every_view() -> None:
    deals = load("deals")
    findings = c.circularity_findings(deals)
    assert [len(f.variants) for f in findings] == [len(c.VIEWS)] * 2
    loops = findings[0].variants[0]
    graph = c.flow_graph(c.flows(deals))
    assert loops.value == pytest.approx(c.max_circulation(graph).share)
    assert loops.value < c.cycle_share(graph)  # what can go round is less than what lies on a loop


def test_ledger_display_is_for_readers() -> None:
    table = c.ledger_display(load("deals"), load("sources"))
    assert not table["payer"].str.contains("_").any()
    assert table["counted"].str.startswith(("yes", "no: part of ")).all()
    assert table["announced"].is_monotonic_increasing


def test_money_in_out() -> None:
    table = c.money_in_out(c.flow_graph(c.flows(TRIANGLE))).set_index("firm")
    assert table.loc["Oracle", "in_usd_bn"] == 360 and table.loc["Oracle", "out_usd_bn"] == 40
    assert table.loc["OpenAI", "net_usd_bn"] == -200


def test_self_flow_is_refused() -> None:
    rows = deal_rows([("x", "nvidia", "nvidia", 1.0, "usd_bn", "equity_investment", None, None)])
    with pytest.raises(ValueError, match="payer and payee"):
        c.flow_graph(c.flows(rows))


def test_implied_price_per_gw() -> None:
    rows = deal_rows([("1", "a", "b", 300.0, "usd_bn", "compute_contract", 4.5, None),
                      ("2", "a", "c", 100.0, "usd_bn", "chip_purchase", 2.0, None),
                      ("3", "a", "d", 10.0, "usd_bn", "chip_purchase", 1.0, None)])
    assert c.implied_usd_bn_per_gw(rows) == pytest.approx(50.0)


# --- the deal ledger itself ---

def test_deal_ledger_is_clean() -> None:
    deals = load("deals")
    assert (deals["payer"] != deals["payee"]).all()
    assert (deals["amount"].dropna() > 0).all()
    assert set(deals["kind"]) <= {"equity_investment", "compute_contract", "chip_purchase", "warrant", "debt_or_lease"}
    assert deals["source_id"].notna().all() and deals["excerpt"].str.len().gt(0).all()
    assert (deals["amount"].notna() | deals["gw"].notna() | deals["notes"].notna()).all()
    assert len(deals) >= 30


# --- growth and funding ---

def test_required_growth_worked_by_hand() -> None:
    assert c.required_growth(13.1, 280, 5) == pytest.approx(0.8449, abs=1e-4)


def test_best_window_cagr() -> None:
    series = pd.Series({2010: 1.0, 2011: 2.0, 2012: 4.0, 2013: 5.0, 2014: 6.0})
    assert c.best_window_cagr(series, 2, 0.5) == (pytest.approx(1.0), 2010)
    assert c.best_window_cagr(series, 2, 3.0) == (pytest.approx((6 / 4) ** 0.5 - 1), 2012)
    assert c.best_window_cagr(series, 5, 0.5) is None


def funding_path_by_loop(path: c.FundingPath, years: int) -> float:
    """The cumulative gap stepped year by year: the oracle for the closed form."""
    debt, revenue = 0.0, path.revenue_usd_bn
    for _ in range(years + 1):
        debt = debt * (1 + path.rate) + path.spend_usd_bn - revenue
        revenue *= 1 + path.growth
    return debt


@given(revenue=st.floats(1, 100), spend=st.floats(1, 300), growth=st.floats(0, 1), rate=st.floats(0, 0.2),
       years=st.integers(0, 15))
def test_funding_closed_form_equals_the_loop(revenue: float, spend: float, growth: float, rate: float,
                                             years: int) -> None:
    path = c.FundingPath(revenue, spend, growth, rate)
    assert path.debt_usd_bn(years) == pytest.approx(funding_path_by_loop(path, years), rel=1e-6, abs=1e-6)


def test_years_to_self_funding() -> None:
    assert c.FundingPath(10, 5, 0.0, 0.0).years_to_self_funding() == 0
    assert c.FundingPath(10, 20, 0.0, 0.05).years_to_self_funding() is None
    # spend 20, revenue 10 doubling: gaps 10, 0, -20 -> paid back in year 2
    assert c.FundingPath(10, 20, 1.0, 0.0).years_to_self_funding() == 2


def test_ramp_comparison_picks_windows_of_similar_size() -> None:
    fin = pd.DataFrame({
        "entity": ["meta"] * 8, "metric": ["revenue"] * 8, "period": [f"FY{y}" for y in range(2010, 2018)],
        "period_end": pd.to_datetime([f"{y}-12-31" for y in range(2010, 2018)]),
        "value": [2.0, 3.7, 5.1, 7.9, 12.5, 17.9, 27.6, 40.7], "unit": ["usd_bn"] * 8,
        "source_id": [f"s{y}" for y in range(2010, 2018)],
    })
    table = c.ramp_comparison(fin, 13.1, 5)
    # windows may start between 3.3 and 52.4 (2010's 2.0 is too small): 2011 gives 3.7 -> 27.6,
    # 49.4 %/yr; 2012 gives 5.1 -> 40.7, (40.7 / 5.1) ** 0.2 - 1 = 51.5 %/yr, the fastest
    row = table.iloc[0]
    assert (row["start_year"], row["start_usd_bn"], row["end_usd_bn"]) == (2012, 5.1, 40.7)
    assert row["cagr"] == pytest.approx(0.515, abs=1e-3)
    assert row["source_ids"] == "s2012 s2017"


def test_cycles_table_names_the_loop_and_its_bottleneck() -> None:
    g = c.flow_graph(c.flows(TRIANGLE))
    table = c.cycles_table(c.directed_cycles(g), g)
    assert table.iloc[0]["cycle"] == "Nvidia → OpenAI → Oracle → Nvidia"
    assert table.iloc[0]["smallest_flow_usd_bn"] == 40


def test_subscription_and_average_spend() -> None:
    assert c.subscription_revenue_usd_bn(10, 20) == pytest.approx(2.4)
    assert c.average_annual_spend_usd_bn(600, 2025, 2030) == 100


def test_net_payers_and_runners_up() -> None:
    table = pd.DataFrame({"firm": ["A", "B", "C"], "net_usd_bn": [5.0, -10.0, -2.0]})
    assert c.net_payers(table) == "B and C"
    ramps = pd.DataFrame({"series": ["X", "Y"], "cagr": [0.9, 0.5]})
    assert c.ramp_runners_up(ramps, 0.8) == "Y 50% a year (62% of the required rate)"


# --- maximum circulation: the money that can go round loops ---

def weighted_graph(edges: dict[tuple[str, str], float]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in edges.items())
    return graph


def test_max_circulation_of_a_triangle_is_its_bottleneck_on_every_edge() -> None:
    g = weighted_graph({("a", "b"): 10.0, ("b", "c"): 10.0, ("c", "a"): 1.0})
    circulation = c.max_circulation(g)
    assert circulation.edge_usd_bn == {("a", "b"): 1.0, ("b", "c"): 1.0, ("c", "a"): 1.0}
    assert circulation.total_usd_bn == 3.0
    assert circulation.share == pytest.approx(3 / 21)
    loops = c.circulation_cycles(circulation)
    assert loops.to_dict("records") == [{"cycle": "a → b → c → a", "firms": 3, "usd_bn": 1.0, "volume_usd_bn": 3.0}]


def test_max_circulation_of_two_disjoint_loops() -> None:
    g = weighted_graph({("a", "b"): 5.0, ("b", "a"): 5.0, ("c", "d"): 4.0, ("d", "c"): 2.0})
    circulation = c.max_circulation(g)
    # A ⇄ B carries all 10; C ⇄ D only 2 each way: 14 of 16
    assert circulation.total_usd_bn == 14.0
    assert circulation.share == pytest.approx(14 / 16)
    assert circulation.edge_usd_bn[("c", "d")] == 2.0
    loops = c.circulation_cycles(circulation)
    assert list(loops["cycle"]) == ["a → b → a", "c → d → c"]
    assert list(loops["usd_bn"]) == [5.0, 2.0]


def test_a_dag_has_no_circulation() -> None:
    for g in (weighted_graph({("a", "b"): 3.0, ("b", "c"): 2.0, ("a", "c"): 1.0}), nx.DiGraph()):
        circulation = c.max_circulation(g)
        assert (circulation.total_usd_bn, circulation.share) == (0.0, 0.0)
        assert c.circulation_cycles(circulation).empty


def test_circulation_prefers_dollar_volume_to_dollars_once_round() -> None:
    # one dollar round the long loop a → b → c → a crosses 3 edges; the 2-loop a ⇄ b only 2:
    # capacity 1 on a → b forces a choice, and the volume objective takes the long loop
    g = weighted_graph({("a", "b"): 1.0, ("b", "a"): 1.0, ("b", "c"): 1.0, ("c", "a"): 1.0})
    circulation = c.max_circulation(g)
    assert circulation.total_usd_bn == 3.0
    assert circulation.edge_usd_bn[("b", "a")] == 0.0


def residual_graph(graph: nx.DiGraph, circulation: c.Circulation) -> nx.DiGraph:
    """Where more could circulate: forward edges with room (cost −1), backward edges with flow (+1)."""
    residual = nx.DiGraph()
    residual.add_nodes_from(graph)
    for (u, v), flow in circulation.edge_usd_bn.items():
        arcs = ([(u, v, -1)] if flow < graph[u][v]["weight"] else []) + ([(v, u, 1)] if flow > 0 else [])
        for a, b, cost in arcs:
            if not residual.has_edge(a, b) or residual[a][b]["cost"] > cost:
                residual.add_edge(a, b, cost=cost)
    return residual


edge_weights = st.dictionaries(
    st.tuples(st.sampled_from("abcde"), st.sampled_from("abcde")).filter(lambda e: e[0] != e[1]),
    st.integers(1, 300_000).map(lambda usd_mn: usd_mn / 1000), max_size=14)


@given(edges=edge_weights)
def test_max_circulation_is_a_feasible_optimal_circulation(edges: dict[tuple[str, str], float]) -> None:
    g = weighted_graph(edges)
    circulation = c.max_circulation(g)
    flow = circulation.edge_usd_bn
    assert set(flow) == set(g.edges)
    assert all(0 <= flow[e] <= g.edges[e]["weight"] for e in flow)
    for node in g:
        inflow = sum(flow[(u, node)] for u in g.predecessors(node))
        outflow = sum(flow[(node, v)] for v in g.successors(node))
        assert inflow == pytest.approx(outflow, abs=1e-9)
    assert circulation.share <= c.cycle_share(g) + 1e-12
    # optimal: no loop of the residual graph could carry more (no negative-cost cycle)
    assert not nx.negative_edge_cycle(residual_graph(g, circulation), weight="cost")
    loops = c.circulation_cycles(circulation)
    assert loops["volume_usd_bn"].sum() == pytest.approx(circulation.total_usd_bn)
    assert (loops["usd_bn"] > 0).all()


# --- possible double counts ---

NVIDIA_OPENAI = deal_rows([
    ("loi", "nvidia", "openai", 100.0, "usd_bn", "equity_investment", 10.0, None),
    ("feb", "nvidia", "openai", 30.0, "usd_bn", "equity_investment", None, None),
    ("chips", "openai", "nvidia", None, "usd_bn", "chip_purchase", 10.0, None),
    ("oracle", "oracle", "nvidia", 40.0, "usd_bn", "chip_purchase", None, None),
])


def test_assume_overlaps_leaves_the_row_out_of_the_flows() -> None:
    marked = c.assume_overlaps(NVIDIA_OPENAI, {"feb": "loi"})
    assert marked.set_index("deal_id").loc["feb", "overlaps"] == "loi"
    assert set(c.flows(marked)["deal_id"]) == {"loi", "oracle"}
    assert NVIDIA_OPENAI["overlaps"].isna().all()
    with pytest.raises(ValueError, match="no such deals"):
        c.assume_overlaps(NVIDIA_OPENAI, {"nope": "loi"})


def test_possible_overlaps_name_real_deals() -> None:
    deals = load("deals").set_index("deal_id")
    for deal_id, overlapped in c.POSSIBLE_OVERLAPS.items():
        assert deals.loc[deal_id, "payer"] == deals.loc[overlapped, "payer"]
        assert deals.loc[deal_id, "payee"] == deals.loc[overlapped, "payee"]


# --- vendor dollars against vendor sales ---

def test_recycled_dollars_are_the_smaller_of_invested_and_owed() -> None:
    rows = deal_rows([("e1", "v", "c", 16.0, "usd_bn", "equity_investment", None, None),
                      ("s1", "c", "v", 280.0, "usd_bn", "compute_contract", None, None),
                      ("e2", "v", "d", 50.0, "usd_bn", "equity_investment", None, None),
                      ("s2", "d", "v", 20.0, "usd_bn", "chip_purchase", None, None),
                      ("e3", "v", "x", 7.0, "usd_bn", "equity_investment", None, None)])
    pairs = c.vendor_customer_funding(rows, c.flows(rows)).set_index("customer")
    assert pairs.loc["c", "recycled_usd_bn"] == 16 and pairs.loc["c", "recycled_share"] == pytest.approx(16 / 280)
    assert pairs.loc["d", "recycled_usd_bn"] == 20 and pairs.loc["d", "recycled_share"] == 1
    assert "x" not in pairs.index  # x owes v nothing
    vendor = c.vendor_funding_vs_sales(rows, c.flows(rows)).set_index("vendor").loc["v"]
    assert (vendor["backlog_usd_bn"], vendor["invested_usd_bn"], vendor["recycled_usd_bn"]) == (300, 66, 36)
    assert vendor["funded_share_of_backlog"] == pytest.approx(36 / 300)


def test_a_sale_in_gigawatts_only_is_not_priced_rather_than_zero() -> None:
    pairs = c.vendor_customer_funding(NVIDIA_OPENAI, c.flows(NVIDIA_OPENAI)).set_index("customer")
    openai = pairs.loc["openai"]
    assert (openai["invested_usd_bn"], openai["owed_usd_bn"], openai["not_priced_gw"]) == (130, 0, 10)
    assert pd.isna(openai["recycled_share"])
    assert c.share_label(openai["recycled_share"], openai["not_priced_gw"]) == "not priced (10 GW)"
    vendor = c.vendor_funding_vs_sales(NVIDIA_OPENAI, c.flows(NVIDIA_OPENAI)).set_index("vendor").loc["nvidia"]
    assert (vendor["backlog_usd_bn"], vendor["not_priced_gw"], vendor["recycled_usd_bn"]) == (40, 10, 0)
    assert c.share_label(vendor["funded_share_of_backlog"], vendor["not_priced_gw"]) == "0% (+ 10 GW not priced)"


@pytest.mark.parametrize(("overlaps", "invested_usd_bn"), [({}, 130.0), ({"feb": "loi"}, 100.0)])
def test_priced_gigawatts_recycle_the_vendors_investment(overlaps: dict[str, str], invested_usd_bn: float) -> None:
    deals = c.assume_overlaps(NVIDIA_OPENAI, overlaps)
    flow_table = c.flows(deals, usd_bn_per_gw=40.0)
    openai = c.vendor_customer_funding(deals, flow_table).set_index("customer").loc["openai"]
    assert (openai["owed_usd_bn"], openai["not_priced_gw"]) == (400, 0)
    assert openai["invested_usd_bn"] == openai["recycled_usd_bn"] == invested_usd_bn
    vendors = c.vendor_funding_vs_sales(deals, flow_table)
    assert c.recycled_share(vendors) == pytest.approx(invested_usd_bn / 440)


def test_warrants_are_no_dollars_invested() -> None:
    shares = c.vendor_customer_funding(TRIANGLE, c.flows(TRIANGLE, usd_bn_per_gw=10.0)).set_index("vendor")
    assert shares.loc["amd", "invested_usd_bn"] == 0 and shares.loc["amd", "owed_usd_bn"] == 60


def test_share_label() -> None:
    assert c.share_label(0.25, 0.0) == "25%"
    assert c.share_label(float("nan"), 0.0) == "not priced"


def test_the_nvidia_openai_pair_shows_in_both_views() -> None:
    deals = load("deals")
    per_gw = c.implied_usd_bn_per_gw(deals)
    for flow_table, owed_usd_bn in ((c.flows(deals), 0.0), (c.flows(deals, usd_bn_per_gw=per_gw), 10 * per_gw)):
        pairs = c.vendor_customer_funding(deals, flow_table).set_index(["vendor", "customer"])
        pair = pairs.loc[("nvidia", "openai")]
        assert pair["owed_usd_bn"] == pytest.approx(owed_usd_bn)
        assert pd.isna(pair["recycled_share"]) == (owed_usd_bn == 0)


# --- the node-link diagram ---

def test_network_layout_puts_loop_firms_inside_and_is_deterministic() -> None:
    g = c.flow_graph(c.flows(TRIANGLE))
    layout = c.network_layout(g).set_index("node")
    radius = (layout["x"] ** 2 + layout["y"] ** 2) ** 0.5
    assert radius[["nvidia", "openai", "oracle"]].round(3).eq(0.5).all()
    assert radius["meta"].round(3) == 1.0
    # the firm with the most money sits at the top of the inner circle (OpenAI and Oracle tie at 400:
    # the id breaks the tie)
    assert layout.loc["openai", ["x", "y"]].tolist() == [0.0, 0.5]
    assert c.network_layout(g).equals(c.network_layout(g))


def test_network_edges_go_side_by_side_and_point_to_the_payee() -> None:
    g = weighted_graph({("a", "b"): 2.0, ("b", "a"): 1.0, ("b", "c"): 1.0})
    layout = pd.DataFrame({"node": ["a", "b", "c"], "name": ["A", "B", "C"], "x": [0.0, 1.0, 1.0],
                           "y": [0.0, 0.0, 1.0]})
    edges = c.network_edges(g, c.max_circulation(g), layout, offset=0.1).set_index(["payer", "payee"])
    # a → b runs right and shifts up (to its left); b → a runs left and shifts down
    assert edges.loc[("a", "b"), ["x", "y", "x2", "y2"]].tolist() == [0.0, 0.1, 1.0, 0.1]
    assert edges.loc[("b", "a"), ["y", "y2"]].tolist() == [-0.1, -0.1]
    assert edges.loc[("a", "b"), "arrow_deg"] == 90.0 and edges.loc[("b", "a"), "arrow_deg"] == -90.0
    assert edges.loc[("b", "c"), ["x", "arrow_deg"]].tolist() == [1.0, 0.0]  # no reverse edge: no shift
    assert edges.loc[("a", "b"), "circulating_usd_bn"] == 1.0 and edges.loc[("b", "c"), "circulating_usd_bn"] == 0


def test_network_chart_states_the_circulation() -> None:
    deals, sources = load("deals"), load("sources")
    flow_table = c.flows(deals)
    g = c.flow_graph(flow_table)
    circulation = c.max_circulation(g)
    spec = cc.network_chart(g, circulation, flow_table, sources).to_dict()
    assert " ".join(spec["title"]["text"]).startswith(f"USD {circulation.total_usd_bn:,.0f}bn of flows")
    assert spec["usermeta"]["ledger"]["csv_name"] == "circular-network.csv"
    rule = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    assert {"x", "y", "x2", "y2", "strokeWidth", "color", "tooltip"} <= set(rule["encoding"])
    assert rule["encoding"]["x"]["axis"] is None and rule["encoding"]["y"]["axis"] is None


# --- the funding chart's axis ---

def test_funding_chart_axis_is_bounded_by_the_peak_and_follows_the_sliders() -> None:
    sources = load("sources")
    spec = cc.funding_chart(13.0, 100.0, 0.5, 0.08, [sources["source_id"].iloc[0]], sources).to_dict()
    scale = spec["encoding"]["y"]["scale"]
    bottom, top = cc.gap_axis_expr(13.0, 100.0, 12)
    assert scale == {"domainMin": {"expr": bottom}, "domainMax": {"expr": top}}
    assert top.startswith("1.1 * max(") and "growth" in top and "rate" in top
    assert spec["mark"]["clip"] is True
    assert sorted(p["name"] for p in spec["params"]) == ["growth", "rate", "revenue_share"]


def test_funding_chart_matches_its_python_twin() -> None:
    from vega_twin import dataset_with

    sources = load("sources")
    spec = cc.funding_chart(13.0, 100.0, 0.5, 0.08, [sources["source_id"].iloc[0]], sources).to_dict()
    for growth, rate, share in ((0.5, 0.08, 1.0), (0.3, 0.12, 0.6), (0.1, 0.1, 0.4)):
        page = dataset_with(spec, {"growth": growth, "rate": rate, "revenue_share": share}, "debt_usd_bn")
        path = c.FundingPath(13.0, 100.0, growth, rate, share)
        for row in page.itertuples():
            assert row.debt_usd_bn == pytest.approx(path.debt_usd_bn(int(row.year)), rel=1e-9, abs=1e-6)


def test_less_revenue_left_for_compute_delays_self_funding() -> None:
    full = c.FundingPath(13.0, 100.0, 0.5, 0.08, 1.0)
    half = c.FundingPath(13.0, 100.0, 0.5, 0.08, 0.5)
    assert half.debt_usd_bn(5) > full.debt_usd_bn(5)
    assert half.years_to_self_funding() > full.years_to_self_funding()
