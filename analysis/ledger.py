"""The claims ledger: each seed claim a chapter tests, with its recomputed value and verdict.

Chapters return :class:`Recomputed` rows from pure functions; ``python -m tools.ledger_build
claims`` writes them into ``data/claims.csv`` and a test fails if the stored values ever differ
from what the functions compute, so the ledger cannot drift from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

VERDICTS = ("holds", "roughly holds", "does not hold", "not testable with sourced data")
LEDGER_COLUMNS = ["recomputed", "recomputed_unit", "verdict", "checked_in", "how"]


@dataclass(frozen=True)
class Recomputed:
    """One seed claim as a chapter recomputed it."""

    claim_id: str
    recomputed: float | None
    recomputed_unit: str
    verdict: str
    checked_in: str
    how: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} is not one of {VERDICTS}")


def verdict_for(claimed: float, recomputed: float, kind: str, tolerance: float = 0.15) -> str:
    """Compare a claimed figure with its recomputed value.

    ``kind`` is the claim's figure_kind: ``upper_bound`` holds when the value is below the
    claim, ``lower_bound`` when above; ``point``/``approx`` hold within ``tolerance`` (relative)
    and roughly hold within twice that.
    """
    if kind == "upper_bound":
        return "holds" if recomputed < claimed else "does not hold"
    if kind == "lower_bound":
        return "holds" if recomputed > claimed else "does not hold"
    gap = abs(recomputed - claimed) / abs(claimed)
    if gap <= tolerance:
        return "holds"
    return "roughly holds" if gap <= 2 * tolerance else "does not hold"


def checker(claims: pd.DataFrame, page: str) -> Callable[..., Recomputed]:
    """A function ``check(claim_id, value, unit, how, verdict=None)`` that records one recomputed
    claim for ``page``, judging it with :func:`verdict_for` against the claimed figure unless a
    verdict is given."""
    claimed = claims.set_index("claim_id")

    def check(claim_id: str, value: float | None, unit: str, how: str, verdict: str | None = None) -> Recomputed:
        row = claimed.loc[claim_id]
        if verdict is None:
            verdict = verdict_for(float(row["figure"]), value, row["figure_kind"])
        return Recomputed(claim_id, value, unit, verdict, page, how)

    return check


def apply(claims: pd.DataFrame, rows: list[Recomputed]) -> pd.DataFrame:
    """The claims table with the ledger columns filled from ``rows`` (other claims left empty)."""
    out = claims.copy()
    by_id = {r.claim_id: r for r in rows}
    unknown = set(by_id) - set(out["claim_id"])
    if unknown:
        raise ValueError(f"recomputed claims not in the claims table: {sorted(unknown)}")
    for column in LEDGER_COLUMNS:
        values = [getattr(by_id[c], column) if c in by_id else None for c in out["claim_id"]]
        out[column] = pd.Series(values, index=out.index, dtype="float64" if column == "recomputed" else "object")
    return out


def ledger_view(claims: pd.DataFrame, page: str) -> pd.DataFrame:
    """The claims one page checked, for display: quote, English, claimed, recomputed, verdict."""
    rows = claims[claims["checked_in"] == page]
    return pd.DataFrame({
        "Claim": rows["claim_id"],
        "Seed says": rows["quote_original"],
        "In English": rows["quote_en"],
        "Claimed": [f"{v:g} {u}" for v, u in zip(rows["figure"], rows["unit"], strict=True)],
        "Recomputed": [f"{v:,.3g} {u}" if pd.notna(v) else "—" for v, u in
                       zip(rows["recomputed"], rows["recomputed_unit"], strict=True)],
        "Verdict": rows["verdict"],
        "How": rows["how"],
    })
