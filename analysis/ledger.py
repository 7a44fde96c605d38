"""The claims ledger: each seed claim a chapter tests, under each reading its words allow.

A claim can mean more than one thing ("Nvidia sold $400B of chips": in one year? since the boom
began?). A chapter returns, per claim, one :class:`Reading` for each meaning, each with a value
recomputed from sourced data and a verdict by the stated rules of :func:`verdict_for`, and names
the reading it judges the seed to mean. ``python -m tools.ledger_build claims`` writes the judged
reading into ``data/claims.csv`` and every reading into ``data/readings.csv``; a test fails if the
stored values ever differ from what the functions compute, so the ledger cannot drift from the data.
Chapter verdict sentences are generated from these rows (:func:`claim_sentence`, :func:`tally`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.robustness import Finding
from analysis.tables import Column, html_table

VERDICTS = ("holds", "roughly holds", "does not hold", "cannot be checked")
#: What a claim without a verdict shows.
NOT_YET = "not yet tested"
LEDGER_COLUMNS = ["recomputed", "recomputed_unit", "verdict", "reading", "checked_in", "how"]
READING_COLUMNS = ["claim_id", "reading", "judged", "recomputed", "recomputed_unit", "verdict", "how"]

#: Relative tolerance of a point figure: within the first it holds, within the second it roughly holds.
POINT_TOLERANCE = (0.10, 0.25)
#: "About", "nearly", "as much as": a little wider.
APPROX_TOLERANCE = (0.15, 0.30)
#: A date ("in the late 1960s") holds within the first number of years and roughly holds within the second.
DATE_TOLERANCE_YEARS = (2, 5)
#: A bound missed by at most this fraction of the bound roughly holds.
BOUND_SLACK = 0.10
#: The rules in words, for the pages that show verdicts.
RULES = (f"A point figure holds within ±{POINT_TOLERANCE[0]:.0%} of the recomputed value and roughly holds "
         f"within ±{POINT_TOLERANCE[1]:.0%}; an approximate one (\"about\", \"as much as\") within "
         f"±{APPROX_TOLERANCE[0]:.0%} and ±{APPROX_TOLERANCE[1]:.0%}. A bound (\"more than\", \"less than\") "
         f"holds when the value is on its side and roughly holds when it misses by at most {BOUND_SLACK:.0%}. "
         f"A date holds within {DATE_TOLERANCE_YEARS[0]} years and roughly holds within {DATE_TOLERANCE_YEARS[1]}. "
         "A claim that no sourced figure can test, a forecast not yet due, or an opinion cannot be checked "
         "and shows no recomputed value.")


def verdict_for(claimed: float, recomputed: float, kind: str) -> str:
    """Judge a claimed figure against its recomputed value by the rules in :data:`RULES`.

    ``kind`` is the claim's ``figure_kind``: ``upper_bound`` ("less than") or ``lower_bound``
    ("more than"); ``date`` compares years; ``point``, ``approx`` and ``range_low`` compare
    relative distance.

    >>> verdict_for(100, 105, "point"), verdict_for(100, 120, "point"), verdict_for(100, 108, "upper_bound")
    ('holds', 'roughly holds', 'roughly holds')
    """
    if kind in ("upper_bound", "lower_bound"):
        on_side = recomputed <= claimed if kind == "upper_bound" else recomputed >= claimed
        if on_side:
            return "holds"
        return "roughly holds" if abs(recomputed - claimed) <= BOUND_SLACK * abs(claimed) else "does not hold"
    if kind == "date":
        years = abs(recomputed - claimed)
        near, far = DATE_TOLERANCE_YEARS
        return "holds" if years <= near else "roughly holds" if years <= far else "does not hold"
    near, far = APPROX_TOLERANCE if kind == "approx" else POINT_TOLERANCE
    gap = abs(recomputed - claimed) / abs(claimed)
    if gap <= near:
        return "holds"
    return "roughly holds" if gap <= far else "does not hold"


@dataclass(frozen=True)
class Reading:
    """One meaning of a claim, its recomputed value and verdict.

    A reading that cannot be checked carries no value; ``how`` then says why.
    """

    name: str
    value: float | None
    unit: str
    verdict: str
    how: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} is not one of {VERDICTS}")
        if (self.verdict == "cannot be checked") != (self.value is None):
            raise ValueError(f"reading {self.name!r}: a value goes with a checked verdict, none with "
                             "'cannot be checked'")


@dataclass(frozen=True)
class Recomputed:
    """One seed claim as a chapter recomputed it: its readings and the one judged to be meant."""

    claim_id: str
    readings: tuple[Reading, ...]
    judged: str
    checked_in: str

    def __post_init__(self) -> None:
        names = [r.name for r in self.readings]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.claim_id}: two readings share a name")
        if self.judged not in names:
            raise ValueError(f"{self.claim_id}: judged reading {self.judged!r} is not one of {names}")

    @property
    def headline(self) -> Reading:
        """The reading the seed most plausibly means."""
        return next(r for r in self.readings if r.name == self.judged)


def checker(claims: pd.DataFrame, page: str) -> Callable[..., Recomputed]:
    """A function ``check(claim_id, readings, judged=None)`` that records one claim for ``page``.

    Each reading is ``(name, value, unit, how)`` — judged by :func:`verdict_for` against the
    claimed figure — or ``(name, None, unit, why)`` for a reading that cannot be checked. A
    qualitative claim (no figure) gives its verdict as a fifth item, from a stated rule. With one
    reading, it is the judged one.
    """
    claimed = claims.set_index("claim_id")

    def check(claim_id: str, readings: Sequence[tuple], judged: str | None = None) -> Recomputed:
        row = claimed.loc[claim_id]
        out = []
        for name, value, unit, how, *given in readings:
            if given:
                verdict = given[0]
            elif value is None:
                verdict = "cannot be checked"
            elif pd.isna(row["figure"]):
                raise ValueError(f"{claim_id} states no figure: give the reading's verdict and its rule")
            else:
                verdict = verdict_for(float(row["figure"]), float(value), row["figure_kind"])
            out.append(Reading(name, None if value is None else float(value), unit, verdict, how))
        return Recomputed(claim_id, tuple(out), judged or out[0].name, page)

    return check


def apply(claims: pd.DataFrame, rows: list[Recomputed]) -> pd.DataFrame:
    """The claims table with the ledger columns filled from each claim's judged reading."""
    out = claims.copy()
    by_id = {r.claim_id: r for r in rows}
    unknown = set(by_id) - set(out["claim_id"])
    if unknown:
        raise ValueError(f"recomputed claims not in the claims table: {sorted(unknown)}")
    values: dict[str, list[object]] = {c: [] for c in LEDGER_COLUMNS}
    for claim_id in out["claim_id"]:
        r = by_id.get(claim_id)
        head = r.headline if r else None
        values["recomputed"].append(head.value if head else None)
        values["recomputed_unit"].append((head.unit if head.value is not None else None) if head else None)
        values["verdict"].append(head.verdict if head else None)
        values["reading"].append(head.name if head else None)
        values["checked_in"].append(r.checked_in if r else None)
        values["how"].append(head.how if head else None)
    for column in LEDGER_COLUMNS:
        out[column] = pd.Series(values[column], index=out.index,
                                dtype="float64" if column == "recomputed" else "object")
    return out


def readings_table(rows: list[Recomputed]) -> pd.DataFrame:
    """Every reading of every recomputed claim, in claim order; ``judged`` marks the headline."""
    out = [{"claim_id": r.claim_id, "reading": x.name, "judged": x.name == r.judged, "recomputed": x.value,
            "recomputed_unit": x.unit if x.value is not None else None, "verdict": x.verdict, "how": x.how}
           for r in sorted(rows, key=lambda r: r.claim_id) for x in r.readings]
    types = {"judged": "boolean", "recomputed": "float64"}
    return pd.DataFrame({c: pd.Series([r[c] for r in out], dtype=types.get(c, "object")) for c in READING_COLUMNS})


def format_value(value: float, unit: str) -> str:
    """A value for readers: ``USD 29.0bn``, ``USD 194bn``, ``8.8:1``, ``57%``, ``6 years``, ``1,000``.

    >>> format_value(29.0, "usd_bn"), format_value(193.7, "usd_bn"), format_value(6, "years")
    ('USD 29.0bn', 'USD 194bn', '6 years')
    """
    if unit == "usd_bn":
        return f"USD {value:,.1f}bn" if value < 100 else f"USD {value:,.0f}bn"
    if unit == "usd_tn":
        return f"USD {value:,.2f}tn"
    if unit == "ratio":
        return f"{value:.1f}:1"
    if unit == "multiple":
        return f"{value:.1f}×"
    if unit == "pct":
        return f"{value:.0f}%" if abs(value) >= 10 else f"{value:.1f}%"
    if unit == "gw":
        return f"{value:g} GW"
    words = {"year": "{:.0f}", "usd_mn": "USD {:,.4g}mn", "usd_per_month": "USD {:,.4g} a month", "years": "{:g} years",
             "months": "{:.1f} months",
             "count_mn": "{:,.4g} million", "count": "{:,.0f}", "usd": "USD {:,.0f}", "usd_th": "USD {:,.0f} thousand"}
    return words[unit].format(value)


def claim_sentence(claims: pd.DataFrame, readings: pd.DataFrame, claim_id: str) -> str:
    """One sentence on a claim, generated from the ledger: its English quote, the judged
    reading's verdict and value, and how the other readings came out.

    >>> c = pd.DataFrame({"claim_id": ["c1"], "quote_en": ["Nvidia sold $400B"]})
    >>> r = pd.DataFrame({"claim_id": ["c1", "c1"], "reading": ["since 2023", "one year"],
    ...                   "judged": [True, False], "recomputed": [356.4, 193.7],
    ...                   "recomputed_unit": ["usd_bn", "usd_bn"], "verdict": ["roughly holds", "does not hold"]})
    >>> claim_sentence(c, r, "c1")
    '“Nvidia sold $400B” roughly holds (since 2023: USD 356bn); one year: does not hold (USD 194bn).'
    """
    quote = claims.set_index("claim_id").loc[claim_id, "quote_en"]
    rows = readings[readings["claim_id"] == claim_id]
    if rows.empty:
        raise KeyError(f"{claim_id} has no recomputed reading")
    head = rows[rows["judged"]].iloc[0]
    sentence = f"“{quote}” {head['verdict']}"
    if pd.notna(head["recomputed"]):
        sentence += f" ({head['reading']}: {format_value(head['recomputed'], head['recomputed_unit'])})"
    elif isinstance(head.get("how"), str):
        sentence += f" ({head['reading']}: {head['how']})"
    others = [reading_text(r) for r in rows[~rows["judged"]].itertuples()]
    return sentence + ("; " + "; ".join(others) if others else "") + "."


def tally(claims: pd.DataFrame, page: str) -> str:
    """How the claims one page checked came out, e.g. "Of 14 seed claims tested here, 6 hold, …"."""
    rows = claims[claims["checked_in"] == page]
    counts = rows["verdict"].value_counts()
    parts = [f"{counts[v]} {_verb(v, counts[v])}" for v in VERDICTS if v in counts]
    return f"Of {len(rows)} seed claims tested here, " + ", ".join(parts) + "."


def _verb(verdict: str, n: int) -> str:
    if verdict == "cannot be checked":
        return verdict
    if n == 1:
        return verdict
    return {"holds": "hold", "roughly holds": "roughly hold", "does not hold": "do not hold"}[verdict]


def verdict_markdown(findings: Sequence[Finding], claims: pd.DataFrame, readings: pd.DataFrame,
                     claim_ids: Sequence[str]) -> str:
    """A chapter's verdict, generated: one bullet per headline finding (its robustness sentence,
    from :mod:`analysis.robustness`) and one per seed claim (:func:`claim_sentence`), so the
    verdict and the ledger cannot disagree."""
    lines = [f"- {f.sentence()}" for f in findings]
    lines += [f"- {claim_sentence(claims, readings, c)}" for c in claim_ids]
    return "\n".join(lines)


def reading_text(reading: Any) -> str:
    """One reading for readers: "name: verdict (value)", the value left out when it cannot be checked."""
    value = (f" ({format_value(reading.recomputed, reading.recomputed_unit)})"
             if pd.notna(reading.recomputed) else "")
    return f"{reading.reading}: {reading.verdict}{value}"


def claim_cells(claims: pd.DataFrame, readings: pd.DataFrame) -> pd.DataFrame:
    """The cells every ledger table shows for its claims: the quote in its language and in
    English, the claimed figure, the reading judged, its value, verdict and how, and the other
    readings. Indexed like ``claims``."""
    others = ["; ".join(reading_text(r) for r in readings[(readings["claim_id"] == claim_id)
                                                          & ~readings["judged"]].itertuples()) or "—"
              for claim_id in claims["claim_id"]]
    return pd.DataFrame({
        "Seed says": claims["quote_original"],
        "In English": claims["quote_en"],
        "Claimed": [format_value(v, u) if pd.notna(v) else "— (no figure)"
                    for v, u in zip(claims["figure"], claims["unit"], strict=True)],
        "Reading judged": claims["reading"].fillna("—"),
        "Recomputed": [format_value(v, u) if pd.notna(v) else "—"
                       for v, u in zip(claims["recomputed"], claims["recomputed_unit"], strict=True)],
        "Verdict": claims["verdict"].fillna(NOT_YET),
        "How": claims["how"].fillna("—"),
        "Other readings": others,
    }, index=claims.index)


def ledger_view(claims: pd.DataFrame, readings: pd.DataFrame, page: str) -> pd.DataFrame:
    """The claims one page checked, for display: quote, English, claimed, reading judged, value,
    verdict, other readings."""
    rows = claims[claims["checked_in"] == page]
    return pd.concat([rows[["claim_id"]].rename(columns={"claim_id": "Claim"}), claim_cells(rows, readings)], axis=1)


def ledger_html(claims: pd.DataFrame, readings: pd.DataFrame, page: str) -> str:
    """:func:`ledger_view` as an HTML table, quotes marked with their language."""
    view = ledger_view(claims, readings, page)
    columns = [Column(c, c, quote=(c == "Seed says"), facet=(c == "Verdict")) for c in view.columns]
    return html_table(view, columns)
