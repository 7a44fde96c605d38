"""Thesis 1, the escalator: its charts and reader's tables (the models are in :mod:`analysis.escalator`).

Every chart is finished with :func:`analysis.charts.ledger_chart`: the title states the finding,
the subtitle units and publishers, and the renderer writes the source line and the data under it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import FIRM_NAMES, firm_colour_scale, ledger_chart
from analysis.escalator import (
    BAIN_YEAR,
    BUILDERS,
    CLOUD_THREE,
    SHORT_LIFE_YEARS,
    ShareVerdict,
    game_grid,
    vintage_pairs,
)
from analysis.provenance import cite
from analysis.tables import SORTABLE_ROWS, Column, html_table, pct, usd_bn


def _firm_lines(data: pd.DataFrame, y: str, y_title: str, tooltips: list[alt.Tooltip],
                percent: bool = False) -> alt.Chart:
    """One line per firm over fiscal years, in the firms' fixed colours, with firm and year tooltips."""
    firms = [f for f in BUILDERS if f in set(data["entity"])]
    axis = alt.Axis(format="%") if percent else alt.Axis()
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("fiscal_year:O", title="Fiscal year"),
        y=alt.Y(f"{y}:Q", title=y_title, axis=axis),
        color=alt.Color("firm:N", title=None, scale=firm_colour_scale(firms)),
        tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                 *tooltips, alt.Tooltip("source_ids:N", title="Sources")],
    )



def _source_ids(*frames: pd.DataFrame) -> list[str]:
    ids: list[str] = []
    for frame in frames:
        for value in frame["source_ids"]:
            ids += value.split()
    return ids



def capex_chart(intensity: pd.DataFrame, guidance: pd.DataFrame, sources: pd.DataFrame,
                guided_multiple: float) -> alt.LayerChart:
    """Reported capex (solid lines) and the latest guidance (hollow points, range bars);
    ``guided_multiple`` is guidance over the latest year like for like
    (:func:`analysis.escalator.guidance_multiple`)."""
    firms = [f for f in BUILDERS if f in set(intensity["entity"])]
    colour = alt.Color("firm:N", title=None, scale=firm_colour_scale(firms))
    actual = _firm_lines(intensity, "capex_usd_bn", "Capex (USD bn)",
                         [alt.Tooltip("capex_usd_bn:Q", title="Capex (USD bn)", format=",.1f")])
    guide = alt.Chart(guidance).encode(x="fiscal_year:O", color=colour)
    bars = guide.mark_rule(strokeDash=[4, 3]).encode(y="low_usd_bn:Q", y2="high_usd_bn:Q")
    points = guide.mark_point(filled=False, size=90, strokeWidth=2).encode(
        y="mid_usd_bn:Q",
        tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("period:N", title="Guided period"),
                 alt.Tooltip("low_usd_bn:Q", title="Guidance low (USD bn)", format=",.0f"),
                 alt.Tooltip("high_usd_bn:Q", title="Guidance high (USD bn)", format=",.0f"),
                 alt.Tooltip("source_ids:N", title="Sources")],
    )
    last = intensity["fiscal_year"].max()
    finding = (f"Guidance points to {guided_multiple:.1f}× the {last} capex of these firms within a year or "
               "two, like for like")
    data = pd.concat([intensity.assign(kind="reported"),
                      guidance.rename(columns={"mid_usd_bn": "capex_usd_bn"}).assign(kind="guidance midpoint")])
    return ledger_chart(
        alt.layer(actual, bars, points),
        finding=finding,
        units="USD bn per fiscal year; solid: reported purchases of property and equipment; "
        "hollow points and dashed bars: latest guidance (midpoint and range, incl. finance leases where stated; "
        "Microsoft's is for calendar 2026)",
        citations=cite(_source_ids(intensity, guidance), sources),
        data=data[["firm", "fiscal_year", "kind", "capex_usd_bn", "source_ids"]],
        csv_name="escalator-capex.csv",
    )



def capex_to_ocf_chart(intensity: pd.DataFrame, sources: pd.DataFrame) -> alt.Chart:
    """Capex as a share of operating cash flow: the free-cash-flow squeeze."""
    last = intensity["fiscal_year"].max()
    latest = intensity[intensity["fiscal_year"] == last]
    top = latest.sort_values("capex_to_ocf").iloc[-1]
    chart = _firm_lines(intensity, "capex_to_ocf", "Capex ÷ operating cash flow",
                        [alt.Tooltip("capex_to_ocf:Q", title="Capex / OCF", format=".0%"),
                         alt.Tooltip("capex_to_revenue:Q", title="Capex / revenue", format=".0%")], percent=True)
    rule = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#888888", strokeDash=[2, 2]).encode(y="y:Q")
    finding = (f"In {last} {top['firm']} spent {top['capex_to_ocf']:.0%} of its operating cash flow on capex; "
               "above the dotted line, capex exceeds the cash operations bring in")
    return ledger_chart(
        alt.layer(chart, rule),
        finding=finding,
        units="Purchases of property and equipment ÷ net cash from operations, per fiscal year",
        citations=cite(_source_ids(intensity), sources),
        data=intensity[["firm", "fiscal_year", "capex_usd_bn", "ocf_usd_bn", "revenue_usd_bn",
                        "capex_to_ocf", "capex_to_revenue", "source_ids"]],
        csv_name="escalator-capex-to-ocf.csv",
    )



def share_chart(table: pd.DataFrame, verdict: ShareVerdict, sources: pd.DataFrame) -> alt.LayerChart:
    """Capex share (x) against market share (y), one path per firm through the years."""
    firms = [f for f in CLOUD_THREE if f in set(table["entity"])]
    base = alt.Chart(table).encode(
        x=alt.X("capex_share:Q", title="Share of the three firms' capex", axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False)),
        y=alt.Y("market_share:Q", title="Share of the cloud infrastructure market (Q4)", axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False)),
        color=alt.Color("firm:N", title=None, scale=firm_colour_scale(firms)),
        order="year:O",
    )
    paths = base.mark_line(point=True)
    labels = base.transform_filter(f"datum.year == {verdict.last_year}").mark_text(dx=6, align="left").encode(
        text="year:O")
    tips = base.mark_point(size=120, opacity=0).encode(tooltip=[
        alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("capex_usd_bn:Q", title="Capex (USD bn)", format=",.1f"),
        alt.Tooltip("capex_share:Q", title="Capex share", format=".1%"),
        alt.Tooltip("market_share:Q", title="Market share", format=".0%"),
        alt.Tooltip("source_ids:N", title="Sources")])
    finding = (f"From {verdict.first_year} to {verdict.last_year} the three spent {verdict.capex_multiple:.1f}× "
               f"as much; the biggest spender, {verdict.biggest_spender}, moved "
               f"{verdict.biggest_spender_market_change_pp:+.0f} points of market share")
    return ledger_chart(
        alt.layer(paths, labels, tips),
        finding=finding,
        units="Shares in %, one point per year (labelled: the last year); capex of the fiscal year ending in "
        "that calendar year",
        citations=cite(_source_ids(table), sources),
        data=table,
        csv_name="escalator-shares.csv",
    )



def roic_chart(table: pd.DataFrame, trend: pd.DataFrame, first: int, last: int, sources: pd.DataFrame) -> alt.Chart:
    """ROIC by firm and year under the book's definition (the first of :data:`ROIC_DEFINITIONS`)."""
    falling = int((trend["change_pp"] < 0).sum())
    finding = f"ROIC fell at {falling} of {len(trend)} builders from {first} to {last}"
    shown = table[table["entity"].isin(trend["entity"])]
    chart = _firm_lines(shown, "roic", "Return on invested capital",
                        [alt.Tooltip("roic:Q", title="ROIC", format=".1%"),
                         alt.Tooltip("nopat_usd_bn:Q", title="NOPAT (USD bn)", format=",.1f"),
                         alt.Tooltip("invested_usd_bn:Q", title="Invested capital (USD bn)", format=",.1f"),
                         alt.Tooltip("tax_basis:N", title="Tax rate used")], percent=True)
    return ledger_chart(
        chart, finding=finding,
        units=f"NOPAT ÷ (equity + borrowings), {table['definition'].iloc[0]}; fiscal years with every input sourced",
        citations=cite(_source_ids(shown), sources), data=shown, csv_name="escalator-roic.csv",
    )



def depreciation_slider_chart(capex: pd.DataFrame, operating_income: pd.DataFrame, lives: pd.DataFrame,
                              sources: pd.DataFrame, server_share: float) -> alt.Chart:
    """Interactive: the reader picks a server life and a server share of capex; the chart shows
    the change in operating income (USD bn) against each firm's own books, year by year.

    Python twin: :func:`depreciation_model` (a test compares the two in the page's own Vega)."""
    max_life = 8
    pairs = vintage_pairs(capex, max_life, lives)
    income = operating_income.assign(firm=operating_income["entity"].map(FIRM_NAMES))[
        ["firm", "fiscal_year", "value_usd_bn"]].rename(columns={"fiscal_year": "year",
                                                                 "value_usd_bn": "operating_income_usd_bn"})
    first_full = int(capex["fiscal_year"].min()) + max_life - 1
    data = pairs.merge(income, on=["firm", "year"])
    data = data[data["year"] >= first_full]
    life = alt.param(name="life_years", value=SHORT_LIFE_YEARS,
                     bind=alt.binding_range(min=2, max=max_life, step=0.5, name="Server life (years) "))
    share = alt.param(name="server_share", value=server_share,
                      bind=alt.binding_range(min=0.2, max=1.0, step=0.05, name="Servers' share of capex "))
    firms = [f for f in BUILDERS if f in set(capex["entity"])]
    chart = (
        alt.Chart(data)
        .add_params(life, share)
        .transform_calculate(
            dep_model="server_share * datum.capex_usd_bn * clamp(life_years - datum.age, 0, 1) / life_years",
            dep_books="server_share * datum.capex_usd_bn * clamp(datum.books_life - datum.age, 0, 1) / "
                      "datum.books_life")
        .transform_aggregate(dep_model="sum(dep_model)", dep_books="sum(dep_books)",
                             books_life="max(books_life)",
                             operating_income_usd_bn="max(operating_income_usd_bn)", groupby=["firm", "year"])
        .transform_calculate(change_usd_bn="datum.dep_books - datum.dep_model",
                             change_pct="(datum.dep_books - datum.dep_model) / datum.operating_income_usd_bn")
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Fiscal year"),
            y=alt.Y("change_usd_bn:Q", title="Change in operating income (USD bn)"),
            color=alt.Color("firm:N", title=None, scale=firm_colour_scale(firms)),
            tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("year:O", title="Fiscal year"),
                     alt.Tooltip("change_usd_bn:Q", title="Change (USD bn)", format=",.1f"),
                     alt.Tooltip("change_pct:Q", title="Change (% of operating income)", format=".1%"),
                     alt.Tooltip("books_life:Q", title="Life in the firm's books (years)"),
                     alt.Tooltip("dep_model:Q", title="Server depreciation at slider life (USD bn)", format=",.1f"),
                     alt.Tooltip("dep_books:Q", title="… at the firm's own life (USD bn)", format=",.1f")],
        )
    )
    citations = cite(list(capex["source_id"]) + list(operating_income["source_id"]) + list(lives["source_id"]),
                     sources)
    return ledger_chart(
        chart,
        finding=f"Depreciate servers over {SHORT_LIFE_YEARS} years instead of each firm's own books and operating "
        "income shrinks; move the sliders to try other lives",
        units="Change in operating income against each firm's reported server life in each year, USD bn "
        "(tooltip: % of operating income); straight line, full-year convention; servers' share of capex is an "
        "assumption",
        citations=citations, data=data, csv_name="escalator-depreciation-vintages.csv",
    )



def revenue_gap_chart(gap: pd.DataFrame, bain_usd_bn: float, bain_source_id: str,
                      sources: pd.DataFrame) -> alt.LayerChart:
    """Nvidia data-centre revenue, Sequoia's required end-user revenue, the labs' revenue, Bain's $2T."""
    long = gap.melt(id_vars=["fiscal_year", "source_ids"],
                    value_vars=["nvidia_dc_usd_bn", "required_usd_bn", "labs_revenue_usd_bn"],
                    var_name="series", value_name="usd_bn").dropna()
    names = {"nvidia_dc_usd_bn": "Nvidia data-centre revenue",
             "required_usd_bn": "End-user revenue needed (Sequoia ×4)",
             "labs_revenue_usd_bn": "OpenAI + Anthropic run-rate, December (floor)"}
    long["series"] = long["series"].map(names)
    colours = alt.Scale(domain=list(names.values()), range=["#000000", "#D55E00", "#CC79A7"])
    x = alt.X("fiscal_year:Q", title="Nvidia fiscal year (ends late January of the year shown)",
              axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(nice=False))
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=x,
        y=alt.Y("usd_bn:Q", title="USD bn (log scale)", scale=alt.Scale(type="log")),
        color=alt.Color("series:N", title=None, scale=colours),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                 alt.Tooltip("usd_bn:Q", title="USD bn", format=",.1f"), alt.Tooltip("source_ids:N", title="Sources")],
    )
    bain = alt.Chart(pd.DataFrame({"usd_bn": [bain_usd_bn], "fiscal_year": [BAIN_YEAR + 1],
                                   "label": [f"Bain: needed in {BAIN_YEAR}"]}))
    rule = bain.mark_point(shape="diamond", size=140, filled=True, color="#0072B2").encode(
        x=x, y="usd_bn:Q", tooltip=[alt.Tooltip("label:N", title="Series"),
                                    alt.Tooltip("usd_bn:Q", title="USD bn", format=",.0f")])
    text = bain.mark_text(align="right", dx=-8, dy=-10, color="#0072B2").encode(x=x, y="usd_bn:Q", text="label:N")
    last = gap.dropna(subset=["labs_revenue_usd_bn"]).iloc[-1]
    finding = (f"Nvidia's FY{last['fiscal_year']} data-centre sales imply USD {last['required_usd_bn']:,.0f}bn "
               f"of end-user revenue; the two biggest labs took in about USD {last['labs_revenue_usd_bn']:,.0f}bn")
    ids = [*_source_ids(gap), bain_source_id]
    return ledger_chart(alt.layer(lines, rule, text), finding=finding,
                        units="USD bn per year, log scale; labs: OpenAI + Anthropic annualised run-rates "
                        "each December; Bain's figure is for 2030",
                        citations=cite(ids, sources), data=long, csv_name="escalator-revenue-gap.csv")



def sbc_chart(table: pd.DataFrame, sources: pd.DataFrame) -> alt.LayerChart:
    """SBC as a share of net income, with the seed's "about half" as a reference line."""
    peak = table.loc[table["sbc_to_net_income"].idxmax()]
    last = table.iloc[-1]
    bars = alt.Chart(table).mark_bar(color="#000000").encode(
        x=alt.X("fiscal_year:O", title="Nvidia fiscal year"),
        y=alt.Y("sbc_to_net_income:Q", title="Stock-based compensation ÷ net income", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                 alt.Tooltip("sbc_usd_bn:Q", title="SBC (USD bn)", format=",.2f"),
                 alt.Tooltip("net_income_usd_bn:Q", title="Net income (USD bn)", format=",.1f"),
                 alt.Tooltip("sbc_to_net_income:Q", title="SBC / net income", format=".1%"),
                 alt.Tooltip("source_ids:N", title="Sources")],
    )
    half = alt.Chart(pd.DataFrame({"y": [0.5], "label": ["the seed's 'about half'"]}))
    rule = half.mark_rule(strokeDash=[6, 3], color="#D55E00").encode(y="y:Q")
    text = half.mark_text(align="left", dx=4, dy=-6, color="#D55E00").encode(y="y:Q", text="label:N", x=alt.value(0))
    finding = (f"SBC was {last['sbc_to_net_income']:.0%} of Nvidia's net income in FY{last['fiscal_year']} "
               f"(peak {peak['sbc_to_net_income']:.0%}, FY{peak['fiscal_year']}), not half")
    return ledger_chart(alt.layer(bars, rule, text), finding=finding,
                        units="Stock-based compensation expense ÷ net income, per fiscal year",
                        citations=cite(_source_ids(table), sources), data=table, csv_name="escalator-sbc.csv")



def game_chart(pool: float, default_cost: float) -> alt.Chart:
    """Interactive map of the game's outcome; the reader sets the cost of investing with a slider.

    The outcome is recomputed in the browser with the same rules as :func:`payoffs` and
    :func:`nash_equilibria`. A model: it draws no sourced data.
    """
    grid = game_grid(pool, default_cost)[["growth", "share_alone"]]
    cost = alt.param(name="cost", value=default_cost,
                     bind=alt.binding_range(min=0, max=pool, step=pool / 20, name="Cost of investing (pool = 100) "))
    p = pool
    expr = {
        "hh": f"{p} / 2",
        "ih": f"datum.share_alone * ({p} * (1 + datum.growth)) - cost",
        "hi": f"(1 - datum.share_alone) * ({p} * (1 + datum.growth))",
        "ii": f"({p} * (1 + datum.growth)) / 2 - cost",
    }
    chart = (
        alt.Chart(grid).add_params(cost)
        .transform_calculate(hh=expr["hh"], ih=expr["ih"], hi=expr["hi"], ii=expr["ii"])
        .transform_calculate(
            eq_ii="datum.ii >= datum.hi",
            eq_hh="datum.hh >= datum.ih",
            eq_ih="datum.ih >= datum.hh && datum.hi >= datum.ii",
        )
        .transform_calculate(only_ii="datum.eq_ii && !datum.eq_hh && !datum.eq_ih",
                             only_hh="datum.eq_hh && !datum.eq_ii && !datum.eq_ih")
        .transform_calculate(outcome=(
            "datum.only_ii && datum.ii < datum.hh ? 'escalator: both invest, both worse off' : "
            "datum.only_ii ? 'both invest and gain' : "
            "datum.only_hh ? 'nobody invests' : 'mixed or several equilibria'"))
        .mark_rect()
        .encode(
            x=alt.X("growth:O", title="Growth of the profit pool from AI",
                    axis=alt.Axis(format=".0%", labelAngle=0, values=[0, 0.25, 0.5, 0.75, 1])),
            y=alt.Y("share_alone:O", title="Share a firm wins by investing alone", sort="descending",
                    axis=alt.Axis(format=".0%", values=[0.5, 0.6, 0.7, 0.8, 0.9, 1])),
            color=alt.Color("outcome:N", title=None, scale=alt.Scale(
                domain=["escalator: both invest, both worse off", "both invest and gain", "nobody invests",
                        "mixed or several equilibria"],
                range=["#D55E00", "#009E73", "#56B4E9", "#E6E6E6"])),
            tooltip=[alt.Tooltip("growth:Q", title="Pool growth", format=".0%"),
                     alt.Tooltip("share_alone:Q", title="Share if alone", format=".0%"),
                     alt.Tooltip("outcome:N", title="Equilibrium"),
                     alt.Tooltip("ii:Q", title="Payoff each if both invest", format=".1f"),
                     alt.Tooltip("hh:Q", title="Payoff each if both hold", format=".1f")],
        )
    )
    return ledger_chart(
        chart,
        finding="When investing alone wins share and AI grows the pool by less than twice the cost, both "
        "invest and both end up worse off",
        units="Outcome of the two-firm game for each growth and share; pool = 100; move the slider to change "
        "the cost",
        citations=[], data=grid, csv_name="escalator-game-grid.csv",
        model="analysis.escalator.payoffs and nash_equilibria (a two-firm game)",
    )


# --- tables for readers -----------------------------------------------------------------------


def _pp(value: float) -> str:
    return f"{value:+.1f}"


def lease_gap_html(gap: pd.DataFrame) -> str:
    """Cash capex against capex including finance leases, where both are sourced."""
    return html_table(gap, [Column("firm", "Firm"), Column("fiscal_year", "Fiscal year"),
                            Column("capex_usd_bn", "Cash capex (USD bn)", usd_bn),
                            Column("capex_incl_leases_usd_bn", "Capex incl. finance leases (USD bn)", usd_bn),
                            Column("leases_usd_bn", "Finance leases (USD bn)", usd_bn)])


def roic_definitions_html(table: pd.DataFrame) -> str:
    """ROIC per firm under each definition, first and last year of the common window."""
    first, last = int(table["first_year"].iloc[0]), int(table["last_year"].iloc[0])
    return html_table(table, [Column("firm", "Firm", facet=True), Column("definition", "Definition", facet=True),
                              Column("roic_first", f"ROIC {first} (%)", pct),
                              Column("roic_last", f"ROIC {last} (%)", pct),
                              Column("change_pp", "Change (points)", _pp)], sortable=len(table) > SORTABLE_ROWS)


def lives_html(lives: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The sourced server-life changes and the effects the firms stated."""
    titles = sources.set_index("source_id")["title"]
    shown = lives.assign(document=lives["source_id"].map(titles))
    return html_table(shown, [Column("firm", "Firm"), Column("period", "Effective (period)"),
                              Column("life_years", "Server life (years)"),
                              Column("effect_usd_bn", "Stated effect on income (USD bn)", lambda v: f"{v:,.2f}"),
                              Column("document", "Source")])
