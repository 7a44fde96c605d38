"""The distillation chapter's models on cases worked by hand and on synthetic data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import distillation as d

FX = pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2024-06-01"]), "currency": ["CNY", "CNY"],
                   "per_usd": [7.1, 7.25]})


def test_currency_and_unit_arithmetic() -> None:
    assert d.to_usd_per_mtok(2.5, "USD", 1_000_000) == 2.5
    assert d.to_usd_per_mtok(0.03, "USD", 1000) == pytest.approx(30)
    assert d.to_usd_per_mtok(2, "CNY", 1_000_000, 7.25) == pytest.approx(2 / 7.25)
    with pytest.raises(ValueError, match="exchange rate"):
        d.to_usd_per_mtok(2, "CNY", 1_000_000)


def test_the_rate_of_the_day_is_the_latest_sourced_one() -> None:
    assert d.rate_on(FX, pd.Timestamp("2024-05-31")) == 7.1
    assert d.rate_on(FX, pd.Timestamp("2024-06-01")) == 7.25
    with pytest.raises(ValueError, match="no sourced"):
        d.rate_on(FX, pd.Timestamp("2023-12-31"))


def test_blended_price_under_both_mixes() -> None:
    assert d.blended(1.0, 5.0) == pytest.approx(2.0)
    assert d.blended(1.0, 5.0, d.ALT_INPUT_SHARE) == pytest.approx(4.0)
    prices = pd.DataFrame({"model": ["m"], "effective": pd.to_datetime(["2024-07-01"]), "currency": ["CNY"],
                           "per_tokens": [1000], "input_price": [0.0008], "output_price": [0.002], "country": ["CN"]})
    row = d.usd_prices(prices, FX).iloc[0]
    assert row["input_usd"] == pytest.approx(0.8 / 7.25)
    assert row["blended_usd"] == pytest.approx(0.75 * 0.8 / 7.25 + 0.25 * 2 / 7.25)


@settings(max_examples=100)
@given(factor=st.floats(min_value=1.2, max_value=50), start=st.floats(min_value=0.01, max_value=100),
       n=st.integers(min_value=3, max_value=30))
def test_decline_fit_recovers_a_known_rate(factor: float, start: float, n: int) -> None:
    t = np.linspace(0, 3, n)
    assert d.decline_factor(t, start * factor ** -t) == pytest.approx(factor, rel=1e-6)


def test_bootstrap_interval_covers_the_true_rate_in_most_trials() -> None:
    rng = np.random.default_rng(7)
    covered = 0
    trials = 100
    for trial in range(trials):
        t = np.sort(rng.uniform(0, 3, 25))
        price = 30 * 4.0 ** -t * np.exp(rng.normal(0, 0.4, t.size))
        frame = pd.DataFrame({"date": pd.Timestamp("2023-01-01") + pd.to_timedelta(t * d.DAYS_PER_YEAR, "D"),
                              "usd_per_mtok": price})
        fit = d.fit_decline(frame, draws=400, seed=trial)
        covered += fit.low <= 4.0 <= fit.high
    assert covered >= 0.9 * trials


def test_cheapest_frontier_takes_the_cheapest_capable_price_in_force() -> None:
    prices = pd.DataFrame({
        "model": ["big", "big", "small", "weak"], "country": ["US", "US", "CN", "CN"],
        "effective": pd.to_datetime(["2023-01-01", "2024-01-01", "2023-06-01", "2023-02-01"]),
        "blended_usd": [30.0, 10.0, 5.0, 0.1]})
    scores = pd.Series({"big": 1300, "small": 1250, "weak": 1000})
    frame = d.cheapest_frontier(prices, scores, 1200)
    assert frame["usd_per_mtok"].tolist() == [30.0, 5.0]  # big's 2024 cut (10) is dearer than small's 5
    assert d.cheapest_frontier(prices, scores, 1280)["usd_per_mtok"].tolist() == [30.0, 10.0]


@given(growth=st.floats(min_value=0, max_value=3), slow=st.floats(min_value=1, max_value=10),
       extra=st.floats(min_value=0, max_value=10), years=st.integers(min_value=1, max_value=8))
def test_faster_price_falls_never_raise_revenue_at_fixed_usage(growth: float, slow: float, extra: float,
                                                               years: int) -> None:
    assert d.revenue_in(years, 50, growth, slow + extra) <= d.revenue_in(years, 50, growth, slow) + 1e-9


def test_break_even_growth_meets_the_need() -> None:
    g = d.break_even_growth(5, 50, 2000, 3.0)
    assert d.revenue_in(5, 50, g, 3.0) == pytest.approx(2000)


def test_months_behind_worked_by_hand() -> None:
    models = pd.DataFrame({"model": ["us1", "us2", "cn1"], "country": ["US", "US", "CN"],
                           "released": pd.to_datetime(["2024-01-01", "2024-07-01", "2024-10-01"])})
    capability = pd.DataFrame({"model": ["us1", "us2", "cn1"], "benchmark": ["elo"] * 3, "score": [1200, 1300, 1250]})
    row = d.months_behind(models, capability, "elo").iloc[0]
    assert row["us_model"] == "us2"
    assert row["months_behind"] == pytest.approx(3.02, abs=0.05)


def test_training_cost() -> None:
    assert d.training_cost_usd_mn(2.788, 2.0) == pytest.approx(5.576)


def priced(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["model", "country", "effective", "currency", "blended_usd", "score"]).assign(
        effective=lambda f: pd.to_datetime(f["effective"]))


def test_one_listing_prefers_dollars_and_needs_both_prices() -> None:
    usd = pd.DataFrame({"model": ["r1", "r1", "doubao"],
                        "effective": pd.to_datetime(["2025-01-20"] * 2 + ["2024-05-15"]),
                        "currency": ["CNY", "USD", "CNY"], "blended_usd": [0.959, 0.96, np.nan]})
    out = d.one_listing(usd)
    assert out[["model", "currency"]].values.tolist() == [["r1", "USD"]]


def test_country_gap_compares_like_capability() -> None:
    prices = priced([("us", "US", "2025-01-01", "USD", 2.0, 1400), ("cn", "CN", "2025-02-01", "USD", 0.5, 1410),
                     ("weak", "CN", "2025-03-01", "USD", 0.01, 1200)])
    gap = d.country_gap(prices, 1400).dropna()
    assert gap["us_over_cn"].tolist() == [4.0]
    assert d.latest_gaps(prices, (1400,)) == {"gap_1400": 4.0}


def test_fund_converted_at_the_rate_of_its_date() -> None:
    fin = pd.DataFrame({"entity": ["china_ai_fund"], "metric": ["fund_size"], "period": ["2025-01"],
                        "period_end": pd.to_datetime(["2024-06-20"]), "value": [60.06], "unit": ["cny_bn"],
                        "source_id": ["globaltimes-aifund-2025"]})
    assert d.fund_usd_bn(fin, FX) == pytest.approx(60.06 / 7.25)
    assert d.fund_usd_bn(fin, FX, pd.Timestamp("2024-02-01")) == pytest.approx(60.06 / 7.1)


def test_squeeze_points_place_the_measured_rates_on_the_curve() -> None:
    declines = pd.DataFrame({"threshold": [1300], "mix": ["3:1"], "factor": [4.0], "low": [2.0], "high": [8.0]})
    curve, marks = d.squeeze_points(declines, 4, 100, 1600)
    assert marks["label"].tolist() == ["slider default", "rating ≥ 1300"]
    assert marks["break_even"].iloc[1] == pytest.approx(4.0 * 2 - 1)
    assert curve["break_even"].is_monotonic_increasing


def test_squeeze_chart_matches_its_python_twin() -> None:
    from vega_twin import dataset_with

    from analysis import distillation_charts as dc

    sources = pd.DataFrame({"source_id": ["s"], "publisher": ["P"], "title": ["t"], "url": ["https://e.org"],
                            "original_url": [""], "published": pd.to_datetime(["2024-01-01"]), "kind": ["primary"]})
    marks = pd.DataFrame({"label": ["x"], "decline": [2.0], "low": [2.0], "high": [2.0], "break_even": [1.0]})
    spec = dc.squeeze_chart(110.0, 2000.0, 2026, 2030, 2.0, 1.0, marks, ["s"], sources).to_dict()
    for decline, growth in ((2.0, 1.0), (5.0, 3.5), (1.0, 0.0)):
        page = dataset_with(spec, {"decline": decline, "growth": growth}, "revenue_usd_bn").set_index("year")
        for year in range(2026, 2031):
            assert page.loc[year, "revenue_usd_bn"] == pytest.approx(d.revenue_in(year - 2026, 110.0, growth, decline))
