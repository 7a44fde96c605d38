"""Does a finding survive its definitions?

Every headline finding of a chapter is computed under the definition the book uses and under the
alternatives a critic would try (another cash definition, another base year, like-for-like
periods). A :class:`Finding` holds those results; its status is *survives* when the finding
holds under every definition, *fragile* when it holds under some, *does not hold* under none.
The pages print :func:`robustness_frame` under the finding and its :meth:`Finding.sentence` in the
verdict, so the verdict cannot say more than the definitions allow.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.tables import Column, html_table

STATUSES = ("survives", "fragile", "does not hold")


@dataclass(frozen=True)
class Variant:
    """The finding computed under one definition: what it gives, and whether the finding holds."""

    definition: str
    result: str
    holds: bool
    value: float | None = None


@dataclass(frozen=True)
class Finding:
    """A headline finding, the definition the book uses (the first variant) and the alternatives."""

    key: str
    statement: str
    variants: tuple[Variant, ...]

    def __post_init__(self) -> None:
        if len(self.variants) < 2:
            raise ValueError(f"finding {self.key!r}: test it under at least one alternative definition")

    @property
    def status(self) -> str:
        """``survives``, ``fragile`` or ``does not hold``."""
        held = [v.holds for v in self.variants]
        return "survives" if all(held) else "does not hold" if not any(held) else "fragile"

    def sentence(self) -> str:
        """The finding with its status, generated: what it is under the book's definition, and
        under which alternatives it fails (or that it survives all of them).

        >>> f = Finding("x", "ROIC fell at most firms", (Variant("no cash netting", "3 of 4 fell", True),
        ...             Variant("net of cash", "2 of 4 fell", False)))
        >>> f.sentence()
        'ROIC fell at most firms — fragile: 3 of 4 fell (no cash netting), but net of cash 2 of 4 fell.'
        """
        head = self.variants[0]
        if self.status == "survives":
            return (f"{self.statement} — survives all {len(self.variants)} definitions tried: "
                    f"{head.result} ({head.definition}).")
        failed = [v for v in self.variants[1:] if not v.holds]
        held = [v for v in self.variants[1:] if v.holds]
        if self.status == "does not hold":
            return f"{self.statement} — does not hold: {head.result} ({head.definition})."
        if head.holds:
            return (f"{self.statement} — fragile: {head.result} ({head.definition}), but "
                    + "; ".join(f"{v.definition} {v.result}" for v in failed) + ".")
        return (f"{self.statement} — fragile: not under the book's definition ({head.result}, {head.definition}), "
                "only " + "; ".join(f"{v.definition} {v.result}" for v in held) + ".")


def robustness_frame(findings: list[Finding]) -> pd.DataFrame:
    """One row per finding and definition, for a table under the findings: human headers."""
    rows = []
    for f in findings:
        for i, v in enumerate(f.variants):
            rows.append({"Finding": f.statement if i == 0 else "", "Definition": v.definition + (" (book)" if i == 0
                                                                                              else ""),
                         "Result": v.result, "Finding holds?": "yes" if v.holds else "no",
                         "Status": f.status if i == 0 else ""})
    return pd.DataFrame(rows, columns=["Finding", "Definition", "Result", "Finding holds?", "Status"])


def robustness_html(findings: list[Finding]) -> str:
    """The robustness table as HTML for the page."""
    frame = robustness_frame(findings)
    return html_table(frame, [Column(c, c) for c in frame.columns], sortable=False)
