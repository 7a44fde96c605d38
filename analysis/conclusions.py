"""What the numbers say, thesis by thesis: generated from the claims ledger, the chapters'
robustness findings and the verdict model, never typed.

Each thesis lists its headline findings and whether a finding that holds supports the thesis or
cuts against it. A finding scores from −1 to +1: the share of its definitions under which it
points the thesis's way, minus the share under which it points the other way (+1 when all agree
with the thesis, −1 when none do). The Monte Carlo counts for the escalator only when every
design of it agrees (+1 when the gap closes by the last year in under half of the draws under
every design, −1 when in over half under every design). A thesis is *supported* when its score
is positive, *not supported* when negative, *mixed* at zero. Confidence is *high* when every
finding survives all its definitions, *medium* when one is fragile or does not hold, *low* when
the thesis rests on the model's thresholds alone (no finding tested under several definitions).
The seed claims' tally stands beside the verdict: a seed can state its numbers right and still
draw the wrong conclusion from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis import circular, distillation, energy, escalator, scorecard
from analysis.robustness import Finding
from analysis.verdict import LAST_YEAR, Inputs, MonteCarlo, Thresholds

#: Each thesis's chapter page.
PAGES = {"escalator": "escalator", "circular": "circular-capital", "distillation": "distillation",
         "energy": "energy"}
#: Whether a finding that holds supports its thesis (True) or cuts against it (False).
DIRECTION = {"guidance": True, "shares": True, "roic": True, "circulation": False, "funded": False,
             "binding": True}


def chapter_findings(tables: Mapping[str, pd.DataFrame]) -> dict[str, list[Finding]]:
    """The headline findings of each thesis chapter, computed as the chapters compute them."""
    fin = tables["financials"]
    intensity = escalator.capex_intensity(fin)
    guidance = escalator.capex_guidance(fin)
    shares = escalator.share_comparison(fin)
    model = energy.binding_model(dict(tables))
    pue = energy.pue_range(fin)
    cost = energy.current_cost_range(energy.cost_per_gw_table(fin, tables["deals"]))
    return {
        "escalator": [escalator.guidance_finding(intensity, guidance, fin),
                      escalator.share_finding(shares, escalator.SHARE_BASE_YEARS), escalator.roic_finding(fin)],
        "circular": circular.circularity_findings(tables["deals"]),
        "distillation": [],
        "energy": [energy.binding_finding(model.plan, tables["energy_estimates"], pue, cost, model.guided_year)],
    }


def finding_score(finding: Finding) -> float:
    """From −1 to +1 (see the module's rule)."""
    toward = DIRECTION[finding.key]
    agree = sum(v.holds == toward for v in finding.variants) / len(finding.variants)
    return 2 * agree - 1


def monte_carlo_score(p_closes: list[float]) -> float:
    """+1 when every design puts the chance the gap closes under one half, −1 when every design
    puts it over one half, else 0."""
    if all(p < 0.5 for p in p_closes):
        return 1.0
    return -1.0 if all(p > 0.5 for p in p_closes) else 0.0


@dataclass(frozen=True)
class ThesisVerdict:
    """One thesis's verdict, its confidence and the evidence it rests on, as a paragraph."""

    thesis: str
    verdict: str
    confidence: str
    paragraph: str


def _claims_phrase(claims: pd.DataFrame, thesis: str) -> str:
    rows = claims[claims["chapter"] == thesis]
    return scorecard.scorecard_sentence(rows, "seed claims").replace("Of ", "Of its ", 1)


def confidence(findings: list[Finding]) -> str:
    """``high``, ``medium`` or ``low`` by the module's rule."""
    if not findings:
        return "low"
    return "high" if all(f.status == "survives" for f in findings) else "medium"


def _label(score: float) -> str:
    return "supported" if score > 0 else "not supported" if score < 0 else "mixed"


def thesis_verdicts(tables: Mapping[str, pd.DataFrame], claims: pd.DataFrame, inp: Inputs, mc: MonteCarlo,
                    designs: pd.DataFrame, limits: Thresholds,
                    fixed_capability_decline: float) -> list[ThesisVerdict]:
    """One generated paragraph per thesis: verdict, confidence, the claims tally, the findings'
    sentences and what the verdict model adds, with the threshold that would change it."""
    findings = chapter_findings(tables)
    out = []
    for thesis, page in PAGES.items():
        mine = findings[thesis]
        phrase = _claims_phrase(claims, thesis)
        score = sum(finding_score(f) for f in mine)
        extra = ""
        if thesis == "escalator":
            low, high = designs["p_close"].min(), designs["p_close"].max()
            extra = (f" Over the model's stated ranges, revenue covers what the four's capital needs by {LAST_YEAR} in "
                     f"{mc.p_close:.0%} of {mc.draws:,} draws ({low:.0%} to {high:.0%} under the other designs "
                     f"tried): it must grow at least {limits.revenue_growth:.2f}× a year from USD "
                     f"{inp.base.revenue_usd_bn:,.0f}bn.")
            score += monte_carlo_score(list(designs["p_close"]))
        if thesis == "distillation":
            squeezes = [d > limits.price_decline for d in (inp.frontier.factor, fixed_capability_decline)]
            score = 1.0 if all(squeezes) else 0.0 if any(squeezes) else -1.0
            extra = (f" The gap closes by {LAST_YEAR} only if the price of what buyers use falls slower than "
                     f"×{limits.price_decline:.2f} a year at today's usage growth; the best model's price has fallen "
                     f"×{inp.frontier.factor:.2f} a year, while a fixed capability got ×{fixed_capability_decline:.0f} "
                     "cheaper a year. Commodity prices squeeze the revenue only if buyers stay at a fixed capability.")
        if thesis == "circular":
            loops, funded = (max(v.value for v in f.variants) for f in mine)
            extra = (f"The thesis would need the share of flow dollars that can go round a loop to pass "
                     f"{circular.LOOP_THRESHOLD:.0%} (at most {loops:.0%} under any view) or the vendors' own "
                     f"money to pay for more than {circular.FUNDED_THRESHOLD:.0%} of their backlog (at most "
                     f"{funded:.0%}).")
        if thesis == "energy":
            model = energy.binding_model(dict(tables))
            guided = float(model.plan["capex_usd_bn"].iloc[-1])
            supply = guided * model.pue / model.usd_bn_per_gw
            cost = guided * model.pue / model.supply_gw
            extra = (f"The plans stop outrunning the power if new supply reaches {supply:.1f} GW a year (at USD "
                     f"{model.usd_bn_per_gw:.0f}bn per GW) or a GW costs more than USD {cost:.0f}bn (at "
                     f"{model.supply_gw:.1f} GW a year). In the verdict model, capex above what new power can "
                     "energise is never spent, which lowers the capital to repay: less power makes the gap "
                     "smaller, not larger.")
        verdict = _label(score)
        sure = confidence(mine)
        parts = [phrase, *(f.sentence() for f in mine), extra.strip()]
        paragraph = (f"**[{page.replace('-', ' ').capitalize()}]({page}.ipynb): {verdict}, {sure} confidence.** "
                     + " ".join(p for p in parts if p))
        out.append(ThesisVerdict(thesis, verdict, sure, paragraph))
    return out


RULE = ("How these verdicts are reached: a finding counts the share of its definitions under which it points "
        "the thesis's way minus the share under which it points the other way (from +1 to −1); the Monte Carlo "
        "counts for the escalator only when all its designs agree; a thesis is supported when the sum is "
        "positive, not supported when negative, mixed at zero. Confidence is high when every finding "
        "survives all its definitions, medium when one is fragile or fails, low when no finding was tested under "
        "several definitions. The seed claims' tally stands beside the verdict: a seed can state its numbers "
        "right and still draw the wrong conclusion.")


def closing_markdown(verdicts: list[ThesisVerdict]) -> str:
    """The paragraphs, one per thesis, and the rule they were generated by."""
    return "\n\n".join(v.paragraph for v in verdicts) + f"\n\n*{RULE}*"


def fixed_capability_decline(tables: Mapping[str, pd.DataFrame]) -> float:
    """The distillation chapter's slowest fixed-capability price decline (3:1 mix): the gentlest
    reading of 'AI becomes a commodity'."""
    prices, _ = distillation.priced_and_scored(dict(tables))
    table = distillation.decline_table(prices)
    return float(table[table["mix"] == "3:1"]["factor"].min())
