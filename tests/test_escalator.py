"""The escalator chapter's functions, on cases worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import escalator as e
from analysis import escalator_charts as ec


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

ROIC_ROWS = (("operating_income", 100), ("income_tax", 18), ("pretax_income", 90), ("total_equity", 250),
             ("debt_noncurrent", 40), ("debt_current", 10), ("cash_and_equivalents", 60),
             ("short_term_investments", 40))


def roic_fin(entity: str = "microsoft", year: int = 2024, **changes: float) -> pd.DataFrame:
    values = {**dict(ROIC_ROWS), **changes}
    return fin_rows([(entity, m, f"FY{year}", v, "usd_bn") for m, v in values.items()])


def test_roic_worked_by_hand_under_each_definition() -> None:
    fin = roic_fin()
    roic = {d.name: e.roic_table(e.roic_inputs(fin, d, ["microsoft"]))["roic"].iloc[0] for d in e.ROIC_DEFINITIONS}
    # t = 18 / 90 = 0.2; NOPAT = 80; debt = 40 + 10 = 50
    assert roic["equity + debt, no cash netted"] == pytest.approx(80 / 300)
    assert roic["net of cash and equivalents"] == pytest.approx(80 / 240)
    assert roic["net of cash, equivalents and short-term investments"] == pytest.approx(80 / 200)
    assert roic["equity + debt, statutory tax rate"] == pytest.approx(100 * (1 - e.STATUTORY_TAX_RATE) / 300)


def test_roic_refuses_inputs_whose_definitions_differ() -> None:
    a = e.roic_inputs(roic_fin("microsoft"), e.ROIC_DEFINITIONS[1], ["microsoft"])
    b = e.roic_inputs(roic_fin("meta"), e.ROIC_DEFINITIONS[2], ["meta"])
    with pytest.raises(ValueError, match="mix definitions"):
        e.roic_table(pd.concat([a, b]))


def test_roic_never_fills_a_missing_input_from_another_definition() -> None:
    fin = roic_fin().query("metric != 'cash_and_equivalents'")
    fin = pd.concat([fin, fin_rows([("microsoft", "cash_and_short_term_investments", "FY2024", 100, "usd_bn")])])
    assert e.roic_inputs(fin, e.ROIC_DEFINITIONS[1], ["microsoft"]).empty
    assert len(e.roic_inputs(fin, e.ROIC_DEFINITIONS[0], ["microsoft"])) == 1


def test_a_loss_year_uses_the_statutory_rate_and_says_so() -> None:
    fin = roic_fin(income_tax=-3, pretax_income=-6)
    row = e.roic_table(e.roic_inputs(fin, e.ROIC_DEFINITIONS[0], ["microsoft"])).iloc[0]
    assert row["tax_rate"] == e.STATUTORY_TAX_RATE
    assert row["tax_basis"] == "statutory (loss year)"


def test_roic_finding_counts_fallers_under_every_definition() -> None:
    fin = pd.concat([roic_fin("microsoft", 2020, operating_income=200), roic_fin("microsoft", 2025),
                     roic_fin("meta", 2020), roic_fin("meta", 2025, operating_income=200)])
    finding = e.roic_finding(fin)
    assert [v.result for v in finding.variants] == ["fell at 1 of 2"] * (len(e.ROIC_DEFINITIONS) + 1)
    assert finding.variants[-1].definition.endswith("(Microsoft 2020→2025; Meta 2020→2025)")
    assert finding.status == "does not hold"


# --- 4 ---

def test_straight_line_worked_by_hand() -> None:
    dep = e.straight_line_depreciation(pd.Series({2020: 30.0, 2021: 60.0}), 3)
    assert dep.to_dict() == pytest.approx({2020: 10, 2021: 30, 2022: 30, 2023: 20})


def test_a_fractional_life_ends_with_a_part_year() -> None:
    dep = e.straight_line_depreciation(pd.Series({2020: 11.0}), 5.5)
    assert dep.to_dict() == pytest.approx({2020: 2, 2021: 2, 2022: 2, 2023: 2, 2024: 2, 2025: 1})


capex_lists = st.lists(st.floats(min_value=0, max_value=1e3), min_size=1, max_size=12)


@given(capex=capex_lists, life=st.floats(min_value=1, max_value=10))
def test_schedule_sums_to_the_capex_it_spreads(capex: list[float], life: float) -> None:
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


def lives_fin() -> pd.DataFrame:
    return fin_rows([("microsoft", "server_useful_life_years", "FY2020", 3, "years"),
                     ("microsoft", "server_useful_life_years", "FY2021", 4, "years"),
                     ("microsoft", "server_useful_life_years", "FY2023", 6, "years"),
                     ("meta", "server_useful_life_years", "Q1FY2022", 4, "years"),
                     ("meta", "server_useful_life_years", "Q4FY2022", 5, "years"),
                     ("meta", "server_useful_life_years", "FY2025", 5.5, "years")])


def test_each_firm_keeps_its_own_life_year_by_year() -> None:
    lives = e.life_history(lives_fin()).set_index(["entity", "fiscal_year"])["life_years"]
    assert [lives[("microsoft", y)] for y in (2015, 2020, 2021, 2022, 2023, 2026)] == [3, 3, 4, 4, 6, 6]
    # a change in the fourth quarter applies from the next year; one in the first quarter, to its year
    assert [lives[("meta", y)] for y in (2021, 2022, 2023, 2024, 2025)] == [4, 4, 5, 5, 5.5]
    assert e.life_changes(e.life_history(lives_fin())) == ("Microsoft 3→4 (2021), 4→6 (2023); "
                                                            "Meta 4→5 (2023), 5→5.5 (2025)")


def test_depreciation_model_against_each_firms_books() -> None:
    capex = pd.DataFrame({"entity": ["meta"] * 10, "firm": ["Meta"] * 10, "fiscal_year": list(range(2016, 2026)),
                          "capex_usd_bn": [10.0] * 10})
    model = e.depreciation_model(capex, e.life_history(lives_fin()), 3, 0.5, max_life_years=8)
    assert list(model["year"]) == [2023, 2024, 2025]
    # steady capex: any life charges 5 a year once every vintage in its window is in service
    assert model["dep_books_usd_bn"].tolist() == pytest.approx([5, 5, 5])
    assert model["change_usd_bn"].tolist() == pytest.approx([0, 0, 0])
    rising = capex.assign(capex_usd_bn=[float(i) for i in range(1, 11)])
    model = e.depreciation_model(rising, e.life_history(lives_fin()), 3, 1.0, max_life_years=8).set_index("year")
    # 2025 books: Meta 5.5 years -> vintages 2020-2024 at 1/5.5, 2025's vintage too, 2020's half
    books = (sum(range(6, 11)) + 5 * 0.5) / 5.5
    assert model.loc[2025, "dep_books_usd_bn"] == pytest.approx(books)
    assert model.loc[2025, "dep_model_usd_bn"] == pytest.approx((8 + 9 + 10) / 3)


def test_depreciation_chart_matches_its_python_twin() -> None:
    from vega_twin import dataset_with

    capex = pd.DataFrame({"entity": ["meta"] * 10, "firm": ["Meta"] * 10, "fiscal_year": list(range(2016, 2026)),
                          "capex_usd_bn": [float(i) for i in range(1, 11)], "source_id": ["s0"] * 10})
    income = pd.DataFrame({"entity": ["meta"] * 3, "fiscal_year": [2023, 2024, 2025], "value_usd_bn": [40.0] * 3,
                           "source_id": ["s1"] * 3})
    lives = e.life_history(lives_fin())
    sources = pd.DataFrame({"source_id": [f"s{i}" for i in range(6)], "publisher": ["P"] * 6, "title": ["t"] * 6,
                            "url": ["https://e.org"] * 6, "original_url": [""] * 6,
                            "published": pd.to_datetime(["2024-01-01"] * 6), "kind": ["primary"] * 6})
    spec = ec.depreciation_slider_chart(capex, income, lives, sources, 0.5).to_dict()
    assert [p["name"] for p in spec["params"]] == ["life_years", "server_share"]
    for life, share in ((3, 0.5), (5.5, 0.8)):
        page = dataset_with(spec, {"life_years": life, "server_share": share}, "change_usd_bn").set_index("year")
        twin = e.depreciation_model(capex, lives, life, share).set_index("year")
        for year in twin.index:
            assert page.loc[year, "change_usd_bn"] == pytest.approx(twin.loc[year, "change_usd_bn"])


def test_depreciation_effect_sign() -> None:
    model = pd.DataFrame({"firm": ["Meta", "Meta"], "year": [2024, 2025], "change_usd_bn": [-1.0, -4.0]})
    income = pd.DataFrame({"entity": ["meta"], "fiscal_year": [2025], "value_usd_bn": [40.0]})
    effect = e.depreciation_effect(model, income, 3)
    assert (effect.fiscal_year, effect.change_usd_bn, effect.share_of_operating_income) == (2025, -4.0, -0.1)


# --- 5 ---

def test_sequoia_method_reproduces_sequoia() -> None:
    # Sequoia 2023: $50B run-rate -> $200B; 2024: $150B -> $600B (both sourced in financials)
    assert e.sequoia_required_revenue(50) == 200
    assert e.sequoia_required_revenue(150) == 600


def test_revenue_gap_puts_both_labs_on_one_basis() -> None:
    fin = fin_rows([("nvidia", "datacenter_revenue", "FY2026", 193.7, "usd_bn"),
                    ("nvidia", "datacenter_revenue", "FY2025", 115.2, "usd_bn"),
                    ("sequoia", "datacenter_cost_multiplier", "CY2024", 2, "multiple"),
                    ("sequoia", "margin_multiplier", "CY2024", 2, "multiple"),
                    ("sequoia", "end_user_gross_margin_assumption", "CY2024", 50, "pct"),
                    ("openai", "revenue", "CY2025", 13, "usd_bn"),
                    ("openai", "revenue_run_rate", "2025-12", 20, "usd_bn"),
                    ("openai", "revenue_run_rate", "2024-12", 6, "usd_bn"),
                    ("anthropic", "revenue_run_rate", "2025-12", 9, "usd_bn")])
    gap = e.revenue_gap_table(fin).set_index("fiscal_year")
    assert gap.loc[2026, "calendar_year"] == 2025
    assert gap.loc[2026, "labs_revenue_usd_bn"] == 29  # December run-rates, not calendar revenue + a run-rate
    assert pd.isna(gap.loc[2025, "labs_revenue_usd_bn"])  # Anthropic's December 2024 figure is missing
    assert gap.loc[2026, "required_usd_bn"] == pytest.approx(193.7 * 4)
    assert e.chips_sold_usd_bn(gap.reset_index(), 2025) == pytest.approx(193.7 + 115.2)


def test_guidance_is_compared_like_for_like() -> None:
    fin = fin_rows([("microsoft", "capex", "FY2025", 60, "usd_bn"), ("microsoft", "revenue", "FY2025", 300, "usd_bn"),
                    ("microsoft", "operating_cash_flow", "FY2025", 130, "usd_bn"),
                    ("microsoft", "capex_incl_finance_leases", "FY2025", 90, "usd_bn"),
                    ("microsoft", "capex_guidance", "CY2026", 180, "usd_bn"),
                    ("amazon", "capex", "FY2025", 100, "usd_bn"), ("amazon", "revenue", "FY2025", 700, "usd_bn"),
                    ("amazon", "operating_cash_flow", "FY2025", 140, "usd_bn"),
                    ("amazon", "capex_guidance", "CY2026", 200, "usd_bn")])
    intensity, guidance = e.capex_intensity(fin), e.capex_guidance(fin)
    assert e.guidance_multiple(intensity, guidance, fin, like_for_like=False) == pytest.approx(380 / 160)
    assert e.guidance_multiple(intensity, guidance, fin, like_for_like=True) == pytest.approx(380 / 190)
    finding = e.guidance_finding(intensity, guidance, fin, threshold=2.1)
    assert [v.holds for v in finding.variants] == [False, True, False]
    assert finding.status == "fragile"


# --- 6 ---

def test_sbc_share() -> None:
    fin = fin_rows([("nvidia", "sbc", "FY2026", 6386, "usd_mn"), ("nvidia", "net_income", "FY2026", 120067, "usd_mn")])
    assert e.sbc_share(fin).iloc[0]["sbc_to_net_income"] == pytest.approx(6386 / 120067)


def test_buybacks_pooled_over_the_boom() -> None:
    fin = fin_rows([("nvidia", "buybacks", "FY2025", 34, "usd_bn"), ("nvidia", "net_income", "FY2025", 72.9, "usd_bn"),
                    ("nvidia", "buybacks", "FY2023", 10, "usd_bn"), ("nvidia", "net_income", "FY2023", 4.4, "usd_bn"),
                    ("nvidia", "buybacks", "FY2026", 40, "usd_bn"), ("nvidia", "net_income", "FY2026", 120, "usd_bn")])
    table = e.buyback_share(fin)
    assert e.pooled_ratio(table, "buybacks_usd_bn", "net_income_usd_bn", 2024) == pytest.approx(74 / 192.9)


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


def test_game_chart_matches_its_python_twin() -> None:
    from vega_twin import dataset_with

    spec = ec.game_chart(100.0, 30.0).to_dict()
    for cost in (10.0, 30.0, 70.0):
        page = dataset_with(spec, {"cost": cost}, "outcome").set_index(["growth", "share_alone"])["outcome"]
        twin = e.game_grid(100.0, cost).set_index(["growth", "share_alone"])["outcome"]
        assert page.reindex(twin.index).tolist() == twin.tolist()


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


def test_roic_trend_over_a_common_window() -> None:
    table = pd.DataFrame({"entity": ["meta"] * 3 + ["amazon"] * 2, "fiscal_year": [2022, 2023, 2024, 2023, 2024],
                          "roic": [0.3, 0.25, 0.2, 0.1, 0.15]})
    assert e.roic_window([table]) == (2023, 2024, ["amazon", "meta"])
    trend = e.roic_trend(table, 2022, 2024, ["meta"]).iloc[0]
    assert (trend["roic_first"], trend["roic_last"]) == (0.3, 0.2)
    assert trend["change_pp"] == pytest.approx(-10)


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


def test_share_finding_tries_other_base_years() -> None:
    fin = share_fin()
    rows = []
    for entity, c, s in zip(["amazon", "microsoft", "alphabet"], (60, 50, 40), (33, 20, 10), strict=True):
        rows += [(entity, "capex", "FY2022", c, "usd_bn"), (entity, "cloud_market_share", "Q4CY2022", s, "pct")]
    table = e.share_comparison(pd.concat([fin, fin_rows(rows)]))
    finding = e.share_finding(table, (2022,))
    # Microsoft spends most in 2025: +1 point from 2020, +1 from 2022
    assert [v.holds for v in finding.variants] == [False, False]
    assert finding.status == "does not hold"


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


def test_capex_with_source() -> None:
    intensity = pd.DataFrame({"entity": ["meta"], "firm": ["Meta"], "fiscal_year": [2024], "capex_usd_bn": [37.3],
                              "source_ids": ["a b c"]})
    assert e.capex_with_source(intensity).iloc[0]["source_id"] == "a"
