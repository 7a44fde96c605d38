"""The claims ledger as a whole: the claims no chapter models, checked here, and the scorecard.

Most seed claims are tested in the chapter of their thesis. The rest — a Japanese listing, the
Transformer paper, surveys of AI productivity, the advertising market, who leads the model
rankings — are checked by :func:`claim_checks` from ``data/facts.csv`` and the Arena ratings,
under the same rules (:mod:`analysis.ledger`). :func:`scorecard` and :func:`ledger_table` turn
the whole ledger into the claims page's chart and table.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import altair as alt
import pandas as pd

from analysis.charts import VERDICT_COLOURS, ledger_chart
from analysis.finance import fact_row
from analysis.ledger import NOT_YET, VERDICTS, Recomputed, checker, claim_cells

PAGE = "claims"
#: Chapter slugs of the theses, in book order, and how the page names them.
THESES = {"escalator": "Escalator", "circular": "Circular capital", "distillation": "Distillation",
          "energy": "Energy", "other": "Context (no thesis)"}
#: A board counts when at least this many models are rated on it (earlier copies list only the top few).
MIN_BOARD_MODELS = 10
#: Lab of a model, by the first pattern its lower-cased name matches.
LAB_PATTERNS = (("OpenAI", r"gpt|chatgpt|^o\d"), ("Google", r"gemini|gemma|bard"), ("Anthropic", r"claude"),
                ("xAI", r"grok"), ("Alibaba", r"qwen"), ("DeepSeek", r"deepseek"), ("Meta", r"llama"))


def lab_of(model: str) -> str:
    """The lab behind a model, from its name; ``other`` when no pattern matches.

    >>> lab_of("ChatGPT-4o-latest (2024-11-20)"), lab_of("o3-2025-04-16"), lab_of("claude-opus-4-6")
    ('OpenAI', 'OpenAI', 'Anthropic')
    """
    name = model.lower()
    return next((lab for lab, pattern in LAB_PATTERNS if re.search(pattern, name)), "other")


def arena_leaders(capability: pd.DataFrame) -> pd.DataFrame:
    """The top-rated model of each Arena text board with at least :data:`MIN_BOARD_MODELS` models.
    Columns: measured, model, score, lab, models (how many the board rates)."""
    arena = capability[capability["benchmark"] == "arena_elo_text"]
    sizes = arena.groupby("measured")["model"].transform("size")
    boards = arena[sizes >= MIN_BOARD_MODELS].assign(models=sizes[sizes >= MIN_BOARD_MODELS])
    top = boards.sort_values(["measured", "score"], ascending=[True, False]).groupby("measured").head(1)
    return (top.assign(lab=top["model"].map(lab_of))[["measured", "model", "score", "lab", "models"]]
            .reset_index(drop=True))


def leader_spells(leaders: pd.DataFrame) -> pd.DataFrame:
    """Runs of boards led by the same lab: lab, start, end (first board led by the next lab, or the
    last board), months (30.44-day months) and whether the run is still going (``open``)."""
    run = (leaders["lab"] != leaders["lab"].shift()).cumsum()
    rows = []
    for _, group in leaders.groupby(run, sort=True):
        start = group["measured"].iloc[0]
        after = leaders[leaders["measured"] > group["measured"].iloc[-1]]
        end = after["measured"].iloc[0] if len(after) else group["measured"].iloc[-1]
        rows.append({"lab": group["lab"].iloc[0], "start": start, "end": end,
                     "months": (end - start).days / 30.44, "open": after.empty})
    return pd.DataFrame(rows)


def spell_words(spells: pd.DataFrame) -> str:
    """Spells at the top in words: "OpenAI 7 months, Google 14 months, Anthropic 5 months and counting"."""
    return ", ".join(f"{s.lab} {s.months:.0f} months" + (" and counting" if s.open else "")
                     for s in spells.itertuples())


def claim_checks(tables: dict[str, pd.DataFrame]) -> list[Recomputed]:
    """Recompute the seed claims no chapter models (see :mod:`analysis.ledger`)."""
    facts, claims = tables["facts"], tables["claims"]
    check = checker(claims, PAGE)

    def fact(subject: str, measure: str) -> float:
        return float(fact_row(facts, subject, measure)["value"])

    leaders = arena_leaders(tables["capability"])
    spells = leader_spells(leaders)
    closed = spells[~spells["open"]]
    first, last = leaders["measured"].min(), leaders["measured"].max()
    board_span = f"{len(leaders)} monthly Arena text boards, {first:%b %Y}–{last:%b %Y}"
    top_labs = leaders["lab"].unique()
    return [
        check("c001", [("from listing to delisting", fact("alt", "months_listing_to_delisting") / 12, "years",
                        "alt Inc. listed on the Tokyo Stock Exchange's Growth market in October 2024 and was "
                        "delisted just over ten months later for inflated sales (Nikkei)")]),
        check("c002", [("interviews given through the digital clone", None, "count",
                        "two Japanese TV reports describe the clone answering at the listing press conference; "
                        "none counts three")]),
        check("c012", [
            ("a law of 25-year cycles", None, "years",
             "one pair of events (2000 and 2025) cannot establish a cycle; the current one has not ended"),
            ("the seed's own arithmetic", 2025 - 2000, "years", "2025 − 2000, the seed's own two years"),
        ]),
        check("c046", [("half of a lab's employees", None, "pct", "no source ties the figure to a lab or a date")]),
        check("c047", [("USD 25mn per employee", None, "usd_mn", "no source ties the figure to a lab or a date")]),
        check("c048", [
            ("digital advertising, 2024", fact("advertising", "global_digital_ad_spend"), "usd_bn",
             "the market tech companies sell ads into: dentsu's forecast of worldwide digital ad spend, 2024"),
            ("all advertising, 2024", fact("advertising", "global_ad_spend"), "usd_bn",
             "dentsu's mid-year forecast of worldwide ad spend, all media, 2024"),
        ]),
        check("c049", [("world labour income", None, "usd_tn",
                        "no sourced dollar total of world labour income in data/ (the ILO publishes a share)")]),
        check("c051", [
            ("a share of Claude's users, as worded", None, "pct",
             "Anthropic's survey of its own staff reports no share of users with a gain"),
            ("the survey's share of work done with Claude", fact("anthropic", "claude_share_of_work"), "pct",
             "staff use Claude in this share of their work (Anthropic, survey of its engineers and researchers)"),
        ]),
        check("c052", [("self-reported productivity gain", fact("anthropic", "self_reported_productivity_gain"),
                        "pct", "the average gain Anthropic's own staff reported; self-reported, one firm")]),
        check("c053", [
            ("time to finish a task (METR, 2025)", fact("metr", "task_time_change_with_ai"), "pct",
             "METR's randomised trial of experienced open-source developers: tasks took longer with AI"),
            ("as METR restated it in 2026", fact("metr", "task_time_change_with_ai_restated"), "pct",
             "METR's rounding of the same result"),
            ("time to merge a pull request, as worded", None, "pct", "METR timed tasks, not pull-request merges"),
        ]),
        check("c054", [("a tenfold gain", None, "multiple", "a hypothetical ('if AI really could')")]),
        check("c055", [(f"labs that led the Arena text board ({first:%Y}–{last:%Y})", float(len(top_labs)),
                        "count", f"labs whose model topped any of {board_span}: {', '.join(top_labs)}")]),
        check("c056", [("half of white-collar jobs", None, "pct",
                        "a counterfactual opinion ('I would have thought')")]),
        check("c057", [("authors, all at Google by the paper's footnotes", fact("attention_paper", "authors"), "count",
                        "the title page lists eight authors; six give Google Brain or Google Research, and the "
                        "footnotes place the other two at Google when the work was done")]),
        check("c059", [("code generation ten times faster", None, "multiple", "no source found for the figure")]),
        check("c060", [("code review twice as fast", None, "multiple", "no source found for the figure")]),
        check("c065", [("millions of jobs replaced", None, "count", "a condition for the future, not a claim about "
                        "today")]),
        check("c074", [
            ("the listing year, the seed read as written in 2025", fact("alt", "listing_year"), "year",
             "alt Inc. listed on the Tokyo Stock Exchange's Growth market in October 2024; the seed mentions "
             "2025 events as this year's (c006)"),
            ("the listing year, the copy's own date", None, "year", "the copy carries no date"),
        ]),
        check("c075", [("the year Buffett's firm bought Hochschild Kohn", fact("buffett", "department_store_bought"),
                        "year", "a Baltimore department store, sold to Buffett's new holding company in March "
                        "(Capital Gazette)")]),
        check("c076", [
            ("months a lab keeps the top of the Arena board", float(closed["months"].median()), "months",
             f"median of {len(closed)} completed spells at the top of {board_span} "
             f"({spell_words(spells)}); the first spell began before the boards do, and ratings within a few "
             "points of each other are statistical ties"),
        ]),
    ]


def thesis_of(claims: pd.DataFrame) -> pd.Series:
    """Each claim's thesis as readers name it."""
    return claims["chapter"].map(THESES)


def verdict_of(claims: pd.DataFrame) -> pd.Series:
    """Each claim's headline verdict, or :data:`NOT_YET`."""
    return claims["verdict"].fillna(NOT_YET)


def scorecard(claims: pd.DataFrame, seeds: pd.DataFrame) -> pd.DataFrame:
    """Claims counted by verdict within each grouping: ``all``, each seed, each thesis.
    Columns: grouping (All claims / By seed / By thesis), group, verdict, claims."""
    frame = pd.DataFrame({"verdict": verdict_of(claims), "thesis": thesis_of(claims),
                          "seed": claims["seed_file"].map(seed_labels(seeds))})
    order = [*VERDICTS, NOT_YET]
    parts = []
    for grouping, column in (("All claims", None), ("By seed", "seed"), ("By thesis", "thesis")):
        keys = frame[column] if column else pd.Series("All claims", index=frame.index)
        counts = frame.groupby([keys.rename("group"), "verdict"]).size().rename("claims").reset_index()
        parts.append(counts.assign(grouping=grouping))
    out = pd.concat(parts, ignore_index=True)
    out["verdict"] = pd.Categorical(out["verdict"], order)
    return out.sort_values(["grouping", "group", "verdict"]).reset_index(drop=True)[
        ["grouping", "group", "verdict", "claims"]]


def seed_labels(seeds: pd.DataFrame) -> dict[str, str]:
    """A short reader's label per seed file: its number and language, e.g. ``Seed 002 (Vietnamese)``."""
    return {f: f"Seed {f[:3]} ({lang.split(',')[0]})" for f, lang in zip(seeds["seed_file"], seeds["language"],
                                                                           strict=True)}


def verdict_counts(claims: pd.DataFrame) -> dict[str, int]:
    """How many claims have each verdict (zero included), in :data:`VERDICTS` order."""
    counts = verdict_of(claims).value_counts()
    return {v: int(counts.get(v, 0)) for v in (*VERDICTS, NOT_YET) if v != NOT_YET or counts.get(v, 0)}


def scorecard_sentence(claims: pd.DataFrame, noun: str = "claims") -> str:
    """The whole ledger in one sentence, e.g. "Of 77 claims, 30 hold, 6 roughly hold, …"."""
    counts = verdict_counts(claims)
    plural = {"holds": "hold", "roughly holds": "roughly hold", "does not hold": "do not hold",
              "cannot be checked": "cannot be checked", NOT_YET: "are not yet tested"}
    parts = [f"{n} {plural[v] if n != 1 else 'is ' + v if v == NOT_YET else v}" for v, n in counts.items() if n]
    return f"Of {len(claims)} {noun}, " + ", ".join(parts[:-1]) + f" and {parts[-1]}."


def _link(claim_id: str, checked_in: object, prefix: str) -> str:
    if not isinstance(checked_in, str):
        return html.escape(claim_id)
    page = checked_in
    anchor = "claims-no-chapter-models" if page == PAGE else "claims-checked-here"
    href = f"#{anchor}" if page == PAGE and not prefix else f"{prefix}{page}.html#{anchor}"
    return f'<a href="{html.escape(href)}">{html.escape(claim_id)}</a>'


def ledger_table(claims: pd.DataFrame, readings: pd.DataFrame, seeds: pd.DataFrame,
                 prefix: str = "") -> pd.DataFrame:
    """The whole ledger for people: one row per claim with its seed, thesis, quote (original and
    English), claimed figure, the judged reading with its value and verdict, the other readings,
    and a link to the section that tests it (HTML in the Claim cell). ``prefix`` is the path from
    the page to the chapters."""
    cells = claim_cells(claims, readings)
    return pd.concat([pd.DataFrame({
        "Claim": [_link(c, p, prefix) for c, p in zip(claims["claim_id"], claims["checked_in"], strict=True)],
        "Seed": claims["seed_file"].map(seed_labels(seeds)),
        "Thesis": thesis_of(claims),
    }, index=claims.index), cells], axis=1)


def scorecard_chart(card: pd.DataFrame, claims: pd.DataFrame) -> alt.Chart:
    """Claims by verdict: one stacked bar for the whole ledger, one per seed, one per thesis."""
    seeds = sorted(card.loc[card["grouping"] == "By seed", "group"].unique())
    theses = [t for t in THESES.values() if t in set(card["group"])]
    order = ["All claims", *seeds, *theses]
    data = card.assign(verdict=card["verdict"].astype(str), rank=card["group"].map(order.index))
    verdicts = [v for v in VERDICT_COLOURS if v in set(data["verdict"])]
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("group:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
        x=alt.X("sum(claims):Q", title="Claims", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("verdict:N", title="Verdict", sort=verdicts,
                        scale=alt.Scale(domain=verdicts, range=[VERDICT_COLOURS[v] for v in verdicts]),
                        legend=alt.Legend(orient="bottom", columns=2)),
        order=alt.Order("verdict_rank:Q"),
        tooltip=[alt.Tooltip("grouping:N", title="Grouping"), alt.Tooltip("group:N", title="Group"),
                 alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("claims:Q", title="Claims")],
    ).transform_calculate(
        verdict_rank=" + ".join(f"(datum.verdict == '{v}' ? {i} : 0)" for i, v in enumerate(verdicts))
    ).properties(height=26 * len(order))
    counts = verdict_counts(claims)
    finding = (f"Of {len(claims)} seed claims, {counts['holds'] + counts['roughly holds']} hold or roughly hold "
               f"and {counts['cannot be checked']} cannot be checked")
    return ledger_chart(chart, finding=finding, units="Seed claims by headline verdict (count); one bar for all, "
                        "one per seed, one per thesis", citations=[],
                        model="the claims ledger (data/claims.csv, analysis.ledger)",
                        data=data.drop(columns=["rank"]), csv_name="claims-scorecard.csv")


def unchecked_markdown(claims: pd.DataFrame) -> str:
    """One bullet per claim that cannot be checked: its id, English quote and why."""
    rows = claims[claims["verdict"] == "cannot be checked"]
    return "\n".join(f"- **{r.claim_id}** “{r.quote_en}”: {r.how}." for r in rows.itertuples())


@dataclass(frozen=True)
class SentenceCount:
    """How the number-bearing sentences of the seeds are answered."""

    sentences: int
    quoted: int
    not_claims: int
    reasons: dict[str, int]
    repeated: int


def sentence_count(sentences: pd.DataFrame) -> SentenceCount:
    """Count the number-bearing sentences quoted by a claim and those listed as not a claim, by
    reason, and those that repeat an earlier sentence of the same seed word for word."""
    marked = sentences["not_a_claim"].notna()
    return SentenceCount(len(sentences), int((~marked).sum()), int(marked.sum()),
                         {k: int(v) for k, v in sentences.loc[marked, "not_a_claim"].value_counts().items()},
                         int(sentences.duplicated(["seed_file", "text"]).sum()))


def not_claims_view(sentences: pd.DataFrame, seeds: pd.DataFrame) -> pd.DataFrame:
    """The sentences that carry a number but state no figure to test, for readers."""
    rows = sentences[sentences["not_a_claim"].notna()]
    return pd.DataFrame({
        "Seed": rows["seed_file"].map(seed_labels(seeds)),
        "Sentence": rows["sentence"],
        "Text": rows["text"],
        "Why it is not a claim": rows["not_a_claim"],
        "In a few words": [f"{w} (see {c})" if isinstance(c, str) else w
                           for w, c in zip(rows["why"], rows["see_claim"], strict=True)],
    })
