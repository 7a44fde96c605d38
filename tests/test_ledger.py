"""The claims ledger: verdict rules, readings, generated sentences, and stored values equal the computed ones."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import ledger
from analysis.data import load
from analysis.ledger import Reading, Recomputed, apply, checker, verdict_for
from analysis.robustness import Finding, Variant
from tools.ledger_build import recomputed_claims


@pytest.mark.parametrize(("claimed", "value", "kind", "verdict"), [
    (100, 22, "upper_bound", "holds"), (100, 131.8, "upper_bound", "does not hold"),
    (100, 108, "upper_bound", "roughly holds"), (500, 110, "lower_bound", "does not hold"),
    (100, 357, "lower_bound", "holds"), (700, 705, "point", "holds"), (700, 630, "point", "holds"),
    (700, 620, "point", "roughly holds"), (4, 3.24, "point", "roughly holds"), (4, 6.68, "point", "does not hold"),
    (2, 1.6, "approx", "roughly holds"), (50, 37.4, "approx", "roughly holds"), (50, 5.3, "approx", "does not hold"),
])
def test_verdict_rules(claimed: float, value: float, kind: str, verdict: str) -> None:
    assert verdict_for(claimed, value, kind) == verdict


def test_the_rules_are_stated_with_their_tolerances() -> None:
    assert "±10%" in ledger.RULES and "±25%" in ledger.RULES and "10%" in ledger.RULES


def test_unknown_verdict_is_refused() -> None:
    with pytest.raises(ValueError):
        Reading("x", 1.0, "usd_bn", "probably", "guess")


def test_a_claim_that_cannot_be_checked_shows_no_value() -> None:
    with pytest.raises(ValueError):
        Reading("x", 1.0, "usd_bn", "cannot be checked", "no source")
    with pytest.raises(ValueError):
        Reading("x", None, "usd_bn", "holds", "no value")


def test_judged_reading_must_exist() -> None:
    with pytest.raises(ValueError, match="judged"):
        Recomputed("c001", (Reading("a", 1.0, "usd_bn", "holds", "h"),), "b", "escalator")


def claims_frame() -> pd.DataFrame:
    return pd.DataFrame({"claim_id": ["c1", "c2"], "quote_en": ["Nvidia sold $400B", "ROIC fell"],
                         "figure": [400.0, None], "figure_kind": ["point", "qualitative"], "unit": ["usd_bn", None]})


def test_checker_judges_each_reading_and_names_the_judged_one() -> None:
    check = checker(claims_frame(), "escalator")
    row = check("c1", [("since 2023", 356.4, "usd_bn", "sum"), ("one year", 193.7, "usd_bn", "FY2026"),
                       ("a forecast", None, "usd_bn", "no source")], judged="since 2023")
    assert [r.verdict for r in row.readings] == ["roughly holds", "does not hold", "cannot be checked"]
    assert row.headline.name == "since 2023"
    with pytest.raises(ValueError, match="states no figure"):
        check("c2", [("count", 3.0, "count", "how")])
    assert check("c2", [("count", 3.0, "count", "how", "holds")]).headline.verdict == "holds"


def test_apply_refuses_unknown_claims() -> None:
    claims = pd.DataFrame({"claim_id": ["c001"]})
    with pytest.raises(ValueError, match="c999"):
        apply(claims, [Recomputed("c999", (Reading("a", 1.0, "usd_bn", "holds", "h"),), "a", "escalator")])


def test_verdict_sentence_is_generated_from_the_ledger() -> None:
    check = checker(claims_frame(), "escalator")
    rows = [check("c1", [("since 2023", 356.4, "usd_bn", "sum"), ("one year", 193.7, "usd_bn", "FY2026")])]
    readings = ledger.readings_table(rows)
    finding = Finding("f", "ROIC fell at most firms", (Variant("a", "3 of 4", True), Variant("b", "2 of 4", False)))
    text = ledger.verdict_markdown([finding], claims_frame(), readings, ["c1"])
    assert "“Nvidia sold $400B” roughly holds (since 2023: USD 356bn)" in text
    assert "fragile" in text
    # change a verdict in the ledger: the sentence changes with it
    readings.loc[readings["judged"], "verdict"] = "does not hold"
    assert "“Nvidia sold $400B” does not hold" in ledger.verdict_markdown([], claims_frame(), readings, ["c1"])


def test_tally_counts_verdicts() -> None:
    claims = pd.DataFrame({"checked_in": ["p", "p", "p", "q"],
                           "verdict": ["holds", "holds", "cannot be checked", "holds"]})
    assert ledger.tally(claims, "p") == "Of 3 seed claims tested here, 2 hold, 1 cannot be checked."


def test_stored_ledger_matches_the_computation() -> None:
    claims, readings = recomputed_claims()
    pd.testing.assert_frame_equal(load("claims"), claims, check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(load("readings"), readings, check_exact=False, rtol=1e-12, check_dtype=False)


def test_chapters_check_their_claims_under_several_readings() -> None:
    readings = load("readings")
    assert {"c039", "c040", "c041", "c045", "c020"} <= set(readings.query("not judged")["claim_id"])
    assert readings.groupby("claim_id")["judged"].sum().eq(1).all()
    unchecked = readings[readings["verdict"] == "cannot be checked"]
    assert unchecked["recomputed"].isna().all()


@pytest.mark.parametrize(("claimed", "value", "kind", "verdict"), [
    (100, 110, "point", "holds"), (100, 110.01, "point", "roughly holds"), (100, 125, "point", "roughly holds"),
    (100, 125.01, "point", "does not hold"), (100, 90, "point", "holds"), (100, 74.99, "point", "does not hold"),
    (100, 115, "approx", "holds"), (100, 115.01, "approx", "roughly holds"), (100, 130, "approx", "roughly holds"),
    (100, 130.01, "approx", "does not hold"), (100, 100, "upper_bound", "holds"),
    (100, 110, "upper_bound", "roughly holds"),
    (100, 110.01, "upper_bound", "does not hold"), (100, 90, "lower_bound", "roughly holds"),
    (100, 89.99, "lower_bound", "does not hold"), (1968, 1966, "date", "holds"), (1968, 1965, "date", "roughly holds"),
    (1968, 1973, "date", "roughly holds"), (1968, 1974, "date", "does not hold"),
])
def test_tolerance_rules_at_their_edges(claimed: float, value: float, kind: str, verdict: str) -> None:
    assert verdict_for(claimed, value, kind) == verdict


def hand_made_claims() -> pd.DataFrame:
    return pd.DataFrame({"claim_id": ["h1", "h2", "h3", "h4"], "figure": [100.0, 100.0, 100.0, None],
                         "figure_kind": ["point", "point", "lower_bound", "qualitative"],
                         "quote_en": ["a", "b", "c", "d"]})


def test_every_verdict_class_is_reachable_on_hand_made_claims() -> None:
    check = checker(hand_made_claims(), "page")
    rows = [check("h1", [("r", 105, "usd_bn", "near")]), check("h2", [("r", 120, "usd_bn", "further")]),
            check("h3", [("r", 50, "usd_bn", "short of the bound")]), check("h4", [("r", None, "usd_bn", "opinion")])]
    assert [r.headline.verdict for r in rows] == list(ledger.VERDICTS)
    assert rows[3].headline.value is None


def test_a_claim_with_two_readings_takes_the_verdict_of_its_named_reading() -> None:
    check = checker(hand_made_claims(), "page")
    two = [("one year", 40, "usd_bn", "a year"), ("since 2023", 104, "usd_bn", "a running total")]
    assert check("h1", two).headline.verdict == "does not hold"
    named = check("h1", two, judged="since 2023")
    assert named.headline.verdict == "holds"
    table = apply(hand_made_claims(), [named])
    assert table.set_index("claim_id").loc["h1", "verdict"] == "holds"
    assert table.set_index("claim_id").loc["h1", "reading"] == "since 2023"


def test_no_claim_lacks_a_verdict() -> None:
    assert load("claims")["verdict"].notna().all()
