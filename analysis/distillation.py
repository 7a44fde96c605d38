"""Thesis 3, China's distillation cost advantage: do cheap models squeeze the revenue the build-out needs?

Pure functions over ``model_prices`` (dated list prices, as printed), ``fx_rates`` (CNY per USD by
date) and ``capability`` (dated benchmark scores). Prices are converted to USD per million tokens
(``_usd_per_mtok``) at the exchange rate of their own date; a *blended* price mixes input and
output tokens in a stated proportion. Rates of decline are fitted log-linearly against time in
years and reported as a factor: "×N cheaper per year".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.finance import annual_series, fact_row, latest_row, to_usd_bn
from analysis.ledger import Recomputed, checker

#: The book's token mix: three input tokens to one output token (the mix Artificial Analysis
#: uses for its blended price); the alternative, one to three, is output-heavy (reasoning models).
INPUT_SHARE = 0.75
ALT_INPUT_SHARE = 0.25
DAYS_PER_YEAR = 365.25
#: Capability thresholds on the reference leaderboard (Arena text rating): roughly GPT-4 Turbo,
#: GPT-4o and o1 level on its scale, and one above.
THRESHOLDS = (1300, 1350, 1400, 1425)
#: The seed's "a few months behind", read as at most six months.
FEW_MONTHS = 6
#: Assumptions of the squeeze model (the reader moves them): prices halve every year; usage doubles.
DEFAULT_DECLINE = 2.0
DEFAULT_GROWTH = 1.0
#: Bootstrap draws and seed for the decline-rate intervals.
BOOTSTRAP_DRAWS = 2000
#: The bootstrap interval's coverage.
INTERVAL = 0.95
SEED = 20261204


def rate_on(fx: pd.DataFrame, day: pd.Timestamp, currency: str = "CNY") -> float:
    """The exchange rate (``currency`` per USD) in force on ``day``: the latest sourced rate on
    or before it. A day before the first sourced rate is an error, never a guess."""
    rows = fx[(fx["currency"] == currency) & (fx["date"] <= day)]
    if rows.empty:
        raise ValueError(f"no sourced {currency} rate on or before {day:%Y-%m-%d}")
    return float(rows.sort_values("date")["per_usd"].iloc[-1])


def to_usd_per_mtok(price: float, currency: str, per_tokens: int, cny_per_usd: float | None = None) -> float:
    """A list price as printed (``currency`` per ``per_tokens`` tokens) in USD per million tokens.

    >>> round(to_usd_per_mtok(0.0008, "CNY", 1000, cny_per_usd=8.0), 6)  # CNY 0.0008 per 1k tokens
    0.1
    """
    per_million = price * 1_000_000 / per_tokens
    if currency == "USD":
        return per_million
    if currency == "CNY":
        if not cny_per_usd:
            raise ValueError("a CNY price needs the exchange rate of its date")
        return per_million / cny_per_usd
    raise ValueError(f"unknown currency {currency!r}")


def blended(input_usd: float, output_usd: float, input_share: float = INPUT_SHARE) -> float:
    """Price of a million tokens of which ``input_share`` are input and the rest output.

    >>> blended(3.0, 15.0)  # Claude Sonnet at 3:1
    6.0
    """
    if not 0 <= input_share <= 1:
        raise ValueError("the input share is a fraction")
    return input_share * input_usd + (1 - input_share) * output_usd


def usd_prices(prices: pd.DataFrame, fx: pd.DataFrame) -> pd.DataFrame:
    """Every price point in USD per million tokens at its date's exchange rate, with the blended
    price under both mixes. Adds columns input_usd, output_usd, fx_cny_per_usd, blended_usd,
    blended_alt_usd."""
    out = prices.copy()
    rates = [rate_on(fx, d) if c == "CNY" else np.nan for c, d in zip(out["currency"], out["effective"], strict=True)]
    out["fx_cny_per_usd"] = rates
    out["input_usd"] = [to_usd_per_mtok(p, c, n, r) for p, c, n, r in
                        zip(out["input_price"], out["currency"], out["per_tokens"], rates, strict=True)]
    out["output_usd"] = [to_usd_per_mtok(p, c, n, r) for p, c, n, r in
                         zip(out["output_price"], out["currency"], out["per_tokens"], rates, strict=True)]
    out["blended_usd"] = blended(out["input_usd"], out["output_usd"], INPUT_SHARE)
    out["blended_alt_usd"] = blended(out["input_usd"], out["output_usd"], ALT_INPUT_SHARE)
    return out


def one_listing(usd: pd.DataFrame) -> pd.DataFrame:
    """One price per model and date — the USD listing where a lab lists both currencies — and
    only prices with both an input and an output figure (a blended price needs both)."""
    order = usd.assign(_yuan=usd["currency"].ne("USD")).sort_values(["model", "effective", "_yuan"])
    out = order.drop_duplicates(["model", "effective"]).drop(columns="_yuan")
    return out.dropna(subset=["blended_usd"]).reset_index(drop=True)


def reference_scores(capability: pd.DataFrame, benchmark: str = "arena_elo_text") -> tuple[pd.Timestamp, pd.Series]:
    """The leaderboard snapshot that rates the most models, and its scores by model. One snapshot
    puts old and new models on one scale (ratings are re-anchored from snapshot to snapshot)."""
    rows = capability[capability["benchmark"] == benchmark]
    day = rows["measured"].value_counts().idxmax()
    return pd.Timestamp(day), rows[rows["measured"] == day].set_index("model")["score"]


def scored(prices: pd.DataFrame, scores: pd.Series) -> pd.DataFrame:
    """Prices with the score of their ``capability_model`` (NaN where the leaderboard has none)."""
    return prices.assign(score=prices["capability_model"].map(scores))


def country_gap(prices: pd.DataFrame, threshold: float, column: str = "blended_usd") -> pd.DataFrame:
    """At every date a qualifying price took effect: the cheapest US and the cheapest Chinese price
    in force among models scoring at least ``threshold``, and the ratio US ÷ China."""
    able = price_in_force(prices[prices["score"] >= threshold])
    rows = []
    for day in sorted(able["effective"].unique()):
        live = able[(able["effective"] <= day) & (able["until"].isna() | (able["until"] > day))]
        us, cn = live[live["country"] == "US"][column], live[live["country"] == "CN"][column]
        rows.append({"date": pd.Timestamp(day), "us_usd": us.min() if len(us) else np.nan,
                     "cn_usd": cn.min() if len(cn) else np.nan})
    out = pd.DataFrame(rows, columns=["date", "us_usd", "cn_usd"])
    out["us_over_cn"] = out["us_usd"] / out["cn_usd"]
    return out


def release_dates(prices: pd.DataFrame) -> pd.DataFrame:
    """Each scored model's release date (its stated release, else its first price) and country."""
    first = prices.sort_values("effective").drop_duplicates("model")
    return pd.DataFrame({"model": first["capability_model"], "country": first["country"],
                         "released": first["released"].fillna(first["effective"])}).dropna(subset=["model"])


def price_in_force(prices: pd.DataFrame) -> pd.DataFrame:
    """Each model's price periods: ``until`` is the day its next price took effect (NaT if none)."""
    out = prices.sort_values(["model", "effective"]).copy()
    out["until"] = out.groupby("model")["effective"].shift(-1)
    return out


def best_score(capability: pd.DataFrame, benchmark: str) -> pd.Series:
    """Each model's best sourced score on ``benchmark`` (a model's capability does not fall)."""
    rows = capability[capability["benchmark"] == benchmark]
    return rows.groupby("model")["score"].max()


def cheapest_frontier(prices: pd.DataFrame, scores: pd.Series, threshold: float,
                      column: str = "blended_usd") -> pd.DataFrame:
    """The cheapest price in force, among models scoring at least ``threshold``, at every date a
    qualifying price took effect. Columns: date, usd_per_mtok, model, country."""
    able = price_in_force(prices[prices["model"].isin(scores[scores >= threshold].index)])
    rows = []
    for day in sorted(able["effective"].unique()):
        live = able[(able["effective"] <= day) & (able["until"].isna() | (able["until"] > day))]
        best = live.loc[live[column].idxmin()]
        rows.append({"date": pd.Timestamp(day), "usd_per_mtok": float(best[column]), "model": best["model"],
                     "country": best["country"]})
    frame = pd.DataFrame(rows, columns=["date", "usd_per_mtok", "model", "country"])
    keep = frame["usd_per_mtok"].ne(frame["usd_per_mtok"].shift())
    return frame[keep].reset_index(drop=True)


def years_since(dates: pd.Series, origin: pd.Timestamp) -> np.ndarray:
    """Dates as years after ``origin``."""
    return ((pd.to_datetime(dates) - origin).dt.days / DAYS_PER_YEAR).to_numpy(dtype=float)


def decline_factor(years: np.ndarray, usd: np.ndarray) -> float:
    """The fitted factor by which the price falls per year: exp(−b) for ln(price) = a + b·t.

    >>> round(decline_factor(np.array([0.0, 1.0, 2.0]), np.array([100.0, 10.0, 1.0])), 6)
    10.0
    """
    if len(years) < 2 or np.ptp(years) == 0:
        raise ValueError("a decline needs prices at two or more dates")
    slope = np.polyfit(years, np.log(usd), 1)[0]
    return float(np.exp(-slope))


@dataclass(frozen=True)
class Decline:
    """A fitted decline: ×``factor`` cheaper per year, bootstrap 95 % interval [low, high]."""

    factor: float
    low: float
    high: float
    points: int
    first: pd.Timestamp
    last: pd.Timestamp


def fit_decline(frame: pd.DataFrame, draws: int = BOOTSTRAP_DRAWS, seed: int = SEED) -> Decline:
    """Log-linear fit of ``usd_per_mtok`` against ``date``, with a percentile bootstrap interval
    over resampled points (draws whose dates do not differ are skipped)."""
    t = years_since(frame["date"], frame["date"].min())
    y = frame["usd_per_mtok"].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    factors = []
    for _ in range(draws):
        pick = rng.integers(0, len(t), len(t))
        if np.ptp(t[pick]) > 0:
            factors.append(decline_factor(t[pick], y[pick]))
    low, high = np.percentile(factors, [50 * (1 - INTERVAL), 50 * (1 + INTERVAL)])
    return Decline(decline_factor(t, y), float(low), float(high), len(t), frame["date"].min(), frame["date"].max())


def revenue_in(years: float, revenue_now_usd_bn: float, usage_growth: float, price_decline: float) -> float:
    """Revenue after ``years`` when usage grows by ``usage_growth`` a year (0.5 = +50 %) and the
    price per token falls ×``price_decline`` a year (2 = halves): R·((1+g)/d)^t.

    >>> revenue_in(2, 100.0, 1.0, 2.0)
    100.0
    """
    if price_decline <= 0:
        raise ValueError("the price factor is positive")
    return revenue_now_usd_bn * ((1 + usage_growth) / price_decline) ** years


def break_even_growth(years: float, revenue_now_usd_bn: float, needed_usd_bn: float, price_decline: float) -> float:
    """The usage growth a year at which revenue reaches ``needed_usd_bn`` after ``years``:
    g* = d·(needed/R)^(1/t) − 1."""
    return price_decline * (needed_usd_bn / revenue_now_usd_bn) ** (1 / years) - 1


def months_behind(scores: pd.DataFrame, capability: pd.DataFrame, benchmark: str) -> pd.DataFrame:
    """For each Chinese model's score, how long before a US model first reached it (months).

    ``scores`` has model, country, released. Columns: model, score, released, us_model, us_released,
    months_behind (negative: China first)."""
    best = best_score(capability, benchmark).rename("score")
    table = scores.drop_duplicates("model").merge(best, left_on="model", right_index=True)
    table = table.dropna(subset=["released"])
    us = table[table["country"] == "US"].sort_values("released")
    rows = []
    for r in table[table["country"] == "CN"].itertuples():
        first = us[us["score"] >= r.score]
        if first.empty:
            continue
        f = first.iloc[0]
        rows.append({"model": r.model, "score": r.score, "released": r.released, "us_model": f["model"],
                     "us_released": f["released"],
                     "months_behind": (r.released - f["released"]).days / (DAYS_PER_YEAR / 12)})
    return pd.DataFrame(rows, columns=["model", "score", "released", "us_model", "us_released", "months_behind"])


def training_cost_usd_mn(gpu_hours_mn: float, usd_per_gpu_hour: float) -> float:
    """GPU-hours (millions) × rental rate (USD per GPU-hour) in USD millions.

    >>> training_cost_usd_mn(2.0, 2.0)
    4.0
    """
    return gpu_hours_mn * usd_per_gpu_hour


def decline_table(prices: pd.DataFrame, thresholds: tuple[float, ...] = THRESHOLDS) -> pd.DataFrame:
    """The fitted decline at each threshold under both token mixes. Columns: threshold, mix,
    factor, low, high, points, first, last."""
    rows = []
    for threshold in thresholds:
        able = prices.dropna(subset=["score"])
        scores = able.groupby("model")["score"].max()
        for mix, column in (("3:1", "blended_usd"), ("1:3", "blended_alt_usd")):
            frontier = cheapest_frontier(able, scores, threshold, column)
            if len(frontier) < 3:
                continue
            fit = fit_decline(frontier)
            rows.append({"threshold": threshold, "mix": mix, "factor": fit.factor, "low": fit.low, "high": fit.high,
                         "points": fit.points, "first": fit.first, "last": fit.last})
    return pd.DataFrame(rows)


def best_model_prices(prices: pd.DataFrame) -> pd.DataFrame:
    """The price of the best-rated model on sale, each time a listing matched or beat every rating
    priced before it: what a buyer of the frontier paid per token. Columns: date, usd_per_mtok
    (3:1 blend), model, score, country."""
    able = prices.dropna(subset=["score"]).sort_values(["effective", "score"], ascending=[True, False])
    best, rows = -np.inf, []
    for r in able.itertuples():
        if r.score >= best:
            best = r.score
            rows.append({"date": r.effective, "usd_per_mtok": r.blended_usd, "model": r.model, "score": r.score,
                         "country": r.country})
    return pd.DataFrame(rows)


def frontier_price_decline(prices: pd.DataFrame) -> Decline:
    """The yearly fall in the price of the best model on sale (:func:`best_model_prices`), with its
    bootstrap interval: the price of what frontier buyers use, against the fixed-capability
    declines of :func:`decline_table`, which follow one capability level down to cheap models."""
    return fit_decline(best_model_prices(prices))


def frontier_table(prices: pd.DataFrame, thresholds: tuple[float, ...] = THRESHOLDS[:3]) -> pd.DataFrame:
    """The cheapest-capable frontiers of ``thresholds`` in one table (3:1 mix), labelled."""
    able = prices.dropna(subset=["score"])
    scores = able.groupby("model")["score"].max()
    return pd.concat([cheapest_frontier(able, scores, t).assign(threshold=f"rating ≥ {t:g}") for t in thresholds],
                     ignore_index=True)


def mix_sentence(declines: pd.DataFrame) -> str:
    """The fitted rate of each threshold under both mixes, as one clause each (generated)."""
    parts = []
    for threshold, group in declines.groupby("threshold"):
        by_mix = group.set_index("mix")["factor"]
        parts.append(f"rating ≥ {threshold:g}: ×{by_mix.get('3:1', np.nan):,.0f} at 3:1 and "
                     f"×{by_mix.get('1:3', np.nan):,.0f} at 1:3")
    return "; ".join(parts)


def frontier_fits(frontiers: pd.DataFrame) -> dict[str, Decline]:
    """:func:`fit_decline` of each labelled frontier of :func:`frontier_table`."""
    return {label: fit_decline(group) for label, group in frontiers.groupby("threshold", sort=False)}


def gaps_over_time(prices: pd.DataFrame, thresholds: tuple[float, ...] = THRESHOLDS[:3]) -> pd.DataFrame:
    """:func:`country_gap` of each threshold where both countries have a price, labelled."""
    return pd.concat([country_gap(prices, t).dropna().assign(threshold=f"rating ≥ {t:g}") for t in thresholds],
                     ignore_index=True)


def latest_gaps(prices: pd.DataFrame, thresholds: tuple[float, ...] = THRESHOLDS[:3]) -> dict[str, float]:
    """US ÷ China cheapest price at each threshold at the latest date both have one: ``gap_<t>``."""
    return {f"gap_{t:g}": float(country_gap(prices, t).dropna()["us_over_cn"].iloc[-1]) for t in thresholds}


def priced_and_scored(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.Timestamp]:
    """Every price point in USD, one listing per model and date, with its reference rating."""
    usd = one_listing(usd_prices(tables["model_prices"], tables["fx_rates"]))
    day, scores = reference_scores(tables["capability"])
    return scored(usd, scores), day


def lag_table(prices: pd.DataFrame, capability: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Months by which each Chinese model trails the first US model rated as high, on the reference board."""
    board = capability[(capability["benchmark"] == "arena_elo_text") & (capability["measured"] == day)]
    return months_behind(release_dates(prices), board, "arena_elo_text")


def fund_usd_bn(financials: pd.DataFrame, fx: pd.DataFrame, day: pd.Timestamp | None = None) -> float:
    """China's national AI fund in USD bn at the rate of ``day`` (default: the date it was reported)."""
    row = financials[(financials["entity"] == "china_ai_fund") & (financials["metric"] == "fund_size")
                     & (financials["source_id"] == "globaltimes-aifund-2025")].iloc[0]
    when = pd.Timestamp(row["period_end"]) if day is None else day
    return float(row["value"]) / rate_on(fx, when)


def _usd_mn(financials: pd.DataFrame, entity: str, metric: str) -> float:
    row = latest_row(financials, entity, metric)
    return to_usd_bn(float(row["value"]), row["unit"]) * 1000


@dataclass(frozen=True)
class TrainingCosts:
    """DeepSeek-V3's training cost read narrowly (the final run at a rental rate) and broadly (the
    hardware behind it), against western estimates of the same things (USD mn)."""

    gpu_hours_mn: float
    usd_per_gpu_hour: float
    narrow_usd_mn: float
    gpt4_usd_mn: float
    llama_usd_mn: float
    deepseek_hardware_usd_mn: float
    llama_hardware_usd_mn: float


def training_costs(financials: pd.DataFrame) -> TrainingCosts:
    """The figures of :class:`TrainingCosts` from ``financials``; the narrow cost is computed."""
    hours = float(latest_row(financials, "deepseek", "training_gpu_hours_total")["value"])
    rate = float(latest_row(financials, "deepseek", "gpu_rental_usd_per_hour")["value"])
    return TrainingCosts(hours, rate, training_cost_usd_mn(hours, rate),
                         _usd_mn(financials, "industry", "training_cost_estimate_gpt4"),
                         _usd_mn(financials, "industry", "training_cost_estimate_llama31_405b"),
                         _usd_mn(financials, "deepseek", "server_capex_estimate"),
                         _usd_mn(financials, "industry", "epoch_hardware_acquisition_cost_llama31_405b"))


def capex_comparison(financials: pd.DataFrame, fx: pd.DataFrame, fiscal_year: int = 2025) -> pd.DataFrame:
    """The four US builders' capex against the Chinese firms' and the national AI fund, in USD bn
    at the yuan rate of each figure's own period. Columns: spender, usd_bn, country."""
    four = annual_series(financials, "capex", ["microsoft", "alphabet", "amazon", "meta"])
    rows = [{"spender": f"Microsoft, Alphabet, Amazon, Meta (FY{fiscal_year})", "country": "US",
             "usd_bn": float(four[four["fiscal_year"] == fiscal_year]["value_usd_bn"].sum())}]
    for entity, metric, period, label in (
            ("bytedance", "capex", "CY2025", "ByteDance (2025, reported)"),
            ("alibaba", "capex_ai_cloud_trailing_4q", "Q3CY2025", "Alibaba (four quarters to Sep 2025)"),
            ("tencent", "capex", "FY2024", "Tencent (2024)")):
        row = financials[(financials["entity"] == entity) & (financials["metric"] == metric)
                         & (financials["period"] == period)].iloc[0]
        value = (float(row["value"]) / rate_on(fx, pd.Timestamp(row["period_end"])) if row["unit"] == "cny_bn"
                 else to_usd_bn(float(row["value"]), row["unit"]))
        rows.append({"spender": label, "country": "CN", "usd_bn": value})
    rows.append({"spender": "China's national AI fund (60.06bn yuan)", "country": "CN",
                 "usd_bn": fund_usd_bn(financials, fx)})
    return pd.DataFrame(rows)


def squeeze_points(declines: pd.DataFrame, years: float, revenue_now_usd_bn: float, needed_usd_bn: float,
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The break-even curve over price declines from ×1 a year to beyond the fastest measured, and the measured declines
    (3:1 mix) and the slider default placed on it."""
    top = max(50.0, float(declines["factor"].max()) * 1.5) if len(declines) else 50.0
    curve = pd.DataFrame({"decline": np.geomspace(1, top, 120)})
    curve["break_even"] = break_even_growth(years, revenue_now_usd_bn, needed_usd_bn, curve["decline"])
    main = declines[declines["mix"] == "3:1"]
    marks = pd.DataFrame({"label": ["slider default", *(f"rating ≥ {t:g}" for t in main["threshold"])],
                          "decline": [DEFAULT_DECLINE, *main["factor"]], "low": [DEFAULT_DECLINE, *main["low"]],
                          "high": [DEFAULT_DECLINE, *main["high"]]})
    marks["break_even"] = break_even_growth(years, revenue_now_usd_bn, needed_usd_bn, marks["decline"])
    return curve, marks


def claim_checks(tables: dict[str, pd.DataFrame]) -> list[Recomputed]:
    """Recompute the seed claims this chapter tests (see :mod:`analysis.ledger`)."""
    financials, claims, fx = tables["financials"], tables["claims"], tables["fx_rates"]
    check = checker(claims, "distillation")
    prices, day = priced_and_scored(tables)
    lags = lag_table(prices, tables["capability"], day)
    latest_cn = lags.sort_values("released").iloc[-1]

    def fig(entity: str, metric: str) -> float:
        row = latest_row(financials, entity, metric)
        return float(row["value"]) * {"count_mn": 1e6}.get(row["unit"], 1.0)

    labs = financials[financials["metric"] == "distillation_exchanges_alleged"]
    capex = annual_series(financials, "capex", ["microsoft", "alphabet", "amazon", "meta"])
    last = int(capex["fiscal_year"].max())
    seed_day = pd.Timestamp("2026-03-03")
    selloff = latest_row(financials, "industry", "software_selloff_market_value")
    episode = latest_row(financials, "industry", "software_selloff_market_value_single_episode")
    costs = training_costs(financials)
    facts = tables["facts"]
    population = fact_row(facts, "china", "population")
    imf = facts[facts["measure"] == "nominal_gdp_imf_projection"]
    gdp = dict(zip(imf["subject"], imf["value"], strict=True))
    china_rank = 1 + sum(v > gdp["gdp_china"] for v in gdp.values())
    return [
        check("c024", [("labs named in Anthropic's post", float(labs["entity"].nunique()), "count",
                        "DeepSeek, Moonshot and MiniMax, each with its count of exchanges")]),
        check("c025", [("fraudulent accounts", fig("anthropic", "distillation_accounts"), "count",
                        "accounts Anthropic reported, as quoted by the press")]),
        check("c026", [(f"the four's capex, FY{last}", float(capex[capex["fiscal_year"] == last]["value_usd_bn"].sum()),
                        "usd_bn", "billion-dollar investments: the four US builders' latest cash capex")]),
        check("c027", [("businesses applying AI", None, "count", "no sourced count of businesses in data/")]),
        check("c029", [
            ("US software stocks, year to date (to 4 Feb 2026)", to_usd_bn(float(selloff["value"]), selloff["unit"]),
             "usd_bn", "market value lost since 1 January, as CNBC reported S3 Partners' data (a weak copy)"),
            ("the single day after Anthropic's plugins", to_usd_bn(float(episode["value"]), episode["unit"]), "usd_bn",
             "one day's fall, financial stocks included (a weak copy)"),
        ]),
        check("c030", [("users of Chinese AI", None, "count", "no sourced user count in data/")]),
        check("c031", [("China's population, end of 2025", float(population["value"]) * 1e6, "count",
                        "mainland China's population as the National Bureau of Statistics reported it; 'a "
                        "billion-person economy' read as at least a billion people")]),
        check("c032", [
            ("60.06bn yuan at the rate of its date", fund_usd_bn(financials, fx), "usd_bn",
             "the fund's size in yuan at the FRED monthly rate of January 2025"),
            ("60.06bn yuan at the seed's date", fund_usd_bn(financials, fx, seed_day), "usd_bn",
             "at the monthly rate of March 2026"),
            ("the press conversion", fig("china_ai_fund", "fund_size_usd_as_printed") / 1, "usd_bn",
             "as Global Times printed it"),
        ]),
        check("c033", [("developing countries' choices in 5–10 years", None, "years", "a forecast, not yet due")]),
        check("c034", [("the plan's years, 2026–2030", 2030 - 2026 + 1, "years", "the seed's own dates: 2026 to 2030 "
                        "inclusive")]),
        check("c035", [("China's rank by nominal GDP, 2025 (IMF)", float(china_rank), "count",
                        f"the IMF's April 2025 projections: the US {gdp['gdp_united_states']:,.0f}, China "
                        f"{gdp['gdp_china']:,.0f}, Japan {gdp['gdp_japan']:,.0f} (USD bn); only the US is larger")]),
        check("c077", [
            ("the hardware behind DeepSeek-V3", costs.deepseek_hardware_usd_mn / 1000, "usd_bn",
             "an estimate of DeepSeek's server capex: what building a model from scratch took"),
            ("DeepSeek-V3's final training run", costs.narrow_usd_mn / 1000, "usd_bn",
             "GPU hours of the final run at the rental rate DeepSeek's paper assumes: one run, not the build"),
        ]),
        check("c069", [
            ("median lag of Chinese models", float(lags["months_behind"].median()), "months",
             f"months after the first US model rated as high on the {day:%Y-%m-%d} Arena board, median of "
             f"{len(lags)} Chinese models"),
            ("the latest Chinese release", float(latest_cn["months_behind"]), "months",
             f"{latest_cn['model']} against {latest_cn['us_model']}"),
        ]),
    ]
