"""Excerpt checks, derivations and source lines."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.provenance import (
    bibliography,
    cite,
    derivation_problem,
    document_names,
    excerpt_states,
    figure_problem,
    numbers_in,
    origin_problem,
    publishers,
    source_line_html,
    source_summary,
)


@pytest.mark.parametrize(
    ("value", "unit", "excerpt"),
    [
        (80, "usd_bn", "we plan to spend $80 billion this year"),
        (80, "usd_bn", "capex of 80B"),
        (80, "usd_bn", "about 80,000 million dollars"),
        (4.4, "pct", "4.4% of US electricity"),
        (13184, "usd_mn", "Purchases of property and equipment (13,184) (10,212)"),
        (52.5, "usd_bn", "2024's $52.5bn capex spend"),
        (3896, "usd_mn", "Income before income tax2,9703,8963,196"),
        (6, "years", "from four years to six years"),
        (78562016.88093337, "usd", "GPT-4,78562016.88093337,778066898.6709992"),
        (1257, "ratio", "4,GPT-4-Turbo-2024-04-09,1257,+3/-2,65760"),
        (2664000, "count", "Pre-Training Context Extension 2664K 119K"),
        (1, "usd_tn", "I would ask them to take a trillion dollars"),
        (1, "gw", "a data center campus with more than a gigawatt of capacity"),
        (1.4, "usd_tn", "a $1.4 trillion commitment"),
    ],
)
def test_usual_ways_of_writing_a_figure(value: float, unit: str, excerpt: str) -> None:
    assert excerpt_states(value, unit, excerpt)


@pytest.mark.parametrize(
    ("value", "unit", "excerpt"),
    [
        (81, "usd_bn", "we plan to spend $80 billion this year"),
        (80, "usd_mn", "we plan to spend $80 billion this year and $3 million on snacks"),
        (4.5, "pct", "4.4% of US electricity"),
        (1318, "usd_mn", "Purchases of property and equipment (13,184)"),
    ],
)
def test_a_different_figure_is_caught(value: float, unit: str, excerpt: str) -> None:
    assert not excerpt_states(value, unit, excerpt)


def test_numbers_in_reads_scale_words() -> None:
    assert numbers_in("$52.5bn vs 32,251 million") == [(52.5, 1e9), (32251.0, 1e6)]


def test_derivation_is_recomputed() -> None:
    excerpt = "operating cash flow of $164.7 billion and free cash flow of $73.3 billion"
    assert derivation_problem(91.4, excerpt, "164.7 - 73.3: capex = OCF - FCF") is None
    assert "gives" in derivation_problem(90.0, excerpt, "164.7 - 73.3: capex = OCF - FCF")
    assert "not written" in derivation_problem(91.4, excerpt, "164.7 - 73.2 - 0.1: typo")
    assert "cannot evaluate" in derivation_problem(91.4, excerpt, "__import__('os'): no")


def test_derivation_may_rescale_without_the_constant_in_the_excerpt() -> None:
    assert derivation_problem(64.551, "Capital expenditures (64,551)", "64551 / 1000: millions to billions") is None


def test_figure_problem_follows_the_derivation_when_given() -> None:
    assert figure_problem(10, "usd_bn", "4 and 6", "4 + 6: sum") is None
    assert figure_problem(10, "usd_bn", "4 and 6", None) is not None


SOURCES = pd.DataFrame({
    "source_id": ["a-10k", "b-news"],
    "publisher": ["Alpha Inc.", "Daily <News>"],
    "title": ["10-K 2024", "Alpha spends"],
    "url": ["https://example.org/a", "https://example.org/b"],
    "original_url": ["https://www.sec.gov/Archives/edgar/data/1/2/", None],
    "published": pd.to_datetime(["2025-02-01", "2025-03-01"]),
    "accessed": pd.to_datetime(["2026-11-30", "2026-11-30"]),
    "kind": ["primary", "secondary"],
})


def test_cite_keeps_first_use_order_without_repeats() -> None:
    assert [c["source_id"] for c in cite(["b-news", "a-10k", "b-news"], SOURCES)] == ["b-news", "a-10k"]


def test_source_line_puts_primary_first_and_escapes() -> None:
    line = source_line_html(cite(["b-news", "a-10k"], SOURCES))
    assert line.index("Alpha Inc.") < line.index("Daily &lt;News&gt;")
    assert ('<a href="https://example.org/a">10-K 2024</a> (2025-02-01, '
            '<a href="https://www.sec.gov/Archives/edgar/data/1/2/">original</a>)') in line
    assert "(2025-03-01, secondary)" in line


def test_bibliography_lists_charts_per_source() -> None:
    usage = pd.DataFrame({"page": ["intro"], "chart_title": ["Capex grew"], "source_id": ["a-10k"]})
    table = bibliography(SOURCES, usage, {"intro": "The AI Capex Ledger"})
    row = table[table["Id in data/"] == "<code>a-10k</code>"].iloc[0]
    assert "The AI Capex Ledger</a>: Capex grew" in row["Charts that use it"]
    assert '<a href="https://www.sec.gov/Archives/edgar/data/1/2/">original</a>' in row["Source"]
    assert table[table["Id in data/"] == "<code>b-news</code>"].iloc[0]["Charts that use it"] == "(data tables only)"


def test_every_source_follows_the_provenance_rules() -> None:
    from analysis.data import load

    sources = load("sources")
    problems = {r.source_id: origin_problem(r.kind, r.url, r.original_url if isinstance(r.original_url, str) else None,
                                            r.title) for r in sources.itertuples()}
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize(("kind", "url", "original", "title", "fails"), [
    ("primary", "https://www.sec.gov/Archives/x.htm", None, "Amazon Form 10-K for fiscal year 2023", False),
    ("primary", "https://github.com/a/b/10k.md", "https://www.sec.gov/Archives/edgar/data/1/2/", "Amazon 10-K", False),
    ("primary", "https://github.com/a/b/10k.md", None, "Amazon Form 10-K (accession 0001018724-24-000008)", False),
    ("primary", "https://menafn.com/x", None, "Meta Reports Q4 2024 Results (press release, 2025-01-29)", False),
    ("primary", "https://github.com/a/b/10k.md", None, "Oracle Form 10-K for fiscal year 2015", True),
    ("secondary", "https://github.com/a/b/10k.md", None, "Oracle Form 10-K for fiscal year 2015", False),
    ("weak", "https://x.example", None, "text copy in GitHub repo krisphackathon/hackathon-2025", True),
    ("secondary", "https://x.example", None, "AMD annual figures, index file id 71085481550", True),
    ("secondary", "https://stockanalysis.com/stocks/meta/financials/", None, "Meta cash flow statement", True),
    ("weak", "https://stockanalysis.com/stocks/meta/financials/", None, "Meta cash flow statement", False),
])
def test_origin_rules_can_fail(kind: str, url: str, original: str | None, title: str, fails: bool) -> None:
    assert (origin_problem(kind, url, original, title) is not None) == fails


def test_source_line_names_documents_and_counts_kinds() -> None:
    citations = [{"source_id": "a", "title": "Amazon Form 10-K 2023", "kind": "primary", "publisher": "Amazon"},
                 {"source_id": "b", "title": "A blog", "kind": "weak", "publisher": "Blog"},
                 {"source_id": "c", "title": "Reuters story", "kind": "secondary", "publisher": "Reuters"}]
    line = source_summary(citations)
    assert line == "Sources: Amazon Form 10-K 2023; Reuters story; 1 more (1 primary, 1 secondary, 1 weak)."
    assert document_names("a c a", citations) == "Amazon Form 10-K 2023; Reuters story"


def test_subtitle_names_issuers_not_copy_hosts() -> None:
    citations = [{"publisher": "Amazon.com, Inc. (via github.com/x/y)", "kind": "primary"},
                 {"publisher": "Amazon.com, Inc. (SEC EDGAR)", "kind": "primary"},
                 {"publisher": "Reuters", "kind": "secondary"}]
    assert publishers(citations) == "Amazon.com, Inc., Reuters"
