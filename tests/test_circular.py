"""Circular capital: graph metrics on hand-made graphs whose answers are known; the funding model."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import circular as c
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


def test_vendor_funded_share() -> None:
    shares = c.vendor_funded_share(TRIANGLE, c.flows(TRIANGLE, usd_bn_per_gw=10.0)).set_index("vendor")
    # Oracle funded nobody: 0 of 360; Nvidia funded OpenAI but its backlog is Oracle's 40: 0;
    # AMD issued OpenAI a warrant and all of its (GW-priced) backlog is OpenAI's: 1
    assert shares.loc["oracle", "backlog_usd_bn"] == 360
    assert shares.loc["oracle", "funded_share"] == 0
    assert shares.loc["nvidia", "funded_share"] == 0
    assert shares.loc["amd", "funded_share"] == 1


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
