"""Provenance: does an excerpt state its figure, and how is a chart's source line written.

Pure functions over rows already loaded by :mod:`analysis.data`.
"""

from __future__ import annotations

import ast
import html
import operator
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable

import pandas as pd

#: Multiplier of each unit of a sourced figure, relative to its base unit (USD, percent, ...).
UNIT_SCALE = {
    "usd": 1.0,
    "usd_th": 1e3,
    "usd_mn": 1e6,
    "usd_bn": 1e9,
    "usd_tn": 1e12,
    "pct": 1.0,
    "years": 1.0,
    "acres": 1.0,
    "count": 1.0,
    "index": 1.0,
    "count_mn": 1e6,
    "gw": 1.0,
    "ratio": 1.0,
    "multiple": 1.0,
    "usd_per_month": 1.0,
    "shares": 1.0,
    "price": 1.0,
    "cny_bn": 1e9,
    "twh": 1.0,
    "watts": 1.0,
    "kw": 1.0,
    "mw": 1.0,
    "usd_per_mw_day": 1.0,
    "usd_per_kw": 1.0,
    "year": 1.0,
    "cad_bn": 1e9,
    "usd_per_mwh": 1.0,
    "usd_per_hour": 1.0,
    "months": 1.0,
}

#: Scale words that may follow a number in an excerpt ("$80 billion", "80B", "80,000 million").
SCALE_WORDS = {
    "trillion": 1e12, "tn": 1e12, "t": 1e12,
    "thousand": 1e3, "k": 1e3,
    "billion": 1e9, "bn": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "m": 1e6,
}

#: Small whole numbers written as words ("from four years to six years").
NUMBER_WORDS = {w: float(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.I)
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([A-Za-z]+)?")
_ARTICLE = re.compile(r"\b(?:a|an)\s+(trillion|billion|million|thousand|gigawatt)\b", re.I)
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
#: Pure rescaling constants a derivation may use without the excerpt stating them.
SCALE_CONSTANTS = {100.0, 1000.0, 1_000_000.0}


def numbers_in(text: str) -> list[tuple[float, float]]:
    """Every number written in ``text`` as ``(number, scale)``; scale is 1 unless a scale word follows.

    >>> numbers_in("capex of $52.5bn, up from 32,251 million")
    [(52.5, 1000000000.0), (32251.0, 1000000.0)]
    """
    text = unicodedata.normalize("NFKC", text)
    found = []
    for whole, fraction, word in _NUMBER.findall(text):
        number = float(whole.replace(",", "") + (fraction or ""))
        found.append((number, SCALE_WORDS.get((word or "").lower(), 1.0)))
    found += [(NUMBER_WORDS[w.lower()], 1.0) for w in _WORD.findall(text)]
    # "a trillion dollars", "more than a gigawatt": one of the scale or unit word.
    found += [(1.0, SCALE_WORDS.get(w.lower(), 1.0)) for w in _ARTICLE.findall(text)]
    # Commas may also separate values (a CSV line): a field that is a bare number counts on its own.
    found += [(float(f), 1.0) for f in (part.strip() for part in text.split(",")) if _PLAIN.fullmatch(f)]
    return found


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def excerpt_states(value: float, unit: str, excerpt: str) -> bool:
    """True when ``excerpt`` writes ``value`` (in ``unit``), in any usual form.

    A bare number matches the value as the table stores it ("13,184" for 13184 usd_mn); a
    number with a scale word matches after scaling ("$80 billion", "80B", "80,000 million"
    all match 80 usd_bn). Tables scraped with their cells run together ("2,9703,8963,196")
    match on the grouped form ("3,896", or "743.00" where every cell has two decimals);
    small whole numbers may be words ("six years").
    """
    base = value * UNIT_SCALE[unit]
    if abs(value) >= 1000 and _grouped(abs(value)) in excerpt:
        return True
    if abs(value) >= 100 and float(value).is_integer() and f"{_grouped(abs(value))}.00" in excerpt:
        return True
    for number, scale in numbers_in(excerpt):
        if _close(number * scale, abs(base)) if scale != 1.0 else _close(number, abs(value)):
            return True
    return False


def _grouped(number: float) -> str:
    """The number with thousands separators, as a table prints it: 3896 -> '3,896'."""
    text = repr(float(number))
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}"
    return grouped if fraction in ("", "0") else f"{grouped}.{fraction}"


def evaluate_derivation(expression: str) -> tuple[float, list[float]]:
    """Evaluate an arithmetic derivation ("164.7 - 73.3", "(14881 + 16599) / 1000").

    Returns the result and the literals that must appear in the excerpt (every literal but the
    pure rescaling constants 1000 and 1,000,000).
    """
    tree = ast.parse(expression.replace(",", ""), mode="eval")
    literals: list[float] = []

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            literals.append(float(node.value))
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            return _BINOPS[type(node.op)](walk(node.left), walk(node.right))
        raise ValueError(f"derivation {expression!r} may use only numbers, + - * / and brackets")

    result = walk(tree)
    return result, [x for x in literals if x not in SCALE_CONSTANTS]


def derivation_problem(value: float, excerpt: str, derivation: str) -> str | None:
    """Why a derived row does not follow from its excerpt, or None when it does.

    ``derivation`` reads ``"<expression>: <note>"``; the expression's literals must all be
    written in the excerpt and the expression must give ``value`` (to the value's precision).
    A count reads ``"count: <item>; <item>; …"``: every item must be written in the excerpt and
    the number of items must be ``value``.

    >>> derivation_problem(2, "Ann Lee, Bo Wu", "count: Ann Lee; Bo Wu")
    >>> derivation_problem(3, "Ann Lee, Bo Wu", "count: Ann Lee; Bo Wu; Cy Ng")
    "count items not written in the excerpt: ['Cy Ng']"
    """
    if derivation.startswith("count:"):
        items = [x.strip() for x in derivation.removeprefix("count:").split(";") if x.strip()]
        absent = [x for x in items if x not in excerpt]
        if absent:
            return f"count items not written in the excerpt: {absent}"
        return None if len(items) == value else f"the count lists {len(items)} items, the table says {value:g}"
    expression = derivation.split(":", 1)[0]
    try:
        result, literals = evaluate_derivation(expression)
    except (SyntaxError, ValueError, ZeroDivisionError) as exc:
        return f"cannot evaluate derivation {expression!r}: {exc}"
    written = [n for n, _ in numbers_in(excerpt)]
    missing = [x for x in literals if not any(_close(x, n) for n in written)]
    if missing:
        return f"derivation uses {missing}, not written in the excerpt"
    decimals = len(repr(float(value)).split(".")[1].rstrip("0")) if "." in repr(float(value)) else 0
    if round(result, decimals) != round(value, decimals):
        return f"derivation gives {result}, the table says {value}"
    return None


def figure_problem(value: float, unit: str, excerpt: str, derivation: str | None) -> str | None:
    """Why a sourced row's excerpt does not support its figure, or None when it does."""
    if derivation:
        return derivation_problem(value, excerpt, derivation)
    if excerpt_states(value, unit, excerpt):
        return None
    return f"the excerpt does not state {value:g} ({unit})"


#: Hosts that publish an issuer's own documents: filing agencies, the issuers' own sites and
#: investor-relations CDNs, research firms for their own data, and the wires issuers release through.
ISSUER_HOSTS = frozenset({
    "www.sec.gov", "sec.gov", "nvidianews.nvidia.com", "ir.amd.com", "investor.atmeta.com",
    "d18rn0p25nwr6d.cloudfront.net", "abc.xyz", "www.oracle.com", "www.sequoiacap.com", "sequoiacap.com",
    "www.srgresearch.com", "srgresearch.com", "www.prnewswire.com", "www.globenewswire.com",
    "www.businesswire.com", "www.einpresswire.com", "artificialanalysis.ai", "api-docs.deepseek.com",
    "docs.anthropic.com", "platform.moonshot.ai", "help.aliyun.com", "blog.google", "eta.lbl.gov", "emp.lbl.gov",
    "docs.nvidia.com", "www.prnewswire.co.uk", "intelligence.uptimeinstitute.com", "www.iea.org", "www.eia.gov",
    "www.pjm.com", "www.cisco.com", "www.dentsu.com", "www.anthropic.com", "metr.org",
})
#: Hosts that scrape, aggregate or relay other documents: a figure read there is weak, whatever it says.
AGGREGATOR_HOSTS = frozenset({
    "stockanalysis.com", "www.stock-analysis-on.net", "stock-analysis-on.net", "stock-data.online",
    "financialmodelingprep.com", "amigobulls.com", "stocktwits.com", "discussion.fool.com", "rss.mediahub.az",
    "macrospire.com", "titanstockanalysis.com", "www.macrotrends.net",
})
#: Code hosts where an issuer publishes its own documents under its own account: a model card in
#: the lab's repository, a research organisation's data in its own.
ISSUER_ACCOUNTS = ("https://github.com/deepseek-ai/", "https://github.com/MoonshotAI/", "https://github.com/MiniMax-AI/",
                   "https://github.com/openai/", "https://github.com/QwenLM/", "https://github.com/zai-org/",
                   "https://github.com/epoch-research/", "https://huggingface.co/deepseek-ai/")
ACCESSION = re.compile(r"\b\d{10}-\d{2}-\d{6}\b")
#: A release copy whose title states the issuer's release and its date: "(press release, 2025-02-06)".
DATED_RELEASE = re.compile(r"\((?:[A-Za-z0-9 -]+ )?(?:press release|Form 8-K|blog)[^)]*\d{4}-\d{2}(?:-\d{2})?", re.I)
#: Words that name a tool, a lookup id or a copy mechanism, not a document.
TOOL_WORDS = re.compile(r"edgartools|xbrl extract|github|mirror|text copy|\bid \d{6,}|scrap|\brss\b|lookup",
                        re.I)


def origin_problem(kind: str, url: str, original_url: str | None, title: str) -> str | None:
    """Why a source's kind or title breaks the provenance rules, or None.

    A ``primary`` source must show its origin: a URL on an issuer's host, an ``original_url``, an
    accession number, or — for a release copy — the release's title and date. A page on a
    scraper's or aggregator's host is ``weak``. No title names a tool or a lookup id.
    """
    if TOOL_WORDS.search(title):
        return f"title names a tool or an id, not a document: {title!r}"
    host = urllib.parse.urlparse(url).netloc
    if host in AGGREGATOR_HOSTS and kind != "weak":
        return f"{host} scrapes or relays other documents: mark the source weak"
    if kind != "primary":
        return None
    if (host in ISSUER_HOSTS or url.startswith(ISSUER_ACCOUNTS) or original_url or ACCESSION.search(title)
            or ACCESSION.search(url)):
        return None
    if DATED_RELEASE.search(title):
        return None
    return "primary source states no origin: give original_url or an accession number, or mark it secondary"


def figure_columns(resource: dict) -> list[str]:
    """Every numeric column of a sourced table (one with a ``source_id`` field): each must be
    stated in its row's excerpt. A new numeric column is checked without editing any test; only a
    field the descriptor marks ``"figure": false`` (a unit such as tokens per price) is not."""
    fields = resource["schema"]["fields"]
    if "source_id" not in {f["name"] for f in fields}:
        return []
    return [f["name"] for f in fields if f["type"] in ("number", "integer") and f.get("figure", True)]


def sourced_figure_problems(resource: dict, frame: pd.DataFrame) -> list[str]:
    """``file:line: column: why`` for every figure of a sourced table its excerpt does not state.

    A column ``X`` is read in ``X_excerpt`` when the row fills it (a figure from another passage
    or document), else in ``excerpt``; its unit is the field's fixed ``unit`` in the descriptor,
    else the row's ``unit``; a row's ``derivation`` applies to the first figure column.
    """
    columns = figure_columns(resource)
    fixed = {f["name"]: f.get("unit") for f in resource["schema"]["fields"]}
    problems = []
    for line, row in enumerate(frame.to_dict("records"), start=2):
        for i, column in enumerate(columns):
            value = row[column]
            if pd.isna(value):
                continue
            own = row.get(f"{column}_excerpt")
            excerpt = own if isinstance(own, str) and own else row["excerpt"]
            derivation = row.get("derivation") if i == 0 and isinstance(row.get("derivation"), str) else None
            why = figure_problem(value, fixed[column] or row["unit"], excerpt, derivation)
            if why:
                problems.append(f"data/{resource['path']}:{line}: column '{column}': {why}")
    return problems


def cite(source_ids: Iterable[str], sources: pd.DataFrame) -> list[dict[str, str]]:
    """Citations for the given source ids, in first-use order, as dicts for a chart's source line."""
    table = sources.set_index("source_id")
    out = []
    for sid in dict.fromkeys(source_ids):
        row = table.loc[sid]
        out.append({
            "source_id": sid,
            "publisher": row["publisher"],
            "title": row["title"],
            "url": row["url"],
            "original_url": row["original_url"] if isinstance(row.get("original_url"), str) else "",
            "published": pd.Timestamp(row["published"]).strftime("%Y-%m-%d"),
            "kind": row["kind"],
        })
    return out


def source_line_html(citations: list[dict[str, str]]) -> str:
    """The HTML source line under a chart: publisher, linked title, date; primary sources first."""
    ordered = sorted(citations, key=lambda c: KIND_ORDER.index(c["kind"]))
    items = [
        f'{html.escape(c["publisher"])}, <a href="{html.escape(c["url"])}">{html.escape(c["title"])}</a> '
        f'({c["published"]}{"" if c["kind"] == "primary" else ", " + c["kind"]}'
        + (f', <a href="{html.escape(c["original_url"])}">original</a>' if c.get("original_url") else "") + ")"
        for c in ordered
    ]
    return "Sources: " + "; ".join(items) + "."


def publishers(citations: list[dict[str, str]], most: int = 4) -> str:
    """A short list of publishers for a chart's subtitle (so an exported image keeps it):
    primary publishers first, at most ``most`` of them, then how many more."""
    ordered = sorted(citations, key=lambda c: KIND_ORDER.index(c["kind"]))
    names = list(dict.fromkeys(issuer(c["publisher"]) for c in ordered))
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


KIND_ORDER = ("primary", "secondary", "weak")


def issuer(publisher: str) -> str:
    """The publisher without the bracketed copy host or channel, for a chart's subtitle:
    "Amazon.com, Inc. (via github.com/x)" and "Amazon.com, Inc. (SEC EDGAR)" -> "Amazon.com, Inc."."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", publisher).strip() or publisher


def source_summary(citations: list[dict[str, str]], most: int = 2) -> str:
    """One line under a chart: the first documents by name (primary first), how many more, and
    the count of each kind — "Sources: Amazon Form 10-K 2023; Alphabet Q4 2025 release; 31 more
    (20 primary, 12 secondary, 1 weak)."."""
    ordered = sorted(citations, key=lambda c: KIND_ORDER.index(c["kind"]))
    names = [c["title"] for c in ordered[:most]]
    more = f"; {len(ordered) - most} more" if len(ordered) > most else ""
    counts = ", ".join(f"{n} {k}" for k in KIND_ORDER if (n := sum(c["kind"] == k for c in citations)))
    return f"Sources: {'; '.join(names)}{more} ({counts})."


def document_names(source_ids: str, citations: list[dict[str, str]]) -> str:
    """Space-separated source ids as the documents' titles, for a tooltip (never a slug)."""
    titles = {c["source_id"]: c["title"] for c in citations}
    return "; ".join(titles.get(s, s) for s in dict.fromkeys(source_ids.split()))


def bibliography(sources: pd.DataFrame, usage: pd.DataFrame, page_titles: dict[str, str]) -> pd.DataFrame:
    """Every source with the charts that cite it (HTML cells): primary first, then secondary, then weak;
    a copy links to the document where it was read and to the original where it can be stated.

    ``usage`` has columns page, chart_title, source_id (from :func:`analysis.data.notebook_citations`);
    ``page_titles`` maps a page name to its title.
    """
    rows = []
    order = sources.assign(rank=sources["kind"].map(KIND_ORDER.index))
    for src in order.sort_values(["rank", "publisher", "published"]).itertuples():
        used = usage[usage["source_id"] == src.source_id]
        original = (f' (<a href="{html.escape(src.original_url)}">original</a>)'
                    if isinstance(src.original_url, str) and src.original_url else "")
        charts = "<br>".join(
            f'<a href="{html.escape(p)}.html">{html.escape(page_titles.get(p, p))}</a>: {html.escape(t)}'
            for p, t in zip(used["page"], used["chart_title"], strict=True)
        )
        rows.append({
            "Source": f'{html.escape(src.publisher)}, <a href="{html.escape(src.url)}">{html.escape(src.title)}</a>'
                      + original,
            "Published": pd.Timestamp(src.published).strftime("%Y-%m-%d"),
            "Kind": src.kind,
            "Id in data/": f"<code>{html.escape(src.source_id)}</code>",
            "Charts that use it": charts or "(data tables only)",
        })
    return pd.DataFrame(rows)
