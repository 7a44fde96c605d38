"""Thesis 4, energy: unit conversions, the campus table, the binding model and its page twin,
the reactor arithmetic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import energy as e
from analysis.data import load

GW = st.floats(min_value=0.0, max_value=1e3, allow_nan=False)
LF = st.floats(min_value=0.01, max_value=1.0)
PUE = st.floats(min_value=1.0, max_value=3.0)


@given(GW, LF, PUE)
def test_gw_and_twh_are_inverse(gw: float, lf: float, pue: float) -> None:
    assert e.gw_for_twh(e.twh_per_year(gw, lf, pue), lf, pue) == pytest.approx(gw, abs=1e-9)


@given(GW, LF, PUE)
def test_twh_grows_with_each_input(gw: float, lf: float, pue: float) -> None:
    twh = e.twh_per_year(gw, lf, pue)
    assert twh == pytest.approx(gw * pue * 8.76 * lf)
    assert e.twh_per_year(gw + 1, lf, pue) > twh
    assert e.twh_per_year(gw, lf, pue + 0.5) >= twh


def test_one_gw_flat_out_for_a_year_is_8_76_twh() -> None:
    assert e.twh_per_year(1.0, 1.0) == pytest.approx(8.76)
    assert e.twh_per_year(10.0, 0.8, 1.25) == pytest.approx(87.6)


@pytest.mark.parametrize(("lf", "pue"), [(0.0, 1.0), (1.2, 1.0), (0.8, 0.9)])
def test_impossible_load_factor_or_pue_is_refused(lf: float, pue: float) -> None:
    with pytest.raises(ValueError, match=r"load factor|PUE"):
        e.twh_per_year(1.0, lf, pue)


def test_accelerators_per_gw_on_a_hand_worked_case() -> None:
    # 1 GW at PUE 1.2 leaves 833,333 kW for IT; an NVL72 rack of 120 kW holds 72 GPUs: 1.667 kW each.
    assert e.accelerators_mn(1.0, 1.2, 120 / 72) == pytest.approx(0.5)


def _campuses(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["site", "country", "gw", "target_year", "part_of"])


def test_a_campus_counts_once_with_its_dated_phase_split_out() -> None:
    table = _campuses([("Big", "US", 5.0, np.nan, np.nan), ("Big phase 1", "US", 2.0, 2030, "Big"),
                       ("Big phase 1a", "US", 0.5, 2027, "Big phase 1"), ("Small", "US", 1.0, 2026, np.nan)])
    pieces = e.dated_pieces(table)
    assert pieces["gw"].sum() == pytest.approx(6.0)
    by = {(c, y if pd.notna(y) else None): g for c, y, g in zip(pieces["campus"], pieces["year"], pieces["gw"],
                                                                 strict=True)}
    assert by == {("Big", 2030.0): 2.0, ("Big", None): 3.0, ("Small", 2026.0): 1.0}
    years = e.gw_by_year(pieces, 2026, 2030)
    assert list(years["cumulative_gw"]) == [1.0, 1.0, 1.0, 1.0, 3.0]


def test_bad_campus_rows_name_file_line_and_column() -> None:
    table = _campuses([("A", "US", 1.0, 2026, np.nan), ("B", "US", 2.0, 2026, "Nowhere"),
                       ("C", "US", 3.0, 2027, "A")])
    problems = e.campus_problems(table)
    assert problems[0].startswith("data/campuses.csv:3:5: part_of 'Nowhere' names no site")
    assert problems[1].startswith("data/campuses.csv:4:5: 3.0 GW is more than")
    with pytest.raises(ValueError, match=r"campuses\.csv:3:5"):
        e.dated_pieces(table)


def test_the_book_campus_table_is_consistent() -> None:
    assert e.campus_problems(load("campuses")) == []


def test_first_binding_year_on_hand_made_inputs() -> None:
    demand = pd.DataFrame({"year": [2026, 2027, 2028], "cumulative_gw": [5.0, 12.0, 31.0]})
    assert e.first_binding_year(demand, 10.0) == 2028
    assert e.first_binding_year(demand, 4.0) == 2026
    assert e.first_binding_year(demand, 100.0) is None


def test_binding_year_is_the_first_year_plans_exceed_the_ceiling() -> None:
    plan = pd.DataFrame({"year": [2024, 2025], "capex_usd_bn": [100.0, 200.0], "kind": ["reported", "guidance"]})
    path = e.plan_path(plan, 0.5, 2027)
    assert list(path["capex_usd_bn"]) == [100.0, 200.0, 300.0, 450.0]
    ceiling = e.energisable_capex_usd_bn(8.0, 1.25, 50.0)
    assert ceiling == pytest.approx(320.0)
    assert e.binding_year(path, ceiling) == 2027
    assert e.binding_year(path, 1000.0) is None
    # A reported year above the ceiling is not a binding year: the inputs are refuted by spending.
    assert e.binding_year(path, 50.0) == 2025 and e.contradicted(path, 50.0)
    assert not e.contradicted(path, ceiling)


def test_implied_supply_on_a_hand_worked_projection() -> None:
    estimates = pd.DataFrame({"estimator": ["X"] * 2, "scope": ["us"] * 2, "measure": ["electricity"] * 2,
                              "scenario": ["history", "base"], "year": [2024, 2030], "value": [100.0, 100 + 6 * 8.76],
                              "source_id": ["s", "s"]})
    assert e.implied_supply_gw_per_year(estimates, "X", "us", "base", load_factor=1.0) == pytest.approx(1.0)


def test_us_share_divides_by_the_same_years_generation_or_the_last() -> None:
    estimates = pd.DataFrame({"estimator": ["X", "X", "X"], "scope": ["us"] * 3,
                              "measure": ["electricity", "electricity", "share"],
                              "scenario": ["history", "base", "base"],
                              "year": [2024, 2030, 2030], "value": [200.0, 400.0, 9.0], "source_id": ["s"] * 3})
    generation = pd.DataFrame({"country": ["United States"] * 2, "year": [2024, 2025], "twh": [4000.0, 5000.0]})
    shares = e.us_shares(estimates, generation).set_index("year")
    assert shares.loc[2024, "share_computed"] == pytest.approx(0.05)
    assert shares.loc[2030, "share_computed"] == pytest.approx(0.08)
    assert shares.loc[2030, "share_published"] == pytest.approx(0.09)


def test_reactor_arithmetic_on_a_hand_worked_case() -> None:
    # NuScale's 2023 estimate: USD 9.3bn for 462 MW = USD 20.13bn per GW; USD 1tn buys 49.7 GW.
    plant = e.Plant("SMR", 9.3, "USD", 0.462, 2023, 2030, "cancelled", ())
    assert plant.bn_per_gw == pytest.approx(20.13, abs=0.01)
    assert e.gw_for_budget(1000.0, plant) == pytest.approx(49.68, abs=0.01)
    table = e.reactor_table([plant, e.Plant("CAD plant", 20.9, "CAD", 1.2, 2025, 2030, "x", ())], 1000.0, 0.9)
    assert table.loc[0, "budget_twh"] == pytest.approx(49.68 * 8.76 * 0.9, abs=0.1)
    assert table.loc[0, "build_years"] == 7
    assert np.isnan(table.loc[1, "budget_gw"])


def test_the_book_plants_come_from_the_data() -> None:
    plants = {p.name.split()[0]: p for p in e.plants(load("financials"))}
    assert plants["NuScale/UAMPS"].gw == pytest.approx(0.462)
    assert plants["Vogtle"].build_years == 11
    assert plants["Darlington"].currency == "CAD"


def test_binding_chart_matches_its_python_twin() -> None:
    from vega_twin import dataset_with

    from analysis import energy_charts as ec

    sources = pd.DataFrame({"source_id": ["s"], "publisher": ["P"], "title": ["t"], "url": ["https://e.org"],
                            "original_url": [""], "published": pd.to_datetime(["2024-01-01"]), "kind": ["primary"]})
    plan = pd.DataFrame({"year": [2024, 2025, 2026], "capex_usd_bn": [200.0, 350.0, 700.0],
                         "kind": ["reported", "reported", "guidance"]})
    ranges = e.Ranges((4.0, 20.0), (1.09, 1.54), (35.0, 60.0))
    spec = ec.binding_chart(plan, 12.0, 1.1, 50.0, 0.0, ranges, sources, ["s"], "t").to_dict()
    for supply, pue, cost, growth in ((12.0, 1.1, 50.0, 0.0), (5.0, 1.5, 35.0, 0.15), (25.0, 1.0, 90.0, -0.2),
                                      (2.0, 1.5, 40.0, 0.1)):
        page = dataset_with(spec, {"supply": supply, "pue": pue, "cost": cost, "growth": growth},
                            "energisable_usd_bn").set_index("year")
        path = e.plan_path(plan, growth).set_index("year")["capex_usd_bn"]
        ceiling = e.energisable_capex_usd_bn(supply, pue, cost)
        for year in range(2024, e.LAST_YEAR + 1):
            assert page.loc[year, "capex_usd_bn"] == pytest.approx(path[year])
            assert page.loc[year, "energisable_usd_bn"] == pytest.approx(ceiling)
        first = e.binding_year(e.plan_path(plan, growth), ceiling)
        over = page[page["binds"] == "plans exceed it"].index
        assert page["binds"].str.startswith("spent above").any() == e.contradicted(e.plan_path(plan, growth), ceiling)
        assert (int(over.min()) if len(over) else None) == first


def test_the_energy_claims_are_judged() -> None:
    tables = {n: load(n) for n in ("financials", "claims", "deals", "energy_estimates", "electricity_generation",
                                   "campuses", "facts")}
    rows = {r.claim_id: r for r in e.claim_checks(tables)}
    assert set(rows) == {"c061", "c070", "c071", "c072", "c073"}
    share = rows["c070"].readings[0]
    assert share.verdict == "does not hold" and 0 < share.value < 5
    assert rows["c072"].readings[0].verdict == "cannot be checked"


def test_reactor_display_names_currency_and_span() -> None:
    from analysis import energy_charts as ec

    table = e.reactor_table([e.Plant("CAD plant", 20.9, "CAD", 1.2, 2025, 2030, "x", ())], 1000.0)
    shown = ec.reactor_display(table).iloc[0]
    assert shown["per_gw"] == "CAD 17.4" and shown["span"] == "2025–2030 (5 years)"
