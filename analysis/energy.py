"""Thesis 4, energy: is power the binding constraint on the AI build-out?

Pure functions over ``energy_estimates`` (published data-centre electricity estimates and
projections), ``electricity_generation`` (total generation by country and year, Our World in
Data), ``campuses`` (announced AI campuses in GW) and ``financials`` (chip power, PUE, cost per
GW, supply and plant-cost figures). Power is in GW (``_gw``), energy in TWh a year (``_twh``),
money in USD bn. The charts are in :mod:`analysis.energy_charts`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.circular import implied_usd_bn_per_gw
from analysis.escalator import capex_guidance
from analysis.finance import annual_series, fact_row, latest_row, to_usd_bn
from analysis.ledger import Recomputed, checker
from analysis.robustness import Finding, Variant

HOURS_PER_YEAR = 8760
#: Assumption (stated, the reader changes it): the share of the year a data centre draws its
#: capacity on average. AI training campuses run near flat out; 0.8 leaves room for maintenance and
#: inference's daily swing; it also turns the projections' TWh into GW of new capacity, where the
#: fleet mixes AI campuses and ordinary halls. The robustness table shows 0.6 and 1.0 beside it.
LOAD_FACTOR = 0.8
#: The four US builders whose capex is the "announced plan" of the binding-constraint model.
FOUR = ["microsoft", "alphabet", "amazon", "meta"]
#: Assumption: the growth of the four's capex a year after their latest guidance (0 = guidance held).
PLAN_GROWTH = 0.0
#: The model's horizon, and the first year it draws (the first year of sourced capex it shows).
FIRST_YEAR, LAST_YEAR = 2023, 2030
#: The scenario whose implied new supply is the model's default (IEA's central case).
DEFAULT_SUPPLY = ("IEA 2025", "world", "base")
#: The book reads a cost per GW as per GW of grid (facility) power: Bernstein's USD 35bn per GW is
#: about 5,900 racks of ~120 kW of IT load, 0.7 GW of IT load per GW. In the model, PUE 1 means
#: that reading; a PUE above 1 reads the cost per GW of IT load.
GRID_PUE = 1.0


def twh_per_year(gw: float | np.ndarray, load_factor: float = LOAD_FACTOR,
                 pue: float = 1.0) -> float | np.ndarray:
    """Energy a year drawn by ``gw`` of power at ``load_factor``: GW × PUE × 8,760 h × LF ÷ 1,000.

    ``pue`` is 1 when ``gw`` is facility (grid) power, the data centre's PUE when it is IT load.

    >>> twh_per_year(1.0, 1.0)
    8.76
    >>> round(twh_per_year(1.0, 0.5, 1.2), 3)
    5.256
    """
    if not 0 < load_factor <= 1:
        raise ValueError(f"a load factor is a fraction of the year, not {load_factor}")
    if pue < 1:
        raise ValueError(f"PUE is at least 1, not {pue}")
    return gw * pue * HOURS_PER_YEAR * load_factor / 1000


def gw_for_twh(twh: float | np.ndarray, load_factor: float = LOAD_FACTOR,
               pue: float = 1.0) -> float | np.ndarray:
    """The power (GW) that draws ``twh`` a year at ``load_factor``: the inverse of :func:`twh_per_year`.

    >>> gw_for_twh(8.76, 1.0)
    1.0
    """
    return twh / twh_per_year(1.0, load_factor, pue)


def accelerators_mn(gw: float, pue: float, kw_per_accelerator: float) -> float:
    """Accelerators (millions) that ``gw`` of facility power can run: the IT load (GW ÷ PUE) over the
    power per accelerator including its share of server, network and rack (kW).

    >>> accelerators_mn(1.0, 1.25, 1.6)
    0.5
    """
    if pue < 1 or kw_per_accelerator <= 0:
        raise ValueError("PUE is at least 1 and an accelerator draws power")
    return gw / pue * 1e6 / kw_per_accelerator / 1e6


def share_of_generation(datacenter_twh: float, generation_twh: float) -> float:
    """Data-centre use as a share of total generation (a fraction)."""
    return datacenter_twh / generation_twh


# -- the campus table -------------------------------------------------------------------------

def campus_problems(campuses: pd.DataFrame, path: str = "data/campuses.csv") -> list[str]:
    """Rows of the campus table that break its rules, as ``file:line:column: problem``.

    A ``part_of`` names another row's site exactly, nests at most two levels deep, and the larger
    row's GW are at least this row's. Line numbers count the header as line 1.
    """
    column = {name: i + 1 for i, name in enumerate(campuses.columns)}
    sites = campuses.set_index("site")
    problems = []
    for line, row in zip(itertools.count(2), campuses.itertuples(index=False), strict=False):
        parent = row.part_of
        if pd.isna(parent):
            continue
        where = f"{path}:{line}:{column['part_of']}"
        if parent not in sites.index:
            problems.append(f"{where}: part_of {parent!r} names no site of the table")
        elif pd.notna(sites.loc[parent, "part_of"]) and pd.notna(sites.loc[sites.loc[parent, "part_of"], "part_of"]):
            problems.append(f"{where}: part_of {parent!r} nests more than two levels deep")
        elif float(sites.loc[parent, "gw"]) < float(row.gw):
            problems.append(f"{where}: {row.gw} GW is more than the {sites.loc[parent, 'gw']} GW of {parent!r}")
    return problems


def _root(site: str, parents: dict[str, str]) -> str:
    while site in parents:
        site = parents[site]
    return site


def dated_pieces(campuses: pd.DataFrame) -> pd.DataFrame:
    """Each announced campus once, split into the GW with a target year and the rest.

    A campus (a row that is part of nothing) counts once at its GW. Where it or a part of it
    states a target year, the GW of the largest dated row of each branch come online that year;
    what is left of the campus has no year. Columns: campus, country, year (NaN = none), gw.
    """
    problems = campus_problems(campuses)
    if problems:
        raise ValueError("\n".join(problems))
    parents = dict(zip(campuses.loc[campuses["part_of"].notna(), "site"],
                       campuses.loc[campuses["part_of"].notna(), "part_of"], strict=True))
    rows = []
    for root in campuses[campuses["part_of"].isna()].itertuples(index=False):
        branch = campuses[[_root(s, parents) == root.site for s in campuses["site"]]]
        dated = branch.dropna(subset=["target_year"])
        top = pd.Series([not any(_is_ancestor(a, s, parents) for a in dated["site"]) for s in dated["site"]],
                        index=dated.index, dtype=bool)
        dated = dated[top]
        for piece in dated.itertuples(index=False):
            rows.append((root.site, root.country, float(piece.target_year), float(piece.gw)))
        left = float(root.gw) - float(dated["gw"].sum())
        if left > 1e-9:
            rows.append((root.site, root.country, np.nan, left))
    return pd.DataFrame(rows, columns=["campus", "country", "year", "gw"])


def _is_ancestor(ancestor: str, site: str, parents: dict[str, str]) -> bool:
    while site in parents:
        site = parents[site]
        if site == ancestor:
            return True
    return False


def gw_by_year(pieces: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Announced GW coming online each target year and cumulatively, ``first`` to ``last``
    (GW due before ``first`` count in ``first``; GW with no year are left out). Columns: year, gw,
    cumulative_gw."""
    dated = pieces.dropna(subset=["year"])
    years = dated["year"].clip(lower=first).astype(int)
    per_year = dated["gw"].groupby(years).sum()
    out = pd.DataFrame({"year": range(first, last + 1)})
    out["gw"] = out["year"].map(per_year).fillna(0.0)
    out["cumulative_gw"] = out["gw"].cumsum()
    return out


@dataclass(frozen=True)
class BottomUp:
    """Announced campus GW turned into energy and accelerators."""

    dated_gw: float
    all_gw: float
    dated_twh: float
    all_twh: float


def bottom_up(pieces: pd.DataFrame, year: int, load_factor: float = LOAD_FACTOR) -> BottomUp:
    """Announced GW due by ``year`` (and all announced GW, dated or not) as TWh a year; announced
    GW are read as facility power."""
    dated = float(pieces[pieces["year"] <= year]["gw"].sum())
    every = float(pieces["gw"].sum())
    return BottomUp(dated, every, float(twh_per_year(dated, load_factor)), float(twh_per_year(every, load_factor)))


def accelerator_power(financials: pd.DataFrame) -> pd.DataFrame:
    """Power per accelerator including its server, network and rack share (kW), from sourced
    system powers: a system's maximum power over its accelerators. Columns: system, kw_system,
    accelerators, kw_per_accelerator, source_id."""
    systems = [("DGX H100 server (8 H100)", "nvidia", "dgx_h100_max_kw", 8),
               ("DGX B200 server (8 B200)", "nvidia", "dgx_b200_max_kw", 8),
               ("GB200 NVL72 rack (72 GPUs)", "nvidia", "gb200_nvl72_rack_kw", 72),
               ("Microsoft Fairwater rack (72 GPUs)", "microsoft", "fairwater_rack_kw", 72)]
    rows = []
    for name, entity, metric, count in systems:
        row = latest_row(financials, entity, metric)
        rows.append((name, float(row["value"]), count, float(row["value"]) / count, row["source_id"]))
    return pd.DataFrame(rows, columns=["system", "kw_system", "accelerators", "kw_per_accelerator", "source_id"])


def growth_twh(estimates: pd.DataFrame, estimator: str, scope: str, scenario: str) -> tuple[float, int, int]:
    """A projection's growth over the estimator's latest history year: TWh, from year, to year."""
    rows = estimates_twh(estimates, scope)
    rows = rows[rows["estimator"] == estimator]
    history = rows[rows["scenario"] == "history"].iloc[-1]
    target = rows[rows["scenario"] == scenario].iloc[0]
    return float(target["twh"] - history["twh"]), int(history["year"]), int(target["year"])


# -- demand, top down -------------------------------------------------------------------------

def estimates_twh(estimates: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Published data-centre electricity (TWh) for ``scope`` (``us`` or ``world``): estimator,
    scenario, year, twh, source_id."""
    rows = estimates[(estimates["scope"] == scope) & (estimates["measure"] == "electricity")]
    return rows.rename(columns={"value": "twh"})[["estimator", "scenario", "year", "twh", "source_id"]].astype(
        {"year": int}).sort_values(["estimator", "scenario", "year"]).reset_index(drop=True)


def us_shares(estimates: pd.DataFrame, generation: pd.DataFrame) -> pd.DataFrame:
    """US data-centre electricity as a share of US generation, every estimate and projection.

    *Definition.* Share = the estimate's TWh ÷ US total generation (Our World in Data) of the same
    year; for a year after the last generation figure, that last figure (generation held flat, a
    stated simplification that raises the share). Published shares (``share`` rows) are listed
    beside, as printed. Columns: estimator, scenario, year, twh, share_computed, share_published.
    """
    us = generation[generation["country"] == "United States"].set_index("year")["twh"]
    last = int(us.index.max())
    rows = estimates_twh(estimates, "us")
    rows["generation_twh"] = [float(us[y]) if y in us.index else float(us[last]) if y > last else np.nan
                              for y in rows["year"]]
    rows["generation_year"] = [int(y) if y in us.index else last if y > last else np.nan for y in rows["year"]]
    rows["share_computed"] = rows["twh"] / rows["generation_twh"]
    printed = estimates[(estimates["scope"] == "us") & (estimates["measure"] == "share")]
    published = {(e, s, int(y)): v / 100 for e, s, y, v in
                 zip(printed["estimator"], printed["scenario"], printed["year"], printed["value"], strict=True)}
    rows["share_published"] = [published.get((e, s, int(y)), np.nan)
                               for e, s, y in zip(rows["estimator"], rows["scenario"], rows["year"], strict=True)]
    extra = [(e, s, int(y), np.nan, np.nan, np.nan, np.nan, v) for (e, s, y), v in published.items()
             if not ((rows["estimator"] == e) & (rows["scenario"] == s) & (rows["year"] == y)).any()]
    extra_frame = pd.DataFrame(extra, columns=["estimator", "scenario", "year", "twh", "generation_twh",
                                               "generation_year", "share_computed", "share_published"])
    return pd.concat([rows.drop(columns="source_id"), extra_frame], ignore_index=True).sort_values(
        ["year", "estimator", "scenario"]).reset_index(drop=True)


def implied_supply_gw_per_year(estimates: pd.DataFrame, estimator: str, scope: str, scenario: str,
                               load_factor: float = LOAD_FACTOR) -> float:
    """The new data-centre power a year (GW of facility capacity) a projection implies: its growth
    in TWh from the estimator's latest history year to its first projection year, a year, over
    8,760 h × load factor."""
    twh, first, last = growth_twh(estimates, estimator, scope, scenario)
    return float(gw_for_twh(twh / (last - first), load_factor))


def supply_scenarios(estimates: pd.DataFrame, load_factor: float = LOAD_FACTOR) -> pd.DataFrame:
    """Implied new data-centre GW a year under every published projection with a history to start
    from. Columns: estimator, scope, scenario, from_year, to_year, gw_per_year."""
    out = []
    for (estimator, scope), rows in estimates[estimates["measure"] == "electricity"].groupby(["estimator", "scope"]):
        if not (rows["scenario"] == "history").any():
            continue
        start = int(rows[rows["scenario"] == "history"]["year"].max())
        for scenario in sorted(set(rows["scenario"]) - {"history"}):
            first = int(rows[rows["scenario"] == scenario]["year"].min())
            out.append((estimator, scope, scenario, start, first,
                        implied_supply_gw_per_year(estimates, estimator, scope, scenario, load_factor)))
    return pd.DataFrame(out, columns=["estimator", "scope", "scenario", "from_year", "to_year", "gw_per_year"])


# -- gigawatts to dollars ---------------------------------------------------------------------

COST_METRICS = {"cost_per_gw_all_in": "all-in cost per GW", "cost_per_gw_low": "all-in cost per GW (low)",
                "cost_per_gw_high": "all-in cost per GW (high)", "implied_cost_per_gw": "commitments ÷ GW",
                "cost_per_gw_future_low": "future cost per GW (low)",
                "cost_per_gw_future_high": "future cost per GW (high)"}


def cost_per_gw_table(financials: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """Every sourced cost of a GW of AI capacity (USD bn), plus the median price per GW of the
    deal ledger (computed by :func:`analysis.circular.implied_usd_bn_per_gw`). Columns: who,
    measure, usd_bn_per_gw, period, source_id."""
    rows = financials[financials["metric"].isin(COST_METRICS)]
    table = pd.DataFrame({"who": rows["entity"], "measure": rows["metric"].map(COST_METRICS),
                          "usd_bn_per_gw": [to_usd_bn(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
                          "period": rows["period"], "source_id": rows["source_id"]})
    ledger = pd.DataFrame({"who": ["deal ledger"], "measure": ["median price per GW of priced compute deals"],
                           "usd_bn_per_gw": [implied_usd_bn_per_gw(deals)], "period": ["2025–26"],
                           "source_id": [""]})
    return pd.concat([table, ledger], ignore_index=True).sort_values("usd_bn_per_gw").reset_index(drop=True)


def current_cost_range(costs: pd.DataFrame) -> tuple[float, float, float]:
    """Low and high USD bn per GW of today's estimates (future costs left out), and the median
    over estimators, each counted once at the middle of its own range (Nvidia's 50–60 is one
    estimate, not two).

    >>> t = pd.DataFrame({"who": ["a", "a", "b", "c"], "measure": ["low", "high", "x", "y"],
    ...                   "usd_bn_per_gw": [50.0, 60.0, 35.0, 40.0]})
    >>> current_cost_range(t)
    (35.0, 40.0, 60.0)
    """
    today = costs[~costs["measure"].str.startswith("future")]
    per_estimator = today.groupby("who")["usd_bn_per_gw"].mean()
    return float(today["usd_bn_per_gw"].min()), float(per_estimator.median()), float(today["usd_bn_per_gw"].max())


# -- supply -----------------------------------------------------------------------------------

def additions_table(financials: pd.DataFrame) -> pd.DataFrame:
    """US utility-scale capacity additions by year (EIA): planned at the start of the year and
    built, in GW, total and by source. Columns: year, source, planned_gw, built_gw."""
    rows = financials[(financials["entity"] == "us") & financials["unit"].eq("gw")
                      & financials["metric"].str.fullmatch(r"capacity_additions_(planned|actual)_[a-z]+")]
    parts = rows["metric"].str.extract(r"capacity_additions_(?P<kind>planned|actual)_(?P<source>[a-z]+)")
    tidy = pd.DataFrame({"year": rows["period"].str[2:].astype(int), "source": parts["source"],
                         "kind": parts["kind"], "gw": rows["value"]})
    wide = tidy.pivot_table(index=["year", "source"], columns="kind", values="gw", aggfunc="first").reset_index()
    return wide.rename(columns={"planned": "planned_gw", "actual": "built_gw"}).reindex(
        columns=["year", "source", "planned_gw", "built_gw"])


def realisation(additions: pd.DataFrame) -> pd.DataFrame:
    """Built ÷ planned for each year and source where both are sourced."""
    both = additions.dropna(subset=["planned_gw", "built_gw"])
    return both.assign(built_share=both["built_gw"] / both["planned_gw"])


# -- the binding-constraint model -------------------------------------------------------------

def capex_plan(financials: pd.DataFrame, firms: list[str] = FOUR) -> pd.DataFrame:
    """The four's capex, USD bn: reported fiscal years from FIRST_YEAR and the sum of their latest
    guidance midpoints for the guided year. Columns: year, capex_usd_bn, kind."""
    capex = annual_series(financials, "capex", firms)
    reported = capex[capex["fiscal_year"] >= FIRST_YEAR].groupby("fiscal_year")["value_usd_bn"].sum()
    guidance = capex_guidance(financials, firms)
    guided_year = int(reported.index.max()) + 1
    rows = [(int(y), float(v), "reported") for y, v in reported.items()]
    rows.append((guided_year, float(guidance["mid_usd_bn"].sum()), "guidance"))
    return pd.DataFrame(rows, columns=["year", "capex_usd_bn", "kind"])


def plan_source_ids(financials: pd.DataFrame, firms: list[str] = FOUR) -> list[str]:
    """The documents behind :func:`capex_plan`: the firms' capex rows it sums and their guidance."""
    capex = annual_series(financials, "capex", firms)
    guidance = capex_guidance(financials, firms)
    ids = set(capex[capex["fiscal_year"] >= FIRST_YEAR]["source_id"])
    return sorted(ids | {i for joined in guidance["source_ids"] for i in str(joined).split(";")})


def plan_path(plan: pd.DataFrame, growth: float, last_year: int = LAST_YEAR) -> pd.DataFrame:
    """The plan extended past its guided year at ``growth`` a year to ``last_year`` (kind
    ``assumed``)."""
    guided = plan.iloc[-1]
    extra = [(y, float(guided["capex_usd_bn"]) * (1 + growth) ** (y - int(guided["year"])), "assumed")
             for y in range(int(guided["year"]) + 1, last_year + 1)]
    return pd.concat([plan, pd.DataFrame(extra, columns=plan.columns)], ignore_index=True)


def energisable_capex_usd_bn(supply_gw: float, pue: float, usd_bn_per_it_gw: float) -> float:
    """The most capex a year the new power can energise: grid GW ÷ PUE gives the IT load it can
    carry, times the cost of a GW of IT capacity.

    >>> energisable_capex_usd_bn(10.0, 1.25, 50.0)
    400.0
    """
    if pue < 1:
        raise ValueError(f"PUE is at least 1, not {pue}")
    return supply_gw / pue * usd_bn_per_it_gw


def binding_year(path: pd.DataFrame, energisable_usd_bn: float) -> int | None:
    """The first planned year (guidance or assumed, not reported) whose capex exceeds the capex
    the new power can energise, or None. Reported years are spending that happened: a reported
    year above the ceiling says the inputs are too tight (:func:`contradicted`), not that power bound.
    """
    over = path[(path["kind"] != "reported") & (path["capex_usd_bn"] > energisable_usd_bn)]
    return int(over["year"].iloc[0]) if len(over) else None


def contradicted(path: pd.DataFrame, energisable_usd_bn: float) -> bool:
    """True when a reported year's capex already exceeds the ceiling: inputs the spending refutes."""
    reported = path[path["kind"] == "reported"]
    return bool((reported["capex_usd_bn"] > energisable_usd_bn).any())


def first_binding_year(demand: pd.DataFrame, supply_gw_per_year: float) -> int | None:
    """The first year cumulative announced GW (``demand`` from :func:`gw_by_year`) exceed cumulative
    supply at ``supply_gw_per_year`` from the first year of ``demand``, or None."""
    supply = supply_gw_per_year * np.arange(1, len(demand) + 1)
    over = demand["cumulative_gw"].to_numpy() > supply
    return int(demand["year"].iloc[int(np.argmax(over))]) if over.any() else None


@dataclass(frozen=True)
class Ranges:
    """The slider ranges of the binding model: the sourced span of each input."""

    supply_gw: tuple[float, float]
    pue: tuple[float, float]
    usd_bn_per_gw: tuple[float, float]
    growth: tuple[float, float] = (-0.2, 0.2)


def binding_years(plan: pd.DataFrame, ranges: Ranges, steps: int = 5) -> pd.DataFrame:
    """The binding year over a grid spanning each range (``steps`` values each). Columns: supply_gw,
    pue, usd_bn_per_gw, growth, year (NaN where plans never exceed the energisable capex by
    LAST_YEAR), contradicted (reported capex already above the ceiling)."""
    axes = [np.linspace(*r, steps) for r in (ranges.supply_gw, ranges.pue, ranges.usd_bn_per_gw, ranges.growth)]
    rows = []
    for supply, pue, cost, growth in itertools.product(*axes):
        path, ceiling = plan_path(plan, growth), energisable_capex_usd_bn(supply, pue, cost)
        year = binding_year(path, ceiling)
        rows.append((supply, pue, cost, growth, np.nan if year is None else year, contradicted(path, ceiling)))
    return pd.DataFrame(rows, columns=["supply_gw", "pue", "usd_bn_per_gw", "growth", "year", "contradicted"])


def binding_finding(plan: pd.DataFrame, estimates: pd.DataFrame, pue: tuple[float, float],
                    cost: tuple[float, float, float], by: int) -> Finding:
    """"The four's announced capex outgrows what new power can energise by ``by``", under the
    book's reading (IEA base-case world supply at the stated load factor, cost per GW of grid
    power, the median cost, guidance held) and the alternatives a critic would try: the other world
    supply cases, a load factor of 0.6 or 1.0, the cost range, and cost read per GW of IT load at
    Google's or the industry's PUE. Only world-scope supply is set against the four's worldwide
    capex."""
    world = supply_scenarios(estimates)
    world = world[world["scope"] == "world"].set_index(["estimator", "scope", "scenario"])["gw_per_year"]
    default = float(world[DEFAULT_SUPPLY])
    path = plan_path(plan, PLAN_GROWTH)

    def variant(name: str, gw: float, p: float, c: float) -> Variant:
        year = binding_year(path, energisable_capex_usd_bn(gw, p, c))
        result = f"binds in {year}" if year else f"does not bind by {LAST_YEAR}"
        return Variant(name, result, year is not None and year <= by, year or np.nan)

    cases = [(f"IEA base case, world, load factor {LOAD_FACTOR:g}; USD {cost[1]:.0f}bn per GW of grid power",
              default, GRID_PUE, cost[1])]
    for (estimator, scope, scenario), gw in world.items():
        if (estimator, scope, scenario) != DEFAULT_SUPPLY:
            cases.append((f"supply as {estimator} {scope} {scenario.replace('_', '-')} ({gw:.1f} GW a year)",
                          gw, GRID_PUE, cost[1]))
    for factor in (0.6, 1.0):
        gw = implied_supply_gw_per_year(estimates, *DEFAULT_SUPPLY, load_factor=factor)
        cases.append((f"load factor {factor:g} ({gw:.1f} GW a year)", gw, GRID_PUE, cost[1]))
    cases += [(f"cheapest GW (USD {cost[0]:.0f}bn)", default, GRID_PUE, cost[0]),
              (f"dearest GW (USD {cost[2]:.0f}bn)", default, GRID_PUE, cost[2]),
              (f"cost per GW of IT load, PUE {pue[0]:.2f}", default, pue[0], cost[1]),
              (f"cost per GW of IT load, PUE {pue[1]:.2f}", default, pue[1], cost[1])]
    return Finding("binding", f"The four's announced capex outgrows what new power can energise by {by}",
                   tuple(variant(*case) for case in cases))


# -- the reactor plan -------------------------------------------------------------------------

#: Assumption (stated, not sourced): the share of the year a firm plant runs at full power, used
#: only to turn plant GW into TWh a year.
CAPACITY_FACTOR = 0.9


@dataclass(frozen=True)
class Plant:
    """A built, planned or cancelled plant: cost, capacity, currency and its dates."""

    name: str
    cost_bn: float
    currency: str
    gw: float
    start_year: int
    power_year: int
    status: str
    source_ids: tuple[str, ...]

    @property
    def bn_per_gw(self) -> float:
        """Cost per GW, in the plant's currency (bn)."""
        return self.cost_bn / self.gw

    @property
    def build_years(self) -> int:
        """Years from the start the sources date to first (or planned) power."""
        return self.power_year - self.start_year


def gw_for_budget(budget_bn: float, plant: Plant) -> float:
    """GW a budget (in the plant's currency, bn) buys at the plant's cost per GW.

    >>> gw_for_budget(1000.0, Plant("x", 10.0, "USD", 0.5, 2020, 2025, "built", ()))
    50.0
    """
    return budget_bn / plant.bn_per_gw


def _value(financials: pd.DataFrame, entity: str, metric: str) -> tuple[float, str]:
    row = latest_row(financials, entity, metric)
    return float(row["value"]), str(row["source_id"])


def plants(financials: pd.DataFrame) -> list[Plant]:
    """The recent plants the chapter prices a GW with, from ``financials``."""
    def v(entity: str, metric: str) -> float:
        return _value(financials, entity, metric)[0]

    def ids(entity: str, *metrics: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_value(financials, entity, m)[1] for m in metrics))

    nuscale = ("construction_cost_estimate", "capacity", "cfpp_cancellation_year", "cfpp_planned_launch_year")
    vogtle = ("total_project_cost", "unit_capacity_each_unit3_unit4", "construction_start_year_unit3_first_concrete",
              "commercial_operation_year_unit4")
    opg = ("total_project_cost_four_units", "total_capacity_four_units", "first_unit_expected_in_service_year")
    gas = ("capital_cost_per_kw_current", "new_plant_availability_year")
    gas_row = latest_row(financials, "gas_ccgt", "capital_cost_per_kw_current")
    return [
        Plant("NuScale/UAMPS small reactors (6 modules, cancelled)", v("nuscale", "construction_cost_estimate"), "USD",
              v("nuscale", "capacity") / 1000, int(v("nuscale", "cfpp_cancellation_year")),
              int(v("nuscale", "cfpp_planned_launch_year")), "cancelled", ids("nuscale", *nuscale)),
        Plant("Vogtle 3 and 4 (two AP1000 large reactors)", v("vogtle", "total_project_cost"), "USD",
              2 * v("vogtle", "unit_capacity_each_unit3_unit4") / 1000,
              int(v("vogtle", "construction_start_year_unit3_first_concrete")),
              int(v("vogtle", "commercial_operation_year_unit4")), "built", ids("vogtle", *vogtle)),
        Plant("Darlington BWRX-300 small reactors (4 units)", v("opg_darlington", "total_project_cost_four_units"),
              "CAD", v("opg_darlington", "total_capacity_four_units") / 1000,
              int(str(latest_row(financials, "opg_darlington", "first_unit_expected_in_service_year")["period"])[2:]),
              int(v("opg_darlington", "first_unit_expected_in_service_year")), "under construction",
              ids("opg_darlington", *opg)),
        Plant("New gas combined cycle (per GW, NextEra's quote)", v("gas_ccgt", "capital_cost_per_kw_current") / 1000,
              "USD", 1.0, int(str(gas_row["period"])[2:]), int(v("gas_ccgt", "new_plant_availability_year")),
              "quoted", ids("gas_ccgt", *gas)),
    ]


def reactor_table(plant_list: list[Plant], budget_usd_bn: float,
                  capacity_factor: float = CAPACITY_FACTOR) -> pd.DataFrame:
    """What ``budget_usd_bn`` buys of each plant: GW, TWh a year at ``capacity_factor``, and the
    years from start to power. A plant priced in another currency is not converted (no sourced
    exchange rate in data/): its GW are left blank. Columns: plant, status, cost_bn, currency, gw,
    bn_per_gw, budget_gw, budget_twh, start_year, power_year, build_years."""
    rows = []
    for plant in plant_list:
        bought = gw_for_budget(budget_usd_bn, plant) if plant.currency == "USD" else np.nan
        rows.append((plant.name, plant.status, plant.cost_bn, plant.currency, plant.gw, plant.bn_per_gw, bought,
                     firm_twh(bought, capacity_factor) if plant.currency == "USD" else np.nan,
                     plant.start_year, plant.power_year, plant.build_years))
    return pd.DataFrame(rows, columns=["plant", "status", "cost_bn", "currency", "gw", "bn_per_gw", "budget_gw",
                                       "budget_twh", "start_year", "power_year", "build_years"])


def firm_twh(gw: float, capacity_factor: float = CAPACITY_FACTOR) -> float:
    """Energy a year from ``gw`` of plant at ``capacity_factor`` (TWh)."""
    return float(twh_per_year(gw, capacity_factor))


#: A qualitative claim judged by a finding: it holds if the finding survives every definition,
#: roughly holds if it holds under the book's but not all, and does not hold otherwise.
CLAIM_VERDICT = {"survives": "holds", "fragile": "roughly holds", "does not hold": "does not hold"}


def claim_checks(tables: dict[str, pd.DataFrame]) -> list[Recomputed]:
    """Recompute the seed claims this chapter tests (see :mod:`analysis.ledger`)."""
    financials, claims, estimates = tables["financials"], tables["claims"], tables["energy_estimates"]
    check = checker(claims, "energy")
    burry = latest_row(financials, "burry", "proposed_nuclear_grid_spend_quote")
    world = estimates_twh(estimates, "world")
    generation = tables["electricity_generation"]
    world_gen = generation[generation["country"] == "World"].set_index("year")["twh"]
    latest = world[world["scenario"] == "history"].iloc[-1]
    top = world[world["year"] == 2030].sort_values("twh").iloc[-1]
    model = binding_model(tables)
    campuses = tables["campuses"]
    roots = campuses[campuses["part_of"].isna()]
    hyperion = float(roots[roots["site"].str.startswith("Meta Hyperion")]["gw"].iloc[0])
    hyperion_acres = float(fact_row(tables["facts"], "meta_hyperion", "site_area")["value"])
    pieces = dated_pieces(campuses)
    campus = gw_by_year(pieces, model.plan["year"].iloc[-1] - 1, LAST_YEAR)
    campus_ratio = float(campus["cumulative_gw"].iloc[-1]) / (model.supply_gw * len(campus))
    finding = binding_finding(model.plan, estimates, pue_range(financials),
                              current_cost_range(cost_per_gw_table(financials, tables["deals"])), model.guided_year)
    return [
        check("c061", [("the sum Burry named", to_usd_bn(float(burry["value"]), burry["unit"]) / 1000, "usd_tn",
                        "his own post of 9 January 2026, as quoted; what it buys is computed in the chapter")]),
        check("c070", [
            (f"data centres' share of world generation, {int(latest['year'])}",
             100 * float(latest["twh"]) / float(world_gen[int(latest["year"])]), "pct",
             "IEA estimate ÷ world generation (Our World in Data), same year"),
            ("the highest projection for 2030", 100 * float(top["twh"]) / float(world_gen[world_gen.index.max()]),
             "pct", f"IEA {top['scenario'].replace('_', '-')} case ÷ the latest world generation"),
        ]),
        check("c071", [
            (f"the four's planned capex ÷ the capex new power can energise, {model.guided_year}", model.ratio,
             "multiple", f"at the default inputs ({model.supply_gw:.1f} GW a year, USD {model.usd_bn_per_gw:.0f}bn "
             f"per GW of grid power); it binds when above 1; {finding.status} across "
             f"{len(finding.variants)} definitions", CLAIM_VERDICT[finding.status]),
            (f"announced campus GW due by {LAST_YEAR} ÷ the new supply of those years", campus_ratio, "multiple",
             "dated campus GW against the default supply a year; it binds when above 1",
             "holds" if campus_ratio > 1 else "does not hold"),
        ], judged=f"the four's planned capex ÷ the capex new power can energise, {model.guided_year}"),
        check("c072", [("when physics stops the flow", None, "multiple", "a forecast with no date: nothing to "
                        "check yet; the chapter's binding-year model is the measurable version")]),
        check("c073", [("the campus's land area against Manhattan's", None, "multiple",
                        f"Hyperion's site is {hyperion_acres:,.0f} acres (its announced power, {hyperion:g} GW, is in "
                        "the campus table), but no dated source for Manhattan's area is in data/")]),
    ]


@dataclass(frozen=True)
class BindingModel:
    """The binding-constraint model at its default inputs."""

    plan: pd.DataFrame
    supply_gw: float
    pue: float
    usd_bn_per_gw: float
    energisable_usd_bn: float
    year: int | None

    @property
    def guided_year(self) -> int:
        """The year of the four's latest guidance."""
        return int(self.plan["year"].iloc[-1])

    @property
    def ratio(self) -> float:
        """Planned capex of the guided year ÷ the energisable capex."""
        return float(self.plan["capex_usd_bn"].iloc[-1]) / self.energisable_usd_bn


def binding_model(tables: dict[str, pd.DataFrame]) -> BindingModel:
    """The model at its defaults: supply implied by the IEA base case (world), cost per GW of grid
    power (PUE 1 in the formula), the median of today's cost-per-GW estimates, guidance held flat
    after its year."""
    financials = tables["financials"]
    scenarios = supply_scenarios(tables["energy_estimates"])
    supply = float(scenarios.set_index(["estimator", "scope", "scenario"])["gw_per_year"][DEFAULT_SUPPLY])
    cost = current_cost_range(cost_per_gw_table(financials, tables["deals"]))[1]
    plan = capex_plan(financials)
    energisable = energisable_capex_usd_bn(supply, GRID_PUE, cost)
    year = binding_year(plan_path(plan, PLAN_GROWTH), energisable)
    return BindingModel(plan, supply, GRID_PUE, cost, energisable, year)


def pue_range(financials: pd.DataFrame) -> tuple[float, float]:
    """The lowest (Google's fleet) and the industry-average PUE of the latest sourced year."""
    best = float(latest_row(financials, "google", "pue_fleet")["value"])
    average = float(latest_row(financials, "uptime", "pue_global_average")["value"])
    return best, average


def sourced_ranges(tables: dict[str, pd.DataFrame]) -> Ranges:
    """The binding model's sourced ranges: world new supply over the published projections, PUE
    from the grid-power reading to the industry average, today's cost per GW from low to high."""
    model = binding_model(tables)
    scenarios = supply_scenarios(tables["energy_estimates"])
    world = scenarios.query("scope == 'world'")["gw_per_year"]
    low, _, high = current_cost_range(cost_per_gw_table(tables["financials"], tables["deals"]))
    return Ranges((float(world.min()), float(world.max())), (model.pue, pue_range(tables["financials"])[1]),
                  (low, high))
