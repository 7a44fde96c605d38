"""The claims page: the claims no chapter models, the scorecard and the ledger table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import scorecard
from analysis.data import load


@pytest.mark.parametrize(("model", "lab"), [
    ("GPT-4o-2024-05-13", "OpenAI"), ("o1-preview", "OpenAI"), ("Gemini-2.5-Pro", "Google"),
    ("claude-opus-4-6-thinking", "Anthropic"), ("Qwen3-235B-A22B-Instruct-2507", "Alibaba"),
    ("Mystery-1", "other"),
])
def test_a_model_name_gives_its_lab(model: str, lab: str) -> None:
    assert scorecard.lab_of(model) == lab


def test_every_board_leader_has_a_known_lab() -> None:
    leaders = scorecard.arena_leaders(load("capability"))
    assert len(leaders) >= 12
    assert (leaders["models"] >= scorecard.MIN_BOARD_MODELS).all()
    assert "other" not in set(leaders["lab"])


def test_spells_split_where_the_leading_lab_changes() -> None:
    days = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-06-01", "2024-07-01"])
    leaders = pd.DataFrame({"measured": days, "lab": ["A", "A", "B", "B", "A"]})
    spells = scorecard.leader_spells(leaders)
    assert list(spells["lab"]) == ["A", "B", "A"]
    assert list(spells["open"]) == [False, False, True]
    assert spells["months"].iloc[0] == pytest.approx(60 / 30.44)       # Jan 1 to Mar 1
    assert spells["months"].iloc[1] == pytest.approx(122 / 30.44)      # Mar 1 to Jul 1


def test_the_scorecard_counts_every_claim_once_per_grouping() -> None:
    claims = load("claims")
    card = scorecard.scorecard(claims, load("seeds"))
    assert card.groupby("grouping")["claims"].sum().eq(len(claims)).all()
    assert set(card.loc[card["grouping"] == "By thesis", "group"]) <= set(scorecard.THESES.values())


def test_the_scorecard_sentence_follows_the_counts() -> None:
    claims = pd.DataFrame({"verdict": ["holds", "holds", "does not hold", None]})
    assert scorecard.scorecard_sentence(claims) == (
        "Of 4 claims, 2 hold, 1 does not hold and 1 is not yet tested.")


def test_every_claim_links_to_the_section_that_tests_it() -> None:
    claims = load("claims")
    table = scorecard.ledger_table(claims, load("readings"), load("seeds"))
    assert len(table) == len(claims)
    assert table["Claim"].str.contains('href="').all()
    own = table[claims["checked_in"].eq("claims").to_numpy()]
    assert own["Claim"].str.contains('href="#claims-no-chapter-models"').all()
    chapter = table[claims["checked_in"].eq("energy").to_numpy()]
    assert chapter["Claim"].str.contains('href="energy.html#claims-checked-here"').all()


def test_a_claim_that_cannot_be_checked_shows_no_value_in_the_table() -> None:
    claims = load("claims")
    table = scorecard.ledger_table(claims, load("readings"), load("seeds"))
    assert (table.loc[(claims["verdict"] == "cannot be checked").to_numpy(), "Recomputed"] == "—").all()


def test_sentences_are_counted_by_how_they_are_answered() -> None:
    count = scorecard.sentence_count(load("seed_sentences"))
    assert count.quoted + count.not_claims == count.sentences
    assert sum(count.reasons.values()) == count.not_claims
    assert 0 < count.repeated < count.sentences
