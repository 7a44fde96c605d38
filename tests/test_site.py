"""The built site: offline, every page loads cleanly, every chart draws, sliders move charts.

Run by `make test` after the strict build (marker ``browser``); Chromium comes from Debian's
package at /usr/bin/chromium (``LEDGER_CHROMIUM``), never from a test tool's download.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_checks import (
    CHROMIUM_FLAGS,
    accessibility_problems,
    chart_model_rows,
    charts_wider_than_a_phone,
    cjk_problems,
    page_problems,
    remote_sources,
    search_results,
    serve,
    twin_mismatches,
)

from analysis.data import load
from tools.ledger_build import ROOT, chapters

pytestmark = pytest.mark.browser
SITE = ROOT / "_build" / "html"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("no built site in _build/html: the strict build must run first (make test does)")
    copy = tmp_path_factory.mktemp("site") / "html"
    shutil.copytree(SITE, copy)
    for fixture in FIXTURES.glob("*.html"):
        shutil.copy(fixture, copy / fixture.name)
    return copy


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("LEDGER_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        pytest.fail(f"Chromium not found at {chromium}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.mark.parametrize("name", chapters())
def test_page_loads_clean_with_drawn_charts(browser: object, base_url: str, name: str) -> None:
    assert page_problems(browser, base_url, f"book/{name}.html") == []


@pytest.mark.parametrize("name", chapters())
def test_every_chart_fits_a_phone(browser: object, base_url: str, name: str) -> None:
    assert charts_wider_than_a_phone(browser, base_url, f"book/{name}.html") == []


@pytest.mark.parametrize("name", chapters())
def test_chinese_text_draws_in_the_book_font(browser: object, base_url: str, name: str) -> None:
    assert cjk_problems(browser, base_url, f"book/{name}.html") == []


def test_chinese_text_without_the_font_fails_the_check(browser: object, base_url: str) -> None:
    assert cjk_problems(browser, base_url, "cjk_without_font.html") == [
        "Chinese text not in Noto Sans SC: '能源才是AI发展的终极制约因素'"]


@pytest.mark.parametrize("name", chapters())
def test_no_serious_accessibility_violations(browser: object, base_url: str, name: str) -> None:
    assert accessibility_problems(browser, base_url, f"book/{name}.html") == []


def test_inaccessible_fixture_fails_the_accessibility_check(browser: object, base_url: str) -> None:
    found = {p.split(" ")[0] for p in accessibility_problems(browser, base_url, "inaccessible.html")}
    assert {"button-name", "image-alt"} <= found, found


def test_search_works_offline(browser: object, base_url: str) -> None:
    found = search_results(browser, base_url, "gigawatt")
    assert any("Energy" in title for title in found), found
    assert search_results(browser, base_url, "zzqxjv") == []


@pytest.mark.parametrize("params", [{"supply": 12.6, "pue": 1.09, "cost": 50, "growth": 0.0},
                                    {"supply": 6.0, "pue": 1.5, "cost": 80, "growth": 0.15}])
def test_energy_sliders_match_the_binding_model(browser: object, base_url: str, params: dict) -> None:
    from analysis import energy
    from analysis.data import load

    rows = chart_model_rows(browser, base_url, "book/energy.html", "guidance is", params, "energisable_usd_bn")
    tables = {n: load(n) for n in ("financials", "claims", "deals", "energy_estimates", "electricity_generation",
                                   "campuses")}
    path = energy.plan_path(energy.binding_model(tables).plan, params["growth"])
    ceiling = energy.energisable_capex_usd_bn(params["supply"], params["pue"], params["cost"])
    capex = dict(zip(path["year"], path["capex_usd_bn"], strict=True))
    assert len(rows) == len(capex)
    assert twin_mismatches(rows, "year", "capex_usd_bn", capex) == []
    assert twin_mismatches(rows, "year", "energisable_usd_bn", {y: ceiling for y in capex}) == []


@pytest.mark.parametrize("params", [{"decline": 2.0, "growth": 1.0}, {"decline": 6.5, "growth": 3.2}])
def test_distillation_sliders_match_the_squeeze_model(browser: object, base_url: str, params: dict) -> None:
    from analysis import distillation

    rows = sorted(chart_model_rows(browser, base_url, "book/distillation.html", "usage must grow", params,
                                   "revenue_usd_bn"), key=lambda r: r["year"])
    first = rows[0]
    expected = {r["year"]: distillation.revenue_in(r["year"] - first["year"], first["revenue_usd_bn"],
                                                   params["growth"], params["decline"]) for r in rows}
    assert len(rows) >= 4
    assert twin_mismatches(rows, "year", "revenue_usd_bn", expected) == []


@pytest.mark.parametrize("base_year", [2018, 2022])
def test_intro_slider_matches_the_capex_multiples(browser: object, base_url: str, base_year: int) -> None:
    from analysis import overview
    from analysis.data import load

    rows = chart_model_rows(browser, base_url, "book/intro.html", "biggest builders", {"base_year": base_year},
                            "multiple")
    twin = overview.capex_multiples(overview.capex_table(load("financials")), base_year)
    expected = {f"{f}|{y}": m for f, y, m in zip(twin["firm"], twin["fiscal_year"], twin["multiple"], strict=True)}
    keyed = [{**r, "key": f"{r['firm']}|{r['fiscal_year']}"} for r in rows]
    assert len(keyed) == len(expected)
    assert twin_mismatches(keyed, "key", "multiple", expected) == []


@pytest.mark.parametrize(("life", "share"), [(3.0, 0.5), (5.5, 0.8)])
def test_escalator_depreciation_sliders_match_the_model(browser: object, base_url: str, life: float,
                                                        share: float) -> None:
    from analysis import escalator
    from analysis.data import load

    rows = chart_model_rows(browser, base_url, "book/escalator.html", "Depreciate servers",
                            {"life_years": life, "server_share": share}, "change_usd_bn")
    fin = load("financials")
    twin = escalator.depreciation_model(escalator.capex_with_source(escalator.capex_intensity(fin)),
                                        escalator.life_history(fin), life, share)
    expected = {f"{f}|{y}": c for f, y, c in zip(twin["firm"], twin["year"], twin["change_usd_bn"], strict=True)}
    keyed = [{**r, "key": f"{r['firm']}|{r['year']}"} for r in rows]
    assert {r["key"] for r in keyed} <= set(expected) and keyed
    assert twin_mismatches(keyed, "key", "change_usd_bn", expected, rel=1e-6) == []


@pytest.mark.parametrize("cost", [10.0, 70.0])
def test_escalator_game_slider_matches_the_game(browser: object, base_url: str, cost: float) -> None:
    from analysis import escalator

    rows = chart_model_rows(browser, base_url, "book/escalator.html", "both end up worse off", {"cost": cost},
                            "outcome")
    twin = escalator.game_grid(escalator.GAME_POOL, cost).set_index(["growth", "share_alone"])["outcome"]
    page = {(round(r["growth"], 9), round(r["share_alone"], 9)): r["outcome"] for r in rows}
    assert {k: twin[k] for k in twin.index} == {k: page[(round(k[0], 9), round(k[1], 9))] for k in twin.index}


@pytest.mark.parametrize("params", [{"growth": 0.3, "rate": 0.12, "revenue_share": 0.6},
                                    {"growth": 0.7, "rate": 0.05, "revenue_share": 1.0}])
def test_circular_funding_sliders_match_the_funding_path(browser: object, base_url: str, params: dict) -> None:
    from analysis import circular

    # The chart's inputs (revenue now, spend a year) are read from its first year at the model's
    # defaults: debt_0 = S − m·R; what is compared is how the gap moves with growth, rate and share.
    defaults = {"growth": circular.MODEL_GROWTH, "rate": circular.MODEL_RATE,
                "revenue_share": circular.MODEL_REVENUE_SHARE}
    first = min(chart_model_rows(browser, base_url, "book/circular-capital.html", "of revenue growing", defaults,
                                 "debt_usd_bn"), key=lambda r: r["year"])
    spend = first["debt_usd_bn"] + circular.MODEL_REVENUE_SHARE * first["revenue_usd_bn"]
    path = circular.FundingPath(first["revenue_usd_bn"], spend, params["growth"], params["rate"],
                                params["revenue_share"])
    rows = chart_model_rows(browser, base_url, "book/circular-capital.html", "of revenue growing", params,
                            "debt_usd_bn")
    expected = {r["year"]: path.debt_usd_bn(int(r["year"])) for r in rows}
    assert twin_mismatches(rows, "year", "debt_usd_bn", expected, rel=1e-9) == []


@pytest.mark.parametrize("params", [{"life_years": 4.0, "wacc": 0.1, "margin": 0.4, "usage_growth": 1.5,
                                     "price_decline": 2.0, "supply_gw": 8.0},
                                    {"life_years": 6.0, "wacc": 0.075, "margin": 0.6, "usage_growth": 3.0,
                                     "price_decline": 1.2, "supply_gw": 18.0}])
def test_verdict_sliders_match_the_model(browser: object, base_url: str, params: dict) -> None:
    from dataclasses import replace

    from analysis import verdict

    inp = verdict.inputs({n: load(n) for n in ("financials", "claims", "deals", "energy_estimates",
                                                "electricity_generation", "campuses", "model_prices", "fx_rates",
                                                "capability")})
    rows = chart_model_rows(browser, base_url, "book/verdict.html", "At today's pace", params, "needed_usd_bn")
    path = verdict.central_path(inp.base, replace(inp.central, **params))
    assert {r["year"] for r in rows} == set(path["year"])
    for column in ("needed_usd_bn", "available_usd_bn", "gap_usd_bn"):
        assert twin_mismatches(rows, "year", column, dict(zip(path["year"], path[column], strict=True))) == []


def test_disagreeing_slider_fixture_fails_the_twin_check(browser: object, base_url: str) -> None:
    rows = chart_model_rows(browser, base_url, "twin_disagrees.html", "fixture growth", {"growth": 0.5}, "value")
    expected = {y: 100 * 1.5 ** y for y in (0, 1, 2)}
    assert twin_mismatches(rows, "year", "value", expected) == ["year=2: page 227.25, Python 225.0"]


def test_wide_chart_fixture_fails_the_phone_check(browser: object, base_url: str) -> None:
    assert charts_wider_than_a_phone(browser, base_url, "wide_chart.html") != []


def test_intro_has_a_chart_and_a_slider(site: Path) -> None:
    html = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert html.count('class="ledger-chart"') >= 1
    assert '"bind": {"input": "range"' in html or '"input": "range"' in html


def test_broken_chart_fixture_fails_the_checks(browser: object, base_url: str) -> None:
    problems = page_problems(browser, base_url, "broken_chart.html")
    assert any(p.startswith("console error") for p in problems), problems
    assert any("is empty" in p for p in problems), problems
    assert any("request to another host: http://tracker.invalid" in p for p in problems), problems


def test_frozen_slider_fixture_fails_the_checks(browser: object, base_url: str) -> None:
    problems = page_problems(browser, base_url, "frozen_slider.html")
    assert problems == ["chart ledger-vis-frozen: moving slider 1 changed nothing"]


def test_built_html_loads_nothing_from_another_host(site: Path) -> None:
    offenders = {}
    for path in sorted(SITE.rglob("*")):
        if path.suffix in (".html", ".css"):
            found = remote_sources(path.read_text(encoding="utf-8", errors="replace"))
            if found:
                offenders[str(path.relative_to(SITE))] = found
    assert offenders == {}


def test_remote_source_check_can_fail() -> None:
    assert remote_sources((FIXTURES / "broken_chart.html").read_text(encoding="utf-8"))
    assert remote_sources('<link rel="stylesheet" href="https://cdn.example/x.css">')
    assert remote_sources("@font-face { src: url(https://fonts.example/x.woff2) }")
    assert not remote_sources('<a href="https://www.sec.gov/x">10-K</a> <script src="_static/x.js"></script>')


def test_long_tables_sort_and_filter_in_the_static_page(browser: object, base_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/book/circular-capital.html")
    page.wait_for_selector("table.ledger-sortable th button.ledger-sort")
    table = page.locator("table.ledger-sortable").first
    rows = table.locator("tbody tr")
    total = rows.count()
    assert total > 15
    controls = page.locator(".ledger-table-controls").first
    controls.locator("input[type=search]").fill("AMD")
    shown = table.locator("tbody tr:not([hidden])").count()
    assert 0 < shown < total
    assert f"{shown} of {total} rows shown" in controls.inner_text()
    controls.locator("input[type=search]").fill("")
    header = table.locator("th").first
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    first = rows.first.locator("td").first.inner_text()
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert rows.first.locator("td").first.inner_text() >= first
    page.close()


def test_the_claims_ledger_filters_by_seed_thesis_verdict_and_text(browser: object, base_url: str) -> None:
    claims = load("claims")
    page = browser.new_page()
    page.goto(f"{base_url}/book/claims.html")
    page.wait_for_selector("table.ledger-sortable th button.ledger-sort")
    table = page.locator("table.ledger-sortable").first
    controls = page.locator(".ledger-table-controls").first
    assert table.locator("tbody tr").count() == len(claims)

    def shown() -> int:
        return table.locator("tbody tr:not([hidden])").count()

    verdict = controls.locator("select[aria-label='Show only rows with this Verdict']")
    verdict.select_option("does not hold")
    assert shown() == int((claims["verdict"] == "does not hold").sum())
    thesis = controls.locator("select[aria-label='Show only rows with this Thesis']")
    thesis.select_option("Escalator")
    both = (claims["verdict"] == "does not hold") & (claims["chapter"] == "escalator")
    assert shown() == int(both.sum())
    verdict.select_option("")
    thesis.select_option("")
    controls.locator("select[aria-label='Show only rows with this Seed']").select_option("Seed 003 (Chinese)")
    assert shown() == int((claims["seed_file"].str.startswith("003")).sum())
    controls.locator("select[aria-label='Show only rows with this Seed']").select_option("")
    controls.locator("input[type=search]").fill("英伟达")
    expected = claims["quote_original"].str.contains("英伟达") | claims["how"].fillna("").str.contains("英伟达")
    assert shown() == int(expected.sum()) > 0
    link = table.locator("tbody tr:not([hidden]) td a").first
    assert "#claims-checked-here" in link.get_attribute("href") or "#claims-no-chapter-models" in link.get_attribute(
        "href")
    page.close()


def test_every_chart_links_its_data_as_a_real_file(site: Path) -> None:
    import re

    for page in sorted((site / "book").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "data:text/csv" not in text, page.name
        for href in re.findall(r'class="ledger-csv" download="[^"]+" href="([^"]+)"', text):
            file = (page.parent / href).resolve()
            assert file.is_file() and file.read_text(encoding="utf-8").count("\n") >= 2, (page.name, href)
    assert (site / "data" / "datapackage.json").is_file()
