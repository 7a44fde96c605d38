"""The escalator chapter's functions, on cases worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import escalator as e


def fin_rows(rows: list[tuple]) -> pd.DataFrame:
    """Financials rows from (entity, metric, period, value, unit)."""
    return pd.DataFrame({
        "entity": [r[0] for r in rows], "metric": [r[1] for r in rows], "period": [r[2] for r in rows],
        "period_end": pd.to_datetime(["2024-12-31"] * len(rows)), "value": [float(r[3]) for r in rows],
        "unit": [r[4] for r in rows], "source_id": [f"s{i}" for i in range(len(rows))],
    })


# --- 1 ---

def test_capex_intensity_ratios() -> None:
    fin = fin_rows([("meta", "capex", "FY2024", 30, "usd_bn"), ("meta", "revenue", "FY2024", 150000, "usd_mn"),
                    ("meta", "operating_cash_flow", "FY2024", 60, "usd_bn"),
                    ("meta", "capex", "FY2023", 20, "usd_bn")])
    table = e.capex_intensity(fin, ["meta"])
    assert len(table) == 1  # FY2023 lacks revenue and cash flow
    row = table.iloc[0]
    assert row["capex_to_revenue"] == pytest.approx(0.2)
    assert row["capex_to_ocf"] == pytest.approx(0.5)
    assert row["source_ids"] == "s0 s1 s2"


def test_capex_guidance_takes_latest_year_and_midpoint() -> None:
    fin = fin_rows([("meta", "capex_guidance_low", "FY2026", 115, "usd_bn"),
                    ("meta", "capex_guidance_high", "FY2026", 135, "usd_bn"),
                    ("meta", "capex_guidance", "FY2025", 60, "usd_bn"),
                    ("oracle", "capex_guidance", "FY2026", 50, "usd_bn")])
    g = e.capex_guidance(fin, ["meta", "oracle"]).set_index("entity")
    assert g.loc["meta", "mid_usd_bn"] == 125
    assert (g.loc["oracle", "low_usd_bn"], g.loc["oracle", "high_usd_bn"]) == (50, 50)


# --- 2 ---

def share_fin() -> pd.DataFrame:
    rows = []
    for year, capex, share in ((2020, (40, 40, 20), (32, 20, 9)), (2025, (100, 120, 80), (28, 21, 14))):
        for entity, c, s in zip(["amazon", "microsoft", "alphabet"], capex, share, strict=True):
            rows += [(entity, "capex", f"FY{year}", c, "usd_bn"),
                     (entity, "cloud_market_share", f"Q4CY{year}", s, "pct")]
    return fin_rows(rows)


def test_share_comparison_and_verdict() -> None:
    table = e.share_comparison(share_fin())
    first = table[table["year"] == 2020].set_index("entity")
    assert first.loc["amazon", "capex_share"] == pytest.approx(0.4)
    assert first.loc["alphabet", "market_share"] == pytest.approx(0.09)
    v = e.share_verdict(table)
    assert v.capex_multiple == pytest.approx(3.0)
    # Amazon: 40 % -> 33.3 % of capex (-6.7 pp), 32 % -> 28 % of market (-4 pp)
    assert v.capex_share_change_pp["amazon"] == pytest.approx(-6.667, abs=1e-3)
    assert v.market_share_change_pp["amazon"] == pytest.approx(-4)
    assert v.biggest_spender == "Microsoft"
    assert v.correlation > 0.9


# --- 3 ---

def test_roic_worked_by_hand() -> None:
    fin = fin_rows([("microsoft", m, "FY2024", v, "usd_bn") for m, v in (
        ("operating_income", 100), ("income_tax", 18), ("pretax_income", 90), ("total_equity", 250),
        ("total_debt", 50), ("cash", 100), ("capex", 40), ("revenue", 250), ("operating_cash_flow", 120))])
    row = e.roic_table(fin, ["microsoft"]).iloc[0]
    # t = 18 / 90 = 0.2; NOPAT = 80; invested = 250 + 50 - 100 = 200; ROIC = 0.4
    assert row["roic"] == pytest.approx(0.4)
    assert row["capex_to_revenue"] == pytest.approx(0.16)


def test_debt_falls_back_to_current_plus_noncurrent() -> None:
    fin = fin_rows([("oracle", "debt_current", "FY2024", 10, "usd_bn"),
                    ("oracle", "debt_noncurrent", "FY2024", 80, "usd_bn"),
                    ("meta", "long_term_debt", "FY2024", 29, "usd_bn"),
                    ("meta", "total_debt", "FY2024", 30, "usd_bn")])
    debt = e.debt_series(fin, ["oracle", "meta"]).set_index("entity")["value_usd_bn"]
    assert debt["oracle"] == 90 and debt["meta"] == 30


# --- 4 ---

def test_straight_line_worked_by_hand() -> None:
    dep = e.straight_line_depreciation(pd.Series({2020: 30.0, 2021: 60.0}), 3)
    assert dep.to_dict() == pytest.approx({2020: 10, 2021: 30, 2022: 30, 2023: 20})


capex_lists = st.lists(st.floats(min_value=0, max_value=1e3), min_size=1, max_size=12)


@given(capex=capex_lists, life=st.integers(min_value=1, max_value=10))
def test_schedule_sums_to_the_capex_it_spreads(capex: list[float], life: int) -> None:
    series = pd.Series(capex, index=range(2010, 2010 + len(capex)))
    assert e.straight_line_depreciation(series, life).sum() == pytest.approx(sum(capex), rel=1e-9, abs=1e-9)


@given(capex=capex_lists, short=st.integers(min_value=1, max_value=8), extra=st.integers(min_value=0, max_value=4))
def test_longer_life_never_raises_early_depreciation(capex: list[float], short: int, extra: int) -> None:
    """The first year's charge, and the charge accumulated up to any year, never rise with the life."""
    series = pd.Series(capex, index=range(2010, 2010 + len(capex)))
    a = e.straight_line_depreciation(series, short).cumsum()
    b = e.straight_line_depreciation(series, short + extra).cumsum()
    assert b[2010] <= a[2010] + 1e-9
    for year in a.index:
        assert b[year] <= a[year] + 1e-9


def test_life_must_be_positive() -> None:
    with pytest.raises(ValueError):
        e.straight_line_depreciation(pd.Series({2020: 1.0}), 0)


def test_depreciation_gap_and_vintages() -> None:
    capex = pd.DataFrame({"entity": ["meta"] * 4, "firm": ["Meta"] * 4, "fiscal_year": [2020, 2021, 2022, 2023],
                          "capex_usd_bn": [12.0, 12.0, 12.0, 12.0]})
    income = pd.DataFrame({"entity": ["meta"] * 2, "fiscal_year": [2022, 2023], "value_usd_bn": [40.0, 40.0]})
    gap = e.depreciation_gap(capex, income, 2, 3, 0.5)
    # servers 6/yr; 2-year life: 6/2*2 = 6; 3-year life: 6/3*3 = 6 from 2022 on -> no gap in steady state
    assert list(gap["fiscal_year"]) == [2022, 2023]
    assert gap["extra_usd_bn"].tolist() == pytest.approx([0, 0])
    pairs = e.vintage_pairs(capex, 3)
    assert len(pairs) == 3 + 3 + 2 + 1
    assert pairs["age"].max() == 2


def test_depreciation_chart_has_two_sliders() -> None:
    capex = pd.DataFrame({"entity": ["meta"] * 9, "firm": ["Meta"] * 9, "fiscal_year": list(range(2015, 2024)),
                          "capex_usd_bn": [10.0] * 9, "source_id": ["a"] * 9})
    income = pd.DataFrame({"entity": ["meta"], "fiscal_year": [2023], "value_usd_bn": [40.0], "source_id": ["b"]})
    sources = pd.DataFrame({"source_id": ["a", "b"], "publisher": ["P", "Q"], "title": ["t", "u"],
                            "url": ["https://e.org/a", "https://e.org/b"],
                            "published": pd.to_datetime(["2024-01-01"] * 2), "kind": ["primary", "secondary"]})
    spec = e.depreciation_slider_chart(capex, income, sources, 6, 0.5).to_dict()
    assert [p["name"] for p in spec["params"]] == ["life_years", "server_share"]


# --- 5 ---

def test_sequoia_method_reproduces_sequoia() -> None:
    # Sequoia 2023: $50B run-rate -> $200B; 2024: $150B -> $600B (both sourced in financials)
    assert e.sequoia_required_revenue(50) == 200
    assert e.sequoia_required_revenue(150) == 600


def test_revenue_gap_uses_labs_floor() -> None:
    fin = fin_rows([("nvidia", "datacenter_revenue", "FY2026", 193.7, "usd_bn"),
                    ("sequoia", "datacenter_cost_multiplier", "CY2024", 2, "multiple"),
                    ("sequoia", "margin_multiplier", "CY2024", 2, "multiple"),
                    ("sequoia", "end_user_gross_margin_assumption", "CY2024", 50, "pct"),
                    ("openai", "revenue", "CY2025", 13, "usd_bn"),
                    ("anthropic", "revenue_run_rate", "2025-12", 9, "usd_bn")])
    row = e.revenue_gap_table(fin).iloc[0]
    assert row["calendar_year"] == 2025
    assert row["labs_revenue_usd_bn"] == 22
    assert row["ratio_dc_to_labs"] == pytest.approx(193.7 / 22)
    assert row["required_usd_bn"] == pytest.approx(193.7 * 4)


# --- 6 ---

def test_sbc_share() -> None:
    fin = fin_rows([("nvidia", "sbc", "FY2026", 6386, "usd_mn"), ("nvidia", "net_income", "FY2026", 120067, "usd_mn")])
    assert e.sbc_share(fin).iloc[0]["sbc_to_net_income"] == pytest.approx(6386 / 120067)


# --- 7 ---

def test_escalator_is_a_prisoners_dilemma() -> None:
    # pool 100, growth 20 %, share alone 80 %, cost 30: invest dominates, both worse off than holding
    table = e.payoffs(100, 0.2, 0.8, 30)
    assert table[("invest", "invest")] == pytest.approx((30, 30))
    assert table[("hold", "hold")] == (50, 50)
    assert e.nash_equilibria(table) == [("invest", "invest")]
    assert e.is_escalator(table)


def test_large_growth_makes_investing_pay() -> None:
    table = e.payoffs(100, 1.0, 0.8, 30)  # both invest: 70 each > 50
    assert e.nash_equilibria(table) == [("invest", "invest")]
    assert not e.is_escalator(table)


def test_no_share_gain_means_nobody_invests() -> None:
    table = e.payoffs(100, 0.1, 0.5, 30)
    assert e.nash_equilibria(table) == [("hold", "hold")]


@given(growth=st.floats(min_value=0, max_value=1), share=st.floats(min_value=0.5, max_value=1),
       cost=st.floats(min_value=0, max_value=100))
def test_escalator_condition_matches_the_formula(growth: float, share: float, cost: float) -> None:
    table = e.payoffs(100, growth, share, cost)
    if e.is_escalator(table):
        assert 100 * growth / 2 < cost  # the pool grows by less than twice the cost


def test_game_grid_covers_all_outcomes() -> None:
    grid = e.game_grid(100, 30)
    assert {"escalator: both invest, both worse off", "both invest and gain"} <= set(grid["outcome"])


def test_finance_lease_gap() -> None:
    fin = fin_rows([("microsoft", "capex", "FY2025", 64551, "usd_mn"),
                    ("microsoft", "capex_incl_finance_leases", "FY2025", 88.2, "usd_bn"),
                    ("meta", "capex", "FY2025", 69.7, "usd_bn")])
    gap = e.finance_lease_gap(fin)
    assert len(gap) == 1
    assert gap.iloc[0]["leases_usd_bn"] == pytest.approx(88.2 - 64.551)


def test_sequoia_method_is_read_from_the_data() -> None:
    fin = fin_rows([("sequoia", "datacenter_cost_multiplier", "CY2024", 2, "multiple"),
                    ("sequoia", "margin_multiplier", "CY2024", 2, "multiple"),
                    ("sequoia", "end_user_gross_margin_assumption", "CY2024", 50, "pct")])
    method = e.sequoia_method(fin)
    assert (method.cost_multiplier, method.margin_multiplier, method.end_user_margin_pct) == (2, 2, 50)


def test_roic_trend_first_and_last() -> None:
    table = pd.DataFrame({"entity": ["meta"] * 3, "firm": ["Meta"] * 3, "fiscal_year": [2022, 2023, 2024],
                          "roic": [0.3, 0.25, 0.2], "capex_to_revenue": [0.2, 0.25, 0.3]})
    row = e.roic_trend(table).iloc[0]
    assert (row["first_year"], row["last_year"], row["roic_first"], row["roic_last"]) == (2022, 2024, 0.3, 0.2)


def test_useful_life_table_joins_stated_effects() -> None:
    fin = fin_rows([("microsoft", "server_useful_life_years", "FY2023", 6, "years"),
                    ("microsoft", "useful_life_change_operating_income_effect", "FY2023", 3.7, "usd_bn"),
                    ("meta", "server_useful_life_years", "FY2025", 5.5, "years")]).assign(note=None)
    table = e.useful_life_table(fin).set_index("entity")
    assert table.loc["microsoft", "effect_usd_bn"] == pytest.approx(3.7)
    assert pd.isna(table.loc["meta", "effect_usd_bn"])


def test_big_six_revenue_sums_the_six() -> None:
    rows = [(ent, "revenue", period, 100, "usd_bn") for ent, period in e.BIG_SIX_2024.items()]
    assert e.big_six_revenue_usd_bn(fin_rows(rows)) == pytest.approx(600)


def test_share_sentences_and_roic_movers() -> None:
    v = e.ShareVerdict(2020, 2025, 3.0, {"amazon": -6.7, "alphabet": 3.2}, {"amazon": -4.0, "alphabet": 5.0}, 0.9,
                       "Amazon", -4.0)
    assert e.share_sentences(v) == ("Alphabet: spending share +3.2 points, market share +5; "
                                    "Amazon: spending share -6.7 points, market share -4")
    trend = pd.DataFrame({"firm": ["A", "B", "C"], "roic_first": [0.5, 0.2, 0.3], "roic_last": [0.3, 0.3, 0.3]})
    assert e.roic_movers(trend) == ("A", "B and C")


def test_broad_revenue_ratio() -> None:
    fin = fin_rows([("industry", "genai_revenue_ttm", "2026-06", 110, "usd_bn")])
    broad = e.broad_revenue(fin, 193.7)
    assert broad.dc_ratio == pytest.approx(193.7 / 110)


def test_sequoia_method_reproduces_sequoias_own_published_figures() -> None:
    from analysis.data import load

    fin = load("financials")
    seq = fin[fin["entity"] == "sequoia"].set_index(["metric", "period"])["value"]
    method = e.sequoia_method(fin)
    for period in ("CY2023", "CY2024"):
        needed = e.sequoia_required_revenue(seq[("nvidia_dc_run_rate_input", period)], method.cost_multiplier,
                                            method.margin_multiplier)
        assert needed == seq[("implied_revenue_needed", period)]


def test_capex_with_source_and_depreciation_effect() -> None:
    intensity = pd.DataFrame({"entity": ["meta"], "firm": ["Meta"], "fiscal_year": [2024], "capex_usd_bn": [37.3],
                              "source_ids": ["a b c"]})
    assert e.capex_with_source(intensity).iloc[0]["source_id"] == "a"
    gap = pd.DataFrame({"fiscal_year": [2024, 2025, 2025], "extra_usd_bn": [9.0, 3.0, 1.0],
                        "operating_income_usd_bn": [50.0, 30.0, 10.0]})
    effect = e.depreciation_effect(gap)
    assert (effect.fiscal_year, effect.extra_usd_bn, effect.share_of_operating_income) == (2025, 4.0, 0.1)
