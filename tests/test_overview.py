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


def test_catalog_lists_every_table_with_its_schema() -> None:
    from analysis.catalog import catalog, field_summary
    from analysis.data import descriptor, load, table_names

    tables = {name: load(name) for name in table_names()}
    table = catalog(descriptor(), tables)
    assert len(table) == len(tables)
    row = table[table["Table"].str.contains("model_prices.csv")].iloc[0]
    assert row["Rows"] == len(tables["model_prices"]) and row["Sources cited"] > 0
    assert "<code>currency</code> (string) — one of USD, CNY — required" in row["Fields"]
    assert field_summary({"name": "gw", "type": "number", "unit": "gw"}) == "<code>gw</code> (number, gw)"


def test_seed_table_links_each_claim_to_the_page_that_tests_it() -> None:
    from analysis.catalog import seed_table
    from analysis.data import load

    table = seed_table(load("seeds"), load("claims"))
    assert len(table) == 5
    row = table[table["Seed"].str.contains("004_")].iloc[0]
    assert '<a href="escalator.html#claims-checked-here">c039</a>' in row["Claims"]
    assert 'lang="zh"' in row["Language"]
    assert table[table["Seed"].str.contains("002_")].iloc[0]["The copy states"] == "dated 2026-03-03"
