"""Seed sentences: splitting, number words, and the coverage of every number-bearing sentence."""

from __future__ import annotations

import pytest

from analysis import seedtext
from analysis.data import load, seed_texts, seeds_dir
from analysis.seedtext import Sentence, carries_number, coverage_problems, number_words_in, sentences


def texts(seed: str, lang: str) -> list[str]:
    return [s.text for s in sentences("x.txt", seed, lang)]


def test_a_decimal_point_and_an_initial_do_not_end_a_sentence() -> None:
    assert texts("Con số 1.4 nghìn tỷ. Chi tiêu U.S. giảm! Vì sao?", "vi") == [
        "Con số 1.4 nghìn tỷ.", "Chi tiêu U.S. giảm!", "Vì sao?"]


def test_chinese_sentences_end_at_chinese_punctuation_and_line_breaks() -> None:
    assert texts("人工智能泡沫。数万亿美元！\nAI is here. It costs $20.", "zh") == [
        "人工智能泡沫。", "数万亿美元！", "AI is here.", "It costs $20."]


def test_english_passages_of_a_chinese_seed_are_english() -> None:
    assert [s.lang for s in sentences("x.txt", "三个人。\nOne player wins.", "zh")] == ["zh", "en"]


@pytest.mark.parametrize(("text", "lang", "carries"), [
    ("Doanh thu 13,1 tỷ USD.", "vi", True),
    ("chỉ nói chuyện ba lần", "vi", True),
    ("Nvidia đang đầu tư vào OpenAI.", "vi", False),   # "tư" of "đầu tư" (invest) is no number
    ("Bambi chạy.", "vi", False),                      # "ba" only as a whole word
    ("数万亿的炒作", "zh", True),
    ("人工智能泡沫与人工智能无关。", "zh", False),
    ("a trillion-dollar gamble", "en", True),
    ("someone cancels", "en", False),                  # "one" only as a whole word
    ("第２", "zh", True),                               # a full-width digit is a digit
])
def test_a_sentence_carries_a_number_when_it_holds_a_digit_or_a_number_word(text: str, lang: str,
                                                                              carries: bool) -> None:
    assert carries_number(Sentence("x.txt", 1, text, lang)) is carries


def test_number_words_are_reported_by_language() -> None:
    assert number_words_in("hai cốt truyện, một mặt", "vi") == ["một", "hai"]


def row(text: str, reason: str | None = None, see: str | None = None) -> tuple:
    return ("s.txt", 1, "vi", text, reason, see)


QUOTES = [("c001", "s.txt", "Doanh thu 13,1 tỷ USD. Mục tiêu 280 tỷ USD.")]


def test_a_quote_spanning_two_sentences_answers_each() -> None:
    assert coverage_problems([row("Doanh thu 13,1 tỷ USD."), row("Mục tiêu 280 tỷ USD.")], QUOTES) == []


def test_an_unanswered_number_bearing_sentence_is_reported() -> None:
    [problem] = coverage_problems([row("Lương 13 triệu.")], QUOTES)
    assert "s.txt sentence 1: no claim quotes it" in problem


def test_a_quoted_sentence_cannot_also_be_marked_not_a_claim() -> None:
    [problem] = coverage_problems([row("Doanh thu 13,1 tỷ USD.", "idiom")], QUOTES)
    assert "quoted by c001 yet marked not a claim" in problem


def test_a_repeat_names_the_claim_it_repeats() -> None:
    assert coverage_problems([row("Lại 280 tỷ USD.", "repeat of a claim", "c001")], QUOTES) == []
    [problem] = coverage_problems([row("Lại 280 tỷ USD.", "repeat of a claim")], QUOTES)
    assert "names the claim it repeats" in problem


def test_a_quote_from_another_seed_answers_nothing() -> None:
    assert coverage_problems([("t.txt", 1, "vi", "Doanh thu 13,1 tỷ USD.", None, None)], QUOTES) != []


def test_every_number_bearing_sentence_in_the_ledger_is_answered() -> None:
    table = load("seed_sentences")
    assert len(table) > 100
    assert coverage_problems(seedtext.seed_sentence_rows(table), seedtext.claim_quotes(load("claims"))) == []


@pytest.mark.skipif(not seeds_dir().is_dir(), reason="the seed articles (../shared/seeds) are not beside this clone")
def test_the_sentence_list_is_every_number_bearing_sentence_of_the_seeds() -> None:
    expected = [(s.seed_file, s.number, s.lang, s.text) for s in seedtext.number_bearing(seed_texts())]
    table = load("seed_sentences")
    listed = list(zip(table["seed_file"], table["sentence"], table["lang"], table["text"], strict=True))
    assert listed == expected, "run `python -m tools.ledger_build sentences`"
