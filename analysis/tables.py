"""Tables for readers: human headers with units, formatted numbers, quotes marked with their
language, and — for long tables — sorting and filtering in the static page.

:func:`html_table` writes plain, deterministic HTML (nbval compares it byte for byte). A table
with more than :data:`SORTABLE_ROWS` rows gets the class ``ledger-sortable``; the page's
``ledger-tables.js`` then makes its headers sort buttons and adds a text filter and a drop-down
for every column marked ``facet``. Nothing is fetched and no kernel is needed.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

#: Tables longer than this sort and filter in the page.
SORTABLE_ROWS = 15
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def language(text: str) -> str:
    """The BCP 47 tag of a seed quote: ``zh`` for Chinese script, ``vi`` for Vietnamese, else ``en``.

    >>> language("英伟达售出了4000亿美元的芯片"), language("Bạn trả tiền cho tôi"), language("$20/month")
    ('zh', 'vi', 'en')
    """
    if _CJK.search(text):
        return "zh"
    return "vi" if _VIETNAMESE.search(text) else "en"


def usd_bn(value: float) -> str:
    """USD billions for a table cell: one decimal, thousands separators."""
    return f"{value:,.1f}"


def pct(value: float) -> str:
    """A fraction as a percentage with one decimal: 0.123 → ``12.3%``."""
    return f"{value:.1%}"


def pct0(value: float) -> str:
    """A fraction as a whole percentage: 0.123 → ``12%``."""
    return f"{value:.0%}"


def plain(value: Any) -> str:
    """Any cell as text (integers without a decimal point)."""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value)}"
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a reader's table: the frame's ``key``, its ``header`` (with units), how to
    format a cell, whether the filter offers its values (``facet``), whether the cell is a quote
    whose language must be marked (``quote``) or trusted HTML (``markup``)."""

    key: str
    header: str
    fmt: Callable[[Any], str] = plain
    facet: bool = False
    quote: bool = False
    markup: bool = False


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def _cell(value: Any, column: Column) -> str:
    if _missing(value):
        return '<td data-sort="">—</td>'
    text = column.fmt(value)
    body = text if column.markup else html.escape(text)
    if column.quote:
        body = f'<span lang="{language(str(value))}">{body}</span>'
    sort = f' data-sort="{float(value)!r}"' if isinstance(value, int | float) and not isinstance(value, bool) else ""
    return f"<td{sort}>{body}</td>"


def html_table(frame: pd.DataFrame, columns: list[Column], *, caption: str | None = None,
               sortable: bool | None = None) -> str:
    """The frame as an HTML table for readers; ``sortable`` defaults to "more than
    :data:`SORTABLE_ROWS` rows"."""
    missing = [c.key for c in columns if c.key not in frame.columns]
    if missing:
        raise KeyError(f"table has no column(s) {missing}")
    sortable = len(frame) > SORTABLE_ROWS if sortable is None else sortable
    classes = "ledger-table" + (" ledger-sortable" if sortable else "")
    head = "".join(f'<th scope="col"{" data-facet" if c.facet else ""}>{html.escape(c.header)}</th>'
                   for c in columns)
    body = "\n".join("<tr>" + "".join(_cell(row[c.key], c) for c in columns) + "</tr>"
                     for _, row in frame.iterrows())
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    label = html.escape(caption or "Table", quote=True)
    return (f'<div class="ledger-table-wrap" tabindex="0" role="region" aria-label="{label}">'
            f'<table class="{classes}">{cap}<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table></div>")
