"""Units, series and growth rates; CAGR and compounding invert each other (hypothesis)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.finance import annual_series, cagr, compound, fiscal_year, to_usd_bn


def test_to_usd_bn() -> None:
    assert to_usd_bn(64551, "usd_mn") == pytest.approx(64.551)
    assert to_usd_bn(1.4, "usd_tn") == pytest.approx(1400)
    with pytest.raises(ValueError, match="not a money unit"):
        to_usd_bn(5, "pct")


def test_fiscal_year() -> None:
    assert fiscal_year("FY2024") == 2024
    with pytest.raises(ValueError):
        fiscal_year("Q1FY2024")


def test_cagr_worked_by_hand() -> None:
    # 13.1 -> 280 over five years: ln(280 / 13.1) = 3.0622; / 5 = 0.61244; e^0.61244 - 1 = 0.8449
    assert cagr(13.1, 280, 5) == pytest.approx(0.8449, abs=1e-4)
    assert cagr(100, 200, 1) == pytest.approx(1.0)


@given(
    start=st.floats(min_value=1e-3, max_value=1e6),
    rate=st.floats(min_value=-0.9, max_value=5.0),
    years=st.floats(min_value=0.5, max_value=30),
)
def test_compound_then_cagr_returns_the_rate(start: float, rate: float, years: float) -> None:
    end = compound(start, rate, years)
    if end > 0 and math.isfinite(end) and end > 1e-300:
        assert cagr(start, end, years) == pytest.approx(rate, rel=1e-6, abs=1e-9)


@given(
    start=st.floats(min_value=1e-2, max_value=1e5),
    end=st.floats(min_value=1e-2, max_value=1e5),
    years=st.floats(min_value=1, max_value=30),
)
def test_cagr_then_compound_returns_the_end(start: float, end: float, years: float) -> None:
    assert compound(start, cagr(start, end, years), years) == pytest.approx(end, rel=1e-6)


def test_cagr_rejects_non_positive() -> None:
    with pytest.raises(ValueError):
        cagr(0, 10, 5)


def test_annual_series_keeps_fiscal_years_in_usd_bn() -> None:
    fin = pd.DataFrame({
        "entity": ["a", "a", "a", "b"],
        "metric": ["capex", "capex", "capex", "capex"],
        "period": ["FY2024", "FY2023", "Q1FY2025", "FY2024"],
        "period_end": pd.to_datetime(["2024-06-30", "2023-06-30", "2024-09-30", "2024-12-31"]),
        "value": [44477.0, 28.107, 14.9, 52.5],
        "unit": ["usd_mn", "usd_bn", "usd_bn", "usd_bn"],
        "source_id": ["s1", "s2", "s3", "s4"],
    })
    out = annual_series(fin, "capex", ["a"])
    assert list(out["fiscal_year"]) == [2023, 2024]
    assert list(out["value_usd_bn"]) == pytest.approx([28.107, 44.477])


def test_latest_row_takes_the_latest_period_end() -> None:
    from analysis.finance import latest_row

    fin = pd.DataFrame({"entity": ["openai"] * 2, "metric": ["revenue"] * 2, "period": ["CY2024", "CY2025"],
                        "period_end": pd.to_datetime(["2024-12-31", "2025-12-31"]), "value": [3.7, 13.0]})
    assert latest_row(fin, "openai", "revenue")["value"] == 13.0
    with pytest.raises(KeyError):
        latest_row(fin, "openai", "cash_burn")
