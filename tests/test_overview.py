"""The opening page's capex figures, on a table worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts import chart_title
from analysis.overview import capex_index_chart, capex_table, combined_growth

FIN = pd.DataFrame({
    "entity": ["microsoft", "microsoft", "microsoft", "meta", "meta"],
    "metric": ["capex"] * 5,
    "period": ["FY2015", "FY2016", "FY2017", "FY2016", "FY2017"],
    "period_end": pd.to_datetime(["2015-06-30", "2016-06-30", "2017-06-30", "2016-12-31", "2017-12-31"]),
    "value": [5944.0, 8343.0, 8129.0, 4.491, 6.733],
    "unit": ["usd_mn", "usd_mn", "usd_mn", "usd_bn", "usd_bn"],
    "source_id": ["m1", "m1", "m1", "f1", "f1"],
})
SOURCES = pd.DataFrame({
    "source_id": ["m1", "f1"], "publisher": ["Microsoft", "Meta"], "title": ["10-K", "10-K"],
    "url": ["https://example.org/m", "https://example.org/f"],
    "published": pd.to_datetime(["2017-08-01", "2018-02-01"]), "kind": ["primary", "primary"],
})


def test_combined_growth_uses_years_every_firm_reported() -> None:
    growth = combined_growth(capex_table(FIN, ["microsoft", "meta"]))
    # 2016: 8.343 + 4.491 = 12.834; 2017: 8.129 + 6.733 = 14.862; 14.862 / 12.834 = 1.158
    assert (growth.first_year, growth.last_year) == (2016, 2017)
    assert growth.first_usd_bn == pytest.approx(12.834)
    assert growth.multiple == pytest.approx(14.862 / 12.834)


def test_combined_growth_needs_two_common_years() -> None:
    with pytest.raises(ValueError, match="fewer than two"):
        combined_growth(capex_table(FIN[FIN["period"] != "FY2016"], ["microsoft", "meta"]))


def test_index_chart_has_a_base_year_slider_and_states_its_finding() -> None:
    table = capex_table(FIN, ["microsoft", "meta"])
    spec = capex_index_chart(table, SOURCES, combined_growth(table)).to_dict()
    assert spec["params"][0]["name"] == "base_year"
    assert spec["params"][0]["bind"]["input"] == "range"
    assert chart_title(spec).startswith("The five biggest builders spent 1.2×")
    assert {c["source_id"] for c in spec["usermeta"]["ledger"]["citations"]} == {"m1", "f1"}
