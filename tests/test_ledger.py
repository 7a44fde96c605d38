"""The claims ledger: verdict rules, and stored recomputed values equal the computed ones."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data import load
from analysis.ledger import Recomputed, apply, verdict_for
from tools.ledger_build import recomputed_claims


@pytest.mark.parametrize(("claimed", "value", "kind", "verdict"), [
    (100, 22, "upper_bound", "holds"), (100, 131.8, "upper_bound", "does not hold"),
    (100, 357, "lower_bound", "holds"), (700, 695, "point", "holds"), (2, 1.6, "approx", "roughly holds"),
    (50, 5.3, "approx", "does not hold"),
])
def test_verdict_rules(claimed: float, value: float, kind: str, verdict: str) -> None:
    assert verdict_for(claimed, value, kind) == verdict


def test_unknown_verdict_is_refused() -> None:
    with pytest.raises(ValueError):
        Recomputed("c001", 1.0, "usd_bn", "probably", "escalator", "guess")


def test_apply_refuses_unknown_claims() -> None:
    claims = pd.DataFrame({"claim_id": ["c001"]})
    with pytest.raises(ValueError, match="c999"):
        apply(claims, [Recomputed("c999", 1.0, "usd_bn", "holds", "escalator", "x")])


def test_stored_ledger_matches_the_computation() -> None:
    stored = load("claims")
    computed = recomputed_claims()
    pd.testing.assert_frame_equal(stored, computed, check_exact=False, rtol=1e-12)


def test_escalator_checks_its_claims() -> None:
    checked = load("claims").query("checked_in == 'escalator'")
    assert {"c039", "c040", "c041", "c045"} <= set(checked["claim_id"])
