"""The Data page: every table of ``data/`` with its schema, size, sources and a download link."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from analysis.ledger import NOT_YET


def field_summary(field: dict[str, Any]) -> str:
    """One field as readers see it: name, type, unit and allowed values (the first few)."""
    parts = [f"<code>{html.escape(field['name'])}</code> ({field.get('type', 'string')}"]
    if field.get("unit"):
        parts[0] += f", {html.escape(field['unit'])}"
    parts[0] += ")"
    enum = field.get("constraints", {}).get("enum")
    if enum:
        shown = ", ".join(html.escape(str(v)) for v in enum[:6])
        parts.append(f"one of {shown}" + (f" and {len(enum) - 6} more" if len(enum) > 6 else ""))
    if field.get("constraints", {}).get("required"):
        parts.append("required")
    return " — ".join(parts)


def catalog(descriptor: dict[str, Any], tables: dict[str, pd.DataFrame], prefix: str = "../data/") -> pd.DataFrame:
    """One row per table: name and download link, title and description, rows, sources cited,
    and its fields (HTML cells). ``prefix`` is the path from the page to the published tables."""
    rows = []
    for res in descriptor["resources"]:
        frame = tables[res["name"]]
        cited = frame["source_id"].nunique() if "source_id" in frame.columns else 0
        fields = "<br>".join(field_summary(f) for f in res["schema"]["fields"])
        rows.append({
            "Table": f'<a href="{prefix}{html.escape(res["path"])}" download>{html.escape(res["path"])}</a>',
            "What it holds": f"<strong>{html.escape(res.get('title', ''))}</strong>. "
                             f"{html.escape(res.get('description', ''))}",
            "Rows": len(frame),
            "Sources cited": cited,
            "Fields": fields,
        })
    return pd.DataFrame(rows)


def seed_table(seeds: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per seed article: file, language, what the copy states about itself, our summary,
    and its claims with their verdicts, each linked to the page that tests it (HTML cells)."""
    rows = []
    for seed in seeds.itertuples():
        mine = claims[claims["seed_file"] == seed.seed_file]
        counts = mine["verdict"].fillna(NOT_YET).value_counts()
        links = ", ".join(
            f'<a href="{html.escape(page)}.html#claims-checked-here">{html.escape(cid)}</a>' if isinstance(page, str)
            else html.escape(cid) for cid, page in zip(mine["claim_id"], mine["checked_in"], strict=True))
        stated = "; ".join(x for x in (f"dated {seed.stated_date:%Y-%m-%d}" if pd.notna(seed.stated_date) else "",
                                       seed.stated_origin if isinstance(seed.stated_origin, str) else "") if x)
        rows.append({
            "Seed": f"<code>{html.escape(seed.seed_file)}</code>",
            "Language": f'{html.escape(seed.language)} (<span lang="{seed.lang}">{seed.lang}</span>)',
            "The copy states": html.escape(stated) or "no title, author, publisher or date",
            "In our words": html.escape(seed.summary),
            "Claims": f"{len(mine)}: " + ", ".join(f"{n} {v}" for v, n in counts.items()) + f"<br>{links}",
        })
    return pd.DataFrame(rows)
