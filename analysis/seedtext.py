"""The seeds' text, sentence by sentence: which sentences carry a number, and which ledger row
(a claim, or a "not a claim" entry with its reason) answers for each.

A sentence *carries a number* when it holds a digit or a number word of its language
(:data:`NUMBER_WORDS`). Splitting follows the punctuation of each language: ``. ! ? ;`` and a
line break end a Vietnamese or English sentence, except a full stop between two digits
(``1.4``, no space after it) or after a one-letter capital (``U.S.``); ``。！？；`` and a line break end a Chinese one.
Pure functions on strings: reading the files is the caller's business.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "vi": ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "chục",
           "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "nửa", "gấp đôi", "gấp ba", "vài", "hàng loạt"),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "tens", "dozen", "dozens",
           "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
           "trillions", "half", "double", "twice", "triple"),
    "zh": ("一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "半", "倍",
           "几", "数十", "数百", "数千", "数万", "数亿"),
}
"""Number words by language. Vietnamese and English words match whole words (case-insensitive);
Chinese numerals match as characters, and "几" (a few) and "数" before a numeral (several). Some
also mean something else ("năm" is also "year", "một" also "a", "一" begins many words): such
sentences are still listed, and the "not a claim" list says why they carry no figure."""

_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_END = re.compile(r"(?<=[。！？；!?;])|\n")
_LATIN_END = re.compile(r"(?<=[.!?;])(?<!\b[A-Z]\.)\s+")


@dataclass(frozen=True)
class Sentence:
    """One sentence of one seed: file, 1-based position among that seed's sentences, text, language."""

    seed_file: str
    number: int
    text: str
    lang: str


def squash(text: str) -> str:
    """Text with runs of white space made one space and Unicode composed (NFC), for matching."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def language_of(text: str, seed_lang: str) -> str:
    """``zh`` if the text holds a Chinese character, else ``en`` for ASCII-only text in a Chinese
    seed (its English passages), else the seed's own language."""
    if _CJK.search(text):
        return "zh"
    if seed_lang == "zh":
        return "en"
    return seed_lang


def sentences(seed_file: str, text: str, seed_lang: str) -> list[Sentence]:
    """Every non-empty sentence of a seed, in order."""
    text = unicodedata.normalize("NFC", text)
    pieces: list[str] = []
    for line in text.splitlines():
        splitter = _ZH_END if _CJK.search(line) else _LATIN_END
        pieces.extend(p for p in (squash(part) for part in splitter.split(line)) if p)
    return [Sentence(seed_file, i, p, language_of(p, seed_lang)) for i, p in enumerate(pieces, start=1)]


def number_words_in(text: str, lang: str) -> list[str]:
    """The number words of ``lang`` found in ``text`` (Chinese by character, others by whole word)."""
    words = NUMBER_WORDS[lang]
    if lang == "zh":
        return [w for w in words if w in text]
    low = text.lower()
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low)]


def carries_number(sentence: Sentence) -> bool:
    """True when the sentence holds a digit (any script) or a number word of its language."""
    return any(ch.isdigit() for ch in sentence.text) or bool(number_words_in(sentence.text, sentence.lang))


def number_bearing(seed_texts: Mapping[str, tuple[str, str]]) -> list[Sentence]:
    """The number-bearing sentences of every seed; ``seed_texts`` maps file name to (text, lang)."""
    return [s for name, (text, lang) in sorted(seed_texts.items())
            for s in sentences(name, text, lang) if carries_number(s)]


@dataclass(frozen=True)
class Answer:
    """What answers for a sentence: the claim ids quoting it, or the "not a claim" reason."""

    claims: tuple[str, ...]
    reason: str


def answers(sentence: Sentence, quotes: Iterable[tuple[str, str, str]]) -> list[str]:
    """Ids of the rows that quote this sentence: a quote answers for a sentence when one of the
    quote's own sentences lies in it or holds it. ``quotes`` gives (row id, seed file, quote in
    the original language)."""
    mine = squash(sentence.text)
    found = []
    for row_id, seed_file, quote in quotes:
        if seed_file != sentence.seed_file:
            continue
        pieces = [p.text for p in sentences(seed_file, quote, sentence.lang)]
        if any(p in mine or mine in p for p in pieces):
            found.append(row_id)
    return found


def coverage_problems(rows: Iterable[tuple[str, int, str, str, str | None, str | None]],
                      quotes: list[tuple[str, str, str]]) -> list[str]:
    """What is wrong with the list of number-bearing sentences, one message per sentence.

    ``rows`` gives (seed file, sentence number, language, text, "not a claim" reason, claim it
    repeats). A sentence must be answered by a claim quoting it or by a reason, not both; a
    repeat names the claim it repeats, and only a repeat does.
    """
    problems = []
    for seed_file, number, lang, text, reason, see in rows:
        where = f"{seed_file} sentence {number}"
        ids = answers(Sentence(seed_file, number, text, lang), quotes)
        if not ids and not reason:
            problems.append(f"{where}: no claim quotes it and no 'not a claim' reason is given: {text}")
        elif ids and reason:
            problems.append(f"{where}: quoted by {', '.join(ids)} yet marked not a claim ({reason})")
        if (reason == "repeat of a claim") != bool(see):
            problems.append(f"{where}: a repeat names the claim it repeats (see_claim), and only a repeat does")
    return problems


def claim_quotes(claims: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(claim id, seed file, quote in the original language) for every claim row."""
    return list(zip(claims["claim_id"], claims["seed_file"], claims["quote_original"], strict=True))


def seed_sentence_rows(table: pd.DataFrame) -> list[tuple[str, int, str, str, str | None, str | None]]:
    """The ``seed_sentences`` table as the rows :func:`coverage_problems` reads (empty cells as None)."""
    def cell(value: object) -> str | None:
        return value if isinstance(value, str) and value else None

    return [(r.seed_file, int(r.sentence), r.lang, r.text, cell(r.not_a_claim), cell(r.see_claim))
            for r in table.itertuples()]
