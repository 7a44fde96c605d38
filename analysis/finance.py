"""Shared finance helpers: units, series selection, growth rates.

Pure functions; money is in USD billions unless a name says otherwise.
"""

from __future__ import annotations

import pandas as pd

from analysis.provenance import UNIT_SCALE

USD_UNITS = ("usd", "usd_th", "usd_mn", "usd_bn", "usd_tn")


def to_usd_bn(value: float, unit: str) -> float:
    """Convert a money figure in ``unit`` (usd, usd_th, usd_mn, usd_bn, usd_tn) to USD billions."""
    if unit not in USD_UNITS:
        raise ValueError(f"{unit!r} is not a money unit (one of {USD_UNITS})")
    return value * UNIT_SCALE[unit] / UNIT_SCALE["usd_bn"]


def fiscal_year(period: str) -> int:
    """The year of a fiscal-year period label: ``"FY2024"`` -> 2024."""
    if not (period.startswith("FY") and period[2:].isdigit()):
        raise ValueError(f"{period!r} is not a fiscal-year period like 'FY2024'")
    return int(period[2:])


def annual_series(financials: pd.DataFrame, metric: str, entities: list[str]) -> pd.DataFrame:
    """One metric per firm and fiscal year, in USD bn: columns entity, fiscal_year, period_end,
    value_usd_bn, source_id. Only ``FY`` rows; money units only."""
    rows = financials[
        (financials["metric"] == metric)
        & financials["entity"].isin(entities)
        & financials["period"].str.fullmatch(r"FY\d{4}")
    ]
    out = pd.DataFrame({
        "entity": rows["entity"],
        "fiscal_year": [fiscal_year(p) for p in rows["period"]],
        "period_end": rows["period_end"],
        "value_usd_bn": [to_usd_bn(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
        "source_id": rows["source_id"],
    })
    return out.sort_values(["entity", "fiscal_year"]).reset_index(drop=True)


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate (a fraction, 0.8 = 80 %/yr) from ``start`` to ``end`` over ``years``."""
    if start <= 0 or end <= 0 or years <= 0:
        raise ValueError("CAGR needs positive start, end and years")
    return (end / start) ** (1.0 / years) - 1.0


def compound(start: float, rate: float, years: float) -> float:
    """Value after growing ``start`` at ``rate`` a year (a fraction) for ``years``: the inverse of :func:`cagr`."""
    if rate <= -1:
        raise ValueError("a growth rate must be above -100 %")
    return start * (1.0 + rate) ** years


def latest_row(financials: pd.DataFrame, entity: str, metric: str) -> pd.Series:
    """The row of ``entity``'s ``metric`` with the latest period end."""
    rows = financials[(financials["entity"] == entity) & (financials["metric"] == metric)]
    if rows.empty:
        raise KeyError(f"no {entity} {metric} in financials")
    return rows.sort_values("period_end").iloc[-1]


def fact_row(facts: pd.DataFrame, subject: str, measure: str) -> pd.Series:
    """The latest row of ``data/facts.csv`` for a subject and measure; a missing one is a KeyError."""
    rows = facts[(facts["subject"] == subject) & (facts["measure"] == measure)]
    if rows.empty:
        raise KeyError(f"facts.csv has no row for {subject} / {measure}")
    return rows.iloc[-1]
