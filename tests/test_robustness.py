"""Findings under their definitions, and the reader's tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.robustness import Finding, Variant, robustness_frame
from analysis.tables import Column, html_table, language, pct


def finding(*held: bool) -> Finding:
    variants = tuple(Variant(f"def {i}", f"r{i}", h) for i, h in enumerate(held))
    return Finding("k", "Spending did not buy share", variants)


@pytest.mark.parametrize(("held", "status"), [((True, True), "survives"), ((True, False), "fragile"),
                                              ((False, True), "fragile"), ((False, False), "does not hold")])
def test_status_follows_the_definitions(held: tuple[bool, ...], status: str) -> None:
    assert finding(*held).status == status
    assert status in finding(*held).sentence()


def test_a_finding_needs_an_alternative_definition() -> None:
    with pytest.raises(ValueError):
        Finding("k", "x", (Variant("only", "r", True),))


def test_robustness_frame_marks_the_books_definition() -> None:
    frame = robustness_frame([finding(True, False)])
    assert frame["Definition"].tolist() == ["def 0 (book)", "def 1"]
    assert frame["Finding holds?"].tolist() == ["yes", "no"]
    assert frame["Status"].tolist() == ["fragile", ""]


def test_language_of_quotes() -> None:
    assert language("英伟达售出了4000亿美元的芯片") == "zh"
    assert language("Nvidia đã đầu tư 100 tỷ đô la") == "vi"
    assert language("not half") == "en"


def test_html_table_is_for_readers() -> None:
    frame = pd.DataFrame({"firm": ["Meta", "Amazon"], "share": [0.123, None], "quote": ["你好", "chào bạn"]})
    out = html_table(frame, [Column("firm", "Firm", facet=True), Column("share", "Share (%)", pct),
                             Column("quote", "Seed says", quote=True)])
    assert "<th scope=\"col\" data-facet>Firm</th>" in out and "Share (%)" in out
    assert '<td data-sort="0.123">12.3%</td>' in out and "<td data-sort=\"\">—</td>" in out
    assert '<span lang="zh">你好</span>' in out and '<span lang="vi">chào bạn</span>' in out
    assert "ledger-sortable" not in out  # short tables do not sort
    long = pd.DataFrame({"firm": [f"F{i}" for i in range(20)]})
    assert "ledger-sortable" in html_table(long, [Column("firm", "Firm")])
    with pytest.raises(KeyError):
        html_table(frame, [Column("nope", "No")])
