"""The verdict model: its laws, the Monte Carlo's reproducibility and convergence, the page twin,
and the precedent's computed comparison."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import conclusions, precedent, verdict, verdict_charts
from analysis.data import load
from analysis.robustness import Finding, Variant
from analysis.verdict import Base, Params, simulate

TABLES = ("financials", "claims", "deals", "energy_estimates", "electricity_generation", "campuses", "model_prices",
          "fx_rates", "capability")


@pytest.fixture(scope="module")
def inp() -> verdict.Inputs:
    return verdict.inputs({n: load(n) for n in TABLES})


BASE = Base((2024, 2025, 2026), (200.0, 350.0, 700.0), 2026, 100.0)
CENTRAL = Params(life_years=5.0, wacc=0.09, margin=0.5, ai_share=1.0, revenue_share=1.0, supply_gw=12.0,
                 usd_bn_per_gw=45.0,
                 capex_growth=0.0, usage_growth=2.0, price_decline=1.5)


def test_straight_line_depreciation_by_hand() -> None:
    base = Base((2024, 2025, 2026), (100.0, 0.0, 0.0), 2026, 100.0)
    run = simulate(base, replace(CENTRAL, life_years=4.0, capex_growth=0.0))
    # one vintage of 100 in 2024, life 4: 25 a year in 2024–2027, nothing after; 2026 opens at 50 and closes at
    # 25 (average 37.5), 2027 opens at 25 and closes at 0 (average 12.5)
    assert run["depreciation"][0].tolist() == [25.0, 25.0, 0.0, 0.0, 0.0]
    assert run["book_value"][0].tolist() == [37.5, 12.5, 0.0, 0.0, 0.0]
    assert run["needed"][0, 0] == pytest.approx(25.0 + 0.09 / (1 - verdict.TAX_RATE) * 37.5)


def test_revenue_follows_usage_and_price() -> None:
    run = simulate(BASE, replace(CENTRAL, usage_growth=1.0, price_decline=2.0, revenue_share=0.5))
    assert np.allclose(run["revenue"][0], 100.0)
    assert np.allclose(run["available"][0], 25.0)


def test_planned_capex_is_capped_by_the_power_it_can_use() -> None:
    run = simulate(BASE, replace(CENTRAL, supply_gw=10.0, usd_bn_per_gw=40.0))
    assert np.allclose(run["capex"][0], 400.0)


positive = st.floats(min_value=0.5, max_value=40.0)


@settings(max_examples=60, deadline=None)
@given(life=st.floats(min_value=1.0, max_value=10.0), longer=st.floats(min_value=0.0, max_value=5.0))
def test_a_longer_life_never_raises_early_depreciation(life: float, longer: float) -> None:
    short = simulate(BASE, replace(CENTRAL, life_years=life))["depreciation"][0, 0]
    long = simulate(BASE, replace(CENTRAL, life_years=life + longer))["depreciation"][0, 0]
    assert long <= short + 1e-9


@settings(max_examples=60, deadline=None)
@given(decline=st.floats(min_value=0.5, max_value=50.0), faster=st.floats(min_value=0.0, max_value=10.0),
       usage=st.floats(min_value=0.0, max_value=5.0))
def test_a_faster_price_decline_never_raises_revenue_at_fixed_usage(decline: float, faster: float,
                                                                  usage: float) -> None:
    slow = simulate(BASE, replace(CENTRAL, price_decline=decline, usage_growth=usage))["revenue"][0]
    fast = simulate(BASE, replace(CENTRAL, price_decline=decline + faster, usage_growth=usage))["revenue"][0]
    assert (fast <= slow * (1 + 1e-12)).all()


@settings(max_examples=60, deadline=None)
@given(supply=positive, less=st.floats(min_value=0.0, max_value=1.0))
def test_less_power_never_raises_energised_capex(supply: float, less: float) -> None:
    more_power = simulate(BASE, replace(CENTRAL, supply_gw=supply))["capex"][0]
    less_power = simulate(BASE, replace(CENTRAL, supply_gw=supply * less))["capex"][0]
    assert (less_power <= more_power + 1e-9).all()


def test_the_gap_closes_in_the_first_year_it_is_covered() -> None:
    gap = np.array([[5.0, -1.0, 2.0, -3.0, -4.0], [1.0, 1.0, 1.0, 1.0, 1.0]])
    years = verdict.closing_year(gap)
    assert years[0] == verdict.REVENUE_YEAR + 1
    assert np.isnan(years[1])


def test_growth_from_a_run_rate_inverts_the_smooth_growth_formula() -> None:
    growth = verdict.growth_from_run_rate(150.0, 100.0)
    k = np.log(growth)
    assert k / (1 - np.exp(-k)) == pytest.approx(1.5)
    with pytest.raises(ValueError):
        verdict.growth_from_run_rate(90.0, 100.0)


def test_the_monte_carlo_is_reproducible_under_its_seed(inp: verdict.Inputs) -> None:
    a = verdict.monte_carlo(inp.base, inp.ranges, draws=20_000, seed=7)
    b = verdict.monte_carlo(inp.base, inp.ranges, draws=20_000, seed=7)
    assert a.p_close == b.p_close
    assert a.closing.equals(b.closing)


#: Two seeds of 100,000 draws agree on the probability within this (≈ 6 standard errors of a share).
CONVERGENCE = 0.01


def test_the_probability_converges_across_seeds(inp: verdict.Inputs) -> None:
    a = verdict.monte_carlo(inp.base, inp.ranges, seed=1)
    b = verdict.monte_carlo(inp.base, inp.ranges, seed=2)
    assert a.draws == verdict.DRAWS >= 100_000
    assert abs(a.p_close - b.p_close) < CONVERGENCE
    assert a.closing["share"].sum() == pytest.approx(1.0)


def test_the_tornado_swings_each_parameter_over_its_range(inp: verdict.Inputs) -> None:
    table = verdict.tornado(inp.base, inp.central, inp.ranges)
    assert set(table["parameter"]) == set(inp.ranges)
    assert table["swing"].is_monotonic_decreasing
    usage = table.set_index("parameter").loc["usage_growth"]
    assert usage["cover_high"] > usage["cover_low"]


def test_thresholds_close_the_gap_exactly_in_the_last_year(inp: verdict.Inputs) -> None:
    t = verdict.thresholds(inp.base, inp.central)
    for field in ("price_decline", "usage_growth", "margin"):
        run = simulate(inp.base, replace(inp.central, **{field: getattr(t, field)}))
        assert run["gap"][0, -1] == pytest.approx(0.0, abs=1e-6)


def test_central_values_sit_in_their_ranges(inp: verdict.Inputs) -> None:
    for key, (lo, hi) in inp.ranges.items():
        assert lo <= getattr(inp.central, key) <= hi + 1e-12, key
    assert set(verdict.assumptions_table(inp)["Parameter"]) == set(verdict.NAMES.values())


@pytest.mark.parametrize("params", [{}, {"life_years": 3.5, "wacc": 0.105, "margin": 0.35, "usage_growth": 1.2,
                                        "price_decline": 2.6, "supply_gw": 7.0}])
def test_path_chart_matches_its_python_twin(inp: verdict.Inputs, params: dict) -> None:
    from vega_twin import dataset_with

    spec = verdict_charts.path_chart(inp, load("sources")).to_dict()
    page = dataset_with(spec, params, "needed_usd_bn").drop_duplicates("year").set_index("year")
    python = verdict.central_path(inp.base, replace(inp.central, **{**verdict_charts.slider_defaults(inp),
                                                                    **params})).set_index("year")
    assert list(page.index) == list(python.index)
    for column in ("needed_usd_bn", "available_usd_bn", "gap_usd_bn"):
        assert np.allclose(page[column], python[column], rtol=1e-9), column


def test_gdp_is_the_mean_of_four_quarters() -> None:
    gdp = precedent.gdp_by_year(load("precedent")).set_index("year")["gdp_usd_bn"]
    rows = load("precedent").query("measure == 'gdp_nominal_q_saar' and period.str.startswith('2000')")
    assert len(rows) == 4
    assert gdp[2000] == pytest.approx(rows["value"].mean())


def test_the_precedent_comparison_is_computed_from_sources() -> None:
    sides = precedent.comparison(load("precedent"), load("financials"), load("deals"))
    share = next(s for s in sides if s.measure == "Capex as a share of US GDP")
    assert 0.005 < share.telecom_value < 0.02 and 0.005 < share.ai_value < 0.05
    sources = set(load("sources")["source_id"])
    assert all(i in sources for s in sides for i in s.source_ids)


def _finding(key: str, holds: list[bool]) -> Finding:
    return Finding(key, "x", tuple(Variant(f"d{i}", "r", h) for i, h in enumerate(holds)))


@pytest.mark.parametrize(("key", "holds", "score"), [
    ("guidance", [True, True], 1.0), ("guidance", [False, False], -1.0), ("guidance", [True, False], 0.0),
    ("guidance", [True, True, True, False], 0.5), ("circulation", [True, True], -1.0),
    ("circulation", [False, False, True, False], 0.5),
])
def test_a_finding_scores_by_its_direction_and_status(key: str, holds: list[bool], score: float) -> None:
    assert conclusions.finding_score(_finding(key, holds)) == score


def test_the_monte_carlo_counts_only_when_every_design_agrees() -> None:
    assert conclusions.monte_carlo_score([0.3, 0.45]) == 1.0
    assert conclusions.monte_carlo_score([0.6, 0.9]) == -1.0
    assert conclusions.monte_carlo_score([0.4, 0.51]) == 0.0


def test_confidence_follows_the_findings() -> None:
    assert conclusions.confidence([]) == "low"
    assert conclusions.confidence([_finding("guidance", [True, True])]) == "high"
    assert conclusions.confidence([_finding("guidance", [True, True]), _finding("roic", [True, False])]) == "medium"


def test_every_thesis_gets_a_generated_paragraph(inp: verdict.Inputs) -> None:
    tables = {n: load(n) for n in TABLES}
    mc = verdict.monte_carlo(inp.base, inp.ranges, draws=2_000)
    limits = verdict.thresholds(inp.base, inp.central)
    designs = verdict.design_sensitivity(inp, draws=2_000)
    out = conclusions.thesis_verdicts(tables, tables["claims"], inp, mc, designs, limits,
                                      conclusions.fixed_capability_decline(tables))
    assert [v.thesis for v in out] == list(conclusions.PAGES)
    for v in out:
        assert v.verdict in ("supported", "not supported", "mixed") and v.confidence in ("high", "medium", "low")
        assert f"{v.verdict}, {v.confidence} confidence" in v.paragraph and ".ipynb)" in v.paragraph


def test_the_model_benchmark_replaces_only_its_own_section() -> None:
    from benchmarks import model

    block = f"{model.START}\nnew\n{model.END}"
    assert model.splice("# Performance\n", block) == f"# Performance\n\n{block}\n"
    old = f"# Performance\n\n{model.START}\nold\n{model.END}\ntail\n"
    assert model.splice(old, block) == f"# Performance\n\n{block}\ntail\n"
