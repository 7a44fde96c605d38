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

#: The book's token mix: three input tokens to one output token (the mix Artificial Analysis
#: uses for its blended price); the alternative, one to three, is output-heavy (reasoning models).
INPUT_SHARE = 0.75
ALT_INPUT_SHARE = 0.25
DAYS_PER_YEAR = 365.25
#: Bootstrap draws and seed for the decline-rate intervals.
BOOTSTRAP_DRAWS = 2000
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
    low, high = np.percentile(factors, [2.5, 97.5])
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
