"""The book's renderer: deterministic, offline, and never without a source line."""

from __future__ import annotations

import urllib.parse

import altair as alt
import pandas as pd
import pytest

from analysis import charts
from analysis.charts import FIRM_COLOURS, ledger_chart, render_html, spec_id

CITATIONS = [{"source_id": "a-10k", "publisher": "Alpha Inc.", "title": "10-K", "url": "https://example.org/a",
              "published": "2025-02-01", "kind": "primary"}]
DATA = pd.DataFrame({"year": [2024, 2025], "capex_usd_bn": [10.0, 20.5]})


def chart(value: float = 20.5) -> alt.Chart:
    data = DATA.assign(capex_usd_bn=[10.0, value])
    base = alt.Chart(data).mark_line().encode(x="year:O", y="capex_usd_bn:Q")
    return ledger_chart(base, finding="Capex doubled", units="USD bn", citations=CITATIONS, data=data,
                        csv_name="capex.csv")


def test_same_spec_renders_to_the_same_bytes() -> None:
    charts.enable()
    assert render_html(chart().to_dict()) == render_html(chart().to_dict())


def test_a_changed_value_changes_the_output() -> None:
    charts.enable()
    assert render_html(chart().to_dict()) != render_html(chart(21.0).to_dict())
    assert spec_id(chart().to_dict()) != spec_id(chart(21.0).to_dict())


def test_output_has_source_line_csv_link_and_no_remote_script() -> None:
    charts.enable()
    out = render_html(chart().to_dict())
    assert 'class="ledger-source"' in out and "Alpha Inc." in out
    assert 'download="capex.csv"' in out
    csv_text = urllib.parse.unquote(out.split('href="data:text/csv;charset=utf-8,')[1].split('"')[0])
    assert csv_text.splitlines() == ["year,capex_usd_bn", "2024,10.0", "2025,20.5"]
    assert "<script src" not in out and "cdn" not in out
    assert 'data-source-ids="a-10k"' in out


def test_renderer_refuses_a_chart_without_sources() -> None:
    charts.enable()
    bare = alt.Chart(DATA).mark_line().encode(x="year:O", y="capex_usd_bn:Q")
    with pytest.raises(ValueError, match="no source line"):
        render_html(bare.to_dict())


def test_ledger_chart_needs_a_finding_and_citations() -> None:
    base = alt.Chart(DATA).mark_line()
    with pytest.raises(ValueError):
        ledger_chart(base, finding="", units="USD bn", citations=CITATIONS, data=DATA, csv_name="x.csv")
    with pytest.raises(ValueError):
        ledger_chart(base, finding="Up", units="USD bn", citations=[], data=DATA, csv_name="x.csv")


def test_theme_uses_the_firm_colours() -> None:
    palette = charts.theme()["config"]["range"]["category"]
    assert set(FIRM_COLOURS.values()) <= set(palette)


def test_a_model_chart_says_it_draws_no_sourced_data() -> None:
    charts.enable()
    base = alt.Chart(DATA).mark_line().encode(x="year:O", y="capex_usd_bn:Q")
    spec = ledger_chart(base, finding="A model", units="payoff", citations=[], data=DATA, csv_name="m.csv",
                        model="analysis.escalator.payoffs").to_dict()
    out = render_html(spec)
    assert "Model: analysis.escalator.payoffs; no sourced data." in out
    assert "<details>" not in out
