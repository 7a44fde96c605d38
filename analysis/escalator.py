"""Thesis 1, the escalator: everyone must build, so nobody gains a lasting edge.

Pure functions over loaded tables. Money is in USD billions (``_usd_bn``), ratios are fractions
unless a name ends in ``_pct``. Fiscal years are each firm's own, labelled by the calendar year
in which they end (Microsoft's FY2025 ends 30 June 2025; Oracle's 31 May 2025; the others'
31 December; Nvidia's late January of the labelled year).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.charts import FIRM_NAMES
from analysis.finance import annual_series, fact_row, latest_row, to_usd_bn
from analysis.ledger import Recomputed, checker
from analysis.robustness import Finding, Variant

BUILDERS = ["microsoft", "alphabet", "amazon", "meta", "oracle"]
CLOUD_THREE = ["amazon", "microsoft", "alphabet"]

#: A life to compare the books with: four years, the server life Microsoft and Alphabet used from
#: FY2021 and Amazon from 2020 before their later extensions (sourced rows, metric
#: server_useful_life_years).
EARLIER_LIFE_YEARS = 4
#: The seed's claim: GPUs are obsolete in two to three years; the model's short life.
SHORT_LIFE_YEARS = 3
#: Assumption, not disclosed by the firms: the share of capex that is servers and network gear.
SERVER_SHARE_ASSUMPTION = 0.5
#: The two-firm game's profit pool and default cost of investing (arbitrary units; a model, not data).
GAME_POOL = 100.0
GAME_DEFAULT_COST = 30.0


# --- 1. the race in numbers -------------------------------------------------------------------


def capex_intensity(financials: pd.DataFrame, firms: list[str] = BUILDERS) -> pd.DataFrame:
    """Capex, revenue and operating cash flow per firm and fiscal year, with the two ratios.

    Capex is cash purchases of property and equipment, the one definition every firm reports
    in its cash-flow statement; assets taken on finance leases (large at Microsoft and Meta) are
    excluded. Columns: entity, firm, fiscal_year, capex_usd_bn, revenue_usd_bn, ocf_usd_bn,
    capex_to_revenue, capex_to_ocf, source_ids. Years missing any of the three are dropped.
    """
    parts = []
    for metric, column in (("capex", "capex_usd_bn"), ("revenue", "revenue_usd_bn"),
                           ("operating_cash_flow", "ocf_usd_bn")):
        series = annual_series(financials, metric, firms)
        parts.append(series.rename(columns={"value_usd_bn": column, "source_id": f"src_{column}"})
                     .drop(columns="period_end"))
    table = parts[0].merge(parts[1], on=["entity", "fiscal_year"]).merge(parts[2], on=["entity", "fiscal_year"])
    table["capex_to_revenue"] = table["capex_usd_bn"] / table["revenue_usd_bn"]
    table["capex_to_ocf"] = table["capex_usd_bn"] / table["ocf_usd_bn"]
    src = [c for c in table.columns if c.startswith("src_")]
    table["source_ids"] = table[src].apply(lambda r: " ".join(dict.fromkeys(r)), axis=1)
    table.insert(1, "firm", table["entity"].map(FIRM_NAMES))
    return table.drop(columns=src).sort_values(["entity", "fiscal_year"]).reset_index(drop=True)


def finance_lease_gap(financials: pd.DataFrame) -> pd.DataFrame:
    """Where a firm's capex including finance leases is sourced: both figures and the gap (USD bn).

    Columns: firm, fiscal_year, capex_usd_bn, capex_incl_leases_usd_bn, leases_usd_bn.
    """
    cash = annual_series(financials, "capex", BUILDERS)
    incl = annual_series(financials, "capex_incl_finance_leases", BUILDERS)
    table = cash.merge(incl, on=["entity", "fiscal_year"], suffixes=("_cash", "_incl"))
    return pd.DataFrame({
        "firm": table["entity"].map(FIRM_NAMES), "fiscal_year": table["fiscal_year"],
        "capex_usd_bn": table["value_usd_bn_cash"], "capex_incl_leases_usd_bn": table["value_usd_bn_incl"],
        "leases_usd_bn": table["value_usd_bn_incl"] - table["value_usd_bn_cash"],
    })


def capex_guidance(financials: pd.DataFrame, firms: list[str] = BUILDERS) -> pd.DataFrame:
    """The latest announced capex guidance per firm: year, low, high and midpoint (USD bn).

    A single-figure guidance has low = high. The guided year is the calendar or fiscal year of
    the guidance row, as the firm stated it.
    """
    rows = financials[financials["entity"].isin(firms)
                      & financials["metric"].isin(["capex_guidance", "capex_guidance_low", "capex_guidance_high"])]
    out = []
    for entity, group in rows.groupby("entity"):
        group = group.assign(year=group["period"].str[-4:].astype(int))
        year = group["year"].max()
        latest = group[group["year"] == year]
        values = {m: to_usd_bn(v, u) for m, v, u in zip(latest["metric"], latest["value"], latest["unit"], strict=True)}
        low = values.get("capex_guidance_low", values.get("capex_guidance"))
        high = values.get("capex_guidance_high", values.get("capex_guidance"))
        out.append({"entity": entity, "firm": FIRM_NAMES[entity], "fiscal_year": int(year),
                    "period": latest["period"].iloc[0], "low_usd_bn": low, "high_usd_bn": high,
                    "mid_usd_bn": (low + high) / 2, "source_ids": " ".join(dict.fromkeys(latest["source_id"]))})
    return pd.DataFrame(out)


#: Other base years for the share comparison (the first, 2020, was a pandemic year).
SHARE_BASE_YEARS = (2022, 2023)
#: Guidance that includes assets taken on finance leases (as the firms state it).
GUIDANCE_INCLUDES_LEASES = ("microsoft", "meta")


def guidance_multiple(intensity: pd.DataFrame, guidance: pd.DataFrame, financials: pd.DataFrame,
                      like_for_like: bool, firms: list[str] = BUILDERS) -> float:
    """Sum of guidance midpoints ÷ sum of the latest reported capex of the same ``firms``.

    ``like_for_like``: where a firm's guidance includes finance leases, its base does too (the
    latest sourced ``capex_incl_finance_leases``); otherwise every base is cash capex.
    """
    guided = guidance[guidance["entity"].isin(firms)]
    base = 0.0
    for entity in guided["entity"]:
        rows = intensity[intensity["entity"] == entity]
        value = float(rows["capex_usd_bn"].iloc[-1])
        if like_for_like and entity in GUIDANCE_INCLUDES_LEASES:
            incl = annual_series(financials, "capex_incl_finance_leases", [entity])
            value = float(incl["value_usd_bn"].iloc[-1])
        base += value
    return float(guided["mid_usd_bn"].sum()) / base


def guidance_finding(intensity: pd.DataFrame, guidance: pd.DataFrame, financials: pd.DataFrame,
                     threshold: float = 1.75) -> Finding:
    """"Guidance points to capex roughly doubling" (at least ``threshold`` × the latest year) under
    the book's like-for-like base, the naïve cash base, and without Microsoft (whose guidance is
    for a calendar year, its base a fiscal year ending in June)."""
    others = [f for f in BUILDERS if f != "microsoft"]
    cases = [("like for like: leases in both guidance and base", True, BUILDERS),
             ("cash capex base for every firm", False, BUILDERS),
             ("like for like, without Microsoft (calendar vs fiscal year)", True, others)]
    variants = []
    for name, like, firms in cases:
        m = guidance_multiple(intensity, guidance, financials, like, firms)
        variants.append(Variant(name, f"{m:.2f}×", m >= threshold, m))
    return Finding("guidance", f"Guidance points to capex about doubling (≥ {threshold:g}× the latest year)",
                   tuple(variants))


# --- 2. does spending buy share? --------------------------------------------------------------


def share_comparison(financials: pd.DataFrame, firms: list[str] = CLOUD_THREE) -> pd.DataFrame:
    """Each firm's share of the group's capex against its cloud-infrastructure market share.

    Market shares are Q4 shares of worldwide cloud infrastructure services (``cloud_market_share``,
    period ``Q4CY<year>``); capex is the fiscal year that ends in that calendar year. Columns:
    entity, firm, year, capex_usd_bn, capex_share, market_share (fractions), source_ids.
    """
    capex = annual_series(financials, "capex", firms).rename(columns={"fiscal_year": "year"})
    share = financials[(financials["metric"] == "cloud_market_share") & financials["entity"].isin(firms)
                       & financials["period"].str.fullmatch(r"Q4CY\d{4}")]
    share = pd.DataFrame({"entity": share["entity"], "year": share["period"].str[-4:].astype(int),
                          "market_share": share["value"] / 100, "src_share": share["source_id"]})
    table = capex.merge(share, on=["entity", "year"])
    complete = table.groupby("year")["entity"].transform("nunique") == len(firms)
    table = table[complete].copy()
    table["capex_share"] = table["value_usd_bn"] / table.groupby("year")["value_usd_bn"].transform("sum")
    table["source_ids"] = table["source_id"] + " " + table["src_share"]
    table.insert(1, "firm", table["entity"].map(FIRM_NAMES))
    table = table.rename(columns={"value_usd_bn": "capex_usd_bn"})
    return table[["entity", "firm", "year", "capex_usd_bn", "capex_share", "market_share", "source_ids"]] \
        .sort_values(["entity", "year"]).reset_index(drop=True)


@dataclass(frozen=True)
class ShareVerdict:
    """What the share comparison says, from the first to the last year every firm has both."""

    first_year: int
    last_year: int
    capex_multiple: float
    #: per firm: change in capex share and in market share, percentage points
    capex_share_change_pp: dict[str, float]
    market_share_change_pp: dict[str, float]
    #: Pearson correlation, across firms, of the two changes (+1: spend more, gain more)
    correlation: float
    biggest_spender: str
    biggest_spender_market_change_pp: float


def share_verdict(table: pd.DataFrame, base_year: int | None = None) -> ShareVerdict:
    """Compare a base year (default: the first) with the last: did the firms that raised their
    share of spending gain share?"""
    first, last = (table["year"].min() if base_year is None else base_year), table["year"].max()
    a = table[table["year"] == first].set_index("entity")
    b = table[table["year"] == last].set_index("entity")
    capex_change = ((b["capex_share"] - a["capex_share"]) * 100).to_dict()
    market_change = ((b["market_share"] - a["market_share"]) * 100).to_dict()
    ents = sorted(capex_change)
    corr = float(np.corrcoef([capex_change[e] for e in ents], [market_change[e] for e in ents])[0, 1])
    spender = b["capex_usd_bn"].idxmax()
    return ShareVerdict(int(first), int(last), float(b["capex_usd_bn"].sum() / a["capex_usd_bn"].sum()),
                        capex_change, market_change, corr, FIRM_NAMES[spender], market_change[spender])


def share_finding(table: pd.DataFrame, base_years: tuple[int, ...]) -> Finding:
    """"The biggest spender did not gain market share", from the first year (the book's base) and
    from other ``base_years`` to the last — a pandemic-year base must not decide it."""
    variants = []
    for base in (None, *base_years):
        v = share_verdict(table, base)
        variants.append(Variant(f"{v.first_year}→{v.last_year}",
                                f"{v.biggest_spender} {v.biggest_spender_market_change_pp:+.0f} points; correlation of "
                                f"share changes {v.correlation:+.2f}", v.biggest_spender_market_change_pp <= 0,
                                v.biggest_spender_market_change_pp))
    return Finding("shares", "The biggest spender did not gain cloud market share", tuple(variants))


def share_sentences(verdict: ShareVerdict) -> str:
    """One clause per firm: how its share of spending and its market share moved (points)."""
    parts = [f"{FIRM_NAMES[e]}: spending share {verdict.capex_share_change_pp[e]:+.1f} points, market share "
             f"{verdict.market_share_change_pp[e]:+.0f}" for e in sorted(verdict.capex_share_change_pp)]
    return "; ".join(parts)


# --- 3. return on capital ---------------------------------------------------------------------

#: Assumption: the tax rate applied in a loss year, or where the effective rate falls outside
#: 0–50 % (the US federal statutory rate since 2018); the reader can change it.
STATUTORY_TAX_RATE = 0.21
#: The ROIC inputs every firm must report under one definition (metric names in ``financials``).
ROIC_INPUTS = ("operating_income", "income_tax", "pretax_income", "total_equity", "debt_noncurrent")
#: Borrowings that count as zero where the firm's sourced balance sheet has no such line.
OPTIONAL_DEBT = ("debt_current", "short_term_debt")


@dataclass(frozen=True)
class RoicDefinition:
    """One definition of return on invested capital, applied to every firm and year alike.

    ``cash_metrics`` are netted out of invested capital (empty: no netting); ``tax`` is
    ``"effective"`` (income tax ÷ pre-tax income, the statutory rate in loss years) or
    ``"statutory"`` (:data:`STATUTORY_TAX_RATE` in every year).
    """

    name: str
    cash_metrics: tuple[str, ...]
    tax: str


ROIC_DEFINITIONS = (
    RoicDefinition("equity + debt, no cash netted", (), "effective"),
    RoicDefinition("net of cash and equivalents", ("cash_and_equivalents",), "effective"),
    RoicDefinition("net of cash, equivalents and short-term investments",
                   ("cash_and_equivalents", "short_term_investments"), "effective"),
    RoicDefinition("equity + debt, statutory tax rate", (), "statutory"),
)


def roic_inputs(financials: pd.DataFrame, definition: RoicDefinition,
                firms: list[str] = BUILDERS) -> pd.DataFrame:
    """The inputs of :func:`roic_table` for ``definition``: one row per firm and fiscal year with
    every required metric sourced (USD bn), a ``debt`` column (current + non-current borrowings +
    short-term debt, finance and operating leases excluded), the cash to net, and
    ``source_ids``. Firm-years missing any required input are left out — never filled from a
    differently defined metric."""
    needed = [*ROIC_INPUTS, *definition.cash_metrics]
    wide = None
    for metric in [*needed, *OPTIONAL_DEBT]:
        series = annual_series(financials, metric, firms)[["entity", "fiscal_year", "value_usd_bn", "source_id"]]
        series = series.rename(columns={"value_usd_bn": metric, "source_id": f"src_{metric}"})
        how = "inner" if metric in needed else "left"
        wide = series if wide is None else wide.merge(series, on=["entity", "fiscal_year"], how=how)
    wide[list(OPTIONAL_DEBT)] = wide[list(OPTIONAL_DEBT)].fillna(0.0)
    wide["debt"] = wide["debt_noncurrent"] + wide["debt_current"] + wide["short_term_debt"]
    wide["cash_netted"] = wide[list(definition.cash_metrics)].sum(axis=1) if definition.cash_metrics else 0.0
    src = [c for c in wide.columns if c.startswith("src_")]
    wide["source_ids"] = wide[src].apply(lambda r: " ".join(dict.fromkeys(s for s in r if isinstance(s, str))),
                                         axis=1)
    wide["definition"] = definition.name
    wide["tax"] = definition.tax
    return wide.drop(columns=src)


def roic_table(inputs: pd.DataFrame, statutory_rate: float = STATUTORY_TAX_RATE) -> pd.DataFrame:
    """Return on invested capital per firm and fiscal year, from :func:`roic_inputs`.

    ROIC = NOPAT ÷ invested capital; NOPAT = operating income × (1 − t); invested capital =
    equity + debt − cash netted, at the fiscal-year end. t is income tax ÷ pre-tax income, except
    in a loss year or where that rate falls outside 0–50 % (or under a statutory definition),
    where t = ``statutory_rate``; ``tax_basis`` says which. Inputs computed under more than one
    definition are refused: one definition for every firm and year.

    >>> inputs = pd.DataFrame({"entity": ["x"], "fiscal_year": [2024], "operating_income": [100.0],
    ...     "income_tax": [18.0], "pretax_income": [90.0], "total_equity": [250.0], "debt": [50.0],
    ...     "cash_netted": [100.0], "source_ids": ["s"], "definition": ["d"], "tax": ["effective"]})
    >>> float(roic_table(inputs)["roic"].iloc[0])
    0.4
    """
    for column in ("definition", "tax"):
        if inputs[column].nunique() > 1:
            raise ValueError(f"ROIC inputs mix definitions ({sorted(inputs[column].unique())}): "
                             "compute each definition separately, the same for every firm")
    out = inputs.copy()
    effective = out["income_tax"] / out["pretax_income"].where(out["pretax_income"] > 0)
    usable = effective.between(0, 0.5) & (out["tax"] == "effective")
    out["tax_rate"] = effective.where(usable, statutory_rate)
    out["tax_basis"] = np.where(usable, "effective",
                                np.where(out["tax"] == "statutory", "statutory (definition)",
                                         np.where(out["pretax_income"] <= 0, "statutory (loss year)",
                                                  "statutory (effective rate outside 0–50 %)")))
    out["nopat_usd_bn"] = out["operating_income"] * (1 - out["tax_rate"])
    out["invested_usd_bn"] = out["total_equity"] + out["debt"] - out["cash_netted"]
    out["roic"] = out["nopat_usd_bn"] / out["invested_usd_bn"]
    out.insert(1, "firm", out["entity"].map(FIRM_NAMES))
    return out[["entity", "firm", "fiscal_year", "nopat_usd_bn", "invested_usd_bn", "roic", "tax_rate", "tax_basis",
                "definition", "source_ids"]].sort_values(["entity", "fiscal_year"]).reset_index(drop=True)


def roic_window(tables: list[pd.DataFrame]) -> tuple[int, int, list[str]]:
    """One window of years for every firm and definition: from the latest of the firms' first
    years to the earliest of their last years, and the firms with ROIC in both of those years
    under every definition — so every definition compares the same firms over the same years."""
    spans = pd.concat(tables).groupby("entity")["fiscal_year"].agg(["min", "max"])
    first, last = int(spans["min"].max()), int(spans["max"].min())
    firms = set(spans.index)
    for t in tables:
        both = t[t["fiscal_year"].isin([first, last])].groupby("entity")["fiscal_year"].nunique()
        firms &= set(both[both == 2].index)
    return first, last, [f for f in BUILDERS if f in firms] + sorted(firms - set(BUILDERS))


def roic_trend(table: pd.DataFrame, first: int, last: int, firms: list[str]) -> pd.DataFrame:
    """Per firm: ROIC in ``first`` and ``last`` and the change (percentage points)."""
    wide = table[table["entity"].isin(firms)].pivot(index="entity", columns="fiscal_year", values="roic")
    out = pd.DataFrame({"entity": firms, "firm": [FIRM_NAMES[f] for f in firms],
                        "roic_first": [wide.loc[f, first] for f in firms],
                        "roic_last": [wide.loc[f, last] for f in firms]})
    out["change_pp"] = (out["roic_last"] - out["roic_first"]) * 100
    return out


def roic_movers(trend: pd.DataFrame) -> tuple[str, str]:
    """Names of the firms whose ROIC fell, and of those whose ROIC rose, first to last year."""
    fell = trend[trend["roic_last"] < trend["roic_first"]]["firm"]
    rose = trend[trend["roic_last"] >= trend["roic_first"]]["firm"]
    return " and ".join(fell) or "none", " and ".join(rose) or "none"


def roic_tables(financials: pd.DataFrame, statutory_rate: float = STATUTORY_TAX_RATE) -> list[pd.DataFrame]:
    """ROIC per firm and year under each of :data:`ROIC_DEFINITIONS`, in that order."""
    return [roic_table(roic_inputs(financials, d), statutory_rate) for d in ROIC_DEFINITIONS]


def roic_by_definition(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Per firm and definition, over the common window (:func:`roic_window`): ROIC in the first
    and last year and the change in points. Columns: firm, definition, first_year, last_year,
    roic_first, roic_last, change_pp."""
    first, last, firms = roic_window(tables)
    rows = []
    for table in tables:
        trend = roic_trend(table, first, last, firms)
        rows.append(trend.assign(definition=table["definition"].iloc[0], first_year=first, last_year=last))
    out = pd.concat(rows, ignore_index=True)
    return out[["firm", "definition", "first_year", "last_year", "roic_first", "roic_last", "change_pp"]]


def roic_finding(financials: pd.DataFrame, statutory_rate: float = STATUTORY_TAX_RATE) -> Finding:
    """"ROIC fell at most of the builders", under every definition of :data:`ROIC_DEFINITIONS`
    over one common window of years and firms (:func:`roic_window`), and under the book's
    definition over each firm's own longest span of sourced years."""
    tables = roic_tables(financials, statutory_rate)
    first, last, firms = roic_window(tables)
    variants = []
    for definition, table in zip(ROIC_DEFINITIONS, tables, strict=True):
        trend = roic_trend(table, first, last, firms)
        fell = int((trend["change_pp"] < 0).sum())
        variants.append(Variant(f"{definition.name}, {first}→{last}", f"fell at {fell} of {len(firms)}",
                                fell > len(firms) / 2, fell))
    spans = own_span_trend(tables[0], firms)
    fell = int((spans["change_pp"] < 0).sum())
    window = "; ".join(f"{r.firm} {r.first_year}→{r.last_year}" for r in spans.itertuples())
    variants.append(Variant(f"{ROIC_DEFINITIONS[0].name}, each firm's own span ({window})",
                            f"fell at {fell} of {len(firms)}", fell > len(firms) / 2, fell))
    return Finding("roic", "Return on invested capital fell at most of the builders", tuple(variants))


def own_span_trend(table: pd.DataFrame, firms: list[str]) -> pd.DataFrame:
    """Per firm: ROIC in its own first and last year with every input sourced, and the change."""
    rows = []
    for entity in firms:
        group = table[table["entity"] == entity].sort_values("fiscal_year")
        first, last = group.iloc[0], group.iloc[-1]
        rows.append({"entity": entity, "firm": FIRM_NAMES[entity], "first_year": int(first["fiscal_year"]),
                     "last_year": int(last["fiscal_year"]), "roic_first": first["roic"], "roic_last": last["roic"]})
    out = pd.DataFrame(rows)
    out["change_pp"] = (out["roic_last"] - out["roic_first"]) * 100
    return out


# --- 4. depreciation --------------------------------------------------------------------------


def charge_fraction(age: int, life_years: float) -> float:
    """Share of a vintage's cost charged at ``age`` (0 = the year of spend) under straight-line
    depreciation over ``life_years`` with a full year's charge in the year of spend; a
    fractional life ends with a part-year (5.5 years: five charges of 1/5.5, then 0.5/5.5).

    The chart computes the same in the page as ``clamp(life - age, 0, 1) / life``.

    >>> [round(charge_fraction(a, 2.5), 2) for a in range(4)]
    [0.4, 0.4, 0.2, 0.0]
    """
    if life_years <= 0:
        raise ValueError("a useful life is positive")
    return min(max(life_years - age, 0.0), 1.0) / life_years


def straight_line_depreciation(capex_usd_bn: pd.Series, life_years: float) -> pd.Series:
    """Yearly depreciation of yearly capex spread evenly over ``life_years`` (see :func:`charge_fraction`).

    ``capex_usd_bn`` is indexed by year. The result runs from the first capex year to the year the
    last vintage is fully depreciated, so it sums to total capex.
    """
    if life_years < 1:
        raise ValueError("a useful life is at least one year")
    first, last = int(capex_usd_bn.index.min()), int(capex_usd_bn.index.max())
    span = int(np.ceil(life_years))
    dep = dict.fromkeys(range(first, last + span), 0.0)
    for vintage, amount in capex_usd_bn.items():
        for age in range(span):
            dep[int(vintage) + age] += float(amount) * charge_fraction(age, life_years)
    return pd.Series(dep, name="depreciation_usd_bn")


def life_history(financials: pd.DataFrame, firms: list[str] = BUILDERS) -> pd.DataFrame:
    """Each firm's server life by fiscal year, from the sourced changes (``server_useful_life_years``).

    A change stated for a fiscal year (``FY2023``) applies to that whole year; one effective in a
    later quarter (``Q4FY2022``) applies from the next fiscal year, except the first quarter
    (``Q1FY…``), which applies to its year. Before its first sourced figure a firm keeps that
    figure's life (the rows state the life each firm changed *from*). Columns: entity,
    fiscal_year, life_years, source_id; one row per firm for every year from 2010 to 2030.
    """
    rows = financials[(financials["metric"] == "server_useful_life_years") & financials["entity"].isin(firms)]
    changes = []
    for r in rows.itertuples():
        year = int(r.period[-4:])
        if r.period.startswith("Q") and not r.period.startswith("Q1"):
            year += 1
        changes.append((r.entity, year, float(r.value), r.source_id))
    table = pd.DataFrame(changes, columns=["entity", "effective", "life_years", "source_id"])
    table = table.sort_values(["entity", "effective", "life_years"]).drop_duplicates(["entity", "effective"],
                                                                                      keep="last")
    out = []
    for entity, group in table.groupby("entity"):
        for year in range(2010, 2031):
            known = group[group["effective"] <= year]
            row = known.iloc[-1] if len(known) else group.iloc[0]
            out.append({"entity": entity, "fiscal_year": year, "life_years": row["life_years"],
                        "source_id": row["source_id"]})
    return pd.DataFrame(out)


def vintage_pairs(capex: pd.DataFrame, max_life_years: int, lives: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every (firm, vintage, year) with 0 ≤ year − vintage < ``max_life_years`` within the data's
    years: the table a chart filters by a life-years slider to depreciate capex in the browser.
    Columns: firm, vintage, year, age, capex_usd_bn, and (given ``lives`` from
    :func:`life_history`) books_life, the firm's own life in that year.
    """
    rows = []
    last = int(capex["fiscal_year"].max())
    for row in capex.itertuples():
        for age in range(max_life_years):
            if row.fiscal_year + age <= last:
                rows.append({"entity": row.entity, "firm": row.firm, "vintage": row.fiscal_year,
                             "year": row.fiscal_year + age, "age": age, "capex_usd_bn": row.capex_usd_bn})
    pairs = pd.DataFrame(rows)
    if lives is not None:
        pairs = pairs.merge(lives.rename(columns={"fiscal_year": "year", "life_years": "books_life"})[
            ["entity", "year", "books_life"]], on=["entity", "year"], how="left")
    return pairs.drop(columns="entity")


def depreciation_model(capex: pd.DataFrame, lives: pd.DataFrame, life_years: float,
                       server_share: float, max_life_years: int = 8) -> pd.DataFrame:
    """Server depreciation per firm and year under each firm's own books (its life in each year,
    :func:`life_history`) and under one ``life_years`` for all, both applied to every vintage
    still in service: charge = ``server_share`` × capex × :func:`charge_fraction`.

    Years before every vintage in the longest window is in the data are dropped. Columns: firm,
    year, dep_books_usd_bn, dep_model_usd_bn, change_usd_bn (books − model: the change in
    operating income if the model's life were used).
    """
    pairs = vintage_pairs(capex, max_life_years, lives)
    pairs = pairs[pairs["year"] >= int(capex["fiscal_year"].min()) + max_life_years - 1]
    share = server_share * pairs["capex_usd_bn"]
    pairs = pairs.assign(
        dep_books=[s * charge_fraction(a, n) for s, a, n in zip(share, pairs["age"], pairs["books_life"], strict=True)],
        dep_model=[s * charge_fraction(a, life_years) for s, a in zip(share, pairs["age"], strict=True)])
    out = pairs.groupby(["firm", "year"], as_index=False)[["dep_books", "dep_model"]].sum()
    out = out.rename(columns={"dep_books": "dep_books_usd_bn", "dep_model": "dep_model_usd_bn"})
    out["change_usd_bn"] = out["dep_books_usd_bn"] - out["dep_model_usd_bn"]
    return out


def capex_with_source(intensity: pd.DataFrame) -> pd.DataFrame:
    """Capex per firm and year with the source of its capex figure (the first of ``source_ids``),
    the input of the depreciation model and its chart."""
    return intensity[["entity", "firm", "fiscal_year", "capex_usd_bn"]].assign(
        source_id=intensity["source_ids"].str.split().str[0])


@dataclass(frozen=True)
class DepreciationEffect:
    """The change in the latest year's operating income, summed over firms, if servers were
    depreciated over ``life_years`` instead of each firm's own books (negative: income falls)."""

    fiscal_year: int
    life_years: float
    change_usd_bn: float
    share_of_operating_income: float


def depreciation_effect(model: pd.DataFrame, operating_income: pd.DataFrame, life_years: float) -> DepreciationEffect:
    """Sum :func:`depreciation_model` over firms in its latest year, against their operating income."""
    last = int(model["year"].max())
    rows = model[model["year"] == last]
    income = operating_income[(operating_income["fiscal_year"] == last)
                              & operating_income["entity"].map(FIRM_NAMES).isin(rows["firm"])]
    change = float(rows["change_usd_bn"].sum())
    return DepreciationEffect(last, life_years, change, change / float(income["value_usd_bn"].sum()))


def life_changes(lives: pd.DataFrame) -> str:
    """The sourced life changes in words, generated from :func:`life_history`:
    "Microsoft 3→4 years (FY2021), 4→6 (FY2023); …"."""
    parts = []
    for entity in [f for f in BUILDERS if f in set(lives["entity"])]:
        series = lives[lives["entity"] == entity].set_index("fiscal_year")["life_years"]
        steps = [f"{series[y - 1]:g}→{series[y]:g} ({y})" for y in series.index[1:] if series[y] != series[y - 1]]
        parts.append(f"{FIRM_NAMES[entity]} " + ", ".join(steps))
    return "; ".join(parts)


def useful_life_table(financials: pd.DataFrame) -> pd.DataFrame:
    """Sourced server useful-life changes and their stated effects, one row per firm and change."""
    lives = financials[financials["metric"] == "server_useful_life_years"]
    effect_metrics = ["useful_life_change_operating_income_effect", "server_life_change_income_effect",
                      "server_life_change_depreciation_effect", "depreciation_reduction"]
    effects = financials[financials["metric"].isin(effect_metrics)]
    out = lives[["entity", "period", "value", "source_id", "note"]].rename(columns={"value": "life_years"})
    eff = effects.assign(effect_usd_bn=[to_usd_bn(v, u) for v, u in zip(effects["value"], effects["unit"],
                                                                        strict=True)])
    eff = eff.groupby(["entity", "period"], as_index=False).agg(
        effect_usd_bn=("effect_usd_bn", "first"), effect_metric=("metric", "first"))
    out = out.merge(eff, on=["entity", "period"], how="left")
    out.insert(1, "firm", out["entity"].map(FIRM_NAMES))
    return out.sort_values(["entity", "period"]).reset_index(drop=True)


# --- 5. the 4:1 ratio and the revenue gap -----------------------------------------------------


def sequoia_required_revenue(nvidia_dc_revenue_usd_bn: float, cost_multiplier: float = 2.0,
                             margin_multiplier: float = 2.0) -> float:
    """Sequoia's "$600B question": end-user revenue needed to pay for the data centres that
    ``nvidia_dc_revenue_usd_bn`` of GPUs imply. GPUs are half the data-centre cost (×2), and end
    users need a 50 % gross margin (×2)."""
    return nvidia_dc_revenue_usd_bn * cost_multiplier * margin_multiplier


@dataclass(frozen=True)
class SequoiaMethod:
    """Sequoia's two multipliers and the margin behind the second, as sourced."""

    cost_multiplier: float
    margin_multiplier: float
    end_user_margin_pct: float
    source_ids: tuple[str, ...]


def sequoia_method(financials: pd.DataFrame) -> SequoiaMethod:
    """Sequoia's "$600B question" multipliers, read from the sourced rows (entity ``sequoia``)."""
    rows = financials[financials["entity"] == "sequoia"].sort_values("period")
    latest = rows.groupby("metric").last()
    return SequoiaMethod(float(latest.loc["datacenter_cost_multiplier", "value"]),
                         float(latest.loc["margin_multiplier", "value"]),
                         float(latest.loc["end_user_gross_margin_assumption", "value"]),
                         tuple(latest.loc[["datacenter_cost_multiplier", "margin_multiplier",
                                           "end_user_gross_margin_assumption"], "source_id"]))


def revenue_gap_table(financials: pd.DataFrame) -> pd.DataFrame:
    """Per Nvidia fiscal year: data-centre revenue, Sequoia's required end-user revenue, and the
    end-user AI revenue of the two largest labs on one basis: OpenAI's and Anthropic's annualised
    run-rates in December of the calendar year the fiscal year mostly covers (a floor, not a
    market total; a year lacking either lab's figure has none)."""
    dc = annual_series(financials, "datacenter_revenue", ["nvidia"])
    dc["calendar_year"] = dc["fiscal_year"] - 1
    method = sequoia_method(financials)
    dc["required_usd_bn"] = [sequoia_required_revenue(v, method.cost_multiplier, method.margin_multiplier)
                             for v in dc["value_usd_bn"]]
    openai, anth = december_run_rates(financials, "openai"), december_run_rates(financials, "anthropic")
    rows = []
    for row in dc.itertuples():
        o, a = openai.get(row.calendar_year), anth.get(row.calendar_year)
        labs = o[0] + a[0] if o and a else np.nan
        ids = [row.source_id] + [x[1] for x in (o, a) if x]
        rows.append({"fiscal_year": row.fiscal_year, "calendar_year": row.calendar_year,
                     "nvidia_dc_usd_bn": row.value_usd_bn, "required_usd_bn": row.required_usd_bn,
                     "labs_revenue_usd_bn": labs, "source_ids": " ".join(ids)})
    out = pd.DataFrame(rows)
    out["ratio_dc_to_labs"] = out["nvidia_dc_usd_bn"] / out["labs_revenue_usd_bn"]
    return out


def december_run_rates(financials: pd.DataFrame, entity: str) -> dict[int, tuple[float, str]]:
    """A lab's annualised revenue run-rate each December: {calendar year: (USD bn, source_id)}."""
    rows = financials[(financials["entity"] == entity) & (financials["metric"] == "revenue_run_rate")
                      & financials["period"].str.endswith("-12")]
    return {int(p[:4]): (to_usd_bn(v, u), s) for p, v, u, s in
            zip(rows["period"], rows["value"], rows["unit"], rows["source_id"], strict=True)}


#: The year Bain's USD 2 trillion is needed by (its report's horizon), plotted at Nvidia's fiscal
#: year that ends in January of the next year.
BAIN_YEAR = 2030


# --- 6. stock-based compensation --------------------------------------------------------------


@dataclass(frozen=True)
class BroadRevenue:
    """A broad, third-party estimate of generative-AI revenue, and Nvidia's ratio to it."""

    usd_bn: float
    period: str
    source_id: str
    dc_ratio: float


def broad_revenue(financials: pd.DataFrame, nvidia_dc_usd_bn: float) -> BroadRevenue:
    """The latest trailing-twelve-month estimate of generative-AI revenue (entity ``industry``)."""
    row = latest_row(financials, "industry", "genai_revenue_ttm")
    value = to_usd_bn(float(row["value"]), row["unit"])
    return BroadRevenue(value, row["period"], row["source_id"], nvidia_dc_usd_bn / value)


def against_net_income(financials: pd.DataFrame, metric: str, column: str) -> pd.DataFrame:
    """One of Nvidia's annual figures (``metric``, shown as ``column``, USD bn) against its net
    income by fiscal year. Columns: fiscal_year, ``column``, net_income_usd_bn, ``<stem>_to_net_income``
    (``column`` without ``_usd_bn``), source_ids."""
    part = annual_series(financials, metric, ["nvidia"])[["fiscal_year", "value_usd_bn", "source_id"]]
    ni = annual_series(financials, "net_income", ["nvidia"])[["fiscal_year", "value_usd_bn", "source_id"]]
    table = part.merge(ni, on="fiscal_year", suffixes=("", "_ni")).rename(
        columns={"value_usd_bn": column, "value_usd_bn_ni": "net_income_usd_bn"})
    table[f"{column.removesuffix('_usd_bn')}_to_net_income"] = table[column] / table["net_income_usd_bn"]
    table["source_ids"] = table["source_id"] + " " + table["source_id_ni"]
    return table.drop(columns=["source_id", "source_id_ni"])


def sbc_share(financials: pd.DataFrame) -> pd.DataFrame:
    """Nvidia's stock-based compensation against its net income by fiscal year."""
    return against_net_income(financials, "sbc", "sbc_usd_bn")


def buyback_share(financials: pd.DataFrame) -> pd.DataFrame:
    """Nvidia's share repurchases against its net income by fiscal year — the cash Burry counts as
    the true cost of stock pay, spent to offset the dilution it causes. Columns: fiscal_year,
    buybacks_usd_bn, net_income_usd_bn, buybacks_to_net_income, source_ids."""
    return against_net_income(financials, "buybacks", "buybacks_usd_bn")


def pooled_ratio(table: pd.DataFrame, numerator: str, denominator: str, first_year: int) -> float:
    """Σ numerator ÷ Σ denominator over the fiscal years from ``first_year`` on."""
    rows = table[table["fiscal_year"] >= first_year]
    return float(rows[numerator].sum() / rows[denominator].sum())


# --- 7. a two-firm capex game -----------------------------------------------------------------

ACTIONS = ("hold", "invest")


def payoffs(pool: float, growth: float, share_alone: float, cost: float) -> dict[tuple[str, str], tuple[float, float]]:
    """Payoffs (firm A, firm B) for each pair of actions.

    A profit ``pool`` is split evenly today. If anyone invests (at ``cost`` each), AI grows the
    pool by ``growth`` (a fraction); a firm that invests alone wins ``share_alone`` of the grown
    pool; if both invest they split it evenly. If neither invests the pool stays as it is.
    """
    grown = pool * (1 + growth)
    return {
        ("hold", "hold"): (pool / 2, pool / 2),
        ("invest", "hold"): (share_alone * grown - cost, (1 - share_alone) * grown),
        ("hold", "invest"): ((1 - share_alone) * grown, share_alone * grown - cost),
        ("invest", "invest"): (grown / 2 - cost, grown / 2 - cost),
    }


def nash_equilibria(table: dict[tuple[str, str], tuple[float, float]]) -> list[tuple[str, str]]:
    """Pure-strategy Nash equilibria: action pairs where neither firm gains by deviating alone."""
    found = []
    for a, b in itertools.product(ACTIONS, ACTIONS):
        best_a = all(table[(a, b)][0] >= table[(alt_a, b)][0] for alt_a in ACTIONS)
        best_b = all(table[(a, b)][1] >= table[(a, alt_b)][1] for alt_b in ACTIONS)
        if best_a and best_b:
            found.append((a, b))
    return found


def is_escalator(table: dict[tuple[str, str], tuple[float, float]]) -> bool:
    """True when (invest, invest) is the only equilibrium yet both would be better off holding:
    the escalator (a prisoner's dilemma)."""
    both, neither = table[("invest", "invest")], table[("hold", "hold")]
    return nash_equilibria(table) == [("invest", "invest")] and both[0] < neither[0] and both[1] < neither[1]


def game_grid(pool: float, cost: float, steps: int = 21) -> pd.DataFrame:
    """Outcome of the game over a grid of growth (0–100 %) and share won alone (50–100 %)."""
    rows = []
    for growth in (round(float(g), 4) for g in np.linspace(0, 1, steps)):
        for share in (round(float(s), 4) for s in np.linspace(0.5, 1, steps)):
            table = payoffs(pool, growth, share, cost)
            eq = nash_equilibria(table)
            outcome = ("escalator: both invest, both worse off" if is_escalator(table)
                       else "both invest and gain" if eq == [("invest", "invest")]
                       else "nobody invests" if eq == [("hold", "hold")]
                       else "mixed or several equilibria")
            rows.append({"growth": growth, "share_alone": share, "outcome": outcome})
    return pd.DataFrame(rows)


# --- claims checked here ----------------------------------------------------------------------

BIG_SIX_2024 = {"apple": "FY2024", "amazon": "FY2024", "alphabet": "FY2024", "microsoft": "FY2024",
                "meta": "FY2024", "nvidia": "FY2025"}


def _value_usd_bn(financials: pd.DataFrame, entity: str, metric: str, period: str) -> float:
    row = financials[(financials["entity"] == entity) & (financials["metric"] == metric)
                     & (financials["period"] == period)]
    if len(row) != 1:
        raise KeyError(f"no single {entity} {metric} {period} in financials")
    return to_usd_bn(float(row["value"].iloc[0]), row["unit"].iloc[0])


def big_six_revenue_usd_bn(financials: pd.DataFrame) -> float:
    """Combined 2024 revenue of Apple, Amazon, Alphabet, Microsoft, Meta and Nvidia (each firm's
    fiscal year closest to calendar 2024: Nvidia's FY2025 ends 26 January 2025)."""
    return sum(_value_usd_bn(financials, e, "revenue", p) for e, p in BIG_SIX_2024.items())


#: The boom's first Nvidia fiscal year: FY2024 began in February 2023, after ChatGPT's launch.
BOOM_FIRST_FY = 2024


def chips_sold_usd_bn(gap: pd.DataFrame, first_fy: int = BOOM_FIRST_FY) -> float:
    """Nvidia data-centre revenue summed from ``first_fy`` to the latest fiscal year (USD bn)."""
    return float(gap.loc[gap["fiscal_year"] >= first_fy, "nvidia_dc_usd_bn"].sum())


def cloud_capex_readings(financials: pd.DataFrame) -> list[tuple[str, float | None, str, str]]:
    """Readings of "USD 100bn a year is more than Microsoft's or Amazon's capex for their whole
    cloud business". The seed (early 2026) means the latest year, FY2025. Amazon reports property
    and equipment additions of its AWS segment; Microsoft reports no cloud split, so its
    company-wide capex including finance leases is the ceiling of its cloud capex."""
    aws = annual_series(financials, "segment_capex_aws", ["amazon"]).iloc[-1]
    msft = annual_series(financials, "capex_incl_finance_leases", ["microsoft"]).iloc[-1]
    cash = annual_series(financials, "capex", ["amazon", "microsoft"])
    year = int(cash["fiscal_year"].max())
    largest_cash = float(cash.loc[cash["fiscal_year"] == year, "value_usd_bn"].max())
    both = max(float(aws["value_usd_bn"]), float(msft["value_usd_bn"]))
    same_year = int(aws["fiscal_year"]) == year
    readings: list[tuple[str, float | None, str, str]] = []
    if not same_year:
        readings.append((f"both firms' cloud capex, FY{year}", None, "usd_bn",
                         f"Amazon's AWS split is sourced only to FY{aws['fiscal_year']}"))
    readings += [
        ("the latest cloud capex each firm reports", both, "usd_bn",
         f"the larger of Amazon's AWS additions (FY{aws['fiscal_year']}, USD {aws['value_usd_bn']:,.1f}bn) and "
         f"Microsoft's company-wide capex incl. finance leases (FY{msft['fiscal_year']}, no cloud split): "
         "the claim needs both below 100"),
        (f"company-wide cash capex FY{year}, the larger of the two", largest_cash, "usd_bn",
         "retail warehouses and Microsoft's own products included: more than the cloud"),
    ]
    return readings


SCALE_JUDGED = "spent since the boom began plus 2026 guidance"


def scale_readings(intensity: pd.DataFrame, guided_usd_bn: float) -> list[tuple[str, float, str, str]]:
    """Readings of "trillions" said of the build-out (USD tn): the four builders' cash capex since
    the boom began, alone and with their latest guidance for 2026 added."""
    four = intensity[intensity["entity"].isin(["microsoft", "alphabet", "amazon", "meta"])]
    last = int(four["fiscal_year"].max())
    spent = float(four[four["fiscal_year"] >= BOOM_FIRST_FY]["capex_usd_bn"].sum())
    span = f"FY{BOOM_FIRST_FY}–FY{last}"
    return [
        (SCALE_JUDGED, (spent + guided_usd_bn) / 1000, "usd_tn",
         f"the four's cash capex {span} plus the midpoints of their 2026 guidance: what is spent and committed"),
        (f"spent since the boom began ({span})", spent / 1000, "usd_tn", f"the four's cash capex {span}"),
    ]


def claim_checks(tables: dict[str, pd.DataFrame]) -> list[Recomputed]:
    """Recompute the seed claims this chapter tests from the loaded ``tables`` (see :mod:`analysis.ledger`),
    each under the readings its words allow, naming the one judged to be meant."""
    financials, claims = tables["financials"], tables["claims"]
    check = checker(claims, "escalator")

    intensity = capex_intensity(financials)
    four = intensity[intensity["entity"].isin(["microsoft", "alphabet", "amazon", "meta"])]
    last = int(four["fiscal_year"].max())
    four_last = float(four.loc[four["fiscal_year"] == last, "capex_usd_bn"].sum())
    guidance = capex_guidance(financials)
    four_guided = float(guidance[guidance["entity"].isin(["microsoft", "alphabet", "amazon", "meta"])]["mid_usd_bn"]
                        .sum())
    gap = revenue_gap_table(financials)
    one_year = gap.iloc[-1]
    fy = int(one_year["fiscal_year"])
    dc_year = float(one_year["nvidia_dc_usd_bn"])
    cumulative = chips_sold_usd_bn(gap)
    labs = gap.dropna(subset=["labs_revenue_usd_bn"]).iloc[-1]
    labs_usd_bn = float(labs["labs_revenue_usd_bn"])
    broad = broad_revenue(financials, dc_year)
    sbc = sbc_share(financials)
    bb = buyback_share(financials)
    lives = financials[financials["metric"] == "server_useful_life_years"]
    msft_life = float(lives[lives["entity"] == "microsoft"].sort_values("period_end")["value"].iloc[-1])
    bain = latest_row(financials, "bain", "revenue_needed")
    span = f"FY{BOOM_FIRST_FY}–FY{fy}"
    press_total = float(latest_row(financials, "industry", "bigtech_capex_plan_total")["value"])
    stargate = tables["deals"].query("payee == 'stargate' and basis == 'up_to'")
    stargate_usd_bn = float(stargate["amount"].max())
    roic = roic_finding(financials)
    bain_usd_bn = to_usd_bn(float(bain["value"]), bain["unit"])
    saas = fact_row(tables["facts"], "saas_market", "gartner_public_cloud_saas_spending")
    cadence = fact_row(tables["facts"], "nvidia", "stated_generation_cadence")
    return [
        check("c003", [("Stargate's announced plan", stargate_usd_bn, "usd_bn",
                        "the Stargate joint venture's announced investment ('up to'), deal ledger")]),
        check("c011", [(f"Bain's USD {bain_usd_bn / 1000:g}tn ÷ public-cloud SaaS spending, {saas['period']}",
                        bain_usd_bn / float(saas["value"]), "multiple",
                        "the revenue Bain says the build-out needs against Gartner's forecast of worldwide SaaS "
                        "spending (a narrower market than all subscription software: the multiple is an upper "
                        "end)")]),
        check("c020", cloud_capex_readings(financials), judged="the latest cloud capex each firm reports"),
        check("c038", [("ChatGPT Plus list price",
                        float(latest_row(financials, "openai", "chatgpt_plus_price")["value"]), "usd_per_month",
                        "OpenAI's consumer subscription price")]),
        check("c042", [("Nvidia's stated rhythm", float(cadence["value"]), "years",
                        "Nvidia's chief executive (Computex, June 2024) and its blog: 'a one-year rhythm'; a plan for "
                        "its own products, not an observed gap between generations")]),
        check("c050", [("a future P/E", None, "multiple", "a forecast with no date: cannot be due")]),
        check("c064", [("application-layer revenue above USD 500bn", None, "usd_bn",
                        "a condition for the future, not a claim about today; today's broadest estimate is in c040")]),
        check("c068", [(f"builders whose ROIC fell, {roic.variants[0].definition}", roic.variants[0].value, "count",
                        roic.sentence(), {"survives": "holds", "fragile": "roughly holds",
                                          "does not hold": "does not hold"}[roic.status])]),
        check("c004", [("Bain's figure", to_usd_bn(float(bain["value"]), bain["unit"]) / 1000, "usd_tn",
                        "Bain's own figure (Global Technology Report 2025, as reported)")]),
        check("c005", [("fiscal years closest to 2024", big_six_revenue_usd_bn(financials) / 1000, "usd_tn",
                        "sum of the six firms' revenue in the fiscal year closest to calendar 2024")]),
        check("c010", [("economic life of data-centre compute", None, "years",
                        "no sourced figure for how long GPUs stay economic; the books use up to "
                        f"{lives['value'].max():g} years")]),
        check("c028", [
            ("press totals at the seed's date", press_total, "usd_bn",
             "the four's 2026 capex plans as totalled by the press in February 2026 (the seed is dated 3 March)"),
            ("latest guidance midpoints", four_guided, "usd_bn",
             "sum of the latest capex guidance midpoints of the four, some given after the seed's date"),
        ]),
        check("c037", [(f"FY{last} purchases of property and equipment", four_last, "usd_bn",
                        f"the four's FY{last} cash capex")]),
        check("c039", [
            (f"cumulative since the boom began ({span})", cumulative, "usd_bn",
             f"Nvidia data-centre revenue summed over {span}; the seed's past tense ('has sold') and no single "
             "year reaching 400 point to a running total"),
            (f"one fiscal year (FY{fy})", dc_year, "usd_bn", f"Nvidia data-centre revenue, FY{fy}"),
            ("a forecast for a coming year", None, "usd_bn", "no sourced forecast in data/"),
        ], judged=f"cumulative since the boom began ({span})"),
        check("c040", [
            (f"broad estimate, 12 months to {broad.period}", broad.usd_bn, "usd_bn",
             "a secondary estimate of all generative-AI revenue: closest to 'end-user AI product revenue'"),
            (f"two largest labs, December {int(labs['calendar_year'])} run-rates", labs_usd_bn, "usd_bn",
             "OpenAI + Anthropic annualised run-rates in the same month: a floor"),
        ]),
        check("c041", [
            ("the seed's own figures", 400 / 100, "ratio", "400 ÷ 100, the seed's two numbers"),
            (f"chips since the boom ÷ broad revenue ({span})", cumulative / broad.usd_bn, "ratio",
             f"Nvidia data-centre revenue {span} ÷ the broad estimate for 12 months to {broad.period}: the seed's "
             "mix of a running total and a year"),
            (f"one year ÷ labs' run-rates (FY{fy}, Dec {int(labs['calendar_year'])})",
             float(labs["ratio_dc_to_labs"]), "ratio",
             "a year of Nvidia data-centre revenue ÷ the two labs' December run-rates: like for like, a floor"),
            (f"one year ÷ broad revenue (FY{fy}, 12 months to {broad.period})", broad.dc_ratio, "ratio",
             "a year of Nvidia data-centre revenue ÷ the broad estimate: like for like, broadest"),
        ], judged=f"chips since the boom ÷ broad revenue ({span})"),
        *(check(cid, scale_readings(intensity, four_guided), judged=SCALE_JUDGED) for cid in ("c036", "c058", "c066")),
        check("c043", [("economic life of data-centre compute", None, "years",
                        "no sourced figure for when data centres become stranded")]),
        check("c044", [
            ("Nadella's own estimate", None, "years", "a statement of intent; no sourced figure to test it"),
            ("Microsoft's server life in its books", msft_life, "years",
             "Microsoft depreciates servers over this many years, longer than the 4–5 he feared"),
        ]),
        check("c045", [
            (f"buybacks ÷ net income, pooled FY{BOOM_FIRST_FY}–FY{fy}",
             pooled_ratio(bb, "buybacks_usd_bn", "net_income_usd_bn", BOOM_FIRST_FY) * 100, "pct",
             "Burry counts the buybacks that offset stock-pay dilution as its true cost"),
            (f"SBC expense ÷ net income, FY{fy}", float(sbc.iloc[-1]["sbc_to_net_income"]) * 100, "pct",
             "the income-statement expense"),
            (f"SBC expense ÷ net income, pooled FY{BOOM_FIRST_FY}–FY{fy}",
             pooled_ratio(sbc, "sbc_usd_bn", "net_income_usd_bn", BOOM_FIRST_FY) * 100, "pct",
             "the expense over the boom years"),
        ]),
    ]
