"""One model of the whole boom: the capital the four builders put in, the revenue it needs, the
revenue AI earns, and the power that caps how much capital can be energised.

For each year *t* from the first year with sourced revenue (:data:`REVENUE_YEAR`) to
:data:`LAST_YEAR`, with capex vintages *v* from :data:`FIRST_VINTAGE`:

* capex :math:`C_v` — reported, then the latest guidance grown at ``capex_growth``; a planned
  year is capped at the capex its new power can energise, ``supply_gw × usd_bn_per_gw``
  (:func:`analysis.energy.energisable_capex_usd_bn`, grid-power basis);
* depreciation :math:`D_t = s\\sum_v C_v\\,\\mathrm{clamp}(L-(t-v),0,1)/L` (straight line over
  life *L*, full-year convention, *s* the AI share of capex);
* average net book value over the year :math:`B_t = s\\sum_v C_v\\,(1-(\\min(t-v,L)+\\min(t-v+1,L))/2L)`;
* revenue needed :math:`N_t = D_t + r B_t/(1-\\tau)` (*r* the after-tax cost of capital, grossed up
  at the statutory tax rate τ because revenue must earn the return before tax);
* revenue :math:`R_t = R_0\\,((1+g)/d)^{t-t_0}` (usage growth *g*, price decline ×*d* a year);
* gap :math:`G_t = N_t - m q R_t` (*m* the share of revenue left to pay for capital, *q* the share
  of all AI revenue that reaches the four builders).

The gap closes in the first year with :math:`G_t \\le 0`. The same vectorised function computes
the central path, the Monte Carlo and the tornado, and a Vega expression of the page computes
the central path again (:func:`analysis.verdict_charts.path_chart`); a test shows they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis import distillation, energy, escalator
from analysis.finance import latest_row
from analysis.robustness import Finding, Variant

FIRST_VINTAGE = escalator.BOOM_FIRST_FY
REVENUE_YEAR = 2026
LAST_YEAR = energy.LAST_YEAR
DRAWS = 100_000
SEED = 20261205
#: Damodaran's January 2026 US industries the builders and their suppliers fall in.
WACC_INDUSTRIES = ("damodaran_software_system", "damodaran_software_internet", "damodaran_semiconductor",
                   "damodaran_computer_services", "damodaran_information_services", "damodaran_retail_general")
#: Named assumptions: the share of revenue left to pay for capital, ± this much; the AI share of capex.
MARGIN_SPREAD = 0.2
AI_SHARE_RANGE = (0.5, 1.0)
#: Named assumption: the share of all generative-AI revenue that pays the four builders (the labs rent
#: their clouds), from half to all of it.
REVENUE_SHARE_RANGE = (0.5, 1.0)
#: The return is earned before tax: the after-tax cost of capital is grossed up at this rate.
TAX_RATE = escalator.STATUTORY_TAX_RATE


@dataclass(frozen=True)
class Params:
    """One setting of the model's doubts (units in the names; shares and rates as fractions)."""

    life_years: float
    wacc: float
    margin: float
    ai_share: float
    revenue_share: float
    supply_gw: float
    usd_bn_per_gw: float
    capex_growth: float
    usage_growth: float
    price_decline: float


NAMES = {"life_years": "Useful life of the capex (years)", "wacc": "Cost of capital (a year)",
         "margin": "Revenue share that pays for capital", "ai_share": "AI share of the four's capex",
         "revenue_share": "Share of AI revenue that reaches the four",
         "supply_gw": "New power (GW a year)", "usd_bn_per_gw": "Cost per GW (USD bn)",
         "capex_growth": "Capex growth a year after guidance", "usage_growth": "AI usage growth a year",
         "price_decline": "Price decline a year (×)"}


@dataclass(frozen=True)
class Base:
    """What the model takes as given: the four's capex by year (reported, then guidance) and
    today's AI revenue."""

    capex_years: tuple[int, ...]
    capex_usd_bn: tuple[float, ...]
    guided_year: int
    revenue_usd_bn: float


@dataclass(frozen=True)
class Inputs:
    """The base, the central parameters and each parameter's stated range, with where each comes from."""

    base: Base
    central: Params
    ranges: dict[str, tuple[float, float]]
    sources: dict[str, str]
    observed_growth: float
    frontier: distillation.Decline
    source_ids: tuple[str, ...]


def years() -> np.ndarray:
    """The years the gap is reported for."""
    return np.arange(REVENUE_YEAR, LAST_YEAR + 1)


def growth_from_run_rate(run_rate_usd_bn: float, trailing_usd_bn: float) -> float:
    """The yearly growth multiple implied by a run-rate and the trailing twelve months' revenue
    of the same date, if revenue grew smoothly (exponentially): run-rate ÷ TTM = k / (1 − e^(−k)),
    growth = e^k.

    >>> round(growth_from_run_rate(175.0, 110.0), 2)
    2.76
    """
    ratio = run_rate_usd_bn / trailing_usd_bn
    if ratio <= 1:
        raise ValueError("a run-rate at or below trailing revenue implies no growth to solve for")
    low, high = 1e-9, 50.0
    for _ in range(200):
        k = (low + high) / 2
        if k / (1 - np.exp(-k)) < ratio:
            low = k
        else:
            high = k
    return float(np.exp((low + high) / 2))


def inputs(tables: Mapping[str, pd.DataFrame]) -> Inputs:
    """The model's base, central values and ranges from the chapters' data and functions."""
    financials = tables["financials"]
    model = energy.binding_model(dict(tables))
    plan = model.plan[model.plan["year"] >= FIRST_VINTAGE]
    ttm = latest_row(financials, "industry", "genai_revenue_ttm")
    run_rate = latest_row(financials, "industry", "genai_revenue_run_rate")
    base = Base(tuple(int(y) for y in plan["year"]), tuple(float(c) for c in plan["capex_usd_bn"]),
                model.guided_year, float(ttm["value"]))
    prices, _ = distillation.priced_and_scored(dict(tables))
    frontier = distillation.frontier_price_decline(prices)
    observed = growth_from_run_rate(float(run_rate["value"]), float(ttm["value"]))
    lives = escalator.life_history(financials, energy.FOUR)
    latest_lives = lives.sort_values("fiscal_year").groupby("entity")["life_years"].last()
    waccs = financials[financials["metric"] == "wacc"]
    waccs = waccs[waccs["entity"].isin(WACC_INDUSTRIES)]["value"] / 100
    margin = float(latest_row(financials, "sequoia", "end_user_gross_margin_assumption")["value"]) / 100
    energy_ranges = energy.sourced_ranges(dict(tables))
    central = Params(life_years=float(latest_lives.median()), wacc=float(waccs.median()), margin=margin,
                     ai_share=AI_SHARE_RANGE[1], revenue_share=REVENUE_SHARE_RANGE[1], supply_gw=model.supply_gw,
                     usd_bn_per_gw=model.usd_bn_per_gw,
                     capex_growth=energy.PLAN_GROWTH, usage_growth=observed * frontier.factor - 1,
                     price_decline=frontier.factor)
    ranges = {
        "life_years": (float(lives["life_years"].min()), float(lives["life_years"].max())),
        "wacc": (float(waccs.min()), float(waccs.max())),
        "margin": (margin - MARGIN_SPREAD, margin + MARGIN_SPREAD),
        "ai_share": AI_SHARE_RANGE,
        "revenue_share": REVENUE_SHARE_RANGE,
        "supply_gw": energy_ranges.supply_gw,
        "usd_bn_per_gw": energy_ranges.usd_bn_per_gw,
        "capex_growth": energy_ranges.growth,
        "usage_growth": (float(np.sqrt(1 + central.usage_growth) - 1), central.usage_growth),
        "price_decline": (frontier.low, frontier.high),
    }
    sources = {
        "life_years": "the four's server lives in their books: median of the latest; range over every year since 2010",
        "wacc": "Damodaran, US cost of capital by industry, January 2026: median and range of six industries",
        "margin": "Sequoia's 50% gross margin for the end user of the GPU; ± 20 points is an assumption",
        "ai_share": "assumption: the press counts all of the four's capex as AI capex; half at the low end",
        "revenue_share": "assumption: the labs rent the four's clouds, so all AI revenue can pay the four; half at "
                         "the low end (revenue is worldwide and industry-wide, capex the four's)",
        "supply_gw": "the energy chapter: IEA base case (world); range over the published projections",
        "usd_bn_per_gw": "the energy chapter: median of today's estimates; range low to high",
        "capex_growth": "the energy chapter's assumption: guidance held flat, ± 20% a year",
        "usage_growth": "today's pace: revenue growth implied by the industry's run-rate ('exceeds', a floor) "
                        "against its trailing twelve months, times the price decline; range from half today's pace "
                        "(in log terms: growth that slows but does not stop) to today's pace",
        "price_decline": "the distillation data: the price of the best model on sale, fitted; range its 95% "
                         "bootstrap interval",
    }
    best = distillation.best_model_prices(prices)
    used = [ttm["source_id"], run_rate["source_id"], *energy.plan_source_ids(financials),
            *financials.loc[waccs.index, "source_id"], *lives["source_id"],
            latest_row(financials, "sequoia", "end_user_gross_margin_assumption")["source_id"],
            *prices.loc[prices["model"].isin(best["model"]), "source_id"]]
    return Inputs(base, central, ranges, sources, observed, frontier, tuple(dict.fromkeys(used)))


def _column(value: float | np.ndarray) -> np.ndarray:
    return np.atleast_1d(np.asarray(value, dtype=float))[:, None]


def simulate(base: Base, p: Params | Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The model for one or many parameter settings at once: ``p`` holds scalars or equal-length
    arrays. Returns arrays of shape (settings, years) in USD bn: capex (energised, by year of
    :func:`years`), depreciation, average book value, needed, revenue, available, gap."""
    q = p.__dict__ if isinstance(p, Params) else p
    life, wacc, margin, share, reach = (_column(q[k]) for k in ("life_years", "wacc", "margin", "ai_share",
                                                                 "revenue_share"))
    ceiling = _column(energy.energisable_capex_usd_bn(1.0, energy.GRID_PUE, 1.0)) * _column(q["supply_gw"]) \
        * _column(q["usd_bn_per_gw"])
    known = dict(zip(base.capex_years, base.capex_usd_bn, strict=True))
    guided = known[base.guided_year]
    vintages = np.arange(FIRST_VINTAGE, LAST_YEAR + 1)
    capex = np.hstack([
        np.full_like(ceiling, known[v]) if v < base.guided_year
        else np.minimum(guided * (1 + _column(q["capex_growth"])) ** (v - base.guided_year), ceiling)
        for v in vintages])
    out_years = years()
    dep = np.zeros((capex.shape[0], len(out_years)))
    book = np.zeros_like(dep)
    for j, t in enumerate(out_years):
        for i, v in enumerate(vintages):
            age = t - v
            if age < 0:
                continue
            spend = share[:, 0] * capex[:, i]
            dep[:, j] += spend * np.clip(life[:, 0] - age, 0, 1) / life[:, 0]
            book[:, j] += spend * (1 - (np.minimum(age, life[:, 0]) + np.minimum(age + 1, life[:, 0]))
                                   / (2 * life[:, 0]))
    needed = dep + wacc / (1 - TAX_RATE) * book
    growth = (1 + _column(q["usage_growth"])) / _column(q["price_decline"])
    revenue = base.revenue_usd_bn * growth ** (out_years - REVENUE_YEAR)[None, :]
    available = margin * reach * revenue
    return {"capex": capex[:, vintages >= REVENUE_YEAR], "depreciation": dep, "book_value": book, "needed": needed,
            "revenue": revenue, "available": available, "gap": needed - available}


def closing_year(gap: np.ndarray) -> np.ndarray:
    """The first year of :func:`years` whose gap is at most zero, per setting (NaN: not by the last)."""
    closed = gap <= 0
    first = np.argmax(closed, axis=1)
    return np.where(closed.any(axis=1), years()[first], np.nan)


def central_path(base: Base, p: Params) -> pd.DataFrame:
    """The model at one setting, year by year. Columns: year, capex_usd_bn, depreciation_usd_bn,
    book_value_usd_bn, needed_usd_bn, revenue_usd_bn, available_usd_bn, gap_usd_bn."""
    run = simulate(base, p)
    return pd.DataFrame({"year": years(), **{f"{k}_usd_bn": v[0] for k, v in run.items()}})


def draw(ranges: Mapping[str, tuple[float, float]], draws: int = DRAWS, seed: int = SEED) -> dict[str, np.ndarray]:
    """Independent uniform draws of every parameter over its stated range (seeded)."""
    rng = np.random.default_rng(seed)
    return {k: rng.uniform(lo, hi, draws) for k, (lo, hi) in ranges.items()}


@dataclass(frozen=True)
class MonteCarlo:
    """The Monte Carlo's result: the probability the gap closes by the last year, the closing
    years' distribution and each draw's cover of the last year's need (available ÷ needed)."""

    draws: int
    seed: int
    p_close: float
    closing: pd.DataFrame
    cover_last: np.ndarray


def monte_carlo(base: Base, ranges: Mapping[str, tuple[float, float]], draws: int = DRAWS,
                seed: int = SEED) -> MonteCarlo:
    """Draw the parameters, run the model once over all draws (vectorised), summarise."""
    run = simulate(base, draw(ranges, draws, seed))
    year = closing_year(run["gap"])
    labels = pd.Series(year).map(lambda y: "not by " + str(LAST_YEAR) if np.isnan(y) else str(int(y)))
    order = [str(y) for y in years()] + [f"not by {LAST_YEAR}"]
    counts = labels.value_counts().reindex(order, fill_value=0)
    closing = pd.DataFrame({"closes": order, "draws": counts.to_numpy(), "share": counts.to_numpy() / draws})
    return MonteCarlo(draws, seed, float(np.mean(~np.isnan(year))), closing,
                      run["available"][:, -1] / run["needed"][:, -1])


def tornado(base: Base, central: Params, ranges: Mapping[str, tuple[float, float]]) -> pd.DataFrame:
    """Each parameter at the low and high end of its range, the others central: the last year's
    cover (available ÷ needed) and closing year. Columns: parameter, name, low, high, cover_low,
    cover_high, swing (|ln(cover_high ÷ cover_low)|: covers are multiples, so a doubling and a
    halving swing alike), year_low, year_high; largest swing first."""
    rows = []
    for key, (lo, hi) in ranges.items():
        ends = {}
        for label, value in (("low", lo), ("high", hi)):
            run = simulate(base, replace(central, **{key: value}))
            ends[f"cover_{label}"] = float(run["available"][0, -1] / run["needed"][0, -1])
            ends[f"year_{label}"] = closing_year(run["gap"])[0]
        rows.append({"parameter": key, "name": NAMES[key], "low": lo, "high": hi, **ends,
                     "swing": abs(np.log(ends["cover_high"] / ends["cover_low"]))})
    return pd.DataFrame(rows).sort_values("swing", ascending=False).reset_index(drop=True)


@dataclass(frozen=True)
class Thresholds:
    """What would have to be true at the central values for the gap to close by the last year."""

    revenue_growth: float
    price_decline: float
    usage_growth: float
    margin: float


def thresholds(base: Base, central: Params) -> Thresholds:
    """Solve the last year's cover = 1 for each revenue-side parameter, the others central: the
    revenue growth multiple a year, the slowest-allowed price decline (×/year), the usage growth
    and the revenue share that close the gap exactly in the last year."""
    run = simulate(base, central)
    needed = float(run["needed"][0, -1])
    span = LAST_YEAR - REVENUE_YEAR
    growth = (needed / (central.margin * central.revenue_share * base.revenue_usd_bn)) ** (1 / span)
    now = (1 + central.usage_growth) / central.price_decline
    return Thresholds(revenue_growth=growth, price_decline=(1 + central.usage_growth) / growth,
                      usage_growth=central.price_decline * growth - 1,
                      margin=needed / (central.revenue_share * base.revenue_usd_bn * now ** span))


def assumptions_table(inp: Inputs) -> pd.DataFrame:
    """Every parameter for readers: name, central value, range, unit, where it comes from."""
    units = {"life_years": "years", "wacc": "% a year", "margin": "% of revenue", "ai_share": "% of capex",
             "revenue_share": "% of revenue",
             "supply_gw": "GW a year", "usd_bn_per_gw": "USD bn per GW", "capex_growth": "% a year",
             "usage_growth": "% a year", "price_decline": "× a year"}
    pct = {"wacc", "margin", "ai_share", "revenue_share", "capex_growth", "usage_growth"}

    def fmt(key: str, v: float) -> str:
        return f"{v:.1%}" if key in pct else f"{v:,.2f}"

    return pd.DataFrame([{"Parameter": NAMES[k], "Central": fmt(k, getattr(inp.central, k)),
                          "Range": f"{fmt(k, lo)} to {fmt(k, hi)}", "Unit": units[k], "Source": inp.sources[k]}
                         for k, (lo, hi) in inp.ranges.items()])


def central_finding(inp: Inputs, fixed_capability_decline: float) -> Finding:
    """"At today's pace, revenue covers what the capital needs by the last year", under the book's
    reading and the alternatives a critic would try."""
    c = inp.central
    cases = [
        ("the book's inputs: the best model's price decline, today's usage growth", c),
        (f"prices fall as fast as a fixed capability's (×{fixed_capability_decline:.0f} a year) with usage at "
         "today's pace",
         replace(c, price_decline=fixed_capability_decline)),
        ("usage grows half as fast as today", replace(c, usage_growth=c.usage_growth / 2)),
        (f"the shortest server life in the books ({inp.ranges['life_years'][0]:g} years)",
         replace(c, life_years=inp.ranges["life_years"][0])),
        (f"the dearest capital ({inp.ranges['wacc'][1]:.1%})", replace(c, wacc=inp.ranges["wacc"][1])),
        (f"only {AI_SHARE_RANGE[0]:.0%} of the capex is for AI", replace(c, ai_share=AI_SHARE_RANGE[0])),
        (f"only {REVENUE_SHARE_RANGE[0]:.0%} of AI revenue reaches the four",
         replace(c, revenue_share=REVENUE_SHARE_RANGE[0])),
        ("no power limit (capex as guided)", replace(c, supply_gw=1e9)),
    ]
    variants = []
    for name, p in cases:
        year = closing_year(simulate(inp.base, p)["gap"])[0]
        text = f"closes in {year:.0f}" if year == year else f"not by {LAST_YEAR}"
        variants.append(Variant(name, text, year == year, None if year != year else float(year)))
    return Finding("closes", f"At today's pace, revenue covers what the four's capital needs by {LAST_YEAR}",
                   tuple(variants))


def design_sensitivity(inp: Inputs, draws: int = DRAWS, seed: int = SEED) -> pd.DataFrame:
    """The Monte Carlo's probability under other designs a critic would try: usage growth from zero,
    revenue growth drawn directly (no split into usage and price), and the revenue-side doubts
    alone. Columns: design, p_close."""
    c, r = inp.central, inp.ranges
    observed = inp.observed_growth
    designs = {
        "the book's ranges (the assumptions table)": r,
        "usage growth from zero to today's pace": {**r, "usage_growth": (0.0, c.usage_growth)},
        f"revenue growth drawn directly, from flat to today's ×{observed:.2f} a year":
            {**r, "price_decline": (1.0, 1.0), "usage_growth": (0.0, observed - 1)},
        "only the revenue side uncertain (cost side at central values)":
            {k: (v if k in ("usage_growth", "price_decline", "margin", "revenue_share") else
                 (getattr(c, k), getattr(c, k))) for k, v in r.items()},
    }
    return pd.DataFrame([{"design": name, "p_close": monte_carlo(inp.base, ranges, draws, seed).p_close}
                         for name, ranges in designs.items()])
